"""HR import of ``ctx.employees`` people (45,000 at full size) from a Danish Excel CSV.

Figures: the first load (parse + validate + write people and ~1,600 units) and an unchanged
re-import (must write 0 rows). Baseline on PostgreSQL: a hand-written set-based upsert of the
same rows (COPY into a temporary table, then one INSERT … ON CONFLICT DO UPDATE … WHERE
changed), rolled back. The imported people and units are removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.db import connection, transaction

from bench.harness import BenchContext, Figure

PREFIX = "IM"


def _csv(employees: int) -> bytes:
    rng = random.Random(7)
    teams = max(10, employees // 30)
    centres = max(7, round(teams / 25))
    lines = [
        "medarbejdernr;fornavn;efternavn;email;enhedskode;enhedsnavn;overordnet_enhedskode;stilling;leder;"
        "startdato;slutdato;leders_medarbejdernr"
    ]
    # The city and the areas have a director each, so every unit is named by someone's row.
    lines.append(
        f"{PREFIX}0;Bo;Borgmester;bo@kk.dk;{PREFIX};Københavns Kommune;;Direktør;ja;01-01-2000;;"
    )
    n = 1
    area_head = {}
    for a in range(7):
        number = f"{PREFIX}{n}"
        n += 1
        area_head[a] = number
        lines.append(
            f"{number};Ada;Område{a};a{a}@kk.dk;{PREFIX}-A{a};Forvaltning {a};{PREFIX};Direktør;ja;01-02-2005;;{PREFIX}0"
        )
    centre_head = {}
    for c in range(centres):
        number = f"{PREFIX}{n}"
        n += 1
        centre_head[c] = number
        lines.append(
            f"{number};Cim;Center{c};c{c}@kk.dk;{PREFIX}-C{c};Center {c};{PREFIX}-A{c % 7};Centerchef;ja;2010-03-01;;{area_head[c % 7]}"
        )
    team_head = {}
    for t in range(teams):
        number = f"{PREFIX}{n}"
        n += 1
        team_head[t] = number
        lines.append(
            f"{number};Tea;Leder{t};t{t}@kk.dk;{PREFIX}-T{t};Team {t};{PREFIX}-C{t % centres};Teamleder;x;15-06-2012;;{centre_head[t % centres]}"
        )
    titles = ["Sagsbehandler", "Specialkonsulent", "Fuldmægtig", "Ingeniør", "Tekniker"]
    while n < employees:
        t = n % teams
        start = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 9000))
        lines.append(
            f"{PREFIX}{n};Medarbejder;Nr{n};m{n}@kk.dk;{PREFIX}-T{t};Team {t};{PREFIX}-C{t % centres};"
            f"{rng.choice(titles)};nej;{start:%d-%m-%Y};;{team_head[t]}"
        )
        n += 1
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def _cleanup() -> None:
    from people.models import OrgUnit, User

    with transaction.atomic():
        people = User.objects.filter(employee_number__startswith=PREFIX)
        people.update(manager=None)
        people._raw_delete(connection.alias)
        OrgUnit.objects.filter(code__startswith=PREFIX)._raw_delete(connection.alias)


def _baseline(data: bytes) -> float | None:
    """Hand-written set-based upsert of the same people (units excluded), rolled back."""
    if connection.vendor != "postgresql":
        return None
    import csv
    import io

    rows = list(csv.reader(io.StringIO(data.decode("cp1252")), delimiter=";"))[1:]
    start = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE hr_in (number text, first text, last text, email text, unit text, "
                "title text, manager boolean, start date) ON COMMIT DROP"
            )
            with cursor.cursor.copy("COPY hr_in FROM STDIN") as copy:
                for r in rows:
                    d, m, y = (
                        (r[9][0:2], r[9][3:5], r[9][6:10])
                        if r[9][2] == "-"
                        else (r[9][8:10], r[9][5:7], r[9][0:4])
                    )
                    copy.write_row(
                        (
                            r[0],
                            r[1],
                            r[2],
                            r[3],
                            r[4],
                            r[7],
                            r[8] in ("ja", "x"),
                            f"{y}-{m}-{d}",
                        )
                    )
            cursor.execute(
                "INSERT INTO people_user (username, password, first_name, last_name, email, is_staff, is_active, "
                "is_superuser, date_joined, employee_number, org_unit_id, job_title, is_manager, start_date, "
                "first_seen) "
                "SELECT h.number, '!', h.first, h.last, h.email, false, true, false, now(), h.number, u.id, h.title, "
                "h.manager, h.start, current_date FROM hr_in h JOIN people_orgunit u ON u.code = h.unit "
                "ON CONFLICT (employee_number) DO UPDATE SET first_name = EXCLUDED.first_name, "
                "last_name = EXCLUDED.last_name, job_title = EXCLUDED.job_title "
                "WHERE (people_user.first_name, people_user.last_name, people_user.job_title) IS DISTINCT FROM "
                "(EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.job_title)"
            )
        transaction.set_rollback(True)  # measured, not kept
    return time.perf_counter() - start


def run(ctx: BenchContext) -> list[Figure]:
    from people.importers import employees_import

    _cleanup()
    data = _csv(ctx.employees)
    start = time.perf_counter()
    first = employees_import(data=data, fmt="csv")
    first_seconds = time.perf_counter() - start
    start = time.perf_counter()
    again = employees_import(data=data, fmt="csv")
    again_seconds = time.perf_counter() - start
    baseline = _baseline(data)
    _cleanup()
    return [
        Figure(
            f"HR import, first load ({first.people_new:,} people, {first.units_new:,} units)",
            first_seconds,
            "s",
            budget=5,
        ),
        Figure(
            "HR import, unchanged re-import",
            again_seconds,
            "s",
            budget=2,
            baseline=baseline,
            baseline_name="hand SQL upsert, people only",
            note=f"{again.rows_written} rows written",
        ),
    ]
