from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.importers import employees_import
from people.importers.load import MAX_BYTES
from people.importers.rows import command_report


class Command(BaseCommand):
    help = "Indlæs medarbejdere og enheder fra HR (CSV eller KMD OPUS XML). Alt eller intet."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["csv", "opus"], default=None)
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis hvad der ville ske; gem intet."
        )

    def handle(self, *args, file: Path, format: str | None, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"Filen findes ikke: {file}")
        if file.stat().st_size > MAX_BYTES:
            self.stderr.write("Filen er for stor (over 200 MB).")
            sys.exit(1)
        fmt = format or ("opus" if file.suffix.lower() == ".xml" else "csv")
        command_report(
            self,
            lambda: employees_import(data=file.read_bytes(), fmt=fmt, dry_run=dry_run),
            file_name=file.name,
        )
