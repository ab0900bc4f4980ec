"""Celery tasks for authoring: thin, idempotent wrappers around services."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone


@shared_task(
    name="paragraf.review_digest_send",
    acks_late=True,
    autoretry_for=(SMTPException, ConnectionError),
    retry_backoff=60,
    max_retries=5,
)
def review_digest_send_task() -> int:
    """Weekly (beat): e-mail each owner what is due for review. A re-run sends nothing twice."""
    from .services import review_digest_send

    return review_digest_send(today=timezone.localdate())
