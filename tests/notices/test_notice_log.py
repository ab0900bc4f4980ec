"""The notice log: each notice once per key, delivered with retries, failed with a reason."""

from __future__ import annotations

import datetime as dt
import smtplib
import threading
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection

from notices import delivery
from notices.delivery import smtp_error_is_temporary
from notices.models import Kind, Notice, NoticeKey
from notices.services import About, notice_queue
from notices.tasks import MAX_RETRIES, notice_send_task
from tests.factories import AssignmentFactory, RequirementFactory, course

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(learner, units, tree):
    requirement = RequirementFactory(course=course(title="Onboarding", modules=1, lessons=1))
    return AssignmentFactory(
        person=learner,
        requirement=requirement,
        unit=units["team"],
        assigned_at=dt.date(2026, 3, 1),
        due_at=dt.date(2026, 3, 31),
    )


def queue(learner, assignment, **kwargs):
    return notice_queue(
        recipient=learner,
        kind=kwargs.get("kind", Kind.DUE_SOON),
        subject="Husk: Onboarding",
        body_text="Fristen er om 7 dage.",
        about=[About(obj=assignment, cycle=str(assignment.cycle), person=learner)],
    )


def test_a_second_notice_with_the_same_key_is_not_queued(
    learner, assignment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(learner, assignment)
        second = queue(learner, assignment)
        other_kind = queue(learner, assignment, kind=Kind.OVERDUE)
    assert first is not None and second is None and other_kind is not None
    assert Notice.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_temporary_failure_is_retried_then_sent(
    learner, assignment, django_capture_on_commit_callbacks, monkeypatch
):
    original = EmailMultiAlternatives.send
    answers = [smtplib.SMTPDataError(451, b"4.3.0 Try again later"), None]

    def flaky(self, *args, **kwargs):
        answer = answers.pop(0)
        if answer is not None:
            raise answer
        return original(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
    with mock.patch.object(delivery, "logger") as logger:
        with django_capture_on_commit_callbacks(execute=True):
            notice = queue(learner, assignment)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.failure) == (Notice.Status.SENT, 2, "")
    assert notice.sent_at is not None and notice.last_error == ""
    assert [m.to for m in mail.outbox] == [[learner.email]]
    warning = logger.warning.call_args.args
    assert "will retry" in warning[0] and "451" in warning[-1]


def test_a_permanent_failure_is_failed_with_the_reason_and_not_retried(
    learner, assignment, django_capture_on_commit_callbacks, monkeypatch
):
    calls = []

    def refused(self, *args, **kwargs):
        calls.append(1)
        raise smtplib.SMTPRecipientsRefused({learner.email: (550, b"5.1.1 User unknown")})

    monkeypatch.setattr(EmailMultiAlternatives, "send", refused)
    with mock.patch.object(delivery, "logger") as logger:
        with django_capture_on_commit_callbacks(execute=True):
            notice = queue(learner, assignment)
    notice.refresh_from_db()
    assert (notice.status, notice.failure, notice.attempts) == (
        Notice.Status.FAILED,
        Notice.Failure.REFUSED,
        1,
    )
    assert "550" in notice.last_error and notice.body_text == ""
    assert notice.get_failure_display() == "Mailserveren afviste beskeden"
    assert len(calls) == 1
    assert "failed for good" in logger.error.call_args.args[0]
    # The key stays: the next run queues nothing, so nobody gets a late duplicate.
    assert queue(learner, assignment) is None


def test_a_server_that_stays_down_gives_up_after_the_last_retry(
    learner, assignment, django_capture_on_commit_callbacks, monkeypatch
):
    def down(self, *args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(EmailMultiAlternatives, "send", down)
    with django_capture_on_commit_callbacks(execute=True):
        notice = queue(learner, assignment)
    notice.refresh_from_db()
    assert (notice.status, notice.failure) == (Notice.Status.FAILED, Notice.Failure.GAVE_UP)
    assert notice.attempts == MAX_RETRIES + 1
    assert "Connection refused" in notice.last_error


def test_a_recipient_without_an_address_fails_without_a_send(
    learner, assignment, django_capture_on_commit_callbacks
):
    type(learner).objects.filter(pk=learner.pk).update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        notice = queue(learner, assignment)
    notice.refresh_from_db()
    assert (notice.status, notice.failure) == (Notice.Status.FAILED, Notice.Failure.NO_ADDRESS)
    assert not mail.outbox


def test_a_task_delivered_twice_sends_once(learner, assignment):
    notice = queue(learner, assignment)  # on_commit never runs inside the test's transaction
    assert notice_send_task.delay(notice.pk).get() == Notice.Status.SENT
    assert notice_send_task.delay(notice.pk).get() == Notice.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("exc", "temporary"),
    [
        (smtplib.SMTPServerDisconnected("closed"), True),
        (smtplib.SMTPDataError(451, b"later"), True),
        (smtplib.SMTPSenderRefused(421, b"busy", "a@b"), True),
        (smtplib.SMTPRecipientsRefused({"a@b": (450, b"mailbox busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b": (550, b"no such user")}), False),
        (smtplib.SMTPDataError(554, b"rejected"), False),
        (smtplib.SMTPAuthenticationError(535, b"bad login"), False),
        (smtplib.SMTPNotSupportedError("no STARTTLS"), False),
        (TimeoutError("timed out"), True),
        (ConnectionResetError(104, "reset"), True),
        (ValueError("bad header"), False),
    ],
)
def test_temporary_and_permanent_smtp_errors_are_told_apart(exc, temporary):
    assert smtp_error_is_temporary(exc) is temporary


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_queueing_the_same_key_at_once_leave_one_notice(learner, assignment):
    """Two threads insert the same key at the same moment: the unique constraint decides."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent writers need PostgreSQL (the test SQLite database is one in-memory "
            "connection); run in the service leg"
        )
    barrier = threading.Barrier(2)
    results = []

    def run():
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            results.append(queue(learner, assignment))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    with mock.patch.object(notice_send_task, "delay"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert len(results) == 2
    assert sum(result is not None for result in results) == 1
    assert Notice.objects.count() == 1 and NoticeKey.objects.count() == 1
