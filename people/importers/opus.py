"""The KMD OPUS XML export (``ZLPE<timestamp>_delta.xml``): ``<kmd>`` with ``<orgUnit id>`` and
``<employee id>`` elements. CPR numbers, addresses and pay data in it are read past, never kept.
"""

from __future__ import annotations

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from .rows import MAX_ERRORS, EmployeeRow, ParsedFile, UnitRow, error_line, parse_date

#: Dates OPUS writes for "no end".
OPEN_END = {"9999-12-31", "31-12-9999"}
CANCELLED = "annulleret"


def parse_opus(data: bytes, *, today) -> ParsedFile:
    parsed = ParsedFile(derive_managers=True)
    if not data.strip():
        parsed.errors.append(_("Filen er tom."))
        return parsed
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        parsed.errors.append(
            _("Filen er ikke gyldig OPUS-XML: %(error)s") % {"error": str(exc)[:200]}
        )
        return parsed
    if root.tag != "kmd":
        parsed.errors.append(
            _("Filen er ikke en OPUS-eksport: rodelementet er <%(tag)s>, ikke <kmd>.")
            % {"tag": root.tag[:40]}
        )
        return parsed

    def text(element, name: str) -> str:
        child = element.find(name)
        return (child.text or "").strip() if child is not None else ""

    def date(element, name: str, where: str, *, required: bool = False):
        value = text(element, name)
        if not value or value in OPEN_END:
            if required:
                parsed.errors.append(error_line(where, name, _("skal udfyldes")))
            return None
        try:
            return parse_date(value)
        except ValueError:
            parsed.errors.append(
                error_line(
                    where, name, _("“%(value)s” er ikke en gyldig dato") % {"value": value[:40]}
                )
            )
            return None

    for position, element in enumerate(root.findall("orgUnit"), start=1):
        if len(parsed.errors) >= MAX_ERRORS:
            break
        code = (element.get("id") or "").strip()
        where = _("Enhed nr. %(n)d (id %(id)s)") % {"n": position, "id": code or "?"}
        if not code:
            parsed.errors.append(error_line(where, "id", _("mangler")))
            continue
        start = date(element, "startDate", where)
        end = date(element, "endDate", where)
        if start and end and end < start:
            parsed.errors.append(error_line(where, "endDate", _("ligger før startDate")))
        name = text(element, "longName") or text(element, "shortName")
        if not name:
            parsed.errors.append(error_line(where, "longName", _("skal udfyldes")))
        parsed.units.append(
            UnitRow(
                code=code,
                name=name[:255],
                parent_code=text(element, "parentOrgUnit") or None,
                unit_type=text(element, "orgTypeTxt")[:60],
                is_active=end is None or end >= today,
                where=where,
            )
        )

    for position, element in enumerate(root.findall("employee"), start=1):
        if len(parsed.errors) >= MAX_ERRORS:
            break
        number = (element.get("id") or "").strip()
        where = _("Medarbejder nr. %(n)d (id %(id)s)") % {"n": position, "id": number or "?"}
        if text(element, "workContractText").lower() == CANCELLED:
            continue  # a cancelled contract is not an employment
        if not number:
            parsed.errors.append(error_line(where, "id", _("mangler")))
            continue
        bad = len(parsed.errors)
        leaving = element.get("action") == "leave"
        start = date(element, "entryDate", where, required=not leaving)
        end = date(element, "leaveDate", where)
        if start and end and end < start:
            parsed.errors.append(error_line(where, "leaveDate", _("ligger før entryDate")))
        first, last = text(element, "firstName"), text(element, "lastName")
        unit_code = text(element, "orgUnit")
        if not leaving:
            for name, value in (("firstName", first), ("lastName", last), ("orgUnit", unit_code)):
                if not value:
                    parsed.errors.append(error_line(where, name, _("skal udfyldes")))
        manager_flag = text(element, "isManager").lower()
        if manager_flag not in ("", "true", "false", "1", "0"):
            parsed.errors.append(
                error_line(
                    where,
                    "isManager",
                    _("“%(value)s” er hverken true eller false") % {"value": manager_flag[:40]},
                )
            )
        if len(parsed.errors) > bad:
            continue
        if leaving and end is None:
            end = today
        parsed.employees.append(
            EmployeeRow(
                number=number,
                first_name=first[:150],
                last_name=last[:150],
                email=text(element, "email"),
                unit_code=unit_code,
                job_title=text(element, "position")[:255],
                is_manager=manager_flag in ("true", "1"),
                start_date=start,
                end_date=end,
                manager_number=None,
                where=where,
                is_active=not leaving and (end is None or end >= today),
            )
        )
    if not parsed.units and not parsed.employees and not parsed.errors:
        parsed.errors.append(_("Filen indeholder hverken enheder eller medarbejdere."))
    return parsed
