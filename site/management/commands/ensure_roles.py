from django.core.management.base import BaseCommand

from authoring.services import WORKFLOW_NAME, four_eyes_workflow_ensure
from people.roles import ROLE_GRANTS
from people.services import roles_ensure


class Command(BaseCommand):
    help = (
        "Opretter de seks roller (grupper) med deres rettigheder og arbejdsgangen "
        "»Juridisk godkendelse« (fire øjne). Kan køres flere gange; rettigheder, en "
        "administrator har givet i hånden, bliver stående."
    )

    def handle(self, *args, **options):
        groups = roles_ensure()
        for grant in ROLE_GRANTS:
            count = groups[grant.name].permissions.count()
            self.stdout.write(f"  {grant.name:<20} {count} rettigheder")
        four_eyes_workflow_ensure()
        self.stdout.write(f"  Arbejdsgang: {WORKFLOW_NAME} (sidetræet og spørgsmål)")
        self.stdout.write(self.style.SUCCESS("Rollerne er på plads."))
