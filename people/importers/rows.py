"""The rows an HR file is read into, whatever its format, and the error they report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class UnitRow:
    code: str
    #: "" when the file does not give the name: an existing unit keeps its own.
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
    #: Person fields the row does not give (an absent CSV column, an empty optional OPUS
    #: element): an existing person keeps them, a new one gets the model's default.
    unset: frozenset[str] = frozenset()
    #: OPUS ``lastChanged``: a record older than the one already loaded is skipped.
    last_changed: dt.date | None = None
    #: OPUS ``workContractText`` "Annulleret": the engagement is cancelled.
    annulled: bool = False


@dataclass
class ParsedFile:
    units: list[UnitRow] = field(default_factory=list)
    employees: list[EmployeeRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: True for OPUS: the nearest manager up the unit tree is each employee's manager.
    derive_managers: bool = False
    #: True for a CSV without the manager column: managers stay as they are.
    keeps_managers: bool = False
    #: Danish lines for the preview (columns absent from the file).
    notes: list[str] = field(default_factory=list)


class ImportInvalid(Exception):
    """The file cannot be imported; ``errors`` holds one Danish line per bad row."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


#: The longest value each text field holds; a longer one refuses the file, never truncated.
MAX_LENGTHS = {
    "number": 40,
    "unit_code": 40,
    "unit_name": 255,
    "unit_type": 60,
    "first_name": 150,
    "last_name": 150,
    "email": 254,
    "job_title": 255,
}


def too_long(where: str, checks: list[tuple[str, str, str]]) -> list[str]:
    """An error line for each ``(field name in the file, value, kind)`` whose value is longer
    than the field ``kind`` (a key of MAX_LENGTHS) holds."""
    return [
        error_line(
            where,
            field_name,
            _("er for lang (%(length)d tegn, højst %(limit)d)")
            % {"length": len(value), "limit": MAX_LENGTHS[kind]},
        )
        for field_name, value, kind in checks
        if len(value) > MAX_LENGTHS[kind]
    ]


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


def command_report(command, run, *, file_name: str) -> None:
    """Run an import for a management command: its summary on stdout, or each error line and
    "Intet er gemt" on stderr and exit status 1 (the import raised ImportInvalid)."""
    import sys

    try:
        summary = run()
    except ImportInvalid as exc:
        for line in exc.errors:
            command.stderr.write(line)
        command.stderr.write(f"Intet er gemt: {len(exc.errors)} fejl i {file_name}.")
        sys.exit(1)
    for line in [*summary.lines(), *summary.notes]:
        command.stdout.write(line)
