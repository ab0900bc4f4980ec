import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guidelines.eli_fixtures import FIXTURES, FixtureServer, answers_from_folder


class Command(BaseCommand):
    help = (
        "Server de optagne retsinformation.dk-svar (ELI-feed og metadata) lokalt, så "
        "check_statutes --base-url kan afprøves uden internet. Kun til demo og test."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument(
            "--scenario",
            default="newer-fvl",
            help="Mappe under guidelines/fixtures/eli/ (standard: newer-fvl).",
        )

    def handle(self, *args, **options):
        folder = FIXTURES / options["scenario"]
        if not folder.is_dir():
            raise CommandError(f"Ukendt scenarie: {options['scenario']}")
        routes = answers_from_folder(folder, feed_path=settings.PARAGRAF_RETSINFORMATION_FEED_PATH)
        with FixtureServer(routes, port=options["port"]) as server:
            self.stdout.write(
                f"Serverer {len(routes)} svar på {server.url} – kør i et andet vindue:\n"
                f"  python manage.py check_statutes --base-url {server.url}\n"
                "Stop med Ctrl+C."
            )
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                self.stdout.write("Stoppet.")
