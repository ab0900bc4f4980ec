from django.core.management.base import BaseCommand

from people.roles import ROLE_GRANTS
from people.services import roles_ensure


class Command(BaseCommand):
    help = (
        "Opretter de seks roller (grupper) og giver dem deres rettigheder. Kan køres flere gange; "
        "rettigheder, en administrator har givet i hånden, bliver stående."
    )

    def handle(self, *args, **options):
        groups = roles_ensure()
        for grant in ROLE_GRANTS:
            count = groups[grant.name].permissions.count()
            self.stdout.write(f"  {grant.name:<20} {count} rettigheder")
        self.stdout.write(self.style.SUCCESS("Rollerne er på plads."))
