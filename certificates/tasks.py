"""Celery wrappers around the certificate services; safe to retry or run twice."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from courses.models import CourseRun

from .services import certificate_issue_and_render

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def certificate_issue_task(run_id: int) -> int | None:
    """Issue and render the certificate of a completed run, with the compliance cycle it
    completed; returns its id (or None). The one certificate task per completion."""
    run = CourseRun.objects.select_related("user", "course").filter(pk=run_id).first()
    if run is None or run.completed_at is None:
        logger.warning("certificate not issued: run %s missing or not completed", run_id)
        return None
    return certificate_issue_and_render(run=run).pk
