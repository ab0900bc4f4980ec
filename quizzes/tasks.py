"""Celery wrappers around quiz services; safe to retry or run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from .item_totals import item_totals_rebuild
from .models import QuizRegrade
from .regrade_services import regrade_apply
from .services import attempts_expire_overdue


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def attempts_expire_overdue_task() -> int:
    """Close abandoned attempts whose time limit has passed (run it every few minutes by beat)."""
    return attempts_expire_overdue()


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def regrade_apply_task(regrade_id: int) -> int:
    """Apply a queued regrade; returns how many attempts changed score. Run twice (a redelivery
    after a lost worker), the finished run is left as it is."""
    regrade = QuizRegrade.objects.filter(pk=regrade_id).first()
    if regrade is None:
        return 0
    return regrade_apply(regrade=regrade).changed


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def item_totals_rebuild_task() -> int:
    """Recompute the item analysis's running sums from the answers (nightly), so a write path
    that missed them cannot leave the report wrong for long; returns the rows written."""
    return item_totals_rebuild()
