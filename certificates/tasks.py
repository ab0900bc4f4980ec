"""Celery wrappers around the certificate services; safe to retry or run twice."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from courses.models import CourseRun

from .bundles import bundle_build, bundle_fail, bundles_purge
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


@shared_task(bind=True, acks_late=True, max_retries=3)
def bundle_build_task(self, bundle_id: int) -> str | None:
    """Build one certificate bundle's ZIP; returns its status. Safe to retry or run twice
    (``bundle_build`` is idempotent). Storage or database trouble is retried with backoff;
    after the last retry the bundle is marked failed, so its status page stops waiting."""
    try:
        bundle = bundle_build(bundle_id=bundle_id)
    except (OperationalError, OSError) as exc:
        if self.request.retries >= self.max_retries:
            logger.exception("certificate bundle id=%s failed after retries", bundle_id)
            bundle_fail(bundle_id=bundle_id)
            raise
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc
    return None if bundle is None else bundle.status


@shared_task(acks_late=True)
def bundles_purge_task() -> int:
    """Delete bundles (and their ZIP files) older than BUNDLE_KEEP_DAYS; beat runs it hourly."""
    return bundles_purge()
