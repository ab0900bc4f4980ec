"""Thin, idempotent Celery wrappers (acks_late; unique constraints make retries harmless)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def evaluate_requirements_task() -> int:
    from .services import requirements_evaluate

    return requirements_evaluate().changed


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_reminders_task() -> int:
    from .reminders import reminders_send

    result = reminders_send()
    return result.due_soon + result.overdue + result.manager_digests
