from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Opretter demodata (enheder, brugere, administrationsgrundlag, kurser). Kan køres flere gange."

    def handle(self, *args, **options):
        if not settings.PARAGRAF_ALLOW_DEMO:
            raise CommandError(
                "seed_demo kører kun med DJANGO_DEBUG=1 (demodata hører ikke til i produktion)."
            )
        seed_demo()
        password = settings.PARAGRAF_DEMO_PASSWORD
        self.stdout.write(self.style.SUCCESS("Demodata er klar."))
        self.stdout.write(
            f"Demo-logins (adgangskode: {password}) på http://127.0.0.1:8000/log-ind/:"
        )
        for username, role in (
            ("medarbejder", "ny medarbejder"),
            ("leder", "leder"),
            ("hr", "HR"),
            ("jurist", "jurist (forfatter)"),
            ("jurist2", "jurist (godkender)"),
            ("admin", "administrator"),
        ):
            self.stdout.write(f"  {username:<12} {role}")
