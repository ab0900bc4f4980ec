from django.core.management.base import BaseCommand

from compliance.reminders import reminders_send


class Command(BaseCommand):
    help = "Send påmindelser om frister for obligatoriske kurser (hver påmindelse sendes én gang)."

    def handle(self, *args, **options):
        result = reminders_send()
        self.stdout.write(
            f"{result.due_soon} påmindelser før fristen, {result.overdue} om overskredet frist, "
            f"{result.manager_digests} oversigter til ledere."
        )
