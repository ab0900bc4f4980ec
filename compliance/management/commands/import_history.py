from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from compliance.history_import import history_import
from people.hr_imports import hr_upload_max_bytes
from people.importers.rows import command_report


class Command(BaseCommand):
    help = (
        "Indlæs historiske gennemførelser (CSV eller XLSX): medarbejdernr, kursus, gennemført, "
        "valgfrit point, kursusbevis og gyldig_til. Alt eller intet; allerede indlæste rækker "
        "springes over."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hvad der ville ske; gem intet."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"Filen findes ikke: {file}")
        limit = hr_upload_max_bytes()
        if file.stat().st_size > limit:
            # Refused before reading it into memory; the same words as the importer's.
            self.stderr.write(f"Filen er for stor. Den må højst fylde {limit // 2**20} MB.")
            sys.exit(1)
        fmt = "xlsx" if file.suffix.lower() == ".xlsx" else "csv"
        command_report(
            self,
            lambda: history_import(
                data=file.read_bytes(), fmt=fmt, file_name=file.name, dry_run=dry_run
            ),
            file_name=file.name,
        )
