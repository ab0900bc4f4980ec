"""DESIGN.md's benchmark data set, generated fast with bulk inserts.

Full size: 45,000 employees in a 4-level tree (the city, 7 areas, ~60 centres, ~1,500 teams),
12 requirements (one course each) and 540,000 assignments (every employee × every requirement,
cycle 1, in a realistic mix of statuses), then the materialised status counts. PostgreSQL writes
with COPY; SQLite with bulk_create. Units' tree paths are computed here, not by treebeard.
``generate(ctx)`` replaces any earlier bench data (codes and numbers starting with ``BX``).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

PREFIX = "BX"
REQUIREMENTS = 12
STATUS_MIX = [
    ("completed", 55),
    ("not_started", 18),
    ("in_progress", 10),
    ("overdue", 14),
    ("exempt", 3),
]


def sizes(employees: int) -> dict[str, int]:
    """Areas, centres and teams for ``employees`` people (1,500 teams at 45,000)."""
    teams = max(10, employees // 30)
    return {
        "areas": 7,
        "centres": max(7, round(teams / 25)),
        "teams": teams,
        "employees": employees,
    }


def _copy(table: str, columns: list[str], rows) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
    batch: list[Any] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= 5000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _clear() -> None:
    from compliance.models import Assignment, Requirement, StatusCount
    from notices.models import Notice, NoticeKey
    from people.models import OrgUnit, User

    requirements = Requirement.objects.filter(name__startswith="Bench ")
    people = User.objects.filter(employee_number__startswith=PREFIX)
    NoticeKey.objects.filter(person__in=people)._raw_delete(connection.alias)
    NoticeKey.objects.filter(notice__recipient__in=people)._raw_delete(connection.alias)
    Notice.objects.filter(recipient__in=people)._raw_delete(connection.alias)
    Assignment.objects.filter(requirement__in=requirements)._raw_delete(connection.alias)
    StatusCount.objects.filter(requirement__in=requirements)._raw_delete(connection.alias)
    Requirement.units.through.objects.filter(requirement__in=requirements)._raw_delete(
        connection.alias
    )
    requirements._raw_delete(connection.alias)
    User.groups.through.objects.filter(user__in=people)._raw_delete(connection.alias)
    people.update(manager=None)
    people._raw_delete(connection.alias)
    OrgUnit.objects.filter(code__startswith=PREFIX)._raw_delete(connection.alias)


def _units(shape: dict[str, int]) -> dict[str, list[tuple[int, str]]]:
    """Insert the tree; return ids and paths per level."""
    from people.models import OrgUnit

    roots = OrgUnit.objects.filter(depth=1).order_by("-path").values_list("path", flat=True)
    last_root = roots[0] if roots else None
    root_number = (OrgUnit._str2int(last_root) if last_root else 0) + 1
    step = OrgUnit.steplen

    def child(parent_path: str, n: int) -> str:
        return parent_path + OrgUnit._int2str(n).rjust(step, "0")

    root_path = OrgUnit._int2str(root_number).rjust(step, "0")
    rows = [
        (f"{PREFIX}", "Københavns Kommune (bench)", "Kommune", True, root_path, 1, shape["areas"])
    ]
    area_paths = [child(root_path, a + 1) for a in range(shape["areas"])]
    centres_per_area = [
        shape["centres"] // shape["areas"] + (a < shape["centres"] % shape["areas"])
        for a in range(shape["areas"])
    ]
    centre_paths: list[str] = []
    for a, path in enumerate(area_paths):
        rows.append(
            (
                f"{PREFIX}-{a + 1}",
                f"Forvaltning {a + 1}",
                "Forvaltning",
                True,
                path,
                2,
                centres_per_area[a],
            )
        )
        for c in range(centres_per_area[a]):
            centre_paths.append(child(path, c + 1))
    teams_per_centre = [
        shape["teams"] // len(centre_paths) + (i < shape["teams"] % len(centre_paths))
        for i in range(len(centre_paths))
    ]
    team_paths: list[str] = []
    for i, path in enumerate(centre_paths):
        rows.append(
            (f"{PREFIX}-C{i + 1}", f"Center {i + 1}", "Center", True, path, 3, teams_per_centre[i])
        )
        for t in range(teams_per_centre[i]):
            team_path = child(path, t + 1)
            team_paths.append(team_path)
            rows.append(
                (
                    f"{PREFIX}-T{len(team_paths)}",
                    f"Team {len(team_paths)}",
                    "Team",
                    True,
                    team_path,
                    4,
                    0,
                )
            )
    _copy(
        OrgUnit._meta.db_table,
        ["code", "name", "unit_type", "is_active", "path", "depth", "numchild"],
        rows,
    )
    by_path = dict(OrgUnit.objects.filter(code__startswith=PREFIX).values_list("path", "id"))
    return {
        "root": [(by_path[root_path], root_path)],
        "areas": [(by_path[p], p) for p in area_paths],
        "centres": [(by_path[p], p) for p in centre_paths],
        "teams": [(by_path[p], p) for p in team_paths],
    }


def _people(
    shape: dict[str, int], units: dict[str, list[tuple[int, str]]], rng: random.Random
) -> list[tuple[int, int]]:
    """Insert employees: a manager per team (reporting to nobody, to keep it one COPY) and staff
    reporting to their team's manager. Returns (person id, unit id)."""
    from people.models import User

    today = timezone.localdate()
    table = User._meta.db_table
    columns = [
        "username", "password", "first_name", "last_name", "email", "is_staff", "is_active",
        "is_superuser", "date_joined", "employee_number", "org_unit_id", "job_title", "is_manager",
        "manager_since", "start_date", "first_seen",
    ]  # fmt: skip
    now = timezone.now()
    titles = [
        "Sagsbehandler",
        "Specialkonsulent",
        "Fuldmægtig",
        "Tekniker",
        "Ingeniør",
        "Administrativ medarbejder",
    ]
    teams = units["teams"]
    managers = []
    for i, (unit_id, _path) in enumerate(teams):
        number = f"{PREFIX}{i:06d}"
        start = today - dt.timedelta(days=rng.randint(200, 6000))
        managers.append(
            (
                number,
                "!",
                "Leder",
                f"{i}",
                f"{number}@kk.dk",
                False,
                True,
                False,
                now,
                number,
                unit_id,
                "Teamleder",
                True,
                start,
                start,
                start,
            )
        )
    _copy(table, columns, managers)
    manager_id = dict(
        User.objects.filter(employee_number__startswith=PREFIX).values_list("org_unit_id", "id")
    )
    staff = shape["employees"] - len(teams)
    rows = []
    for n in range(staff):
        unit_id = teams[n % len(teams)][0]
        number = f"{PREFIX}{len(teams) + n:06d}"
        start = today - dt.timedelta(days=rng.randint(1, 8000))
        rows.append(
            (
                number,
                "!",
                "Medarbejder",
                f"{n}",
                f"{number}@kk.dk",
                False,
                True,
                False,
                now,
                number,
                unit_id,
                rng.choice(titles),
                False,
                None,
                start,
                start,
            )
        )
    _copy(table, columns, rows)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET manager_id = m.id FROM {table} m "  # noqa: S608
            f"WHERE {table}.org_unit_id = m.org_unit_id AND m.is_manager AND NOT {table}.is_manager "
            f"AND {table}.employee_number LIKE %s",
            [PREFIX + "%"],
        ) if connection.vendor == "postgresql" else cursor.execute(
            f"UPDATE {table} SET manager_id = (SELECT m.id FROM {table} m WHERE m.org_unit_id = {table}.org_unit_id "  # noqa: S608
            f"AND m.is_manager) WHERE NOT is_manager AND employee_number LIKE %s",
            [PREFIX + "%"],
        )
    del manager_id
    return list(
        User.objects.filter(employee_number__startswith=PREFIX).values_list("id", "org_unit_id")
    )


def _courses(count: int):
    from wagtail.models import Page

    from courses.models import CourseIndexPage, CoursePage

    index = CourseIndexPage.objects.filter(slug="bench-kurser").first()
    if index is None:
        index = CourseIndexPage(title="Bench-kurser", slug="bench-kurser")
        Page.get_first_root_node().add_child(instance=index)
    courses = list(CoursePage.objects.child_of(index).order_by("path"))
    while len(courses) < count:
        page = CoursePage(
            title=f"Bench-kursus {len(courses) + 1}",
            slug=f"bench-{len(courses) + 1}",
            intro="<p>Bench</p>",
        )
        index.add_child(instance=page)
        courses.append(page)
    return courses[:count]


def _requirements(courses) -> list[Any]:
    from compliance.models import Requirement

    kinds = [
        {"trigger": "start", "recurrence": "none"},
        {"trigger": "assigned", "recurrence": "months", "recurrence_months": 24},
        {"trigger": "assigned", "recurrence": "yearly", "window_month": 1, "window_day": 1},
    ]
    return [
        Requirement.objects.create(
            name=f"Bench {i + 1:02d}",
            course=course,
            due_days=60,
            applies_from=dt.date(1990, 1, 1),
            **kinds[i % len(kinds)],
        )
        for i, course in enumerate(courses)
    ]


def _assignments(people: list[tuple[int, int]], requirements, rng: random.Random) -> int:
    from compliance.models import Assignment

    today = timezone.localdate()
    statuses = [s for s, weight in STATUS_MIX for _ in range(weight)]
    now = timezone.now()

    def rows():
        for requirement in requirements:
            for person_id, unit_id in people:
                status = statuses[rng.randrange(len(statuses))]
                assigned = today - dt.timedelta(days=rng.randint(30, 700))
                due = (
                    assigned + dt.timedelta(days=60)
                    if status != "overdue"
                    else today - dt.timedelta(days=rng.randint(1, 300))
                )
                completed = (
                    now - dt.timedelta(days=rng.randint(1, 600)) if status == "completed" else None
                )
                yield (person_id, requirement.pk, unit_id, 1, assigned, due, completed, status, "")

    columns = [
        "person_id",
        "requirement_id",
        "unit_id",
        "cycle",
        "assigned_at",
        "due_at",
        "completed_at",
        "status",
        "exempt_reason",
    ]
    _copy(Assignment._meta.db_table, columns, rows())
    return len(people) * len(requirements)


def generate(ctx) -> dict[str, Any]:
    """Build the data set for ``ctx.employees`` people; returns what a bench module needs."""
    from compliance.services import counts_rebuild

    rng = random.Random(4)
    shape = sizes(ctx.employees)
    started = time.perf_counter()
    phases: dict[str, float] = {}

    def phase(name: str, fn, *args):
        t0 = time.perf_counter()
        value = fn(*args)
        phases[name] = round(time.perf_counter() - t0, 2)
        return value

    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The generator writes consistent rows by construction: skip the per-row foreign
            # key triggers (needs a superuser, as the bench database's owner is here).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        phase("clear", _clear)
        units = phase("units", _units, shape)
        people = phase("people", _people, shape, units, rng)
        courses = phase("courses", _courses, REQUIREMENTS)
        requirements = _requirements(courses)
        assignments = phase("assignments", _assignments, people, requirements, rng)
        phase("counts", counts_rebuild)
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: statistics for the planner, and a visibility
        # map and hint bits so the first readers do not pay for them. Without it the planner
        # probes dead or unhinted index entries and plans the list page in ~5 ms instead of 1.
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            for model in (
                "compliance_assignment",
                "compliance_statuscount",
                "people_user",
                "people_orgunit",
            ):
                cursor.execute(f"VACUUM (ANALYZE) {model}")
        phases["vacuum_analyze"] = round(time.perf_counter() - t0, 2)
    data = {
        "units": units,
        "requirements": [r.pk for r in requirements],
        "people": len(people),
        "assignments": assignments,
        "seconds": time.perf_counter() - started,
        "phases": phases,
    }
    ctx.extra["compliance_data"] = data
    return data
