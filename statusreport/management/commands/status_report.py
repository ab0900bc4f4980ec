"""``manage.py status_report --from 2026-01-01 --to 2026-12-31 --format pdf|docx -o FILE``:
the committee's status report for the whole administration (or ``--unit``) written to a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from people.models import OrgUnit
from statusreport.build import status_report_build
from statusreport.pdf import status_report_pdf
from statusreport.word import status_report_docx

RENDER = {"pdf": status_report_pdf, "docx": status_report_docx}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"not a date (YYYY-MM-DD): {text!r}") from error


class Command(BaseCommand):
    help = "Write the committee's status report for a period as PDF or DOCX."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=sorted(RENDER), required=True)
        parser.add_argument("-o", "--output", required=True, help="the file to write")
        parser.add_argument(
            "--unit", type=int, help="an org unit id (default: the top of the organisation)"
        )

    def handle(self, *args, **options) -> None:
        date_from, date_to = _date(options["date_from"]), _date(options["date_to"])
        if date_from > date_to:
            raise CommandError("--from lies after --to")
        if options["unit"]:
            unit = OrgUnit.objects.filter(pk=options["unit"]).first()
            if unit is None:
                raise CommandError(f"no org unit with id {options['unit']}")
        else:
            unit = OrgUnit.get_first_root_node()
            if unit is None:
                raise CommandError("there are no org units: import the organisation first")
        with translation.override("da"):
            report = status_report_build(unit=unit, date_from=date_from, date_to=date_to)
            data = RENDER[options["format"]](report)
        output = Path(options["output"])
        # written whole or not at all: a failed run leaves no half file behind
        partial = output.with_name(output.name + ".part")
        partial.write_bytes(data)
        partial.replace(output)
        self.stdout.write(f"{output}: {len(data):,} bytes, {unit.name}, {date_from} – {date_to}")
