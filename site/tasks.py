"""Celery tasks of the site package: thin, idempotent wrappers around services."""

from __future__ import annotations

from celery import shared_task

from .privacy import retention_apply


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def retention_apply_task() -> int:
    """Anonymise leavers past the retention period; safe to run twice (anonymised people are
    never picked again)."""
    return retention_apply()
