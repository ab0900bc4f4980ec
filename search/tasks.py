"""Celery wrapper around the search index rebuild; safe to retry or run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from .indexing import search_reindex


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def search_reindex_task() -> int:
    """Rebuild the search index from what is published (nightly: a course renamed or a missed
    signal is corrected within a day); returns the entries written."""
    return search_reindex()
