"""Compliance pages and jobs on DESIGN.md's data set (bench/datagen.py).

Figures:

- the HR rollup page (areas + centres, % compliant), server time through the test client;
  baseline: the same aggregate read from the materialised counts in hand-written SQL;
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
import time
from pathlib import Path

from django.db import connection, transaction
from django.test import Client

from bench.harness import BenchContext, Figure, median, timed

ROOT = Path(__file__).resolve().parent.parent


def _data(ctx: BenchContext) -> dict:
    data = ctx.extra.get("compliance_data")
    if data is None:
        from bench import datagen

        data = datagen.generate(ctx)
    return data


def _hr_client() -> Client:
    from people.models import User

    user, _ = User.objects.get_or_create(
        username="bench-hr", defaults={"is_superuser": True, "is_staff": True, "email": "hr@kk.dk"}
    )
    client = Client()
    client.force_login(user)
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
        _raw(
            "SELECT u.id, u.path, u.name, c.status, SUM(c.count) FROM people_orgunit u "
            "LEFT JOIN compliance_statuscount c ON c.unit_id = u.id AND c.count > 0 "
            "WHERE u.depth <= 3 GROUP BY u.id, u.path, u.name, c.status ORDER BY u.path"
        )

    def rollup_results():
        response = client.get("/admin/overholdelse/results/")
        assert response.status_code == 200, response.status_code

    def dashboard():
        response = client.get("/admin/")
        assert response.status_code == 200, response.status_code

    page = median(timed(rollup_page, repeat=repeat))
    base = median(timed(rollup_sql, repeat=repeat))
    chrome = median(timed(dashboard, repeat=repeat))
    own = median(timed(rollup_results, repeat=repeat))
    figures += [
        Figure(
            "compliance rollup page (areas + centres)",
            page,
            "ms",
            budget=20,
            baseline=base,
            baseline_name="hand SQL on counts",
            note=f"bare /admin/ dashboard {chrome:.1f} ms",
        ),
        Figure(
            "compliance rollup, view's own work (results fragment)",
            own,
            "ms",
            budget=20,
            baseline=chrome,
            baseline_name="bare /admin/ dashboard",
        ),
    ]

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

    page = median(timed(list_page, repeat=repeat))
    base = median(timed(list_sql, repeat=repeat))
    own = median(timed(list_results, repeat=repeat))
    figures += [
        Figure(
            "assignment list, first 50 + count (area, overdue)",
            page,
            "ms",
            budget=50,
            baseline=base,
            baseline_name="hand SQL",
            note=f"bare /admin/ dashboard {chrome:.1f} ms",
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
import json, os, resource, sys, time
import django
django.setup()
from django.test import Client
from people.models import User
client = Client()
client.force_login(User.objects.get(username="bench-hr"))
assert client.get("/admin/tildelinger/").status_code == 200  # the admin loaded, as in a worker
baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
response = client.get("/admin/tildelinger/?export=csv")
size = rows = 0
for chunk in response.streaming_content:
    size += len(chunk)
    rows += chunk.count(b"\n")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "bytes": size, "rows": rows, "baseline_mb": baseline_mb,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
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
    note = f"{measured['rows'] - 1:,} rows, {measured['bytes'] / 1e6:.0f} MB"
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
        _raw("ANALYZE compliance_assignment")
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
    try:
        with transaction.atomic():
            _raw("SET CONSTRAINTS ALL IMMEDIATE")
            _raw(
                "INSERT INTO compliance_assignment (person_id, requirement_id, unit_id, cycle, "
                "assigned_at, due_at, status, exempt_reason) "
                "SELECT p.id, r.id, p.org_unit_id, 1, current_date, p.start_date + 60, "
                "CASE WHEN p.start_date + 60 < current_date THEN 'overdue' ELSE 'not_started' END, '' "
                "FROM people_user p CROSS JOIN compliance_requirement r "
                "WHERE p.is_active AND p.org_unit_id IS NOT NULL AND r.id = ANY(%s)",
                [data["requirements"]],
            )
            raise _Rollback
    except _Rollback:
        pass
    return time.perf_counter() - start


class _Rollback(Exception):
    pass
