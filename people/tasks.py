"""Celery wrappers of the HR-import services: ``acks_late`` and idempotent, since each service
acts only on the status it expects (a repeated delivery finds the work done)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def hr_import_preview_task(import_id: int) -> str | None:
    from .hr_imports import hr_import_preview

    record = hr_import_preview(import_id=import_id)
    return record.status if record else None


@shared_task(acks_late=True)
def hr_import_load_task(import_id: int) -> str | None:
    from .hr_imports import hr_import_load

    record = hr_import_load(import_id=import_id)
    return record.status if record else None


@shared_task(acks_late=True)
def hr_imports_purge_task() -> int:
    from .hr_imports import hr_imports_purge

    return hr_imports_purge()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def retention_apply_task() -> int:
    """Anonymise leavers past the retention period; safe to run twice (anonymised people are
    never picked again)."""
    from .privacy_data import retention_apply

    return retention_apply()
