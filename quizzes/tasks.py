"""Celery wrappers around quiz services; safe to retry or run twice."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from .services import attempts_expire_overdue


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def attempts_expire_overdue_task() -> int:
    """Close abandoned attempts whose time limit has passed (run it every few minutes by beat)."""
    return attempts_expire_overdue()
