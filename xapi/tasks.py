"""The outbox's sender: run after each event's commit and every minute by beat (a failed batch
waits out its back-off there); acks_late, so a worker lost mid-batch leaves the rows unsent."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def xapi_send_task() -> int:
    from .services import outbox_flush

    return outbox_flush().sent
