"""Reading a file of historical completions (CSV or XLSX) into rows, with Danish line-numbered
errors for what can be judged without the database. ``history_import`` (history_import.py)
checks the rows against people and courses and writes them.

Columns (header row, case-insensitive; Danish canonical, English aliases): ``medarbejdernr``
(tjenestenummer), ``kursus`` (slug or title), ``gennemført`` (dd-mm-åååå or ISO), and the
optional ``point`` (0–100), ``kursusbevis`` (the old certificate number) and ``gyldig_til``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from people.importers.csvfile import decode
from people.importers.rows import MAX_ERRORS, error_line, parse_date

#: canonical Danish header → accepted aliases (compared case-insensitively, spaces as "_").
COLUMNS: dict[str, tuple[str, ...]] = {
    "medarbejdernr": ("tjenestenummer", "tjenestenr", "medarbejdernummer", "employee_number"),
    "kursus": ("kursusnavn", "course", "course_slug", "course_title"),
    "gennemført": ("gennemfoert", "gennemført_dato", "dato", "completed", "completed_on"),
    "point": ("score", "resultat", "procent"),
    "kursusbevis": ("kursusbevisnr", "certifikatnr", "bevisnr", "certificate_number"),
    "gyldig_til": ("gyldigt_til", "udløber", "valid_until"),
}
REQUIRED = ("medarbejdernr", "kursus", "gennemført")
#: The longest text each column holds (the model's field); a longer value refuses the file.
MAX_LENGTHS = {"medarbejdernr": 40, "kursus": 255, "kursusbevis": 60}

XLSX_MAGIC = b"PK\x03\x04"


@dataclass(slots=True)
class HistoryRow:
    line: int
    number: str
    course: str
    completed_on: dt.date
    score: Decimal | None
    certificate: str
    valid_until: dt.date | None


@dataclass
class HistoryFile:
    rows: list[HistoryRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: The file line of each row error, to merge with later checks.
    error_lines: list[int] = field(default_factory=list)

    def numbered_errors(self) -> list[tuple[int, str]]:
        """(line, error) pairs; errors about the file as a whole (encoding, header) are line 0."""
        lines = [0] * (len(self.errors) - len(self.error_lines)) + self.error_lines
        return list(zip(lines, self.errors, strict=True))

    #: Danish lines for the preview (optional columns the file does not have).
    notes: list[str] = field(default_factory=list)


def history_file_read(*, data: bytes, fmt: str, today: dt.date) -> HistoryFile:
    """Rows and errors of a CSV (``;`` or ``,``, UTF-8 ± BOM or Windows-1252) or XLSX file
    (its first sheet). No queries."""
    parsed = HistoryFile()
    if fmt == "xlsx" or data.startswith(XLSX_MAGIC):
        records = _xlsx_records(data, parsed.errors)
    else:
        records = _csv_records(data, parsed.errors)
    if parsed.errors:
        return parsed
    try:
        header = next(records, None)
        if header is None:
            parsed.errors.append(_("Filen er tom."))
            return parsed
        index = _columns(header[1], parsed)
        if index is None:
            return parsed
        label = str(_("Række %(row)d"))  # translated once, not per row
        for line, values in records:
            if not any(_text(v) for v in values):
                continue
            if len(parsed.errors) >= MAX_ERRORS:
                break
            before = len(parsed.errors)
            row = _row(line, values, index, parsed.errors, today=today, label=label)
            if row is not None:
                parsed.rows.append(row)
            parsed.error_lines += [line] * (len(parsed.errors) - before)
    except _Unreadable as exc:
        parsed.errors.append(str(exc))
        parsed.error_lines.append(exc.line)
    if not parsed.rows and not parsed.errors:
        parsed.errors.append(_("Filen indeholder ingen gennemførelser."))
    return parsed


class _Unreadable(Exception):
    """The file cannot be read past ``line``; the message is the Danish error line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _csv_records(data: bytes, errors: list[str]) -> Iterator[tuple[int, list]]:
    try:
        text = decode(data)
    except ValueError:
        errors.append(
            _("Filen er hverken UTF-8 eller Windows-1252. Gem den som CSV (UTF-8) i Excel.")
        )
        return iter(())
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def records() -> Iterator[tuple[int, list]]:
        try:
            yield from enumerate(reader, start=1)
        except csv.Error as exc:
            raise _Unreadable(
                _("Række %(row)d: rækken kan ikke læses som CSV (%(error)s).")
                % {"row": reader.line_num, "error": exc},
                reader.line_num,
            ) from exc

    return records()


def _xlsx_records(data: bytes, errors: list[str]) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception:  # a damaged or foreign file: openpyxl raises many kinds
        errors.append(_("Filen kan ikke læses som et Excel-regneark (XLSX)."))
        return iter(())

    def records() -> Iterator[tuple[int, list]]:
        try:
            yield from enumerate((list(r) for r in sheet.iter_rows(values_only=True)), start=1)
        finally:
            book.close()

    return records()


def _columns(header: Iterable, parsed: HistoryFile) -> dict[str, int] | None:
    lookup = {}
    for canonical, aliases in COLUMNS.items():
        for name in (canonical, *aliases):
            lookup[name] = canonical
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        canonical = lookup.get(_text(name).lower().replace(" ", "_"))
        if canonical is not None and canonical not in index:
            index[canonical] = position
    missing = [name for name in REQUIRED if name not in index]
    if missing:
        parsed.errors.append(
            _("Række 1: kolonnen mangler: %(columns)s.") % {"columns": ", ".join(missing)}
        )
        return None
    for name in COLUMNS:
        if name not in index:
            parsed.notes.append(
                _("Kolonnen “%(column)s” findes ikke i filen — feltet står tomt.")
                % {"column": name}
            )
    return index


def _text(value) -> str:
    """A cell as text: numbers from a spreadsheet without a trailing ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _row(line, values, index, errors, *, today: dt.date, label: str) -> HistoryRow | None:
    where = label % {"row": line}
    bad = len(errors)

    def cell(name: str):
        position = index.get(name)
        if position is None or position >= len(values):
            return None
        return values[position]

    def date(name: str) -> dt.date | None:
        value = cell(name)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            errors.append(
                error_line(
                    where,
                    name,
                    _("“%(value)s” er ikke en gyldig dato (dd-mm-åååå eller åååå-mm-dd)")
                    % {"value": text[:40]},
                )
            )
            return None

    number, course, certificate = (
        _text(cell(n)) for n in ("medarbejdernr", "kursus", "kursusbevis")
    )
    for name, value in (("medarbejdernr", number), ("kursus", course)):
        if not value:
            errors.append(error_line(where, name, _("skal udfyldes")))
    for name, value in (
        ("medarbejdernr", number),
        ("kursus", course),
        ("kursusbevis", certificate),
    ):
        if len(value) > MAX_LENGTHS[name]:
            errors.append(
                error_line(
                    where,
                    name,
                    _("er for lang (%(length)d tegn, højst %(limit)d)")
                    % {"length": len(value), "limit": MAX_LENGTHS[name]},
                )
            )
    completed_on = date("gennemført")
    if completed_on is None and not _text(cell("gennemført")):
        errors.append(error_line(where, "gennemført", _("skal udfyldes")))
    if completed_on is not None and completed_on > today:
        errors.append(
            error_line(
                where,
                "gennemført",
                _("%(date)s ligger i fremtiden") % {"date": completed_on.strftime("%d-%m-%Y")},
            )
        )
    valid_until = date("gyldig_til")
    if completed_on and valid_until and valid_until < completed_on:
        errors.append(error_line(where, "gyldig_til", _("ligger før gennemførelsesdatoen")))
    score = _score(where, cell("point"), errors)
    if len(errors) > bad or completed_on is None:
        return None
    return HistoryRow(line, number, course, completed_on, score, certificate, valid_until)


def _score(where: str, value, errors: list[str]) -> Decimal | None:
    text = _text(value).rstrip("%").strip().replace(",", ".")
    if not text:
        return None
    try:
        score = Decimal(text)
    except InvalidOperation:
        score = None
    if score is None or not score.is_finite():
        errors.append(
            error_line(where, "point", _("“%(value)s” er ikke et tal") % {"value": text[:40]})
        )
        return None
    if score < 0:
        errors.append(
            error_line(where, "point", _("må ikke være negativ (%(value)s)") % {"value": text})
        )
    elif score > 100:
        errors.append(
            error_line(where, "point", _("må højst være 100 (%(value)s)") % {"value": text})
        )
    return score.quantize(Decimal("0.01"))
