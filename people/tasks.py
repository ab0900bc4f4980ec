"""The HR import as a Celery task: idempotent, since re-importing the same file writes nothing."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def employees_import_task(*, path: str, fmt: str, actor_id: int | None = None) -> int:
    from .importers import ImportInvalid, employees_import
    from .models import User

    with default_storage.open(path, "rb") as handle:
        data = handle.read()
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    try:
        summary = employees_import(data=data, fmt=fmt, actor=actor)
    except ImportInvalid as exc:
        logger.error("HR import task rejected %s: %s", path, exc.errors[:5])
        return -1
    default_storage.delete(path)
    return summary.rows_written
