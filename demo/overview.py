"""Demo step for seed_demo: twelve months of compliance history for the demo tree, so HR's
dashboard and the manager's team chart have something to show on the first day.

The history is derived from today's materialised counts (``StatusCount``) and ends at them:
each current cycle is given a plausible past (a completed cycle was in progress for a few weeks
before its completion day and not started before that; an overdue one became overdue some weeks
ago; …), drawn from a random generator seeded by unit code and requirement name, so the history
is the same on every machine. One centre — the one least compliant today — lags: its
completions came late and its overdue cycles were overdue for months. Each unit's own cycles
are summed up the tree, so a unit's row is its subtree's, as in the real snapshots. Yesterday's
snapshot equals today's counts; the nightly task adds today's. Idempotent: nothing is written
when any snapshot before today exists.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections import defaultdict

from django.utils import timezone

from compliance.models import Requirement, StatusCount
from overview.models import ComplianceSnapshot, SnapshotDay
from overview.services import COLUMNS
from people.models import OrgUnit

logger = logging.getLogger(__name__)

DAYS = 365
STATUSES = [str(s) for s in COLUMNS]


def _past(status: str, rng: random.Random, lagging: bool) -> list[tuple[int, str]]:
    """A cycle's past as (up to how many days ago it held the status, status), newest first:
    the first entry is its status now; before the last entry it was not started."""
    if status == "completed":
        done = rng.randint(1, 25) if lagging else rng.randint(10, 340)
        started = done + rng.randint(10, 40)
        steps = [(done, "completed"), (started, "in_progress")]
        if lagging or rng.random() < 0.3:
            steps.append((started + rng.randint(30, 120), "overdue"))
        return steps
    if status == "exempt":
        return [(rng.randint(30, 300), "exempt")]
    if status == "overdue":
        since = rng.randint(150, 240) if lagging else rng.randint(5, 90)
        return [(since, "overdue"), (since + rng.randint(15, 60), "in_progress")]
    if status == "in_progress":
        return [(rng.randint(3, 45), "in_progress")]
    return []


def _status_on(past: list[tuple[int, str]], days_ago: int) -> str:
    """The cycle's status ``days_ago`` days before today (1 = yesterday = its status now)."""
    for since, held in past:
        if days_ago <= since:
            return held
    return "not_started"


#: Above this many current cycles the demo draws no history (see seed_overview).
DEMO_MAX_CYCLES = 20_000


def seed_overview(context: dict) -> None:
    today = timezone.localdate()
    if SnapshotDay.objects.filter(day__lt=today).exists():
        return
    units = {u.pk: u for u in OrgUnit.objects.all()}
    names = dict(Requirement.objects.values_list("pk", "name"))
    subtree: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for unit_id, requirement_id, status, n in StatusCount.objects.filter(
        count__gt=0, status__in=STATUSES
    ).values_list("unit_id", "requirement_id", "status", "count"):
        subtree[(unit_id, requirement_id)][status] = n
    if not subtree:
        logger.warning("overview demo skipped: no compliance counts")
        return
    by_path = {u.path: u for u in units.values()}
    step = OrgUnit.steplen

    def parent_id(unit: OrgUnit) -> int | None:
        parent = by_path.get(unit.path[:-step]) if unit.depth > 1 else None
        return parent.pk if parent else None

    # A unit's own cycles: its subtree's counts less its children's.
    own: dict[tuple[int, int], dict[str, int]] = {k: dict(v) for k, v in subtree.items()}
    for (unit_id, requirement_id), counts in subtree.items():
        up = parent_id(units[unit_id])
        if up is not None and (up, requirement_id) in own:
            for status, n in counts.items():
                own[(up, requirement_id)][status] = own[(up, requirement_id)].get(status, 0) - n
    cycles = sum(max(0, n) for counts in own.values() for n in counts.values())
    if cycles > DEMO_MAX_CYCLES:
        # The history is drawn cycle by cycle, day by day: for a demo's few hundred people.
        # On a bench-size database (make load) it would take hours and show nothing new.
        logger.warning(
            "overview demo skipped: %s current cycles (more than %s)", cycles, DEMO_MAX_CYCLES
        )
        return
    lagging_path = _lagging_centre(subtree, units)
    daily: dict[tuple[int, int, int], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(STATUSES, 0)
    )
    for (unit_id, requirement_id), counts in own.items():
        unit = units[unit_id]
        rng = random.Random(f"{unit.code}:{names.get(requirement_id, requirement_id)}")
        lagging = lagging_path is not None and unit.path.startswith(lagging_path)
        chain = [u for u in units.values() if unit.path.startswith(u.path)]
        for status in STATUSES:
            for _ in range(max(0, counts.get(status, 0))):
                past = _past(status, rng, lagging)
                for days_ago in range(1, DAYS + 1):
                    held = _status_on(past, days_ago)
                    for ancestor in chain:
                        daily[(ancestor.pk, requirement_id, days_ago)][held] += 1
    rows = [
        ComplianceSnapshot(
            day=today - dt.timedelta(days=days_ago),
            unit_id=unit_id,
            requirement_id=requirement_id,
            **counts,
        )
        for (unit_id, requirement_id, days_ago), counts in daily.items()
        if any(counts.values())
    ]
    per_day: dict[dt.date, int] = defaultdict(int)
    for row in rows:
        per_day[row.day] += 1
    ComplianceSnapshot.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    SnapshotDay.objects.bulk_create(
        [SnapshotDay(day=day, rows=n) for day, n in per_day.items()], ignore_conflicts=True
    )
    logger.info("overview demo history rows=%s lagging=%s", len(rows), lagging_path)


def _lagging_centre(subtree, units) -> str | None:
    """The path of the centre (depth 3) least compliant today (ties: by code)."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for (unit_id, _requirement), counts in subtree.items():
        if units[unit_id].depth == 3:
            totals[unit_id][0] += counts.get("completed", 0) + counts.get("exempt", 0)
            totals[unit_id][1] += sum(counts.values())
    ranked = sorted(
        (compliant / total, units[unit_id].code, unit_id)
        for unit_id, (compliant, total) in totals.items()
        if total
    )
    return units[ranked[0][2]].path if ranked else None
