"""Validate a parsed HR file against the database and write the difference set-based.

Queries: one read of all units, one of all employees, then bulk INSERTs level by level and a few
bulk UPDATEs. An unchanged file writes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ..models import OrgUnit, User
from ..signals import employees_imported
from .csvfile import parse_csv
from .opus import parse_opus
from .rows import MAX_ERRORS, EmployeeRow, ImportInvalid, ParsedFile, error_line

logger = logging.getLogger(__name__)

#: Max size of an uploaded HR file; the whole city's OPUS export is about 60 MB.
MAX_BYTES = 200 * 1024 * 1024
#: A file naming fewer than one in DELTA_SHARE of the people, and at most DELTA_MAX numbers, is
#: planned from the people it names and their manager chains instead of from everyone.
DELTA_SHARE = 10
DELTA_MAX = 10_000

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "org_unit_id",
    "job_title",
    "is_manager",
    "manager_since",
    "start_date",
    "end_date",
    "manager_id",
    "is_active",
    "hr_last_changed",
)
#: What a new person gets for a field the file does not give.
DEFAULTS: dict[str, Any] = {
    "email": "",
    "job_title": "",
    "is_manager": False,
    "manager_since": None,
    "start_date": None,
    "end_date": None,
    "is_active": True,
}
#: Per-person preview lines shown at most for each kind; the rest are counted.
NOTES_PER_KIND = 20


@dataclass
class ImportSummary:
    people_new: int = 0
    people_changed: int = 0
    people_deactivated: int = 0
    units_new: int = 0
    units_changed: int = 0
    units_deactivated: int = 0
    dry_run: bool = False
    changed_person_ids: list[int] = field(default_factory=list, repr=False)
    #: Danish lines the preview shows besides the counts: columns absent from the file, people
    #: with an unknown start date, stale or ignored records.
    notes: list[str] = field(default_factory=list)

    @property
    def rows_written(self) -> int:
        return self.people_new + self.people_changed + self.units_new + self.units_changed

    def lines(self) -> list[str]:
        prefix = _("Prøvekørsel – intet er gemt. ") if self.dry_run else ""
        return [
            prefix
            + _("Medarbejdere: %(new)d nye, %(changed)d ændrede, %(gone)d fratrådte.")
            % {
                "new": self.people_new,
                "changed": self.people_changed,
                "gone": self.people_deactivated,
            },
            _("Enheder: %(new)d nye, %(changed)d ændrede, %(gone)d nedlagte.")
            % {
                "new": self.units_new,
                "changed": self.units_changed,
                "gone": self.units_deactivated,
            },
        ]


def employees_import(
    *,
    data: bytes,
    fmt: str = "csv",
    dry_run: bool = False,
    actor: User | None = None,
    today: dt.date | None = None,
) -> ImportSummary:
    """Import an HR file. Raises ImportInvalid (nothing written) with one line per bad row."""
    today = today or timezone.localdate()
    if len(data) > MAX_BYTES:
        raise ImportInvalid([_("Filen er for stor (over 200 MB).")])
    if fmt == "opus":
        parsed = parse_opus(data, today=today)
    elif fmt == "csv":
        parsed = parse_csv(data, today=today)
    else:
        raise ImportInvalid([_("Ukendt format “%(fmt)s” (csv eller opus).") % {"fmt": fmt}])
    if parsed.errors:
        logger.warning(
            "HR import rejected: %d parse errors, first: %s", len(parsed.errors), parsed.errors[0]
        )
        raise ImportInvalid(parsed.errors)
    with transaction.atomic():
        plan = _Plan(parsed, today=today)
        if plan.errors:
            logger.warning(
                "HR import rejected: %d errors, first: %s", len(plan.errors), plan.errors[0]
            )
            raise ImportInvalid(plan.errors[:MAX_ERRORS])
        summary = plan.summary(dry_run=dry_run)
        if not dry_run:
            plan.write()
            summary.changed_person_ids = plan.changed_person_ids
            if summary.rows_written:
                employees_imported.send(
                    sender=User,
                    person_ids=plan.changed_person_ids,
                    new_person_ids=plan.new_person_ids,
                    moved_unit_ids=plan.moved_unit_ids,
                    units_changed=plan.units_changed,
                    rehired=plan.rehired,
                    today=today,
                )
                from ..audit import audit_log

                audit_log(actor=actor, action="import", what=" ".join(summary.lines())[:255])
    logger.info("HR import %s: %s", "dry run" if dry_run else "done", summary)
    return summary


class _Plan:
    """Everything the file would change, computed from one read of units and people."""

    def __init__(self, parsed: ParsedFile, *, today: dt.date):
        self.today = today
        self.errors: list[str] = []
        self.parsed = parsed
        self._read()
        self._plan_units()
        if not self.errors:
            self._plan_people()

    # -- read --------------------------------------------------------------------------------
    def _read(self) -> None:
        self.units = {
            row[1]: row
            for row in OrgUnit.objects.values_list(
                "id", "code", "path", "depth", "numchild", "name", "unit_type", "is_active"
            )
        }
        self.code_by_path = {row[2]: code for code, row in self.units.items()}
        self.people: dict[str, tuple] = {}
        self.usernames: dict[str, str | None] = {}
        people = User.objects.all()
        named = self._named_numbers()
        if named is not None:
            # A delta: the people it names, their managers and their managers' managers, which
            # is all that planning and the manager-cycle check read; not the whole table.
            people = people.filter(pk__in=_manager_chains(named))
            usernames = User.objects.filter(username__in=named)
            self.usernames.update(usernames.values_list("username", "employee_number"))
        for row in people.values_list("id", "employee_number", "username", *PERSON_FIELDS):
            if row[1] is not None:
                self.people[row[1]] = row
            self.usernames[row[2]] = row[1]
        self.number_by_id = {row[0]: number for number, row in self.people.items()}

    def _named_numbers(self) -> list[str] | None:
        """The employee numbers the file names (its people and the managers it names), when
        the file is a delta: a small part of the people Paragraf has. None when every person
        must be read: an OPUS file (each manager is derived from everyone's roles) or a file
        naming more than one in DELTA_SHARE of the people (or more than DELTA_MAX)."""
        if self.parsed.derive_managers:
            return None
        named = {e.number for e in self.parsed.employees if e.number}
        named |= {e.manager_number for e in self.parsed.employees if e.manager_number}
        if len(named) > DELTA_MAX or len(named) * DELTA_SHARE >= User.objects.count():
            return None
        return sorted(named)

    # -- units -------------------------------------------------------------------------------
    def _parent_code_of_existing(self, code: str) -> str | None:
        path = self.units[code][2]
        return (
            self.code_by_path.get(path[: -OrgUnit.steplen]) if len(path) > OrgUnit.steplen else None
        )

    def _plan_units(self) -> None:
        file_units = {}
        for unit in self.parsed.units:
            if unit.code in file_units:
                self.errors.append(
                    error_line(
                        unit.where,
                        "id",
                        _("enhedskoden %(code)s findes to gange") % {"code": unit.code},
                    )
                )
                continue
            file_units[unit.code] = unit
        self.file_units = file_units
        parent = {code: self._parent_code_of_existing(code) for code in self.units}
        for code, unit in file_units.items():
            if (
                code in self.units
                and unit.parent_code is None
                and self.parsed.derive_managers is False
            ):
                continue  # CSV without a parent column keeps the unit where it is
            parent[code] = unit.parent_code
        for unit in file_units.values():
            if unit.parent_code and unit.parent_code not in parent:
                self.errors.append(
                    error_line(
                        unit.where,
                        "overordnet_enhedskode",
                        _("ukendt enhed %(code)s") % {"code": unit.parent_code},
                    )
                )
        if self.errors:
            return
        for code, unit in file_units.items():
            if _cycle_at(code, parent) is not None:
                self.errors.append(
                    error_line(
                        unit.where,
                        "overordnet_enhedskode",
                        _("enhed %(code)s ligger under sig selv") % {"code": code},
                    )
                )
        self.parent_code = parent
        self.new_units = [code for code in file_units if code not in self.units]
        self.changed_units: list[OrgUnit] = []
        self.moved_units: list[str] = []
        self.units_deactivated = 0
        for code, unit in file_units.items():
            row = self.units.get(code)
            if row is None:
                continue
            name = unit.name or row[5]  # a file without the name keeps the unit's own
            if (row[5], row[6], row[7]) != (name, unit.unit_type or row[6], unit.is_active):
                self.changed_units.append(
                    OrgUnit(
                        id=row[0],
                        code=code,
                        name=name,
                        unit_type=unit.unit_type or row[6],
                        is_active=unit.is_active,
                    )
                )
                if row[7] and not unit.is_active:
                    self.units_deactivated += 1
            if parent[code] != self._parent_code_of_existing(code):
                self.moved_units.append(code)
        self.units_changed = bool(self.new_units or self.changed_units or self.moved_units)

    # -- people ------------------------------------------------------------------------------
    def _plan_people(self) -> None:
        rows: dict[str, EmployeeRow] = {}
        self.notes = _Notes()
        for employee in self.parsed.employees:
            if employee.number in rows:
                self.errors.append(
                    error_line(
                        employee.where,
                        "medarbejdernr",
                        _("%(number)s står også i %(where)s")
                        % {"number": employee.number, "where": rows[employee.number].where.lower()},
                    )
                )
                continue
            existing = self.people.get(employee.number)
            if existing is None and (employee.annulled or not employee.first_name):
                # A cancelled contract or a leave record for someone we never had: nothing to end.
                kind = "annulled_unknown" if employee.annulled else "leaver_unknown"
                self.notes.add(kind, employee)
                continue
            loaded = existing[3 + PERSON_FIELDS.index("hr_last_changed")] if existing else None
            if loaded and employee.last_changed and employee.last_changed < loaded:
                self.notes.add("stale", employee, loaded=loaded)
                continue
            if employee.annulled:
                self.notes.add("annulled", employee)
                rows[employee.number] = employee
                continue
            if employee.is_active or employee.unit_code:
                if employee.unit_code not in self.parent_code:
                    self.errors.append(
                        error_line(
                            employee.where,
                            "enhedskode",
                            _("ukendt enhed %(code)s") % {"code": employee.unit_code},
                        )
                    )
                    continue
            owner = self.usernames.get(employee.number, employee.number)
            if existing is None and owner != employee.number:
                self.errors.append(
                    error_line(
                        employee.where,
                        "medarbejdernr",
                        _("brugernavnet %(number)s tilhører en anden bruger")
                        % {"number": employee.number},
                    )
                )
                continue
            if existing is None and employee.start_date is None:
                self.notes.add("start_unknown", employee)
            rows[employee.number] = employee
        if self.errors:
            return
        self.rows = rows
        manager_of = self._managers(rows)
        if self.errors:
            return
        self.manager_of = manager_of
        self.new_people: list[EmployeeRow] = []
        self.changed_people: list[tuple[int, dict[str, Any]]] = []
        self.people_deactivated = 0
        #: person id → (left on, rehired on) for people the file brings back after they left.
        self.rehired: dict[int, tuple[dt.date | None, dt.date]] = {}
        for number, employee in rows.items():
            existing = self.people.get(number)
            target = self._target(employee, existing)
            if existing is None:
                self.new_people.append(employee)
                continue
            current = dict(zip(PERSON_FIELDS, existing[3:], strict=True))
            changes = {k: v for k, v in target.items() if k != "manager_id" and current[k] != v}
            wanted_manager = manager_of.get(number)
            current_manager = self.number_by_id.get(current["manager_id"])
            if wanted_manager != current_manager:
                changes["manager_id"] = wanted_manager  # resolved to an id after inserts
            if changes:
                self.changed_people.append((existing[0], {**current, **changes}))
                if current["is_active"] and not target["is_active"]:
                    self.people_deactivated += 1
                if not current["is_active"] and target["is_active"]:
                    self.rehired[existing[0]] = _rehire_dates(current, target, self.today)
        self.people_deactivated += sum(1 for e in self.new_people if not e.is_active)

    def _target(self, employee: EmployeeRow, existing: tuple | None) -> dict[str, Any]:
        current = dict(zip(PERSON_FIELDS, existing[3:], strict=True)) if existing else {}
        last_changed = employee.last_changed or current.get("hr_last_changed")
        if existing is not None and (employee.annulled or not employee.first_name):
            # An OPUS leave record may carry nothing but the id and the leave date; a cancelled
            # contract ends the engagement Paragraf has.
            return {
                **current,
                "is_active": False,
                "end_date": employee.end_date or current.get("end_date") or self.today,
                "hr_last_changed": last_changed,
            }
        if not employee.is_manager:
            manager_since = None
        elif current.get("is_manager") and current.get("manager_since"):
            manager_since = current["manager_since"]
        elif existing is None:
            manager_since = employee.start_date or self.today
        else:
            manager_since = self.today
        target = {
            "first_name": employee.first_name,
            "last_name": employee.last_name,
            "email": employee.email,
            "org_unit_id": (
                current.get("org_unit_id")
                if not employee.unit_code
                else self.units[employee.unit_code][0]
                if employee.unit_code in self.units
                else employee.unit_code
            ),
            "job_title": employee.job_title,
            "is_manager": employee.is_manager,
            "manager_since": manager_since,
            "start_date": employee.start_date,
            "end_date": employee.end_date,
            "manager_id": None,
            "is_active": employee.is_active,
            "hr_last_changed": last_changed,
        }
        for name in employee.unset:
            target[name] = current[name] if existing is not None else DEFAULTS[name]
        if "end_date" in employee.unset and existing is not None:
            # In the file, so employed, unless the end date Paragraf has is past.
            end: dt.date | None = target["end_date"]
            target["is_active"] = end is None or end >= self.today
        return target

    def _managers(self, rows: dict[str, EmployeeRow]) -> dict[str, str | None]:
        """Employee number → manager's employee number; reports unknown managers and cycles."""
        manager_of: dict[str, str | None] = {
            number: self.number_by_id.get(row[3 + PERSON_FIELDS.index("manager_id")])
            for number, row in self.people.items()
        }
        if self.parsed.derive_managers:
            self._derive_managers(rows, manager_of)
        elif not self.parsed.keeps_managers:
            for number, employee in rows.items():
                if not employee.first_name:
                    continue
                wanted = employee.manager_number
                if wanted is not None and wanted not in rows and wanted not in self.people:
                    self.errors.append(
                        error_line(
                            employee.where,
                            "leders_medarbejdernr",
                            _("ukendt medarbejder %(number)s") % {"number": wanted},
                        )
                    )
                    continue
                if wanted == number:
                    self.errors.append(
                        error_line(
                            employee.where, "leders_medarbejdernr", _("er medarbejderen selv")
                        )
                    )
                    continue
                manager_of[number] = wanted
        for number, employee in rows.items():
            repeated = _cycle_at(number, manager_of)
            if repeated is not None:
                self.errors.append(
                    error_line(
                        employee.where,
                        "leders_medarbejdernr",
                        _("ledelseskæden går i ring (%(number)s)") % {"number": repeated},
                    )
                )
            if len(self.errors) >= MAX_ERRORS:
                break
        return manager_of

    def _derive_managers(
        self, rows: dict[str, EmployeeRow], manager_of: dict[str, str | None]
    ) -> None:
        """OPUS names no manager: it is the active manager of the unit, or of the nearest unit above
        for the unit's own manager."""
        head: dict[str, str] = {}
        unit_code_by_id = {row[0]: code for code, row in self.units.items()}
        for number, row in self.people.items():
            values = dict(zip(PERSON_FIELDS, row[3:], strict=True))
            if number not in rows and values["is_manager"] and values["is_active"]:
                code = unit_code_by_id.get(values["org_unit_id"])
                if code is not None:
                    head[code] = min(head.get(code, number), number)
        for number, employee in rows.items():
            if employee.is_manager and employee.is_active and employee.unit_code:
                head[employee.unit_code] = min(head.get(employee.unit_code, number), number)
        for number, employee in rows.items():
            if not employee.unit_code:
                continue
            code: str | None = employee.unit_code
            manager = None
            while code is not None:
                candidate = head.get(code)
                if candidate is not None and candidate != number:
                    manager = candidate
                    break
                code = self.parent_code.get(code)
            manager_of[number] = manager

    # -- summary and write -------------------------------------------------------------------
    def summary(self, *, dry_run: bool) -> ImportSummary:
        return ImportSummary(
            people_new=len(self.new_people),
            people_changed=len(self.changed_people),
            people_deactivated=self.people_deactivated,
            units_new=len(self.new_units),
            units_changed=len({u.code for u in self.changed_units} | set(self.moved_units)),
            units_deactivated=self.units_deactivated
            + sum(1 for c in self.new_units if not self.file_units[c].is_active),
            dry_run=dry_run,
            notes=[*self.parsed.notes, *self.notes.lines()],
        )

    def write(self) -> None:
        self._write_units()
        self._write_people()

    @property
    def moved_unit_ids(self) -> list[int]:
        return [self.units[code][0] for code in self.moved_units if code in self.units]

    def _write_units(self) -> None:
        if self.changed_units:
            OrgUnit.objects.bulk_update(
                self.changed_units, ["name", "unit_type", "is_active"], batch_size=500
            )
        if self.new_units:
            self._insert_units()
        for code in self.moved_units:
            node = OrgUnit.objects.get(code=code)
            target = (
                OrgUnit.objects.get(code=self.parent_code[code]) if self.parent_code[code] else None
            )
            if target is None:
                node.move(OrgUnit.get_first_root_node(), "sorted-sibling")
            else:
                node.move(target, "sorted-child")
        if self.moved_units or self.new_units:
            self.units = {
                row[1]: row
                for row in OrgUnit.objects.values_list(
                    "id", "code", "path", "depth", "numchild", "name", "unit_type", "is_active"
                )
            }

    def _insert_units(self) -> None:
        """Compute materialised paths for the new units ourselves: one INSERT per 1,000 units
        instead of treebeard's few queries per ``add_child``."""
        step = OrgUnit.steplen
        last_step: dict[str, int] = {}
        for _code, row in self.units.items():
            path = row[2]
            parent_path = path[:-step]
            last_step[parent_path] = max(
                last_step.get(parent_path, 0), OrgUnit._str2int(path[-step:])
            )
        path_of = {code: row[2] for code, row in self.units.items()}
        numchild_added: dict[str, int] = {}
        new: list[OrgUnit] = []
        pending = sorted(self.new_units, key=lambda c: self.file_units[c].name or c)

        def place(code: str) -> str:
            if code in path_of:
                return path_of[code]
            parent = self.parent_code.get(code)
            parent_path = place(parent) if parent else ""
            number = last_step.get(parent_path, 0) + 1
            last_step[parent_path] = number
            path = parent_path + OrgUnit._int2str(number).rjust(step, "0")
            path_of[code] = path
            numchild_added[parent_path] = numchild_added.get(parent_path, 0) + 1
            unit = self.file_units[code]
            new.append(
                OrgUnit(
                    code=code,
                    name=unit.name or code,
                    unit_type=unit.unit_type,
                    is_active=unit.is_active,
                    path=path,
                    depth=len(path) // step,
                    numchild=0,
                )
            )
            return path

        for code in pending:
            place(code)
        numchild_by_path = {unit.path: 0 for unit in new}
        for parent_path, added in numchild_added.items():
            if parent_path in numchild_by_path:
                numchild_by_path[parent_path] = added
        for unit in new:
            unit.numchild = numchild_by_path[unit.path]
        OrgUnit.objects.bulk_create(new, batch_size=1000)
        existing_parents = [
            OrgUnit(
                id=self.units[self.code_by_path[p]][0],
                numchild=self.units[self.code_by_path[p]][4] + n,
            )
            for p, n in numchild_added.items()
            if p and p in self.code_by_path
        ]
        if existing_parents:
            OrgUnit.objects.bulk_update(existing_parents, ["numchild"], batch_size=500)

    def _copy_new_people(self, unit_id: dict[str, int], id_of: dict[str, int]) -> None:
        """PostgreSQL: COPY every new person in one stream, then set managers with one UPDATE
        joined to a temporary table of (employee number, manager's employee number)."""
        table = User._meta.db_table
        fields = [f for f in PERSON_FIELDS if f != "manager_id"]
        columns = [
            "username",
            "password",
            "is_staff",
            "is_superuser",
            "date_joined",
            "first_seen",
            "employee_number",
            *fields,
        ]
        now = timezone.now()
        pairs = []
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for employee in self.new_people:
                    target = self._target(employee, None)
                    target["org_unit_id"] = unit_id[employee.unit_code]
                    manager = self.manager_of.get(employee.number)
                    if manager is not None:
                        pairs.append((employee.number, manager))
                    copy.write_row(
                        (
                            employee.number,
                            "!" + employee.number,
                            False,
                            False,
                            now,
                            self.today,
                            employee.number,
                        )
                        + tuple(target[f] for f in fields)
                    )
            if pairs:
                cursor.execute(
                    "CREATE TEMP TABLE hr_managers (number text, manager text) ON COMMIT DROP"
                )
                with cursor.cursor.copy("COPY hr_managers FROM STDIN") as copy:
                    for pair in pairs:
                        copy.write_row(pair)
                cursor.execute(
                    f"UPDATE {table} AS u SET manager_id = m.id FROM hr_managers h "  # noqa: S608
                    f"JOIN {table} m ON m.employee_number = h.manager WHERE u.employee_number = h.number"
                )
                cursor.execute("DROP TABLE hr_managers")
        numbers = [e.number for e in self.new_people]
        for start in range(0, len(numbers), 10000):
            id_of.update(
                User.objects.filter(employee_number__in=numbers[start : start + 10000]).values_list(
                    "employee_number", "id"
                )
            )

    def _write_people(self) -> None:
        unit_id = {code: row[0] for code, row in self.units.items()}
        id_of = {number: row[0] for number, row in self.people.items()}
        changed_ids: list[int] = []
        new_by_number = {e.number: e for e in self.new_people}
        level: dict[str, int] = {}

        def depth(number: str) -> int:
            if number in level:
                return level[number]
            manager = self.manager_of.get(number)
            level[number] = (
                0 if manager is None or manager not in new_by_number else depth(manager) + 1
            )
            return level[number]

        if connection.vendor == "postgresql" and new_by_number:
            self._copy_new_people(unit_id, id_of)
            new_by_number = {}
        levels: dict[int, list[EmployeeRow]] = {}
        for number in new_by_number:
            levels.setdefault(depth(number), []).append(new_by_number[number])
        for lvl in sorted(levels):
            users = []
            for employee in levels[lvl]:
                target = self._target(employee, None)
                target["org_unit_id"] = unit_id[employee.unit_code]
                manager = self.manager_of.get(employee.number)
                target["manager_id"] = id_of.get(manager) if manager else None
                users.append(
                    User(
                        username=employee.number,
                        employee_number=employee.number,
                        first_seen=self.today,
                        password="!" + employee.number,  # unusable: people log in through SSO
                        **target,
                    )
                )
            created = User.objects.bulk_create(users, batch_size=2000)
            for user in created:
                id_of[user.employee_number] = user.pk
        updates = []
        for pk, values in self.changed_people:
            values = dict(values)
            if isinstance(values["org_unit_id"], str):
                values["org_unit_id"] = unit_id[values["org_unit_id"]]
            manager = values["manager_id"]
            if isinstance(manager, str):
                values["manager_id"] = id_of[manager]
            updates.append((pk, values))
            changed_ids.append(pk)
        if updates:
            _update_people(updates)
        self.changed_person_ids = changed_ids
        self.new_person_ids = [id_of[e.number] for e in self.new_people]


def _manager_chains(numbers: list[str]) -> RawSQL:
    """The ids of the people with these employee numbers and of everyone above them in the
    manager chain (a recursive query), for ``pk__in``."""
    table = User._meta.db_table
    return RawSQL(  # noqa: S611 - our table name; the numbers are bound parameters
        f"WITH RECURSIVE chain(id) AS (SELECT id FROM {table} WHERE employee_number IN "  # noqa: S608
        f"({', '.join(['%s'] * len(numbers))}) UNION SELECT u.manager_id FROM {table} u "
        "JOIN chain c ON u.id = c.id WHERE u.manager_id IS NOT NULL) SELECT id FROM chain",
        numbers,
    )


def _rehire_dates(
    current: dict[str, Any], target: dict[str, Any], today: dt.date
) -> tuple[dt.date | None, dt.date]:
    """(left on, rehired on) for a person coming back: they left on the end date Paragraf had;
    they are back from the new start date, or today when the file keeps the old one."""
    left_on: dt.date | None = current.get("end_date")
    start: dt.date | None = target.get("start_date")
    rehired_on = start if start is not None and (left_on is None or start > left_on) else today
    return left_on, rehired_on


def _update_people(updates: list[tuple[int, dict[str, Any]]]) -> None:
    """A few bulk UPDATEs: ``UPDATE … FROM (VALUES …)`` on PostgreSQL, bulk_update elsewhere."""
    if connection.vendor != "postgresql":
        User.objects.bulk_update(
            [User(id=pk, **values) for pk, values in updates], list(PERSON_FIELDS), batch_size=500
        )
        return
    casts = {
        "org_unit_id": "bigint",
        "manager_id": "bigint",
        "is_manager": "boolean",
        "is_active": "boolean",
        "manager_since": "date",
        "start_date": "date",
        "end_date": "date",
        "hr_last_changed": "date",
    }
    columns = ("id", *PERSON_FIELDS)
    assignments = ", ".join(f"{c} = v.{c}::{casts.get(c, 'text')}" for c in PERSON_FIELDS)
    table = User._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(updates), 5000):
            chunk = updates[start : start + 5000]
            placeholders = ", ".join("(" + ", ".join(["%s"] * len(columns)) + ")" for _ in chunk)
            params: list[Any] = []
            for pk, values in chunk:
                params.append(str(pk))
                params.extend(
                    None
                    if values[c] is None
                    else str(values[c]).lower()
                    if isinstance(values[c], bool)
                    else str(values[c])
                    for c in PERSON_FIELDS
                )
            cursor.execute(
                f"UPDATE {table} AS u SET {assignments} FROM (VALUES {placeholders}) AS v({', '.join(columns)}) "  # noqa: S608
                "WHERE u.id = v.id::bigint",
                params,
            )


class _Notes:
    """Per-person lines for the preview, grouped by kind, at most NOTES_PER_KIND each."""

    TEXT = {
        "start_unknown": _lazy("%(who)s: startdato ukendt — regnes fra indlæsningen."),
        "stale": _lazy(
            "%(who)s: ældre end det indlæste (ændret %(changed)s, indlæst %(loaded)s) — "
            "sprunget over."
        ),
        "leaver_unknown": _lazy("%(who)s: ukendt fratrådt: ignoreret."),
        "annulled": _lazy("%(who)s: kontrakten er annulleret — ansættelsen afsluttes."),
        "annulled_unknown": _lazy(
            "%(who)s: annulleret kontrakt for en ukendt medarbejder: ignoreret."
        ),
    }
    MORE = _lazy("… og %(count)d flere af samme slags.")

    def __init__(self) -> None:
        self.by_kind: dict[str, list[str]] = {}
        self.counts: dict[str, int] = {}

    def add(self, kind: str, employee: EmployeeRow, *, loaded: dt.date | None = None) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        lines = self.by_kind.setdefault(kind, [])
        if len(lines) >= NOTES_PER_KIND:
            return
        who = " ".join(p for p in (employee.first_name, employee.last_name) if p)
        who = f"{employee.where} ({who})" if who else employee.where
        lines.append(
            str(self.TEXT[kind])
            % {
                "who": who,
                "changed": _date(employee.last_changed),
                "loaded": _date(loaded),
            }
        )

    def lines(self) -> list[str]:
        result: list[str] = []
        for kind, lines in self.by_kind.items():
            result.extend(lines)
            if self.counts[kind] > len(lines):
                result.append(str(self.MORE) % {"count": self.counts[kind] - len(lines)})
        return result


def _date(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "-"


def _cycle_at(start: str, parent: dict[str, str]) -> str | None:
    """Follow ``parent`` links from ``start``; return the first key met twice (a cycle), or None."""
    seen = {start}
    current = parent.get(start)
    while current is not None:
        if current in seen:
            return current
        seen.add(current)
        current = parent.get(current)
    return None
