"""Reminders go out once per cycle, whatever happens to the task, and each is in the notice log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from compliance.models import Assignment, Status
from compliance.reminders import reminders_send
from compliance.services import requirements_evaluate
from compliance.tasks import send_reminders_task
from notices.models import Kind, Notice, NoticeKey

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def cycles(learner, manager, onboarding_requirement):
    requirements_evaluate(today=TODAY)
    return Assignment.objects.get(person=learner)


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """Run the notices' send tasks queued on commit (pytest-django's transaction never commits)."""

    def run(callable_, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return callable_(*args, **kwargs)

    return run


@pytest.mark.django_db
def test_the_employee_is_reminded_7_days_before_the_deadline_once(cycles, learner, sending):
    Assignment.objects.filter(pk=cycles.pk).update(due_at=TODAY + dt.timedelta(days=7))
    assert sending(reminders_send, today=TODAY).due_soon == 1
    assert sending(reminders_send, today=TODAY).due_soon == 0
    sending(send_reminders_task.delay)
    sending(call_command, "send_reminders")
    sent = [m for m in mail.outbox if m.to == [learner.email]]
    assert len(sent) == 1
    assert "Onboarding" in sent[0].subject and "8. juni 2025" in sent[0].body
    assert "http://" in sent[0].body and "/kurser/" in sent[0].body
    html = sent[0].alternatives[0][0]
    assert "<strong>Onboarding</strong>" in html
    notice = Notice.objects.get(recipient=learner)
    assert (notice.kind, notice.status, notice.subject) == (
        Kind.DUE_SOON,
        Notice.Status.SENT,
        sent[0].subject,
    )
    assert notice.sent_at is not None and notice.body_text == ""  # the copy goes once sent


@pytest.mark.django_db
def test_a_reminder_is_not_sent_before_the_7_days(cycles, learner, sending):
    Assignment.objects.filter(pk=cycles.pk).update(due_at=TODAY + dt.timedelta(days=8))
    sending(reminders_send, today=TODAY)
    assert not [m for m in mail.outbox if m.to == [learner.email]]
    assert not Notice.objects.exists()


@pytest.mark.django_db
def test_overdue_people_and_their_manager_are_told_once(cycles, learner, manager, sending):
    Assignment.objects.filter(pk=cycles.pk).update(
        status=Status.OVERDUE, due_at=TODAY - dt.timedelta(days=1)
    )
    first = sending(reminders_send, today=TODAY)
    second = sending(reminders_send, today=TODAY)
    assert (first.overdue, first.manager_digests) == (1, 1)
    assert (second.overdue, second.manager_digests) == (0, 0)
    to_manager = [m for m in mail.outbox if m.to == [manager.email]]
    assert len(to_manager) == 1 and learner.get_full_name() in to_manager[0].body
    assert "/mit-team/" in to_manager[0].body
    keys = NoticeKey.objects.filter(assignment=cycles)
    assert sorted(keys.values_list("kind", flat=True)) == [Kind.MANAGER_OVERDUE, Kind.OVERDUE]
    escalation = Notice.objects.get(kind=Kind.MANAGER_OVERDUE)
    assert escalation.recipient == manager and escalation.status == Notice.Status.SENT


@pytest.mark.django_db
def test_a_new_cycle_is_reminded_again(cycles, learner, sending):
    Assignment.objects.filter(pk=cycles.pk).update(due_at=TODAY + dt.timedelta(days=3))
    sending(reminders_send, today=TODAY)
    Assignment.objects.filter(pk=cycles.pk).update(status=Status.SUPERSEDED)
    Assignment.objects.create(
        person=learner,
        requirement=cycles.requirement,
        unit=cycles.unit,
        cycle=2,
        assigned_at=TODAY,
        due_at=TODAY + dt.timedelta(days=5),
    )
    assert sending(reminders_send, today=TODAY).due_soon == 1
    assert sorted(NoticeKey.objects.values_list("cycle", flat=True)) == ["1", "2"]


@pytest.mark.django_db
def test_a_mail_server_that_is_down_for_a_while_gets_the_reminder_on_a_retry(
    cycles, learner, sending, monkeypatch
):
    import smtplib

    from django.core.mail import EmailMultiAlternatives

    Assignment.objects.filter(pk=cycles.pk).update(due_at=TODAY + dt.timedelta(days=3))
    original = EmailMultiAlternatives.send
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(self.to)
        if len(calls) < 3:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
    assert sending(reminders_send, today=TODAY).due_soon == 1
    notice = Notice.objects.get(recipient=learner)
    assert (notice.status, notice.attempts) == (Notice.Status.SENT, 3)
    assert len([m for m in mail.outbox if m.to == [learner.email]]) == 1
    assert sending(reminders_send, today=TODAY).due_soon == 0
