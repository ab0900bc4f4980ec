"""Compliance history and HR's dashboard on DESIGN.md's data set (bench/datagen.py; issue 20).

Figures:

- the nightly snapshot at full size: ``overview.services.snapshot_take`` for a new day (one row
  per unit × requirement with cycles, from the ~95,000 materialised counts), budget ≤ 5 s;
  baselines in the same run, in turns: the same aggregate written by a hand ``INSERT … SELECT``
  into a bare temporary table (no index, no key, no guard), and ``SELECT count(*)`` over the
  counts (the floor of reading them);
- the same snapshot run again for a day already stored (it must write nothing);
- the monthly thinning when a whole month passes the three-year line (every unit's 31 days,
  the night that deletes most);
- HR's dashboard ``/admin/overblik/`` (13 months of history for every area and centre): for the
  top unit (7 areas as bars) and for a centre (~25 teams as bars), against the compliance
  rollup page ``/admin/overholdelse/`` in the same run, in turns; budget ≤ 1.5 × the rollup.
  Both as a member of the HR group whose unit is the bench tree's top (so HR's scope is the
  whole bench tree), with the shared cache as in production.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.harness import BenchContext, Figure, median, timed_together

SNAPSHOT_BUDGET_S = 5.0
DASHBOARD_RATIO_BUDGET = 1.5
HISTORY_DAYS = 395  # 13 months: the dashboard's default range and a month before it


def _sql(sql: str, params: list | None = None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall() if cursor.description else cursor.rowcount


def _day(value: dt.date):
    return connection.ops.adapt_datefield_value(value)


def _baseline_sql() -> str:
    from overview.services import COLUMNS

    sums = ", ".join(f"SUM(CASE WHEN status = '{s}' THEN count ELSE 0 END)" for s in COLUMNS)
    kept = ", ".join(f"'{s}'" for s in COLUMNS)
    return (
        "INSERT INTO bench_snapshot_baseline "  # noqa: S608
        f"SELECT %s, unit_id, requirement_id, {sums} FROM compliance_statuscount "
        f"GROUP BY unit_id, requirement_id "
        f"HAVING SUM(CASE WHEN status IN ({kept}) THEN count ELSE 0 END) > 0"
    )


def _copy_day(source: dt.date, target: dt.date, *, depth: int | None = None) -> int:
    """Copy one stored day's rows to another day (all units, or those down to ``depth``), and
    mark the day stored as ``snapshot_take`` does."""
    from overview.models import SnapshotDay

    SnapshotDay.objects.get_or_create(day=target)
    where = (
        "" if depth is None else " AND unit_id IN (SELECT id FROM people_orgunit WHERE depth <= %s)"
    )
    params = [_day(target), _day(source)] + ([] if depth is None else [depth])
    return _sql(
        "INSERT INTO overview_compliancesnapshot "  # noqa: S608
        "(day, unit_id, requirement_id, not_started, in_progress, completed, overdue, exempt) "
        "SELECT %s, unit_id, requirement_id, not_started, in_progress, completed, overdue, exempt "
        f"FROM overview_compliancesnapshot WHERE day = %s{where}",
        params,
    )


def _snapshot_figures(repeat: int) -> tuple[list[Figure], dt.date]:
    from overview.models import ComplianceSnapshot, SnapshotDay
    from overview.services import snapshot_take

    _sql(
        "CREATE TEMP TABLE bench_snapshot_baseline (day date, unit_id bigint, requirement_id bigint, "
        "not_started int, in_progress int, completed int, overdue int, exempt int)"
    )
    days = iter(dt.date(2001, 1, 1) + dt.timedelta(days=i) for i in range(1000))
    rows: list[int] = []

    def snapshot():
        rows.append(snapshot_take(day=next(days)))

    def baseline():
        _sql("DELETE FROM bench_snapshot_baseline")
        _sql(_baseline_sql(), [_day(dt.date(2001, 1, 1))])

    def floor():
        _sql("SELECT count(*) FROM compliance_statuscount")

    runs = max(3, repeat // 6)
    together = timed_together(
        {"snapshot": snapshot, "baseline": baseline, "floor": floor}, repeat=runs
    )
    stored = dt.date(2001, 1, 1)
    rerun = []
    for _ in range(runs):
        t0 = time.perf_counter()
        written = snapshot_take(day=stored)
        rerun.append((time.perf_counter() - t0) * 1000)
        assert written == 0, written
    counts = _sql("SELECT count(*) FROM compliance_statuscount")[0][0]
    _sql("DROP TABLE bench_snapshot_baseline")
    ComplianceSnapshot.objects.filter(day__lt=dt.date(2010, 1, 1)).exclude(day=stored).delete()
    SnapshotDay.objects.filter(day__lt=dt.date(2010, 1, 1)).exclude(day=stored).delete()
    note = f"{rows[-1]:,} rows a day from {counts:,} counts; median of {runs}"
    figures = [
        Figure(
            "compliance snapshot, one day (one INSERT … SELECT)",
            together["snapshot"] / 1000,
            "s",
            budget=SNAPSHOT_BUDGET_S,
            baseline=together["baseline"] / 1000,
            baseline_name="hand INSERT … SELECT into a bare temp table",
            note=note,
        ),
        Figure(
            "compliance snapshot vs reading the counts",
            together["snapshot"],
            "ms",
            baseline=together["floor"],
            baseline_name="SELECT count(*) FROM compliance_statuscount",
        ),
        Figure(
            "compliance snapshot, same day again (writes 0 rows)",
            median(rerun),
            "ms",
            baseline=together["snapshot"],
            baseline_name="the first snapshot of a day",
        ),
    ]
    return figures, stored


def _thinning_figure(stored: dt.date) -> Figure:
    """Every unit's 31 days of a month older than three years, thinned at once (the heaviest
    night of the month): 30 of the 31 days are deleted."""
    from overview.services import snapshots_thin, thinning_cutoff

    today = timezone.localdate()
    cutoff = thinning_cutoff(today=today)
    first = (cutoff - dt.timedelta(days=1)).replace(day=1)
    month_days = [first + dt.timedelta(days=i) for i in range((cutoff - first).days)]
    t0 = time.perf_counter()
    written = sum(_copy_day(stored, day) for day in month_days)
    load = time.perf_counter() - t0
    if connection.vendor == "postgresql":
        _sql("ANALYZE overview_compliancesnapshot")
    t0 = time.perf_counter()
    deleted = snapshots_thin(today=today)
    seconds = time.perf_counter() - t0
    return Figure(
        "snapshot thinning, a whole month past three years",
        seconds,
        "s",
        note=f"{deleted:,} of {written:,} rows deleted (loaded in {load:.1f} s)",
    )


def _history(stored: dt.date) -> int:
    """13 months of history for the areas and centres (what the dashboard reads), copied from
    one full snapshot so the rows have the real shape."""
    today = timezone.localdate()
    return sum(
        _copy_day(stored, today - dt.timedelta(days=n), depth=3) for n in range(1, HISTORY_DAYS + 1)
    )


def _hr_client() -> Client:
    from django.contrib.auth.models import Group

    from people.models import OrgUnit, User
    from people.roles import HR
    from people.services import roles_ensure

    roles_ensure()
    top = OrgUnit.objects.get(code="BX")
    user, _ = User.objects.update_or_create(
        username="bench-hr-overblik",
        defaults={
            "is_superuser": False,
            "is_staff": True,
            "org_unit": top,
            "email": "bench-hr-overblik@kk.dk",
        },
    )
    user.groups.add(Group.objects.get(name=HR))
    client = Client()
    client.force_login(user)
    return client


def run(ctx: BenchContext) -> list[Figure]:
    from overview.models import ComplianceSnapshot, SnapshotDay
    from people.models import OrgUnit

    repeat = int(ctx.extra.get("repeat", 30))  # type: ignore[call-overload]
    ComplianceSnapshot.objects.all().delete()
    SnapshotDay.objects.all().delete()
    figures, stored = _snapshot_figures(repeat)
    figures.append(_thinning_figure(stored))

    t0 = time.perf_counter()
    history_rows = _history(stored)
    ComplianceSnapshot.objects.filter(day=stored).delete()
    SnapshotDay.objects.filter(day=stored).delete()
    if connection.vendor == "postgresql":
        _sql("VACUUM (ANALYZE) overview_compliancesnapshot")
    history_seconds = time.perf_counter() - t0

    client = _hr_client()
    top = OrgUnit.objects.get(code="BX")
    centre = OrgUnit.objects.filter(path__startswith=top.path, depth=3).order_by("path").first()
    teams = OrgUnit.objects.filter(path__startswith=centre.path, depth=4).count()

    def page(url: str, query: dict | None = None):
        def get():
            response = client.get(url, query or {})
            assert response.status_code == 200, (url, response.status_code)

        return get

    times = timed_together(
        {
            "rollup": page("/admin/overholdelse/"),
            "top": page("/admin/overblik/", {"unit": top.pk}),
            "centre": page("/admin/overblik/", {"unit": centre.pk}),
        },
        repeat=repeat,
    )
    rollup = times["rollup"]
    history_note = (
        f"{history_rows:,} history rows (13 months, areas and centres) in {history_seconds:.0f} s"
    )
    figures += [
        Figure(
            "overview dashboard, top unit (7 areas as bars)",
            times["top"],
            "ms",
            baseline=rollup,
            baseline_name="compliance rollup page, same run",
            note=history_note,
        ),
        Figure(
            f"overview dashboard, a centre ({teams} teams as bars)",
            times["centre"],
            "ms",
            baseline=rollup,
            baseline_name="compliance rollup page, same run",
        ),
        Figure(
            "overview dashboard ÷ rollup page (worse of the two)",
            max(times["top"], times["centre"]) / rollup,
            "×",
            budget=DASHBOARD_RATIO_BUDGET,
        ),
    ]
    return figures
