"""The HR CSV as Excel exports it in Denmark: ``;`` or ``,``, UTF-8 (BOM or not) or Windows-1252."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from .rows import (
    FALSE_VALUES,
    MAX_ERRORS,
    TRUE_VALUES,
    EmployeeRow,
    ParsedFile,
    UnitRow,
    error_line,
    parse_date,
    too_long,
)

#: canonical Danish header → accepted aliases (compared case-insensitively).
COLUMNS: dict[str, tuple[str, ...]] = {
    "medarbejdernr": ("employee_number",),
    "fornavn": ("first_name",),
    "efternavn": ("last_name",),
    "email": ("e-mail", "mail"),
    "enhedskode": ("org_unit_code",),
    "enhedsnavn": ("org_unit_name",),
    "overordnet_enhedskode": ("parent_unit_code",),
    "stilling": ("job_title",),
    "leder": ("is_manager",),
    "startdato": ("start_date",),
    "slutdato": ("end_date",),
    "leders_medarbejdernr": ("manager_employee_number",),
}
REQUIRED = ("medarbejdernr", "fornavn", "efternavn", "enhedskode", "startdato")
#: Optional column → the person fields it sets. A column absent from the file leaves them as
#: they are; a column present and empty clears them.
OPTIONAL_FIELDS: dict[str, frozenset[str]] = {
    "email": frozenset({"email"}),
    "stilling": frozenset({"job_title"}),
    "leder": frozenset({"is_manager", "manager_since"}),
    "slutdato": frozenset({"end_date"}),
}
#: Optional columns kept as they are when absent, handled by the loader itself.
KEPT_ELSEWHERE = ("enhedsnavn", "overordnet_enhedskode", "leders_medarbejdernr")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; ValueError for anything else."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ValueError("encoding") from exc
    if "\x00" in text:  # UTF-16 and binary files decode "successfully" as Windows-1252
        raise ValueError("encoding")
    return text


def parse_csv(data: bytes, *, today) -> ParsedFile:
    parsed = ParsedFile()
    try:
        text = decode(data)
    except ValueError:
        parsed.errors.append(
            _("Filen er hverken UTF-8 eller Windows-1252. Gem den som CSV (UTF-8) i Excel.")
        )
        return parsed
    if not text.strip():
        parsed.errors.append(_("Filen er tom."))
        return parsed
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error:
        parsed.errors.append(_("Række 1: kolonneoverskrifterne kan ikke læses."))
        return parsed
    lookup = {}
    for canonical, aliases in COLUMNS.items():
        for name in (canonical, *aliases):
            lookup[name] = canonical
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        canonical = lookup.get(name.strip().lower())
        if canonical is not None and canonical not in index:
            index[canonical] = position
    missing = [name for name in REQUIRED if name not in index]
    if missing:
        parsed.errors.append(
            _("Række 1: kolonnen mangler: %(columns)s.") % {"columns": ", ".join(missing)}
        )
        return parsed

    parsed.keeps_managers = "leders_medarbejdernr" not in index
    unset = frozenset().union(*(f for c, f in OPTIONAL_FIELDS.items() if c not in index))
    for column in [*OPTIONAL_FIELDS, *KEPT_ELSEWHERE]:
        if column not in index:
            parsed.notes.append(
                _("Kolonnen “%(column)s” findes ikke i filen — eksisterende værdier bevares.")
                % {"column": column}
            )
    units: dict[str, UnitRow] = {}
    row_label = str(_("Række %(row)d"))  # translated once, not per row
    try:
        for row_number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(parsed.errors) >= MAX_ERRORS:
                break
            employee = _employee(
                values, index, row_number, parsed.errors, today=today, row_label=row_label
            )
            if employee is None:
                continue
            employee.unset = unset
            parsed.employees.append(employee)
            # Without the column (or with it empty) an existing unit keeps its name; a new one is
            # named by its code.
            unit_name = _cell(values, index, "enhedsnavn")
            problems = too_long(employee.where, [("enhedsnavn", unit_name, "unit_name")])
            if problems:
                parsed.errors += problems
                continue
            parent = _cell(values, index, "overordnet_enhedskode") or None
            known = units.get(employee.unit_code)
            if known is None:
                units[employee.unit_code] = UnitRow(
                    code=employee.unit_code,
                    name=unit_name,
                    parent_code=parent,
                    where=employee.where,
                )
            elif not known.name and unit_name:
                known.name = unit_name
            if (
                known is not None
                and "overordnet_enhedskode" in index
                and known.parent_code != parent
            ):
                parsed.errors.append(
                    error_line(
                        _("Række %(row)d") % {"row": row_number},
                        "overordnet_enhedskode",
                        _("enhed %(code)s har en anden overordnet enhed i %(where)s")
                        % {"code": employee.unit_code, "where": known.where.lower()},
                    )
                )
    except csv.Error as exc:
        parsed.errors.append(
            _("Række %(row)d: rækken kan ikke læses som CSV (%(error)s).")
            % {"row": reader.line_num, "error": exc}
        )
    if not parsed.employees and not parsed.errors:
        parsed.errors.append(_("Filen indeholder ingen medarbejdere."))
    parsed.units = list(units.values())
    return parsed


def _cell(values: list[str], index: dict[str, int], name: str) -> str:
    position = index.get(name)
    if position is None or position >= len(values):
        return ""
    return values[position].strip()


def _employee(
    values, index, row_number, errors, *, today, row_label: str = ""
) -> EmployeeRow | None:
    where = (row_label or _("Række %(row)d")) % {"row": row_number}
    bad = len(errors)

    def need(name: str) -> str:
        value = _cell(values, index, name)
        if not value:
            errors.append(error_line(where, name, _("skal udfyldes")))
        return value

    def date(name: str, required: bool):
        value = _cell(values, index, name)
        if not value:
            if required:
                errors.append(error_line(where, name, _("skal udfyldes")))
            return None
        try:
            return parse_date(value)
        except ValueError:
            errors.append(
                error_line(
                    where,
                    name,
                    _("“%(value)s” er ikke en gyldig dato (dd-mm-åååå eller åååå-mm-dd)")
                    % {"value": value[:40]},
                )
            )
            return None

    number = need("medarbejdernr")
    first = need("fornavn")
    last = need("efternavn")
    unit_code = need("enhedskode")
    start = date("startdato", True)
    end = date("slutdato", False)
    manager_flag = _cell(values, index, "leder").lower()
    if manager_flag not in TRUE_VALUES | FALSE_VALUES:
        errors.append(
            error_line(
                where,
                "leder",
                _("“%(value)s” er hverken ja eller nej") % {"value": manager_flag[:40]},
            )
        )
    email = _cell(values, index, "email")
    if email and "@" not in email:
        errors.append(
            error_line(
                where, "email", _("“%(value)s” er ikke en e-mailadresse") % {"value": email[:60]}
            )
        )
    job_title = _cell(values, index, "stilling")
    errors += too_long(
        where,
        [
            ("medarbejdernr", number, "number"),
            ("enhedskode", unit_code, "unit_code"),
            ("fornavn", first, "first_name"),
            ("efternavn", last, "last_name"),
            ("email", email, "email"),
            ("stilling", job_title, "job_title"),
        ],
    )
    if start and end and end < start:
        errors.append(error_line(where, "slutdato", _("ligger før startdatoen")))
    if len(errors) > bad:
        return None
    return EmployeeRow(
        number=number,
        first_name=first,
        last_name=last,
        email=email,
        unit_code=unit_code,
        job_title=job_title,
        is_manager=manager_flag in TRUE_VALUES,
        start_date=start,
        end_date=end,
        manager_number=_cell(values, index, "leders_medarbejdernr") or None,
        where=where,
        is_active=end is None or end >= today,
    )
