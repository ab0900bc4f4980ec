"""The read replica for real: a streaming PostgreSQL 15 standby (scripts/replica.sh, port 5433)
behind the router. Reports read it once it has caught up with the primary; writes never go there;
a lagging replica sends the report to the primary."""

from __future__ import annotations

import uuid
from contextlib import contextmanager

import pytest
from django.core.files.base import ContentFile
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from paragraf.replica import replica_reads
from people.hr_imports import hr_import_confirm, hr_import_create
from people.models import HRImport, User
from people.tasks import hr_import_load_task, hr_import_preview_task
from tests.factories import UserFactory
from tests.services.conftest import skip_without_services
from tests.services.test_celery_worker import wait_until

pytestmark = [
    skip_without_services,
    pytest.mark.skipif(
        not __import__("os").environ.get("DATABASE_REPLICA_URL"),
        reason="needs DATABASE_REPLICA_URL (scripts/replica.sh start)",
    ),
]


def _one(alias: str, sql: str):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


@pytest.fixture
def hr_client(client, live_db):
    client.force_login(UserFactory(is_superuser=True))
    return client


@contextmanager
def replay_paused():
    _one("replica", "SELECT pg_wal_replay_pause()::text")
    try:
        yield
    finally:
        _one("replica", "SELECT pg_wal_replay_resume()::text")


def test_the_replica_is_a_streaming_standby_of_the_primary(live_db):
    assert _one("replica", "SELECT pg_is_in_recovery()") is True
    assert _one("default", "SELECT pg_is_in_recovery()") is False
    user = UserFactory(first_name=f"R{uuid.uuid4().hex[:8]}")
    assert wait_until(
        lambda: (
            User.objects.using("replica").filter(pk=user.pk, first_name=user.first_name).exists()
        ),
        timeout=10,
        what="the row on the replica",
    )


def test_writes_never_go_to_the_replica(live_db):
    with replica_reads():
        assert User.objects.filter(pk__gt=0).exists() in {True, False}  # a read: the replica
        user = UserFactory()  # a write: the primary
        assert User.objects.filter(pk=user.pk).exists()  # after a write: the primary
    with pytest.raises(Exception, match="read-only"):
        with connections["replica"].cursor() as cursor:
            cursor.execute("CREATE TABLE paragraf_never (id int)")


def test_a_report_reads_the_replica_and_writes_nothing_there(hr_client):
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = hr_client.get(reverse("compliance_rollup"))
        export = hr_client.get(reverse("compliance_assignments") + "?export=csv")
        b"".join(export.streaming_content) if export.streaming else export.content
    assert response.status_code == 200
    assert export.status_code == 200
    replica_sql = [q["sql"] for q in on_replica.captured_queries]
    assert any("compliance" in sql for sql in replica_sql), replica_sql
    assert not [
        s for s in replica_sql if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    # The primary answers the session, the user and the freshness check, not the report.
    assert not [q for q in on_primary.captured_queries if "compliance_" in q["sql"]]


def test_a_learner_page_reads_the_primary(client, live_db):
    learner = UserFactory()
    client.force_login(learner)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get(reverse("my-courses")).status_code == 200
    assert on_replica.captured_queries == []


def test_a_report_right_after_an_import_shows_the_import(hr_client, workers, settings):
    settings.MEDIA_ROOT = workers["heavy"].media_root
    tag = uuid.uuid4().hex[:6].upper()
    data = (
        "medarbejdernr;fornavn;efternavn;enhedskode;enhedsnavn;overordnet_enhedskode;startdato\r\n"
        f"R{tag}1;Rikke{tag};Replika;R{tag};Enhed {tag};;01-01-2020\r\n"
    ).encode()
    hr = UserFactory()
    record = hr_import_create(upload=ContentFile(data, name="hr.csv"), fmt="csv", by=hr)
    hr_import_preview_task.delay(record.pk)
    wait_until(lambda: HRImport.objects.get(pk=record.pk).status != HRImport.Status.PENDING)
    record.refresh_from_db()
    assert hr_import_confirm(record=record, by=hr)
    hr_import_load_task.delay(record.pk)
    wait_until(lambda: HRImport.objects.get(pk=record.pk).status == HRImport.Status.DONE)
    person = User.objects.get(employee_number=f"R{tag}1")
    # At once, no sleep: the report waits for the replica to replay the import, then reads it.
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = hr_client.get(reverse("compliance_person", args=[person.pk]))
    assert response.status_code == 200
    assert f"Rikke{tag}" in response.content.decode()
    assert on_replica.captured_queries


def test_a_lagging_replica_sends_the_report_to_the_primary(hr_client, settings, caplog):
    settings.DATABASE_REPLICA_MAX_WAIT_MS = 300
    with replay_paused():
        person = UserFactory(first_name=f"Lag{uuid.uuid4().hex[:6]}")
        with (
            caplog.at_level("WARNING", logger="paragraf.replica"),
            CaptureQueriesContext(connections["replica"]) as on_replica,
        ):
            response = hr_client.get(reverse("compliance_person", args=[person.pk]))
    assert response.status_code == 200
    assert person.first_name in response.content.decode()
    assert "lags more than 300 ms" in caplog.text
    assert not [q for q in on_replica.captured_queries if "compliance_" in q["sql"]]
