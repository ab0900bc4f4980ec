"""Real Celery: a prefork worker (and beat) on Redis and PostgreSQL runs Paragraf's own tasks,
retries them, and keeps them idempotent when delivered twice or when a worker child dies."""

from __future__ import annotations

import time
import uuid

import psutil
import psycopg
from django.utils import timezone

from certificates.models import Certificate
from certificates.tasks import certificate_issue_task
from courses.models import CourseRun
from courses.services import step_complete
from tests.factories import CourseRunFactory, UserFactory, course, lessons_of
from tests.services.conftest import CeleryProcess, celery_env, skip_without_services, worker_dsn

pytestmark = skip_without_services


def wait_until(check, *, timeout: float = 30, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


def completed_run() -> CourseRun:
    """A completed run written straight to the database (no completion signal, no task)."""
    return CourseRunFactory(
        user=UserFactory(), course=course(modules=1, lessons=1), completed_at=timezone.now()
    )


def test_completing_a_course_in_the_web_process_gets_the_certificate_issued_by_the_worker(
    live_db, worker
):
    learner = UserFactory()
    page = course(title="Forvaltningsret i praksis", modules=1, lessons=2)
    for lesson in lessons_of(page):
        step_complete(user=learner, page=lesson)  # the last one queues the certificate task

    certificate = wait_until(
        lambda: Certificate.objects.filter(holder=learner).exclude(pdf="").first(),
        what="the certificate",
    )
    assert certificate.course_title == "Forvaltningsret i praksis"
    pdf = worker.media_root / certificate.pdf.name
    assert pdf.read_bytes().startswith(b"%PDF")  # written by the worker, in its media folder
    worker.wait_for(r"ForkPoolWorker-\d+\] Task certificates\.tasks\.certificate_issue_task\[")


def test_a_certificate_task_delivered_three_times_issues_one_certificate(
    live_db, worker, task_done
):
    run = completed_run()
    ids = [str(uuid.uuid4()) for _ in range(3)]
    for task_id in ids:
        certificate_issue_task.apply_async(args=[run.pk], task_id=task_id)
    results = {task_done(task_id)[0].string for task_id in ids}
    assert results  # every delivery finished
    assert Certificate.objects.filter(course_run=run).count() == 1
    pk = Certificate.objects.get(course_run=run).pk
    for task_id in ids:
        assert worker.wait_for(rf"\[{task_id}\] succeeded in [\d.]+s: {pk}\b")


def test_a_failing_certificate_task_is_retried_until_it_succeeds(live_db, worker, task_done):
    run = completed_run()
    # A file where the PDF folder should be: storing the PDF raises OSError, which the task retries.
    folder = worker.media_root / "kursusbeviser"
    aside = folder.with_name("kursusbeviser.aside")
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.is_dir():
        folder.rename(aside)
    folder.write_text("not a folder")
    task_id = str(uuid.uuid4())
    try:
        certificate_issue_task.apply_async(args=[run.pk], task_id=task_id)
        task_done(task_id, "retry")
        assert not Certificate.objects.get(course_run=run).pdf  # issued, but not yet rendered
    finally:
        folder.unlink()  # the fault goes away; a later retry succeeds
        if aside.exists():
            aside.rename(folder)
    task_done(task_id, "succeeded", timeout=60)
    assert Certificate.objects.filter(course_run=run).count() == 1
    assert Certificate.objects.get(course_run=run).pdf


def _lock_waiting_client_ports(conn: psycopg.Connection) -> list[int]:
    rows = conn.execute(
        "SELECT client_port FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
    ).fetchall()
    return [port for (port,) in rows if port is not None]


def _child_with_port(worker: CeleryProcess, port: int) -> psutil.Process | None:
    for child in psutil.Process(worker.pid).children(recursive=True):
        try:
            if any(c.laddr and c.laddr.port == port for c in child.net_connections(kind="tcp")):
                return child
        except psutil.NoSuchProcess:
            continue
    return None


def kill_worker_child_mid_task(worker: CeleryProcess, *, table: str, send) -> str:
    """Hold ``table`` so the task blocks on its first query there, SIGKILL the worker child
    running it, wait until the task is delivered again, then let it run; returns the task id."""
    task_id = str(uuid.uuid4())
    log_start = len(worker.text())
    with psycopg.connect(worker_dsn()) as locker:
        locker.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        send(task_id)
        with psycopg.connect(worker_dsn(), autocommit=True) as observer:
            # The blocked backend's client port names the worker child (an orphaned backend of
            # an earlier kill may still be waiting too; it matches no live child).
            child = wait_until(
                lambda: next(
                    (
                        found
                        for port in _lock_waiting_client_ports(observer)
                        if (found := _child_with_port(worker, port)) is not None
                    ),
                    None,
                ),
                what="the task to block in a worker child",
            )
            child.kill()  # SIGKILL: the worker child dies mid-task, before acknowledging
            worker.wait_for(r"WorkerLostError", after=log_start)
            # acks_late + reject_on_worker_lost: the message goes back on the queue and a
            # fresh child takes it (and blocks on the same lock again).
            worker.wait_for(rf"\[{task_id}\] received", count=2, after=log_start)
        locker.rollback()  # release the table
    return task_id


def test_a_worker_child_killed_mid_task_gets_the_task_redelivered_and_issues_one_certificate(
    live_db, worker, task_done
):
    run = completed_run()
    task_id = kill_worker_child_mid_task(
        worker,
        table="certificates_certificate",
        send=lambda tid: certificate_issue_task.apply_async(args=[run.pk], task_id=tid),
    )
    task_done(task_id, "succeeded", timeout=60)
    assert Certificate.objects.filter(course_run=run).count() == 1
    assert Certificate.objects.get(course_run=run).pdf


def test_beat_schedules_a_task_that_the_worker_runs(live_db, worker, tmp_path):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every_second, _ = IntervalSchedule.objects.get_or_create(
        every=1, period=IntervalSchedule.SECONDS
    )
    run = completed_run()
    PeriodicTask.objects.update_or_create(
        name="it: certificates for completed runs",
        defaults={
            "interval": every_second,
            "task": "certificates.tasks.certificate_issue_task",
            "args": f"[{run.pk}]",
        },
    )
    beat = CeleryProcess(
        ["beat", "-S", "django", "--max-interval", "1", "-l", "INFO"],
        celery_env(tmp_path),
        tmp_path / "beat.log",
    )
    try:
        beat.wait_for(r"Sending due task it: certificates for completed runs", count=2, timeout=30)
    finally:
        beat.stop()
    certificate = wait_until(
        lambda: Certificate.objects.filter(course_run=run).exclude(pdf="").first(),
        what="the scheduled certificate",
    )
    # Sent every second, run more than once: still one certificate.
    assert Certificate.objects.filter(course_run=run).count() == 1
    assert certificate.pdf
