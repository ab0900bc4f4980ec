"""The nightly compliance snapshot and thinning; safe to retry or run twice."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from .services import snapshot_take, snapshots_thin


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def compliance_snapshot_task(day: str | None = None) -> int:
    """Store the compliance counts as the close of ``day`` (ISO; default yesterday: beat runs
    it just after midnight, so a retry later in the night names the same day), then thin the
    days older than three years. A day already stored is left as it is. Returns rows written."""
    today = timezone.localdate()
    target = dt.date.fromisoformat(day) if day else today - dt.timedelta(days=1)
    written = snapshot_take(day=target)
    snapshots_thin(today=today)
    return written
