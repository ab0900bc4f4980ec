"""Two queues that cannot block each other: while the `heavy` worker is taken by a long job and
more wait behind it, a certificate on `default` is issued as fast as on an idle system."""

from __future__ import annotations

import time

import psycopg

from certificates.models import Certificate
from certificates.tasks import certificate_issue_task
from compliance.services import EVALUATION_LOCK
from compliance.tasks import evaluate_requirements_task
from tests.services.conftest import skip_without_services, worker_dsn
from tests.services.test_celery_worker import completed_run, wait_until

pytestmark = skip_without_services


def _certificate_seconds() -> float:
    """Seconds from queueing a certificate task to the certificate with its PDF in the database."""
    run = completed_run()
    started = time.monotonic()
    certificate_issue_task.delay(run.pk)
    wait_until(
        lambda: Certificate.objects.filter(course_run=run).exclude(pdf="").exists(),
        timeout=30,
        what="the certificate",
    )
    return time.monotonic() - started


def _lock_waiters(conn: psycopg.Connection) -> int:
    return conn.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
    ).fetchone()[0]


def test_a_busy_heavy_queue_does_not_delay_a_certificate(live_db, workers):
    _certificate_seconds()  # warm the default worker's children (imports, fonts)
    idle = min(_certificate_seconds() for _ in range(2))
    heavy_log = workers["heavy"]
    start = len(heavy_log.text())
    with psycopg.connect(worker_dsn()) as locker:
        # The heavy worker's one child starts a rule evaluation and is held inside it (another
        # evaluation holds its lock), as by a long export; two more heavy jobs queue behind it.
        locker.execute("SELECT pg_advisory_xact_lock(%s)", [EVALUATION_LOCK])
        ids = [evaluate_requirements_task.delay().id for _ in range(3)]
        with psycopg.connect(worker_dsn(), autocommit=True) as observer:
            wait_until(lambda: _lock_waiters(observer) >= 1, what="the heavy job to be running")
            busy = _certificate_seconds()
            assert _lock_waiters(observer) >= 1  # the heavy job was still running throughout
        assert "succeeded" not in heavy_log.text()[start:]
        locker.rollback()
    for task_id in ids:
        heavy_log.wait_for(rf"\[{task_id}\] succeeded", timeout=60, after=start)
    assert busy - idle < 1.0, f"certificate took {busy:.2f} s with heavy busy, {idle:.2f} s idle"
    print(f"certificate: {idle:.2f} s idle, {busy:.2f} s with the heavy queue busy")
