"""``python manage.py apply_retention [--dry-run]``: anonymise leavers past the retention period."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from people.privacy_data import leavers_due, privacy_settings, retention_apply


class Command(BaseCommand):
    help = "Anonymiserer fratrådte medarbejderes læringsdata efter opbevaringsperioden."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hvor mange der ville blive anonymiseret."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        years = privacy_settings().retention_years
        if dry_run:
            count = leavers_due().count()
            self.stdout.write(
                f"{count} fratrådte medarbejdere ville blive anonymiseret ({years} år)."
            )
            return
        count = retention_apply()
        self.stdout.write(
            f"{count} fratrådte medarbejdere anonymiseret ({years} år efter fratræden)."
        )
