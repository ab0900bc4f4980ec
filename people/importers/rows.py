"""The rows an HR file is read into, whatever its format, and the error they report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class UnitRow:
    code: str
    name: str
    parent_code: str | None
    unit_type: str = ""
    is_active: bool = True
    where: str = ""


@dataclass
class EmployeeRow:
    number: str
    first_name: str
    last_name: str
    email: str
    unit_code: str
    job_title: str
    is_manager: bool
    start_date: dt.date | None
    end_date: dt.date | None
    manager_number: str | None
    where: str = ""
    #: False for a leaver (OPUS action="leave" or an end date that has passed).
    is_active: bool = True


@dataclass
class ParsedFile:
    units: list[UnitRow] = field(default_factory=list)
    employees: list[EmployeeRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: True for OPUS: the nearest manager up the unit tree is each employee's manager.
    derive_managers: bool = False
    #: True for a CSV without the manager column: managers stay as they are.
    keeps_managers: bool = False


class ImportInvalid(Exception):
    """The file cannot be imported; ``errors`` holds one Danish line per bad row."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


#: Error lines shown at most; a 10 MB file of junk must not produce 10 MB of errors.
MAX_ERRORS = 200


def error_line(where: str, field_name: str, problem: str) -> str:
    return _("%(where)s, %(field)s: %(problem)s") % {
        "where": where,
        "field": field_name,
        "problem": problem,
    }


def parse_date(value: str) -> dt.date:
    """``dd-mm-yyyy``, ``dd.mm.yyyy``, ``dd/mm/yyyy`` or ISO ``yyyy-mm-dd``; ValueError otherwise."""
    value = value.strip()
    if len(value) == 10 and value[4] == "-":
        return dt.date.fromisoformat(value)
    if len(value) == 10 and value[2] in "-./" and value[5] == value[2]:
        return dt.date(int(value[6:10]), int(value[3:5]), int(value[0:2]))
    raise ValueError(value)


TRUE_VALUES = {"ja", "j", "1", "true", "sand", "x", "yes", "y"}
FALSE_VALUES = {"nej", "n", "0", "false", "falsk", "", "no"}
