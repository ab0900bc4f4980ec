"""Spreadsheet exports that cannot run formulas (CSV/formula injection, OWASP).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run by
Excel and LibreOffice as a formula (``=HYPERLINK(…)`` in a person's name). Every export writes
such text with a leading apostrophe; numbers and dates stay typed. Every app may use this
module (people is the lowest layer), in three forms: a value function for our own writers, a
mixin for Wagtail's ``SpreadsheetExportMixin`` (ReportView), and a database expression for
exports that the database writes (``COPY … TO STDOUT``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import CharField, F, Value, When
from django.db.models.functions import Concat, Left
from django.db.models.lookups import In
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: Any) -> Any:
    """The value to write: text that a spreadsheet would run gets a leading apostrophe;
    anything that is not text (numbers, dates, None) is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row_safe(values: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [cell_safe(value) for value in values]


def cell_safe_sql(field: str) -> SqlCase:
    """The text column ``field`` (a lookup path such as ``person__first_name``) as the database
    should write it in an export: the same rule as ``cell_safe``, so rows can stream straight
    from the database (``COPY``) on PostgreSQL and through the ORM elsewhere. One test of the
    first character per cell (``left(x, 1) IN (…)``), not one pattern match per formula start:
    at 5.4 million rows × 6 columns that is most of the database's work in an export."""
    return SqlCase(
        When(
            In(Left(F(field), 1), list(FORMULA_STARTS)),
            then=Concat(Value("'"), F(field), output_field=CharField()),
        ),
        default=F(field),
        output_field=CharField(),
    )


def dated_name(stem: str) -> str:
    """An export's file name without extension: ``stem-YYYY-MM-DD`` (today, local time)."""
    return f"{stem}-{timezone.localdate():%Y-%m-%d}"


class SafeSpreadsheetExportMixin:
    """For Wagtail's ReportView (SpreadsheetExportMixin): every exported cell, CSV and XLSX,
    goes through ``cell_safe`` after Wagtail's own preprocessing; the file is named
    ``file_stem`` and today's date."""

    file_stem = "eksport"

    def get_filename(self) -> str:
        return dated_name(self.file_stem)

    def preprocess_field_value(self, field, value, export_format):
        return cell_safe(super().preprocess_field_value(field, value, export_format))  # type: ignore[misc]
