"""The read-replica router's decisions (the real replica is tested in the service leg)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory, override_settings
from django.urls import resolve, reverse

from paragraf import replica
from paragraf.replica import ReplicaReadsMiddleware, ReplicaRouter, replica_reads
from people.models import User

WITH_REPLICA = {**settings.DATABASES, "replica": {"ENGINE": "django.db.backends.sqlite3"}}
router = ReplicaRouter()
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def test_without_a_replica_everything_reads_the_primary():
    assert "replica" not in settings.DATABASES
    with replica_reads():
        assert router.db_for_read(User) == "default"


@override_settings(DATABASES=WITH_REPLICA)
def test_reads_go_to_the_replica_only_inside_a_scope():
    assert router.db_for_read(User) == "default"
    with replica_reads():
        assert router.db_for_read(User) == "replica"
    assert router.db_for_read(User) == "default"


@override_settings(DATABASES=WITH_REPLICA)
def test_writes_go_to_the_primary_and_send_later_reads_there():
    with replica_reads():
        assert router.db_for_read(User) == "replica"
        assert router.db_for_write(User) == "default"
        assert router.db_for_read(User) == "default"


@override_settings(DATABASES=WITH_REPLICA)
def test_migrations_only_on_the_primary():
    assert router.allow_migrate("default", "people")
    assert not router.allow_migrate("replica", "people")


@override_settings(DATABASES=WITH_REPLICA)
def test_a_lagging_or_unreachable_replica_falls_back_to_the_primary(caplog):
    with caplog.at_level("WARNING", logger="paragraf.replica"):
        with mock.patch.object(replica, "replica_caught_up", return_value=False):
            with replica_reads():
                assert router.db_for_read(User) == "default"
        with mock.patch.object(replica, "replica_caught_up", side_effect=DatabaseError("down")):
            with replica_reads():
                assert router.db_for_read(User) == "default"
    assert "lags more than 2000 ms" in caplog.text
    assert "replica unavailable" in caplog.text


@override_settings(DATABASES=WITH_REPLICA)
def test_the_freshness_check_runs_once_per_scope():
    with mock.patch.object(replica, "replica_caught_up", return_value=True) as check:
        with replica_reads():
            for _ in range(3):
                router.db_for_read(User)
    assert check.call_count == 1


def _through_middleware(method: str, path: str, *, streaming: bool = False):
    """Run a request through the middleware; return the alias the view (or stream) read."""
    seen: list[str] = []
    request = getattr(RequestFactory(), method.lower())(path)
    request.resolver_match = resolve(path.split("?")[0])

    def stream():
        seen.append(router.db_for_read(User))
        yield b"x"

    def view(req):
        middleware.process_view(req, None, (), {})
        if streaming:
            return StreamingHttpResponse(stream())
        seen.append(router.db_for_read(User))
        return HttpResponse()

    middleware = ReplicaReadsMiddleware(view)
    response = middleware(request)
    if streaming:
        b"".join(response.streaming_content)
    assert replica._scope.get() is None  # nothing leaks into the next request
    return seen[0]


@pytest.mark.django_db
@override_settings(DATABASES=WITH_REPLICA)
def test_the_middleware_scopes_report_views_only():
    assert _through_middleware("GET", reverse("compliance_rollup")) == "replica"
    assert _through_middleware("GET", reverse("overview_dashboard")) == "replica"
    assert _through_middleware("GET", reverse("findings_practice")) == "replica"
    assert _through_middleware("GET", reverse("paragraf_evidence")) == "replica"
    assert _through_middleware("POST", reverse("compliance_rollup")) == "default"
    assert _through_middleware("GET", reverse("my-courses")) == "default"


@pytest.mark.django_db
@override_settings(DATABASES=WITH_REPLICA)
def test_a_streamed_export_reads_the_replica_while_it_streams():
    path = reverse("compliance_assignments") + "?export=csv"
    assert _through_middleware("GET", path, streaming=True) == "replica"


def test_every_task_is_on_a_queue_chosen_on_purpose():
    import importlib
    import importlib.util

    from paragraf.celery import app

    for label in ("people", "notices", "guidelines", "quizzes", "authoring", "compliance"):
        importlib.import_module(f"{label}.tasks")
    for label in ("certificates", "xapi", "overview", "search"):
        if importlib.util.find_spec(f"{label}.tasks"):
            importlib.import_module(f"{label}.tasks")
    tasks = {name for name in app.tasks if not name.startswith("celery.")}
    heavy = set(settings.CELERY_TASK_ROUTES)
    assert heavy <= tasks, heavy - tasks
    default = {
        "certificates.tasks.certificate_issue_task",
        "compliance.tasks.send_reminders_task",
        "guidelines.tasks.statutes_check_task",
        "notices.tasks.notice_send_task",
        "paragraf.review_digest_send",
        "quizzes.tasks.attempts_expire_overdue_task",
        "xapi.tasks.xapi_send_task",
    }
    assert tasks - heavy == default
    assert {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()} == {"heavy"}
    assert settings.CELERY_TASK_DEFAULT_QUEUE == "default"
