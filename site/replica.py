"""Reads for HR reports from a streaming read replica, everything else on the primary.

When ``DATABASE_REPLICA_URL`` is set, settings add the database alias ``replica`` and
``ReplicaRouter``. Reads go to the replica only inside a ``replica_reads()`` scope, which
``ReplicaReadsMiddleware`` opens for GET/HEAD requests to the report views named in
``REPLICA_URL_NAMES`` (compliance rollup and assignment list with their exports, a person's
assignments, the overview dashboard, the "Jura i praksis" report and the evidence view). Outside a
scope, and for every write, the primary (``default``) is used; once a scope has written, its reads
go to the primary too. Migrations run on ``default`` only.

Freshness: a report is never older than the moment it was asked for. On the scope's first read
the primary's WAL position (``pg_current_wal_lsn()``) is taken and the replica is polled until it
has replayed that far (``pg_last_wal_replay_lsn()``). If it has not caught up within
``DATABASE_REPLICA_MAX_WAIT_MS`` (or cannot be reached), the scope reads the primary instead and
a warning is logged. A report right after an HR import therefore shows the import, either from
the caught-up replica or from the primary.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
_POLL_SECONDS = 0.01

# The report views whose reads may come from the replica (URL names; GET and HEAD only).
REPLICA_URL_NAMES = frozenset(
    {
        "compliance_rollup",
        "compliance_rollup_results",
        "compliance_assignments",
        "compliance_assignments_results",
        "compliance_person",
        "compliance_person_results",
        "overview_dashboard",
        "findings_practice",
        "findings_practice_results",
        "paragraf_evidence",
    }
)


@dataclass
class _Scope:
    alias: str | None = None  # decided on the first read
    wrote: bool = False


_scope: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar(
    "paragraf_replica_scope", default=None
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within this block, reads may come from the replica (when one is configured)."""
    token = _scope.set(_Scope())
    try:
        yield
    finally:
        _scope.reset(token)


def replica_caught_up(*, max_wait: float) -> bool:
    """Whether the replica has replayed everything the primary had written when asked, waiting
    up to ``max_wait`` seconds. True without asking when the replica is not PostgreSQL (a test
    mirror of the primary)."""
    if settings.DATABASES[REPLICA].get("ENGINE") != "django.db.backends.postgresql":
        return True
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + max_wait
    with connections[REPLICA].cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)", [target]
            )
            if cursor.fetchone()[0]:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_SECONDS)


def _decide() -> str:
    max_wait = settings.DATABASE_REPLICA_MAX_WAIT_MS / 1000
    started = time.monotonic()
    try:
        fresh = replica_caught_up(max_wait=max_wait)
    except DatabaseError as exc:
        logger.warning("replica unavailable, reading the primary: %s", exc)
        return PRIMARY
    if not fresh:
        logger.warning(
            "replica lags more than %.0f ms behind the primary, reading the primary",
            max_wait * 1000,
        )
        return PRIMARY
    logger.debug("replica caught up in %.1f ms", (time.monotonic() - started) * 1000)
    return REPLICA


class ReplicaRouter:
    """Django database router: the replica for reads inside a ``replica_reads()`` scope."""

    def db_for_read(self, model, **hints) -> str:
        scope = _scope.get()
        if scope is None or scope.wrote or not replica_configured():
            return PRIMARY
        if scope.alias is None:
            scope.alias = _decide()
        return scope.alias

    def db_for_write(self, model, **hints) -> str:
        scope = _scope.get()
        if scope is not None:
            scope.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the primary's rows: one database, two doors

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY


def _in_scope(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """A streamed export reads its rows after the view has returned: keep it in the scope."""
    with replica_reads():
        yield from chunks


class ReplicaReadsMiddleware:
    """Opens a ``replica_reads()`` scope for GET/HEAD requests to the views in
    ``REPLICA_URL_NAMES``, from view to rendered (or streamed) response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                _scope.reset(token)
                del request._replica_token  # type: ignore[attr-defined]
        if token is not None and isinstance(response, StreamingHttpResponse):
            response.streaming_content = _in_scope(response.streaming_content)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        match = request.resolver_match
        if (
            replica_configured()
            and request.method in {"GET", "HEAD"}
            and match is not None
            and match.url_name in REPLICA_URL_NAMES
        ):
            request._replica_token = _scope.set(_Scope())  # type: ignore[attr-defined]
