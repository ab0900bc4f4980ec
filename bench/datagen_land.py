"""The land-size benchmark data set (issue #23): ten administrations' worth on one install.

450,000 people in a 6-level tree (the root, 10 top units, 7 administration-like areas each,
~600 centres, ~3,000 sections, 15,000 teams), 12 requirements, 5.4 million current assignments
(every person × every requirement) plus second cycles with their completed first cycle as
history for the recurring requirements, ~2 million step completions in ~440,000 course runs, and
graded quiz attempts (a failed first try before some passes).

PostgreSQL only, and set-based: the tree (18,681 rows) is written with one ``COPY``; people,
assignments, runs, completions and attempts are each one ``INSERT … SELECT`` over
``generate_series`` or the rows already written, with ``random()`` seeded once so the data
are the same in every run. ``bench/datagen.py`` (the full size) is unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from bench.datagen import PREFIX, REQUIREMENTS, _clear, _copy, _courses, _requirements

EMPLOYEES = 450_000
SHAPE = {"top": 10, "areas_per_top": 7, "centres": 600, "sections_per_centre": 5}
TEAM_SIZE = 30
STEPS_PER_COURSE = 5  # four lessons and a quiz


def _clear_learning() -> None:
    """The runs, completions and attempts an earlier land run wrote (``--keep-db``): with the
    foreign key triggers off, deleting the people would leave them behind."""
    with connection.cursor() as cursor:
        for sql in (
            "DELETE FROM courses_stepcompletion WHERE run_id IN (SELECT r.id FROM "
            "courses_courserun r JOIN people_user u ON u.id = r.user_id "
            "WHERE u.employee_number LIKE %s)",
            "DELETE FROM courses_courserun WHERE user_id IN "
            "(SELECT id FROM people_user WHERE employee_number LIKE %s)",
            "DELETE FROM quizzes_attempt WHERE user_id IN "
            "(SELECT id FROM people_user WHERE employee_number LIKE %s)",
        ):
            cursor.execute(sql, [PREFIX + "%"])


def _units() -> dict[str, list[tuple[int, str]]]:
    """One COPY of the whole tree; return (id, path) per level."""
    from people.models import OrgUnit

    roots = OrgUnit.objects.filter(depth=1).order_by("-path").values_list("path", flat=True)
    last_root = roots[0] if roots else None
    step = OrgUnit.steplen

    def child(parent: str, n: int) -> str:
        return parent + OrgUnit._int2str(n).rjust(step, "0")

    root = OrgUnit._int2str((OrgUnit._str2int(last_root) if last_root else 0) + 1).rjust(step, "0")
    teams_total = EMPLOYEES // TEAM_SIZE
    sections_total = SHAPE["centres"] * SHAPE["sections_per_centre"]
    areas_total = SHAPE["top"] * SHAPE["areas_per_top"]
    rows: list[tuple[Any, ...]] = [
        (PREFIX, "Kommunefællesskabet (bench)", "Fællesskab", True, root, 1, SHAPE["top"])
    ]
    levels: dict[str, list[str]] = {"top": [], "areas": [], "centres": [], "sections": []}
    teams: list[str] = []
    for t in range(SHAPE["top"]):
        top = child(root, t + 1)
        levels["top"].append(top)
        rows.append((f"{PREFIX}-K{t + 1}", f"Kommune {t + 1}", "Kommune", True, top, 2, 7))
        for a in range(SHAPE["areas_per_top"]):
            levels["areas"].append(child(top, a + 1))

    def spread(total: int, parents: list[str]) -> list[int]:
        return [total // len(parents) + (i < total % len(parents)) for i in range(len(parents))]

    centres_per_area = spread(SHAPE["centres"], levels["areas"])
    for i, area in enumerate(levels["areas"]):
        rows.append(
            (f"{PREFIX}-F{i + 1}", f"Forvaltning {i + 1}", "Forvaltning", True, area, 3,
             centres_per_area[i])
        )  # fmt: skip
        levels["centres"] += [child(area, c + 1) for c in range(centres_per_area[i])]
    for i, centre in enumerate(levels["centres"]):
        rows.append(
            (f"{PREFIX}-C{i + 1}", f"Center {i + 1}", "Center", True, centre, 4,
             SHAPE["sections_per_centre"])
        )  # fmt: skip
        levels["sections"] += [child(centre, s + 1) for s in range(SHAPE["sections_per_centre"])]
    teams_per_section = spread(teams_total, levels["sections"])
    for i, section in enumerate(levels["sections"]):
        rows.append(
            (f"{PREFIX}-S{i + 1}", f"Sektion {i + 1}", "Sektion", True, section, 5,
             teams_per_section[i])
        )  # fmt: skip
        for t in range(teams_per_section[i]):
            teams.append(child(section, t + 1))
            rows.append(
                (f"{PREFIX}-T{len(teams)}", f"Team {len(teams)}", "Team", True, teams[-1], 6, 0)
            )
    assert len(levels["areas"]) == areas_total and len(levels["sections"]) == sections_total
    _copy(
        OrgUnit._meta.db_table,
        ["code", "name", "unit_type", "is_active", "path", "depth", "numchild"],
        rows,
    )
    by_path = dict(OrgUnit.objects.filter(code__startswith=PREFIX).values_list("path", "id"))
    result = {name: [(by_path[p], p) for p in paths] for name, paths in levels.items()}
    result["root"] = [(by_path[root], root)]
    result["teams"] = [(by_path[p], p) for p in teams]
    return result


def _people(teams: list[tuple[int, str]]) -> int:
    """All people in two INSERT … SELECTs: the first person of each team is its manager, then
    the staff, each with their team's manager (no UPDATE of 435,000 rows and eight indexes)."""
    columns = (
        "username, password, first_name, last_name, email, is_staff, is_active, is_superuser, "
        "date_joined, employee_number, org_unit_id, job_title, is_manager, manager_since, "
        "start_date, first_seen, manager_id"
    )
    select = f"""
        INSERT INTO people_user ({columns})
        SELECT %(prefix)s || lpad(n::text, 6, '0'), '!',
               CASE WHEN n < %(teams)s THEN 'Leder' ELSE 'Medarbejder' END, n::text,
               %(prefix)s || lpad(n::text, 6, '0') || '@kk.dk', false, true, false, now(),
               %(prefix)s || lpad(n::text, 6, '0'), t.id,
               CASE WHEN n < %(teams)s THEN 'Teamleder'
                    ELSE (ARRAY['Sagsbehandler', 'Specialkonsulent', 'Fuldmægtig', 'Tekniker',
                                'Ingeniør', 'Administrativ medarbejder'])
                         [1 + ((n * 7919) %% 6)::int] END,
               n < %(teams)s,
               CASE WHEN n < %(teams)s THEN current_date - (200 + (n * 104729) %% 5800)::int END,
               current_date - (1 + (n * 104729) %% 8000)::int,
               current_date - (1 + (n * 104729) %% 8000)::int,
               t.manager_id
        FROM generate_series(%(first)s::bigint, %(last)s) AS n
        JOIN bx_team t ON t.idx = n %% %(teams)s
        ORDER BY n
    """  # noqa: S608
    params = {"prefix": PREFIX, "teams": len(teams)}
    with _bulk_load("people_user"), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bx_team (idx int PRIMARY KEY, id bigint, manager_id bigint) "
            "ON COMMIT DROP"
        )
        _copy("bx_team", ["idx", "id"], ((i, unit_id) for i, (unit_id, _p) in enumerate(teams)))
        cursor.execute(select, params | {"first": 0, "last": len(teams) - 1})
        people = cursor.rowcount
        cursor.execute(
            "UPDATE bx_team SET manager_id = u.id FROM people_user u "
            "WHERE u.org_unit_id = bx_team.id AND u.is_manager AND u.employee_number LIKE %s",
            [PREFIX + "%"],
        )
        cursor.execute(select, params | {"first": len(teams), "last": EMPLOYEES - 1})
        people += cursor.rowcount
    return people


@contextmanager
def _bulk_load(table: str) -> Iterator[None]:
    """Drop ``table``'s secondary indexes and unique constraints (not its primary key) for a
    bulk insert and build them again afterwards: one sort per index instead of millions of
    index insertions. Inside the generator's transaction, so a failure leaves them as they were.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = %s AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for _name, definition in indexes:
            cursor.execute(definition)


#: Status by a uniform draw u, in DESIGN.md's mix (as bench/datagen.py's STATUS_MIX).
_STATUS = """CASE WHEN u < 0.55 THEN 'completed' WHEN u < 0.73 THEN 'not_started'
                  WHEN u < 0.83 THEN 'in_progress' WHEN u < 0.97 THEN 'overdue'
                  ELSE 'exempt' END"""


def _assignments(requirement_ids: list[int], recurring: list[int]) -> dict[str, int]:
    """Every person × requirement has a current cycle; for the recurring requirements one person
    in eight is in cycle 2, with cycle 1 completed two to four years ago as history."""
    columns = (
        "person_id, requirement_id, unit_id, cycle, assigned_at, due_at, completed_at, status, "
        "exempt_reason"
    )
    history = "(r.id = ANY(%(recurring)s) AND (p.id + r.id) %% 8 = 0)"
    with _bulk_load("compliance_assignment"), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.4)")
        cursor.execute(
            f"""
            INSERT INTO compliance_assignment ({columns})
            SELECT person_id, requirement_id, unit_id, cycle, assigned,
                   CASE WHEN status = 'overdue' THEN current_date - (1 + floor(v * 300))::int
                        ELSE assigned + 60 END,
                   CASE WHEN status = 'completed' THEN now() - (1 + floor(v * 600)) * interval '1 day'
                   END,
                   status, CASE WHEN status = 'exempt' THEN 'Bench' ELSE '' END
            FROM (
                SELECT person_id, requirement_id, unit_id, cycle, v,
                       current_date - (30 + floor(v * 670))::int AS assigned, {_STATUS} AS status
                FROM (
                    SELECT p.id AS person_id, r.id AS requirement_id, p.org_unit_id AS unit_id,
                           CASE WHEN {history} THEN 2 ELSE 1 END AS cycle,
                           random() AS u, random() AS v
                    FROM people_user p CROSS JOIN unnest(%(requirements)s::bigint[]) AS r(id)
                    WHERE p.employee_number LIKE %(prefix)s
                ) draws
            ) rows
            """,  # noqa: S608
            {"requirements": requirement_ids, "recurring": recurring, "prefix": PREFIX + "%"},
        )
        current = cursor.rowcount
        cursor.execute(
            f"""
            INSERT INTO compliance_assignment ({columns})
            SELECT p.id, r.id, p.org_unit_id, 1, current_date - 1460 + (p.id %% 700)::int,
                   current_date - 1400 + (p.id %% 700)::int,
                   (current_date - 1420 + (p.id %% 700)::int)::timestamptz, 'completed', ''
            FROM people_user p CROSS JOIN unnest(%(recurring)s::bigint[]) AS r(id)
            WHERE p.employee_number LIKE %(prefix)s AND {history}
            """,  # noqa: S608
            {"recurring": recurring, "prefix": PREFIX + "%"},
        )
        return {"current": current, "history": cursor.rowcount}


def _steps(courses) -> list[tuple[int, int, int]]:
    """A module with four lessons and a quiz per course (Wagtail's own add_child: 72 pages);
    returns (course id, position, page id)."""
    from courses.models import LessonPage, ModulePage
    from quizzes.models import QuizPage

    steps = []
    for course in courses:
        module = ModulePage.objects.child_of(course).first()
        if module is None:
            module = course.add_child(instance=ModulePage(title="Modul 1", slug="modul-1"))
            for n in range(1, STEPS_PER_COURSE):
                module.add_child(
                    instance=LessonPage(title=f"Lektion {n}", slug=f"lektion-{n}", body=[])
                )
            module.add_child(instance=QuizPage(title="Quiz", slug="quiz", pass_mark=80))
        pages = module.get_children().order_by("path").values_list("pk", flat=True)
        steps += [(course.pk, position, pk) for position, pk in enumerate(pages, start=1)]
    return steps


def _learning(steps: list[tuple[int, int, int]], requirement_ids: list[int]) -> dict[str, int]:
    """Runs for one in eight current cycles that are completed or in progress; a completed run
    has every step, one in progress one to four; each completed run's quiz was passed, one in
    five of them at the second attempt."""
    counts = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bx_step (course_id bigint, pos int, page_id bigint) ON COMMIT DROP"
        )
        _copy("bx_step", ["course_id", "pos", "page_id"], steps)
        cursor.execute(
            """
            INSERT INTO courses_courserun (user_id, course_id, variant_id, started_at,
                                           completed_at, source)
            SELECT a.person_id, q.course_id, NULL, a.assigned_at::timestamptz, a.completed_at,
                   'paragraf'
            FROM compliance_assignment a JOIN compliance_requirement q ON q.id = a.requirement_id
            WHERE a.requirement_id = ANY(%s) AND a.status IN ('completed', 'in_progress')
              AND (a.person_id * 7 + a.requirement_id) %% 8 = 0
              AND NOT EXISTS (SELECT 1 FROM compliance_assignment b
                              WHERE b.person_id = a.person_id
                                AND b.requirement_id = a.requirement_id AND b.cycle > a.cycle)
            ORDER BY a.person_id, a.requirement_id
            """,
            [requirement_ids],
        )
        counts["course runs"] = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO courses_stepcompletion (run_id, page_id, revision_id, completed_at)
            SELECT r.id, s.page_id, NULL, r.started_at + s.pos * interval '1 day'
            FROM courses_courserun r JOIN bx_step s ON s.course_id = r.course_id
            WHERE r.course_id IN (SELECT course_id FROM bx_step)
              AND (r.completed_at IS NOT NULL OR s.pos <= 1 + r.id %% %s)
            ORDER BY r.id, s.pos
            """,
            [STEPS_PER_COURSE - 1],
        )
        counts["step completions"] = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO quizzes_attempt (user_id, quiz_id, quiz_title, quiz_revision_id, number,
                state, pass_mark, started_at, deadline_at, submitted_at, graded_at, score,
                max_score, percent, passed, timed_out, accommodation, closed_unit_id)
            SELECT r.user_id, s.page_id, 'Quiz', NULL, n.number, 'graded', 80,
                   r.completed_at - n.back, NULL, r.completed_at - n.back, r.completed_at - n.back,
                   n.score, 10, n.score * 10, n.score >= 8, false, '{}', u.org_unit_id
            FROM courses_courserun r
            JOIN bx_step s ON s.course_id = r.course_id AND s.pos = %s
            JOIN people_user u ON u.id = r.user_id
            CROSS JOIN LATERAL (
                VALUES (1, CASE WHEN r.id %% 5 = 0 THEN 5 ELSE 8 + r.id %% 3 END,
                        CASE WHEN r.id %% 5 = 0 THEN interval '2 days' ELSE interval '0' END),
                       (2, 9, interval '0')
            ) AS n(number, score, back)
            WHERE r.completed_at IS NOT NULL AND (n.number = 1 OR r.id %% 5 = 0)
            ORDER BY r.id, n.number
            """,
            [STEPS_PER_COURSE],
        )
        counts["quiz attempts"] = cursor.rowcount
    return counts


def generate(ctx) -> dict[str, Any]:
    """Build the land data set; returns what a bench module needs (as bench.datagen does)."""
    from compliance.services import counts_rebuild

    if connection.vendor != "postgresql":
        raise RuntimeError("the land size needs PostgreSQL (set DATABASE_URL to a postgres:// URL)")
    started = time.perf_counter()
    phases: dict[str, float] = {}

    def phase(name: str, fn, *args):
        t0 = time.perf_counter()
        value = fn(*args)
        phases[name] = round(time.perf_counter() - t0, 2)
        print(f"  {name}: {phases[name]:.1f} s", flush=True)
        return value

    with transaction.atomic():
        with connection.cursor() as cursor:
            # Consistent rows by construction: no per-row foreign key triggers (bench/datagen.py).
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        phase("clear learning", _clear_learning)
        phase("clear", _clear)
        units = phase("units", _units)
        people = phase("people", _people, units["teams"])
        courses = phase("courses", _courses, REQUIREMENTS)
        requirements = _requirements(courses)
        ids = [r.pk for r in requirements]
        recurring = [r.pk for r in requirements if r.recurrence != "none"]
        assignments = phase("assignments", _assignments, ids, recurring)
        steps = phase("steps", _steps, courses)
        learning = phase("learning", _learning, steps, ids)
        phase("counts", counts_rebuild)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        for table in (
            "compliance_assignment", "compliance_statuscount", "people_user", "people_orgunit",
            "courses_courserun", "courses_stepcompletion", "quizzes_attempt",
        ):  # fmt: skip
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    phases["vacuum_analyze"] = round(time.perf_counter() - t0, 2)
    data = {
        "units": units,
        "requirements": ids,
        "people": people,
        "assignments": assignments["current"] + assignments["history"],
        "current_assignments": assignments["current"],
        "history_assignments": assignments["history"],
        **learning,
        "seconds": time.perf_counter() - started,
        "phases": phases,
    }
    print(
        "  land data: "
        + ", ".join(
            f"{data[k]:,} {k.replace('_', ' ')}"
            for k in ("people", "current_assignments", "history_assignments")
        )
        + ", "
        + ", ".join(f"{v:,} {k}" for k, v in learning.items())
        + f", {sum(len(v) for v in units.values()):,} units",
        flush=True,
    )
    ctx.extra["compliance_data"] = data
    return data
