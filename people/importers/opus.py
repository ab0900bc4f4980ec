"""The KMD OPUS XML export (``ZLPE<timestamp>_delta.xml``): ``<kmd>`` with ``<orgUnit id>`` and
``<employee id>`` elements. CPR numbers, addresses and pay data in it are read past, never kept.
"""

from __future__ import annotations

import logging

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from .rows import (
    MAX_ERRORS,
    EmployeeRow,
    ParsedFile,
    UnitRow,
    error_line,
    parse_date,
    too_long,
)

#: Dates OPUS writes for "no end".
OPEN_END = {"9999-12-31", "31-12-9999"}
CANCELLED = "annulleret"

logger = logging.getLogger(__name__)


def parse_opus(data: bytes, *, today) -> ParsedFile:
    parsed = ParsedFile(derive_managers=True)
    if not data.strip():
        parsed.errors.append(_("Filen er tom."))
        return parsed
    try:
        root = ElementTree.fromstring(data)
    except DefusedXmlException as exc:
        logger.warning("OPUS file refused: forbidden XML construct: %r", exc)
        parsed.errors.append(
            _(
                "Filen er afvist: den indeholder XML-konstruktioner, som ikke er tilladt i en "
                "OPUS-eksport (fx DTD'er eller eksterne entiteter)."
            )
        )
        return parsed
    except (ElementTree.ParseError, ValueError) as exc:
        logger.warning("OPUS file refused: not well-formed XML: %s", exc)
        position = getattr(exc, "position", None)
        parsed.errors.append(
            _(
                "Filen er ikke gyldig XML (fejl i linje %(line)s). Kontrollér, at det er en uændret OPUS-eksport."
            )
            % {"line": position[0] if position else "?"}
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
        unit_type = text(element, "orgTypeTxt")
        parsed.errors += too_long(
            where,
            [
                ("id", code, "unit_code"),
                ("longName", name, "unit_name"),
                ("orgTypeTxt", unit_type, "unit_type"),
            ],
        )
        parsed.units.append(
            UnitRow(
                code=code,
                name=name,
                parent_code=text(element, "parentOrgUnit") or None,
                unit_type=unit_type,
                is_active=end is None or end >= today,
                where=where,
            )
        )

    for position, element in enumerate(root.findall("employee"), start=1):
        if len(parsed.errors) >= MAX_ERRORS:
            break
        number = (element.get("id") or "").strip()
        where = _("Medarbejder nr. %(n)d (id %(id)s)") % {"n": position, "id": number or "?"}
        if not number:
            parsed.errors.append(error_line(where, "id", _("mangler")))
            continue
        bad = len(parsed.errors)
        annulled = text(element, "workContractText").lower() == CANCELLED
        leaving = element.get("action") == "leave" or annulled
        # An empty optional element (<entryDate/>, <email/>, <position/>, <isManager/>) means
        # "not given": an existing person keeps the value, a new one gets the default.
        unset: set[str] = set()
        start = date(element, "entryDate", where)
        if start is None and not text(element, "entryDate"):
            unset.add("start_date")
        end = date(element, "leaveDate", where)
        if start and end and end < start:
            parsed.errors.append(error_line(where, "leaveDate", _("ligger før entryDate")))
        first, last = text(element, "firstName"), text(element, "lastName")
        unit_code = text(element, "orgUnit")
        email, job_title = text(element, "email"), text(element, "position")
        if not email:
            unset.add("email")
        if not job_title:
            unset.add("job_title")
        if not leaving:
            for name, value in (("firstName", first), ("lastName", last), ("orgUnit", unit_code)):
                if not value:
                    parsed.errors.append(error_line(where, name, _("skal udfyldes")))
        parsed.errors += too_long(
            where,
            [
                ("id", number, "number"),
                ("firstName", first, "first_name"),
                ("lastName", last, "last_name"),
                ("orgUnit", unit_code, "unit_code"),
                ("email", email, "email"),
                ("position", job_title, "job_title"),
            ],
        )
        manager_flag = text(element, "isManager").lower()
        if not manager_flag:
            unset.update({"is_manager", "manager_since"})
        elif manager_flag not in ("true", "false", "1", "0"):
            parsed.errors.append(
                error_line(
                    where,
                    "isManager",
                    _("“%(value)s” er hverken true eller false") % {"value": manager_flag[:40]},
                )
            )
        last_changed = None
        if element.get("lastChanged"):
            try:
                last_changed = parse_date(element.get("lastChanged") or "")
            except ValueError:
                parsed.errors.append(
                    error_line(
                        where,
                        "lastChanged",
                        _("“%(value)s” er ikke en gyldig dato")
                        % {"value": (element.get("lastChanged") or "")[:40]},
                    )
                )
        if len(parsed.errors) > bad:
            continue
        if leaving and end is None:
            end = today
        parsed.employees.append(
            EmployeeRow(
                number=number,
                first_name=first,
                last_name=last,
                email=email,
                unit_code=unit_code,
                job_title=job_title,
                is_manager=manager_flag in ("true", "1"),
                start_date=start,
                end_date=end,
                manager_number=None,
                where=where,
                is_active=not leaving and (end is None or end >= today),
                unset=frozenset(unset),
                last_changed=last_changed,
                annulled=annulled,
            )
        )
    if not parsed.units and not parsed.employees and not parsed.errors:
        parsed.errors.append(_("Filen indeholder hverken enheder eller medarbejdere."))
    return parsed
