"""Reads for the charts: monthly compliance history from the snapshots, and today's counts per
child unit from the materialised counts (the rollup's own rows). Each function is a fixed
number of queries whatever the number of units, requirements or days."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Sum
from django.db.models.functions import TruncMonth

from compliance.models import Requirement, Status
from compliance.selectors import RollupRow, unit_status_counts
from people.models import OrgUnit

from .models import ComplianceSnapshot, SnapshotDay
from .services import COLUMNS


@dataclass(frozen=True)
class Counts:
    """The five status counts of one snapshot (summed over requirements when none is chosen)."""

    not_started: int = 0
    in_progress: int = 0
    completed: int = 0
    overdue: int = 0
    exempt: int = 0

    @property
    def total(self) -> int:
        return self.not_started + self.in_progress + self.completed + self.overdue + self.exempt

    @property
    def compliant(self) -> int:
        return self.completed + self.exempt

    @property
    def percent(self) -> float | None:
        """Share compliant (completed or exempt), as the rollup rounds it: one decimal."""
        return round(100 * self.compliant / self.total, 1) if self.total else None


@dataclass(frozen=True)
class MonthPoint:
    """A month of the chosen range and its last snapshot in the range (None: no snapshot)."""

    month: dt.date  # the first of the month
    day: dt.date | None
    counts: Counts | None


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month from ``start``'s month to ``end``'s, in order."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def compliance_history(
    *,
    unit_ids: list[int],
    start: dt.date,
    end: dt.date,
    requirement: Requirement | None = None,
) -> dict[int, list[MonthPoint]]:
    """{unit id: one point per month from ``start`` to ``end``}: each month's last snapshot day
    within the range, summed over requirements unless one is given. Two queries: the months'
    last days (from ``SnapshotDay``), then only those days' rows, read through the
    (unit, day, requirement) index."""
    month_ends = list(
        SnapshotDay.objects.filter(day__gte=start, day__lte=end)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(last=Max("day"))
        .values_list("last", flat=True)
    )
    columns = [str(status) for status in COLUMNS]
    found: dict[int, dict[dt.date, tuple[dt.date, Counts]]] = defaultdict(dict)
    if month_ends:
        rows = ComplianceSnapshot.objects.filter(unit_id__in=unit_ids, day__in=month_ends)
        if requirement is not None:
            rows = rows.filter(requirement=requirement)
        for row in (
            rows.order_by().values("unit_id", "day").annotate(**{f"n_{c}": Sum(c) for c in columns})
        ):
            counts = Counts(**{c: row[f"n_{c}"] or 0 for c in columns})
            found[row["unit_id"]][row["day"].replace(day=1)] = (row["day"], counts)
    months = months_between(start, end)
    history = {}
    for unit_id in unit_ids:
        points = []
        for month in months:
            hit = found.get(unit_id, {}).get(month)
            points.append(
                MonthPoint(month=month, day=hit[0] if hit else None, counts=hit[1] if hit else None)
            )
        history[unit_id] = points
    return history


@dataclass
class Breakdown:
    """A unit's rollup row today and its child units' rows, worst first (lowest share compliant;
    units without cycles last)."""

    unit: RollupRow
    children: list[RollupRow]


def unit_breakdown(*, unit: OrgUnit, requirement: Requirement | None = None) -> Breakdown:
    """Today's counts of ``unit`` and of each child unit with its subtree, read from the
    materialised counts exactly as the rollup report reads them (``unit_status_counts``,
    ``RollupRow``). Two queries: the children, the counts."""
    children = list(
        OrgUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("name")
    )
    counts = unit_status_counts([unit.pk, *(c.pk for c in children)], requirement=requirement)
    rows = [RollupRow(unit=c, counts=counts.get(c.pk, {})) for c in children]
    rows.sort(key=lambda r: (r.percent is None, r.percent or 0.0, r.unit.name))
    return Breakdown(unit=RollupRow(unit=unit, counts=counts.get(unit.pk, {})), children=rows)


@dataclass
class TeamComparison:
    """A manager's unit, its parent and the top unit of its tree (fewer when the unit is high up),
    each with its monthly history and today's rollup row."""

    units: list[OrgUnit]
    history: dict[int, list[MonthPoint]]
    now: dict[int, RollupRow]


def team_comparison(*, unit: OrgUnit, start: dt.date, end: dt.date) -> TeamComparison:
    """The team (``unit`` with its subtree) against its parent unit and the whole administration
    (the root above it). Three queries: the ancestors, the history, today's counts."""
    step = OrgUnit.steplen
    wanted = [unit.path]
    for depth in (unit.depth - 1, 1):
        if depth >= 1 and unit.path[: depth * step] not in wanted:
            wanted.append(unit.path[: depth * step])
    found = {u.path: u for u in OrgUnit.objects.filter(path__in=wanted[1:])}
    units = [unit, *(found[p] for p in wanted[1:] if p in found)]
    ids = [u.pk for u in units]
    history = compliance_history(unit_ids=ids, start=start, end=end)
    counts = unit_status_counts(ids)
    now = {u.pk: RollupRow(unit=u, counts=counts.get(u.pk, {})) for u in units}
    return TeamComparison(units=units, history=history, now=now)


#: The five statuses in the order the stacked bars draw them: compliant first, overdue last.
STACK_ORDER = (
    Status.COMPLETED,
    Status.EXEMPT,
    Status.IN_PROGRESS,
    Status.NOT_STARTED,
    Status.OVERDUE,
)
