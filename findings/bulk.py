"""Bulk entry of findings from a CSV (``;`` or ``,``, UTF-8 ± BOM or Windows-1252) or XLSX file:
every row is checked by the same rules as the form (``services.finding_problems``) plus the
file's own (known source, severity, units and provisions); any problem refuses the whole file,
each named by its row in Danish, and nothing is written.

Columns (header row, case-insensitive): ``kilde``, ``dato``, ``enheder`` (unit codes, comma
separated), ``bestemmelser`` (citation keys of provisions or guideline sections, comma
separated), ``alvor``, ``resumé`` and the optional ``reference``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from guidelines.models import GuidelineSection, StatuteProvision
from people.importers.csvfile import decode
from people.importers.rows import MAX_ERRORS, error_line, parse_date
from people.models import OrgUnit, User

from .models import Finding
from .services import FindingDraft, finding_problems

#: canonical Danish header → accepted aliases
COLUMNS: dict[str, tuple[str, ...]] = {
    "kilde": ("source",),
    "dato": ("date", "found_on"),
    "enheder": ("enhed", "enhedskoder", "units"),
    "bestemmelser": ("bestemmelse", "henvisninger", "citations"),
    "alvor": ("grad", "severity"),
    "resumé": ("resume", "resumee", "summary"),
    "reference": ("sagsnummer", "fob", "ref"),
}
REQUIRED = ("kilde", "dato", "enheder", "bestemmelser", "alvor", "resumé")
MAX_BYTES = 2 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


def _key(text: str) -> str:
    return (
        text.strip()
        .lower()
        .replace("æ", "ae")
        .replace("ø", "oe")
        .replace("å", "aa")
        .replace("é", "e")
        .replace(" ", "_")
    )


#: Source and severity as people write them (labels, codes, short forms).
SOURCES = {
    **{_key(str(label)): value for value, label in Finding.Source.choices},
    **{value: value for value in Finding.Source.values},
    "borgerraadgiveren": Finding.Source.BORGERRAADGIVER,
    "ombudsmanden": Finding.Source.OMBUDSMAND,
    "fob": Finding.Source.OMBUDSMAND,
    "fokus": Finding.Source.FOKUS,
    "sagsgennemgang": Finding.Source.REVIEW,
    "kortlaegning": Finding.Source.REVIEW,
    "egen_sagsgennemgang": Finding.Source.REVIEW,
    "klagesag": Finding.Source.COMPLAINT,
    "klage": Finding.Source.COMPLAINT,
}
SEVERITIES = {
    **{_key(str(label)): value for value, label in Finding.Severity.choices},
    **{value: value for value in Finding.Severity.values},
}


@dataclass
class BulkResult:
    drafts: list[FindingDraft] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _records(data: bytes, errors: list[str]) -> Iterator[tuple[int, list]]:
    if data.startswith(XLSX_MAGIC):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
            book.close()
        except Exception:  # a damaged or foreign file: openpyxl raises many kinds
            errors.append(_("Filen kan ikke læses som et Excel-regneark (XLSX)."))
            return iter(())
        return enumerate(rows, start=1)
    try:
        text = decode(data)
    except ValueError:
        errors.append(
            _("Filen er hverken UTF-8 eller Windows-1252. Gem den som CSV (UTF-8) i Excel.")
        )
        return iter(())
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        errors.append(_("Filen kan ikke læses som CSV."))
        return iter(())
    return enumerate(rows, start=1)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def findings_file_read(*, data: bytes, by: User, today: dt.date | None = None) -> BulkResult:
    """The drafts of a file's rows, or the Danish errors that refuse it (each naming its row).
    Three queries (units, provisions, sections) plus the author's unit."""
    today = today or timezone.localdate()
    result = BulkResult()
    if len(data) > MAX_BYTES:
        result.errors.append(_("Filen er for stor (højst 2 MB)."))
        return result
    records = list(_records(data, result.errors))
    if result.errors:
        return result
    records = [(line, values) for line, values in records if any(_text(v) for v in values)]
    if not records:
        result.errors.append(_("Filen er tom."))
        return result
    lookup = {
        _key(name): canonical for canonical, al in COLUMNS.items() for name in (canonical, *al)
    }
    index: dict[str, int] = {}
    for position, name in enumerate(records[0][1]):
        canonical = lookup.get(_key(_text(name)))
        if canonical is not None and canonical not in index:
            index[canonical] = position
    missing = [name for name in REQUIRED if name not in index]
    if missing:
        result.errors.append(
            _("Række 1: kolonnen mangler: %(columns)s.") % {"columns": ", ".join(missing)}
        )
        return result
    rows = records[1:]
    if not rows:
        result.errors.append(_("Filen indeholder ingen fund."))
        return result

    def cell(values: list, name: str):
        position = index.get(name)
        return values[position] if position is not None and position < len(values) else None

    codes = {c for _l, v in rows for c in _split(_text(cell(v, "enheder")))}
    keys = {k for _l, v in rows for k in _split(_text(cell(v, "bestemmelser")))}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    provisions = dict(StatuteProvision.objects.filter(key__in=keys).values_list("key", "pk"))
    sections = dict(GuidelineSection.objects.filter(key__in=keys).values_list("key", "pk"))
    label = _("Række %(row)d")
    for line, values in rows:
        if len(result.errors) >= MAX_ERRORS:
            break
        where = label % {"row": line}
        errors: list[str] = []
        source = SOURCES.get(_key(_text(cell(values, "kilde"))))
        if source is None:
            errors.append(
                error_line(
                    where,
                    "kilde",
                    _(
                        "ukendt kilde (brug fx Borgerrådgiveren, Ombudsmanden, FOKUS, "
                        "sagsgennemgang eller klagesag)"
                    ),
                )
            )
        severity = SEVERITIES.get(_key(_text(cell(values, "alvor"))))
        if severity is None:
            errors.append(
                error_line(where, "alvor", _("skal være kritik, henstilling eller bemærkning"))
            )
        raw_date = cell(values, "dato")
        found_on: dt.date | None = None
        if isinstance(raw_date, dt.datetime):
            found_on = raw_date.date()
        elif isinstance(raw_date, dt.date):
            found_on = raw_date
        else:
            try:
                found_on = parse_date(_text(raw_date))
            except ValueError:
                errors.append(
                    error_line(
                        where, "dato", _("er ikke en gyldig dato (dd-mm-åååå eller åååå-mm-dd)")
                    )
                )
        row_units = []
        for code in _split(_text(cell(values, "enheder"))):
            if code in units:
                row_units.append(units[code])
            else:
                errors.append(
                    error_line(
                        where, "enheder", _("ukendt enhedskode %(code)s") % {"code": code[:40]}
                    )
                )
        targets: list[tuple[str, int]] = []
        for key in _split(_text(cell(values, "bestemmelser"))):
            if key in provisions:
                targets.append(("provision", provisions[key]))
            elif key in sections:
                targets.append(("section", sections[key]))
            else:
                errors.append(
                    error_line(
                        where,
                        "bestemmelser",
                        _("ukendt bestemmelse eller afsnit %(key)s") % {"key": key[:40]},
                    )
                )
        summary = _text(cell(values, "resumé"))
        reference = _text(cell(values, "reference"))
        if not summary:
            errors.append(error_line(where, "resumé", _("skal udfyldes")))
        elif len(summary) > 2000:
            errors.append(error_line(where, "resumé", _("er for langt (højst 2000 tegn)")))
        if len(reference) > 100:
            errors.append(error_line(where, "reference", _("er for lang (højst 100 tegn)")))
        problems = finding_problems(
            found_on=found_on,
            units=row_units,
            targets=targets,
            summary=summary,
            by=by,
            today=today,
        )
        # an unknown code is already named; "at least one" would only repeat it
        if not row_units and any(e.startswith(where) and "enheder" in e for e in errors):
            problems.pop("units", None)
        if not targets and any(e.startswith(where) and "bestemmelser" in e for e in errors):
            problems.pop("citations", None)
        columns = {
            "found_on": "dato",
            "units": "enheder",
            "citations": "bestemmelser",
            "summary": "resumé",
        }
        for name, message in problems.items():
            errors.append(error_line(where, columns[name], message.rstrip(".")))
        if errors:
            result.errors += errors
            continue
        assert source is not None and severity is not None and found_on is not None
        result.drafts.append(
            FindingDraft(
                line=line,
                source=source,
                found_on=found_on,
                severity=severity,
                summary=summary,
                reference=reference,
                units=row_units,
                targets=targets,
            )
        )
    if result.errors:
        result.drafts = []
    return result
