"""Writes of the compliance history: the day's snapshot and the thinning of old days."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import connection, transaction
from django.db.models import Max, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from compliance.models import Status, StatusCount

from .models import ComplianceSnapshot, SnapshotDay

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
    # SQLite needs a WHERE clause before ON CONFLICT in INSERT … SELECT (a parsing ambiguity).
    # The statuses are our own constants, not input.
    return f"""
INSERT INTO {snapshot} (day, unit_id, requirement_id, {columns})
SELECT %s, c.unit_id, c.requirement_id,
       {sums}
FROM {counts} c
WHERE c.count > 0
GROUP BY c.unit_id, c.requirement_id
HAVING SUM(CASE WHEN c.status IN ({kept}) THEN c.count ELSE 0 END) > 0
ON CONFLICT (unit_id, day, requirement_id) DO NOTHING
"""  # noqa: S608


def _claim_sql() -> str:
    return (
        f"INSERT INTO {SnapshotDay._meta.db_table} (day, taken_at, rows) "  # noqa: S608
        "VALUES (%s, %s, 0) ON CONFLICT (day) DO NOTHING"
    )


def snapshot_take(*, day: dt.date) -> int:
    """Store the materialised compliance counts as they stand now under ``day``: one row per
    unit × requirement with any current cycle, written by one ``INSERT … SELECT`` from
    ``StatusCount`` (set-based on PostgreSQL and SQLite alike), in one transaction with the
    day's ``SnapshotDay``. A day is written once: a later run (or one running at the same time,
    which waits for the first) finds the day's key taken and writes nothing. Returns the rows
    written."""
    value = connection.ops.adapt_datefield_value(day)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            _claim_sql(), [value, connection.ops.adapt_datetimefield_value(timezone.now())]
        )
        if cursor.rowcount != 1:
            logger.info("compliance snapshot day=%s rows=0 reason=already-stored", day.isoformat())
            return 0
        cursor.execute(_snapshot_sql(), [value])
        written = max(cursor.rowcount, 0)
        SnapshotDay.objects.filter(day=day).update(rows=written)
    logger.info("compliance snapshot day=%s rows=%s", day.isoformat(), written)
    return written


def thinning_cutoff(*, today: dt.date) -> dt.date:
    """The first day kept whole: the first of the month three years before ``today``."""
    return dt.date(today.year - KEEP_DAILY_YEARS, today.month, 1)


def snapshots_thin(*, today: dt.date) -> int:
    """Reduce the days before ``thinning_cutoff`` to one a month, the month's last stored day
    (whole months only, so a month is never thinned twice to a different day). Most nights
    there is nothing to thin (one query); returns the snapshot rows deleted."""
    cutoff = thinning_cutoff(today=today)
    old = SnapshotDay.objects.filter(day__lt=cutoff)
    month_ends = (
        old.annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(last=Max("day"))
        .values("last")
    )
    doomed = list(old.exclude(day__in=Subquery(month_ends)).values_list("day", flat=True))
    if not doomed:
        return 0
    with transaction.atomic():
        deleted, _ = ComplianceSnapshot.objects.filter(day__in=doomed).delete()
        SnapshotDay.objects.filter(day__in=doomed).delete()
    logger.info(
        "compliance snapshots thinned before=%s days=%s rows=%s",
        cutoff.isoformat(),
        len(doomed),
        deleted,
    )
    return deleted
