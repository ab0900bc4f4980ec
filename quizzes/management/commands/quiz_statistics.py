"""Item analysis of one quiz as CSV on stdout, for scripts and audits.

One row per question: id, text, category, type, answers, blank answers, ``facility`` (mean score
fraction 0–1, partial credit counted), ``discrimination`` (Pearson's r against the rest of the
test; empty when undefined), the Danish warning and the distribution over every choice. The
figures are those of the admin report (quizzes.item_analysis); text cells are formula-safe.
"""

from __future__ import annotations

import csv
import io

from django.core.management.base import BaseCommand, CommandError

from people.models import OrgUnit
from people.spreadsheets import row_safe
from quizzes.item_analysis import item_analysis
from quizzes.item_totals import item_totals_rebuild
from quizzes.models import QuizPage

COLUMNS = [
    "question_id",
    "text",
    "category",
    "kind",
    "answers",
    "blank",
    "facility",
    "discrimination",
    "warning",
    "distribution",
]


def _rounded(value: float | None) -> float | str:
    """Three decimals, kept a number so that a negative r is not taken for a formula."""
    return "" if value is None else round(value, 3)


class Command(BaseCommand):
    help = (
        "Skriver itemanalysen af en quiz som CSV: én række pr. spørgsmål med lethed (facility), "
        "skelneevne (discrimination), advarsel og svarfordeling."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "quiz", help="Quizzens slug (eller side-id, hvis slugget er tvetydigt)."
        )
        parser.add_argument(
            "--unit", metavar="ENHEDSKODE", help="Kun personer i enheden og dens underenheder."
        )
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Læg først quizzens delsummer sammen forfra ud fra svarene (gøres også hver nat).",
        )

    def handle(self, *args, quiz: str, unit: str | None, rebuild: bool = False, **options):
        found = list(QuizPage.objects.filter(slug=quiz).order_by("pk"))
        if not found and quiz.isdigit():
            found = list(QuizPage.objects.filter(pk=int(quiz)))
        if not found:
            raise CommandError(f"Ingen quiz med slug eller id {quiz!r}.")
        if len(found) > 1:
            ids = ", ".join(f"{q.pk} ({q.url_path})" for q in found)
            raise CommandError(f"Flere quizzer har slug {quiz!r}; angiv side-id: {ids}")
        org_unit = None
        if unit:
            org_unit = OrgUnit.objects.filter(code=unit).first()
            if org_unit is None:
                raise CommandError(f"Ukendt enhedskode: {unit!r}")
        if rebuild:
            item_totals_rebuild(quiz_id=found[0].pk)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        for stat in item_analysis(quiz=found[0], unit=org_unit):
            writer.writerow(
                row_safe(
                    [
                        stat.question_id,
                        stat.text,
                        stat.category,
                        stat.kind,
                        stat.answers,
                        stat.blank,
                        _rounded(stat.facility),
                        _rounded(stat.discrimination),
                        stat.warning,
                        stat.distribution,
                    ]
                )
            )
        self.stdout.write(buffer.getvalue(), ending="")
