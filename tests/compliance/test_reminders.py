"""Reminders go out once per cycle, whatever happens to the task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from compliance.models import Assignment, ReminderLog, Status
from compliance.reminders import reminders_send
from compliance.services import requirements_evaluate
from compliance.tasks import send_reminders_task

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def cycles(learner, manager, onboarding_requirement):
    requirements_evaluate(today=TODAY)
    return Assignment.objects.get(person=learner)


@pytest.mark.django_db
def test_the_employee_is_reminded_7_days_before_the_deadline_once(cycles, learner):
    Assignment.objects.filter(pk=cycles.pk).update(due_at=TODAY + dt.timedelta(days=7))
    assert reminders_send(today=TODAY).due_soon == 1
    assert reminders_send(today=TODAY).due_soon == 0
    send_reminders_task.delay()
    call_command("send_reminders")
    sent = [m for m in mail.outbox if m.to == [learner.email]]
    assert len(sent) == 1
    assert "Onboarding" in sent[0].subject and "8. juni 2025" in sent[0].body
    assert "http://" in sent[0].body and "/kurser/" in sent[0].body
    html = sent[0].alternatives[0][0]
    assert "<strong>Onboarding</strong>" in html


@pytest.mark.django_db
def test_a_reminder_is_not_sent_before_the_7_days(cycles, learner):
    Assignment.objects.filter(pk=cycles.pk).update(due_at=TODAY + dt.timedelta(days=8))
    reminders_send(today=TODAY)
    assert not [m for m in mail.outbox if m.to == [learner.email]]


@pytest.mark.django_db
def test_overdue_people_and_their_manager_are_told_once(cycles, learner, manager):
    Assignment.objects.filter(pk=cycles.pk).update(
        status=Status.OVERDUE, due_at=TODAY - dt.timedelta(days=1)
    )
    first = reminders_send(today=TODAY)
    second = reminders_send(today=TODAY)
    assert (first.overdue, first.manager_digests) == (1, 1)
    assert (second.overdue, second.manager_digests) == (0, 0)
    to_manager = [m for m in mail.outbox if m.to == [manager.email]]
    assert len(to_manager) == 1 and learner.get_full_name() in to_manager[0].body
    assert "/mit-team/" in to_manager[0].body
    assert ReminderLog.objects.filter(assignment=cycles).count() == 2


@pytest.mark.django_db
def test_a_failed_send_is_not_logged_so_the_retry_sends_it(cycles, learner, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    Assignment.objects.filter(pk=cycles.pk).update(due_at=TODAY + dt.timedelta(days=3))
    original = EmailMultiAlternatives.send

    def broken(self, *args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with pytest.raises(OSError):
        reminders_send(today=TODAY)
    assert not ReminderLog.objects.exists()
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    assert reminders_send(today=TODAY).due_soon == 1
