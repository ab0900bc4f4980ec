"""Writes of the compliance history: the day's snapshot and the thinning of old days."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import connection
from django.db.models import Max, Subquery
from django.db.models.functions import TruncMonth

from compliance.models import Status, StatusCount

from .models import ComplianceSnapshot

logger = logging.getLogger(__name__)

#: The statuses kept, in the snapshot's column order (superseded cycles are not counted).
COLUMNS = (
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.COMPLETED,
    Status.OVERDUE,
    Status.EXEMPT,
)
#: Days kept whole; older days are thinned to one a month.
KEEP_DAILY_YEARS = 3


def _snapshot_sql() -> str:
    snapshot = ComplianceSnapshot._meta.db_table
    counts = StatusCount._meta.db_table
    columns = ", ".join(str(status) for status in COLUMNS)
    sums = ",\n       ".join(
        f"SUM(CASE WHEN c.status = '{status}' THEN c.count ELSE 0 END)" for status in COLUMNS
    )
    kept = ", ".join(f"'{status}'" for status in COLUMNS)
    # SQLite needs a WHERE clause before ON CONFLICT in INSERT … SELECT (a parsing ambiguity),
    # which the day guard is. The statuses are our own constants, not input.
    return f"""
INSERT INTO {snapshot} (day, unit_id, requirement_id, {columns})
SELECT %s, c.unit_id, c.requirement_id,
       {sums}
FROM {counts} c
WHERE NOT EXISTS (SELECT 1 FROM {snapshot} s WHERE s.day = %s)
GROUP BY c.unit_id, c.requirement_id
HAVING SUM(CASE WHEN c.status IN ({kept}) THEN c.count ELSE 0 END) > 0
ON CONFLICT (unit_id, day, requirement_id) DO NOTHING
"""  # noqa: S608


def snapshot_take(*, day: dt.date) -> int:
    """Store the materialised compliance counts as they stand now under ``day``: one row per
    unit × requirement with any current cycle, written by one ``INSERT … SELECT`` from
    ``StatusCount`` (set-based on PostgreSQL and SQLite alike). A day is written once: when it
    has any row already, nothing is written, and two runs at once leave one row per key (the
    unique index). Returns the rows written."""
    value = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        cursor.execute(_snapshot_sql(), [value, value])
        written = max(cursor.rowcount, 0)
    logger.info("compliance snapshot day=%s rows=%s", day.isoformat(), written)
    return written


def thinning_cutoff(*, today: dt.date) -> dt.date:
    """The first day kept whole: the first of the month three years before ``today``."""
    return dt.date(today.year - KEEP_DAILY_YEARS, today.month, 1)


def snapshots_thin(*, today: dt.date) -> int:
    """Reduce the days before ``thinning_cutoff`` to one a month, the month's last day with a
    snapshot (whole months only, so a month is never thinned twice to a different day).
    One DELETE; returns the rows deleted."""
    cutoff = thinning_cutoff(today=today)
    old = ComplianceSnapshot.objects.filter(day__lt=cutoff)
    month_ends = (
        old.annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(last=Max("day"))
        .values("last")
    )
    deleted, _ = old.exclude(day__in=Subquery(month_ends)).delete()
    logger.info("compliance snapshots thinned before=%s rows=%s", cutoff.isoformat(), deleted)
    return deleted
