"""``/healthz``: is this web process able to serve? For load balancers and monitoring.

Checks the database (``SELECT 1``) and, when ``CELERY_BROKER_URL`` is set, the broker (a Redis
PING, or a kombu connection for other brokers) with a short timeout. Answers 200 with
``{"database": "ok", "broker": "ok"}`` when all is well, 503 with the failing part marked
``"error"`` otherwise. The reason goes to the log, never to the (anonymous) caller.
"""

from __future__ import annotations

import logging
from urllib.parse import urlparse

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 1.0


def database_check() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def broker_check(url: str) -> None:
    scheme = urlparse(url).scheme
    if scheme in {"redis", "rediss"}:
        import redis

        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
            socket_timeout=BROKER_TIMEOUT_SECONDS,
        )
        try:
            client.ping()
        finally:
            client.close()
        return
    from kombu import Connection

    with Connection(url, connect_timeout=BROKER_TIMEOUT_SECONDS) as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    status: dict[str, str] = {}
    try:
        database_check()
        status["database"] = "ok"
    except Exception:
        logger.exception("healthz: database check failed")
        status["database"] = "error"
    broker_url: str = getattr(settings, "CELERY_BROKER_URL", "")
    if broker_url:
        try:
            broker_check(broker_url)
            status["broker"] = "ok"
        except Exception:
            logger.exception("healthz: broker check failed (%s)", urlparse(broker_url).hostname)
            status["broker"] = "error"
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse(status, status=200 if healthy else 503)
