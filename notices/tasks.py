"""Delivery of queued notices (idempotent: a notice already sent or failed is left alone)."""

from __future__ import annotations

from celery import shared_task

from .delivery import NoticeTemporaryFailure, notice_deliver

#: Five more tries after the first, 1, 2, 4, 8 and 16 minutes apart (about half an hour).
MAX_RETRIES = 5
BACKOFF_SECONDS = 60


def retry_countdown(retries: int) -> int:
    return BACKOFF_SECONDS * 2**retries


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def notice_send_task(self, notice_id: int) -> str:
    """Send one notice; on a temporary SMTP failure, retry with backoff through the broker.
    Without a broker (tasks run eagerly in-process) there is nothing to hold a delayed retry,
    so the tries follow at once, as many as a worker would make."""
    retries = self.request.retries
    while True:
        try:
            return notice_deliver(notice_id=notice_id, last_try=retries >= MAX_RETRIES)
        except NoticeTemporaryFailure as exc:
            if not self.request.is_eager:
                raise self.retry(exc=exc, countdown=retry_countdown(retries)) from exc
            retries += 1
