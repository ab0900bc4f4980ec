"""Celery tasks for guidelines: thin, idempotent wrappers around services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .eli import FetchError


@shared_task(
    name="guidelines.tasks.statutes_check_task",
    acks_late=True,
    autoretry_for=(FetchError,),
    retry_backoff=300,
    max_retries=3,
)
def statutes_check_task() -> int:
    """Nightly (beat): read retsinformation.dk's ELI feed and flag provisions whose act has a
    newer version. A repeated or retried run creates no duplicate review items; a failed run
    writes nothing and keeps the feed cursor. Returns the number of new review items."""
    from .statute_watch import statutes_check

    return statutes_check(now=timezone.now()).review_items
