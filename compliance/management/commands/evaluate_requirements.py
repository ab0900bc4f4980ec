from django.core.management.base import BaseCommand

from compliance.services import requirements_evaluate


class Command(BaseCommand):
    help = "Tildel obligatoriske kurser, der er forfaldne, og markér overskredne frister."

    def handle(self, *args, **options):
        result = requirements_evaluate()
        self.stdout.write(
            f"{result.assigned} tildelt, {result.recertifications} nye runder, "
            f"{result.overdue} overskredne, {result.superseded} afløst."
        )
