"""Delivery of queued notices (idempotent: a notice already sent or failed is left alone)."""

from __future__ import annotations

from celery import shared_task

#: Five more tries after the first, 1, 2, 4, 8 and 16 minutes apart (about half an hour).
MAX_RETRIES = 5
BACKOFF_SECONDS = 60


def retry_countdown(retries: int) -> int:
    return BACKOFF_SECONDS * 2**retries


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def notice_send_task(self, notice_id: int) -> str:
    from .services import NoticeTemporaryFailure, notice_deliver

    try:
        return notice_deliver(notice_id=notice_id, last_try=self.request.retries >= MAX_RETRIES)
    except NoticeTemporaryFailure as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
