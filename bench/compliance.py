"""Compliance pages and jobs on DESIGN.md's data set (bench/datagen.py).

Figures:

- the HR rollup page (areas + centres, % compliant), server time through the test client, for
  a member of the HR group (not a superuser); baselines: the same aggregate in hand-written SQL
  over the assignments (what the page would cost without materialised counts, the issue's
  ratio) and read from the materialised counts (the floor);
- the same page with 8 HR users at once: gunicorn as in production (4 sync workers) on
  loopback, 8 client threads, each with its own session;
- the first page (50 rows) of the assignment list filtered by an area's subtree and status,
  with its total count; baseline: the same LIMIT 50 query and COUNT in hand-written SQL;
- the full CSV export of the list (540k rows): seconds and peak RSS of a fresh process that
  streams the response to /dev/null; baseline: ``COPY … TO STDOUT`` in psql-like raw SQL;
- rule evaluation: a full evaluation (every cycle deleted and re-assigned) and a run with
  nothing due.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.db import connection, transaction
from django.test import Client

from bench.harness import BenchContext, Figure, median, p95, timed, timed_together

ROOT = Path(__file__).resolve().parent.parent


def _data(ctx: BenchContext) -> dict:
    data = ctx.extra.get("compliance_data")
    if data is None:
        from bench import datagen

        data = datagen.generate(ctx)
    return data


def _hr_user(username: str = "bench-hr"):
    """A member of the HR group with the permissions the demo gives HR (not a superuser)."""
    from django.contrib.auth.models import Group

    from people.models import User
    from people.roles import HR
    from people.services import roles_ensure

    roles_ensure()
    roles_ensure()
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={"is_superuser": False, "is_staff": True, "email": f"{username}@kk.dk"},
    )
    user.groups.add(Group.objects.get(name=HR))
    return user


def _hr_client(username: str = "bench-hr") -> Client:
    client = Client()
    client.force_login(_hr_user(username))
    return client


def _raw(sql: str, params: list | None = None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall() if cursor.description else []


def run(ctx: BenchContext) -> list[Figure]:
    data = _data(ctx)
    repeat = int(ctx.extra.get("repeat", 30))
    client = _hr_client()
    figures: list[Figure] = []

    # -- rollup ------------------------------------------------------------------------------
    def rollup_page():
        response = client.get("/admin/overholdelse/")
        assert response.status_code == 200, response.status_code

    def rollup_sql():
        # What the page reads, written by hand: the units, then their counts by status.
        _raw("SELECT id, path, depth, name FROM people_orgunit WHERE depth <= 3 ORDER BY path")
        _raw(
            "SELECT unit_id, status, SUM(count) FROM compliance_statuscount "
            "WHERE depth <= 3 AND count > 0 GROUP BY unit_id, status"
        )

    def rollup_sql_assignments():
        # Each area and centre with its subtree, counted from the assignments themselves.
        _raw(
            "SELECT u.id, u.path, u.name, a.status, COUNT(a.id) FROM people_orgunit u "
            "JOIN people_orgunit t ON t.path LIKE u.path || '%%' "
            "LEFT JOIN compliance_assignment a ON a.unit_id = t.id AND a.status <> 'superseded' "
            "WHERE u.depth <= 3 GROUP BY u.id, u.path, u.name, a.status ORDER BY u.path"
        )

    def rollup_results():
        response = client.get("/admin/overholdelse/results/")
        assert response.status_code == 200, response.status_code

    def dashboard():
        response = client.get("/admin/")
        assert response.status_code == 200, response.status_code

    together = timed_together(
        {"page": rollup_page, "floor": rollup_sql, "chrome": dashboard, "own": rollup_results},
        repeat=repeat,
    )
    page, base, chrome, own = (together[k] for k in ("page", "floor", "chrome", "own"))
    naive = median(timed(rollup_sql_assignments, repeat=max(3, repeat // 10)))
    figures += [
        Figure(
            "compliance rollup page (areas + centres)",
            page,
            "ms",
            budget=20,
            baseline=chrome,
            baseline_name="Wagtail's bare /admin/ dashboard, same run",
        ),
        Figure(
            "compliance rollup page vs the same aggregate by hand",
            page,
            "ms",
            budget=20,
            baseline=naive,
            baseline_name="hand SQL over the assignments",
        ),
        Figure(
            "compliance rollup, view's own work (results fragment)",
            own,
            "ms",
            budget=20,
            baseline=base,
            baseline_name="hand SQL on the materialised counts",
        ),
    ]

    figures += _concurrent_figures(ctx)

    # -- first list page with count ---------------------------------------------------------
    area_id, area_path = data["units"]["areas"][0]

    def list_page():
        response = client.get(f"/admin/tildelinger/?unit={area_id}&status=overdue")
        assert response.status_code == 200, response.status_code

    def list_sql():
        where = "u.path LIKE %s AND a.status = 'overdue'"
        _raw(
            "SELECT a.id, a.due_at, a.cycle, p.first_name, p.last_name, r.name, u.name FROM compliance_assignment a "
            "JOIN people_orgunit u ON u.id = a.unit_id JOIN people_user p ON p.id = a.person_id "
            f"JOIN compliance_requirement r ON r.id = a.requirement_id WHERE {where} "  # noqa: S608
            "ORDER BY a.status, a.due_at, a.id LIMIT 50",
            [area_path + "%"],
        )
        _raw(
            f"SELECT COUNT(*) FROM compliance_assignment a JOIN people_orgunit u ON u.id = a.unit_id WHERE {where}",  # noqa: S608
            [area_path + "%"],
        )

    def list_results():
        response = client.get(f"/admin/tildelinger/results/?unit={area_id}&status=overdue")
        assert response.status_code == 200, response.status_code

    # The dashboard again, in turns with the list: its ratio budget is to the bare dashboard.
    together = timed_together(
        {"page": list_page, "sql": list_sql, "own": list_results, "chrome": dashboard},
        repeat=repeat,
    )
    page, base, own, chrome = (together[k] for k in ("page", "sql", "own", "chrome"))
    figures += [
        Figure(
            "assignment list, first 50 + count (area, overdue)",
            page,
            "ms",
            budget=50,
            baseline=chrome,
            baseline_name="Wagtail's bare /admin/ dashboard, same run",
            note=f"hand SQL {base:.1f} ms ({page / base:.1f} ×)",
        ),
        Figure(
            "assignment list, view's own work (results fragment)",
            own,
            "ms",
            budget=50,
            baseline=base,
            baseline_name="hand SQL",
        ),
    ]

    # -- full CSV export ----------------------------------------------------------------------
    figures += _export_figures(ctx, data)

    # -- rule evaluation ----------------------------------------------------------------------
    figures += _evaluation_figures(ctx, data)
    return figures


EXPORT_SCRIPT = r"""
import json, time
import django


def peak_mb():
    # VmHWM: this process's own high-water mark. Not ru_maxrss: Linux carries the parent's
    # peak across fork and exec into it, so a child of the (large) bench process would
    # report the bench's own peak.
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


django.setup()
from django.test import Client
from people.models import User
client = Client()
client.force_login(User.objects.get(username="bench-hr"))  # created by _hr_user
assert client.get("/admin/tildelinger/").status_code == 200  # the admin loaded, as in a worker
baseline_mb = peak_mb()
start = time.perf_counter()
response = client.get("/admin/tildelinger/?export=csv")
size = rows = 0
for chunk in response.streaming_content:
    size += len(chunk)
    rows += chunk.count(b"\n")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "bytes": size, "rows": rows, "baseline_mb": baseline_mb,
                  "rss_mb": peak_mb()}))
"""


def _export_figures(ctx: BenchContext, data: dict) -> list[Figure]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", EXPORT_SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    baseline = None
    if connection.vendor == "postgresql":
        start = time.perf_counter()
        with connection.cursor() as cursor:
            with cursor.cursor.copy(
                "COPY (SELECT p.employee_number, p.first_name, p.last_name, u.code, r.name, a.cycle, a.assigned_at, "
                "a.due_at, a.completed_at, a.status FROM compliance_assignment a JOIN people_user p ON p.id = a.person_id "
                "LEFT JOIN people_orgunit u ON u.id = a.unit_id JOIN compliance_requirement r ON r.id = a.requirement_id "
                "ORDER BY a.id) TO STDOUT WITH (FORMAT csv)"
            ) as copy:
                for _chunk in copy:
                    pass
        baseline = time.perf_counter() - start
        same_sql = _copy_seconds(_export_sql())
    note = f"{measured['rows'] - 1:,} rows, {measured['bytes'] / 1e6:.0f} MB"
    if baseline is not None:
        note += (
            f"; a raw COPY of the export's own query (Danish status, formula-safe text, "
            f"version) {same_sql:.2f} s: the view adds {measured['seconds'] / same_sql:.2f} ×"
        )
    return [
        Figure(
            "full assignment CSV export (streamed)",
            measured["seconds"],
            "s",
            budget=4,
            baseline=baseline,
            baseline_name="raw COPY",
            note=note,
        ),
        Figure(
            "full assignment CSV export, peak RSS",
            measured["rss_mb"],
            "MB",
            budget=100,
            baseline=measured["baseline_mb"],
            baseline_name="same process after one admin page",
        ),
    ]


def _export_sql() -> str:
    """The SQL the export view streams (compliance.reports.export_rows), parameters bound."""
    from compliance.models import Assignment
    from compliance.reports import AssignmentReport, export_rows

    queryset = export_rows(AssignmentReport().get_queryset())
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        statement = cursor.mogrify(sql, params)
    assert Assignment._meta.db_table in statement
    return statement.decode() if isinstance(statement, bytes) else statement


def _copy_seconds(sql: str) -> float:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, DELIMITER ';')") as copy:
            for _chunk in copy:
                pass
    return time.perf_counter() - start


#: HR users at once (DESIGN.md), gunicorn workers as in docs/drift.md, requests per user.
CONCURRENT_USERS = 8
CONCURRENT_WORKERS = 4
CONCURRENT_ROUNDS = 25


def _concurrent_figures(ctx: BenchContext) -> list[Figure]:
    """The rollup page with 8 HR users at once: gunicorn on loopback with production settings,
    8 threads that each request the page in a loop with their own session. Latency is what
    the client sees (server time plus loopback), median and p95 over every request."""
    import threading
    from http.client import HTTPConnection

    from django.conf import settings

    from tests.services.procs import gunicorn

    cookies = []
    for n in range(CONCURRENT_USERS):
        client = _hr_client(f"bench-hr-{n + 1}")
        cookies.append(
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PARAGRAF_BEHIND_PROXY="0",
    )
    path = "/admin/overholdelse/"
    samples: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def get(port: int, cookie: str) -> float:
        start = time.perf_counter()
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("GET", path, headers={"Host": "127.0.0.1", "Cookie": cookie})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
        finally:
            conn.close()
        return (time.perf_counter() - start) * 1000

    def user(port: int, cookie: str, barrier: threading.Barrier) -> None:
        try:
            for _ in range(3):
                get(port, cookie)  # warm this worker's caches and connection
            barrier.wait()
            mine = [get(port, cookie) for _ in range(CONCURRENT_ROUNDS)]
        except Exception as exc:  # noqa: BLE001 - reported below as a failed figure
            errors.append(repr(exc))
            barrier.abort()
            return
        with lock:
            samples.extend(mine)

    access_log = Path(tempfile.gettempdir()) / "paragraf-bench-access.log"
    access_log.unlink(missing_ok=True)
    log_args = ("--access-logfile", str(access_log), "--access-logformat", "%(M)s %(s)s %(U)s")
    with gunicorn(env, workers=CONCURRENT_WORKERS, args=log_args) as port:
        barrier = threading.Barrier(CONCURRENT_USERS + 1)
        threads = [
            threading.Thread(target=user, args=(port, cookie, barrier)) for cookie in cookies
        ]
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"concurrent rollup failed: {errors[0]}")
    # gunicorn's own request time (%(M)s): from a worker taking the request to its last byte,
    # without the wait for a free worker; the last len(samples) lines are the timed run.
    served = [
        float(line.split()[0])
        for line in access_log.read_text().splitlines()
        if line.endswith(f" 200 {path}")
    ][-len(samples) :]
    load = (
        f"gunicorn {CONCURRENT_WORKERS} workers, {len(samples)} requests, "
        f"{len(samples) / seconds:.0f} pages/s"
    )
    return [
        Figure(
            f"compliance rollup, {CONCURRENT_USERS} HR users at once: server time (median)",
            median(served),
            "ms",
            budget=50,
            note=f"{load}, p95 {p95(served):.1f} ms",
        ),
        Figure(
            f"compliance rollup, {CONCURRENT_USERS} HR users at once: as the browser waits",
            median(samples),
            "ms",
            budget=50,
            note=f"incl. waiting for a free worker; p95 {p95(samples):.1f} ms",
        ),
    ]


def _evaluation_figures(ctx: BenchContext, data: dict) -> list[Figure]:
    from compliance.models import Assignment, StatusCount
    from compliance.services import requirements_evaluate

    with transaction.atomic():
        Assignment.objects.filter(requirement_id__in=data["requirements"])._raw_delete(
            connection.alias
        )
        StatusCount.objects.filter(requirement_id__in=data["requirements"])._raw_delete(
            connection.alias
        )
    if connection.vendor == "postgresql":
        _raw("ANALYZE compliance_assignment")
    baseline = _evaluation_baseline(data) if connection.vendor == "postgresql" else None
    start = time.perf_counter()
    full = requirements_evaluate()
    full_seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk insert (autovacuum_vacuum_insert_threshold) before
        # the next nightly run: statistics, and the visibility map the anti-joins read.
        _raw("VACUUM (ANALYZE) compliance_assignment")
    start = time.perf_counter()
    again = requirements_evaluate()
    idle_seconds = time.perf_counter() - start
    return [
        Figure(
            "rule evaluation, full (assign every cycle)",
            full_seconds,
            "s",
            budget=10,
            baseline=baseline,
            baseline_name="hand SQL INSERT … SELECT with FK checks",
            note=f"{full.assigned:,} assigned, {full.overdue:,} overdue",
        ),
        Figure(
            "rule evaluation, nothing due",
            idle_seconds,
            "s",
            budget=2,
            note=f"{again.changed} changes",
        ),
    ]


def _evaluation_baseline(data: dict) -> float:
    """Hand-written set-based insert of every person × requirement (cycle 1, due 60 days after
    the start date), foreign keys checked at once, rolled back: what the data set costs to
    write on this machine."""
    start = time.perf_counter()
    with transaction.atomic():
        _raw("SET CONSTRAINTS ALL IMMEDIATE")
        _raw(
            "INSERT INTO compliance_assignment (person_id, requirement_id, unit_id, cycle, "
            "assigned_at, due_at, status, exempt_reason) "
            "SELECT p.id, r.id, p.org_unit_id, 1, current_date, COALESCE(p.start_date, p.first_seen) + 60, "
            "CASE WHEN COALESCE(p.start_date, p.first_seen) + 60 < current_date THEN 'overdue' ELSE 'not_started' END, '' "
            "FROM people_user p CROSS JOIN compliance_requirement r "
            "WHERE p.is_active AND p.org_unit_id IS NOT NULL AND r.id = ANY(%s)",
            [data["requirements"]],
        )
        transaction.set_rollback(True)  # measured, not kept
    return time.perf_counter() - start
