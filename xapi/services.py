"""Queue statements in the outbox (in the caller's transaction) and send them to the LRS.

Sending takes a batch of unsent rows with ``SELECT … FOR UPDATE SKIP LOCKED`` (two workers never
send the same row), POSTs them as one JSON array to ``<XAPI_ENDPOINT>/statements`` and marks them
sent only on a 2xx answer. A failure (the LRS down, a timeout, a 5xx) leaves them unsent with a
back-off (30 s, 1 min, 2 min … at most an hour); a 4xx for a batch is retried one statement at a
time, so one statement the LRS rejects does not hold back the others. Statement ids are
deterministic, and an LRS answers a statement it already has with success, so a batch sent
again after a lost answer stores nothing twice.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OutboxStatement
from .statements import VERSION

logger = logging.getLogger(__name__)

MAX_BACKOFF = dt.timedelta(hours=1)


def xapi_enabled() -> bool:
    return bool(settings.XAPI_ENDPOINT)


def outbox_add(rows: list[tuple[uuid.UUID, dict[str, Any]]]) -> int:
    """Queue statements in the current transaction; one already queued is left as it is."""
    if not rows:
        return 0
    created = OutboxStatement.objects.bulk_create(
        [OutboxStatement(id=pk, statement=data) for pk, data in rows], ignore_conflicts=True
    )
    return len(created)


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0


def _post(statements: list[dict[str, Any]]) -> tuple[int, str]:
    """POST statements; (HTTP status, error text) with status 0 when no answer came."""
    token = base64.b64encode(f"{settings.XAPI_USERNAME}:{settings.XAPI_PASSWORD}".encode()).decode()
    request = urllib.request.Request(  # noqa: S310  (the endpoint is an operator's setting)
        settings.XAPI_ENDPOINT.rstrip("/") + "/statements",
        data=json.dumps(statements).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": VERSION,
            "Authorization": f"Basic {token}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.XAPI_TIMEOUT) as response:  # noqa: S310
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.read(300).decode(errors="replace")
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        return 0, str(getattr(error, "reason", error))


def _backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _mark(rows: list[OutboxStatement], *, status: int, error: str, now: dt.datetime) -> bool:
    if 200 <= status < 300:
        OutboxStatement.objects.filter(pk__in=[r.pk for r in rows]).update(sent_at=now)
        return True
    for row in rows:
        row.attempts += 1
        row.next_attempt_at = now + _backoff(row.attempts)
        row.last_error = f"HTTP {status or '-'}: {error}"[:500]
    OutboxStatement.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])
    return False


def outbox_send(*, batch_size: int | None = None) -> SendResult:
    """Send one batch of due statements; see the module docstring."""
    result = SendResult()
    if not xapi_enabled():
        return result
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            OutboxStatement.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, next_attempt_at__lte=now)
            .order_by("created_at", "id")[: batch_size or settings.XAPI_BATCH_SIZE]
        )
        if not rows:
            return result
        status, error = _post([r.statement for r in rows])
        if 400 <= status < 500 and status not in (401, 403, 408, 429) and len(rows) > 1:
            outcomes = [(row, *_post([row.statement])) for row in rows]
        else:
            outcomes = [(row, status, error) for row in rows]
        by_status: dict[tuple[int, str], list[OutboxStatement]] = {}
        for row, row_status, row_error in outcomes:
            by_status.setdefault((row_status, row_error), []).append(row)
        for (row_status, row_error), group in by_status.items():
            if _mark(group, status=row_status, error=row_error, now=now):
                result.sent += len(group)
            else:
                result.failed += len(group)
                logger.warning(
                    "xapi send failed statements=%d status=%s error=%s",
                    len(group), row_status or "-", row_error[:200],
                )  # fmt: skip
    logger.info("xapi batch sent=%d failed=%d", result.sent, result.failed)
    return result


def outbox_flush(*, rounds: int = 20) -> SendResult:
    """Send batches until nothing due is left, a batch fails, or ``rounds`` batches."""
    total = SendResult()
    for _ in range(rounds):
        result = outbox_send()
        total.sent += result.sent
        total.failed += result.failed
        if not result.sent or result.failed:
            break
    return total
