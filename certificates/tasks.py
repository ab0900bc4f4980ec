"""Celery wrappers around the certificate services; safe to retry or run twice."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from courses.models import CourseRun

from .services import certificate_issue_and_render, certificate_issue_for_assignment_and_render

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def certificate_issue_task(run_id: int) -> int | None:
    """Issue and render the certificate of a completed run; returns its id (or None)."""
    run = CourseRun.objects.select_related("user", "course").filter(pk=run_id).first()
    if run is None or run.completed_at is None:
        logger.warning("certificate not issued: run %s missing or not completed", run_id)
        return None
    return certificate_issue_and_render(run=run).pk


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def certificate_for_cycle_task(assignment_id: int) -> int | None:
    """Attach a completed compliance cycle to its certificate (issuing it if needed)."""
    from compliance.models import Assignment, Status

    assignment = (
        Assignment.objects.select_related("person", "requirement__course")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None or assignment.status != Status.COMPLETED:
        logger.warning("no certificate: assignment %s missing or not completed", assignment_id)
        return None
    certificate = certificate_issue_for_assignment_and_render(assignment=assignment)
    return certificate.pk if certificate is not None else None
