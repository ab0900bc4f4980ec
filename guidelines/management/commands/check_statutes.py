from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from guidelines.eli import EliError
from guidelines.statute_watch import statutes_check


class Command(BaseCommand):
    help = (
        "Læs retsinformation.dk's ELI-feed og opret gennemsyn for lektioner og spørgsmål, der "
        "citerer en lov, som er ændret eller bekendtgjort på ny."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="Fx http://127.0.0.1:8765 (serve_eli_fixtures). Standard: "
            "PARAGRAF_RETSINFORMATION_URL.",
        )

    def handle(self, *args, **options):
        try:
            result = statutes_check(now=timezone.now(), base_url=options.get("base_url"))
        except EliError as exc:
            raise CommandError(
                "Lovtjekket mislykkedes; intet er gemt, og næste kørsel læser de samme "
                f"opslag igen. Detaljer: {exc}"
            ) from exc
        self.stdout.write(
            f"{len(result.acts_checked)} love tjekket ({len(result.acts_unchanged)} uændrede), "
            f"{len(result.changes)} nye lovændringer, {result.provisions_flagged} bestemmelser "
            f"markeret, {result.review_items} nye punkter i Gennemsyn."
        )
        for change in result.changes:
            self.stdout.write(
                f"  {change.title_short or change.title} ({change.date or '?'}): {change.url}"
            )
