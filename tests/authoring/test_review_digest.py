"""The weekly review digest: one Danish e-mail per owner, each item once per ISO week."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from authoring.services import review_digest_send
from authoring.tasks import review_digest_send_task
from guidelines.models import GuidelinePage
from notices.models import Kind, Notice, NoticeKey
from tests.factories import QuestionCategoryFactory, UserFactory, guideline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _send_on_commit(django_capture_on_commit_callbacks):
    """The digest is queued through the notice log and sent when the transaction commits;
    pytest-django's never does, so each test runs the captured send tasks at its end (and
    ``sent`` below runs them at once)."""
    with django_capture_on_commit_callbacks(execute=True):
        yield


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    def run(callable_, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return callable_(*args, **kwargs)

    return run


MONDAY = dt.date(2026, 11, 23)


@pytest.fixture
def due(jurist, units):
    page = guideline("AG-UDE", sections=1, title="Administrationsgrundlag for udeservering")
    GuidelinePage.objects.filter(pk=page.pk).update(
        responsible=jurist, next_review_date=MONDAY - dt.timedelta(days=2)
    )
    QuestionCategoryFactory(
        name="Partshøring", responsible=jurist, next_review_date=MONDAY + dt.timedelta(days=7)
    )
    return page


def test_each_owner_gets_one_danish_digest_listing_their_items(due, jurist, sent):
    assert sent(review_digest_send, today=MONDAY) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [jurist.email]
    assert "2 punkter skal gennemses" in message.subject
    assert "Administrationsgrundlag for udeservering" in message.body
    assert "Overskredet" in message.body
    assert "Partshøring" in message.body
    assert "/admin/til-gennemsyn/" in message.body
    notice = Notice.objects.get(recipient=jurist)
    assert (notice.kind, notice.status, notice.subject) == (
        Kind.REVIEW_DIGEST,
        Notice.Status.SENT,
        message.subject,
    )


def test_the_digest_is_sent_once_per_item_per_week(due, monkeypatch, sent, jurist):
    monkeypatch.setattr("authoring.tasks.timezone.localdate", lambda: MONDAY)
    assert sent(review_digest_send_task.delay).get() == 1
    assert sent(review_digest_send_task.delay).get() == 0  # a duplicated beat run
    assert sent(review_digest_send, today=MONDAY + dt.timedelta(days=3)) == 0
    assert len(mail.outbox) == 1
    assert sent(review_digest_send, today=MONDAY + dt.timedelta(days=7)) == 1  # next week again
    keys = NoticeKey.objects.filter(kind=Kind.REVIEW_DIGEST)
    assert keys.filter(cycle=f"2026-W48/{jurist.pk}").count() == 2


def test_a_new_item_due_later_in_the_week_is_still_sent(due, jurist, sent):
    sent(review_digest_send, today=MONDAY)
    QuestionCategoryFactory(name="Begrundelse", responsible=jurist, next_review_date=MONDAY)
    assert sent(review_digest_send, today=MONDAY + dt.timedelta(days=1)) == 1
    assert "Begrundelse" in mail.outbox[-1].body
    assert "Partshøring" not in mail.outbox[-1].body


def test_items_owned_only_by_a_unit_go_to_the_units_managers(units, manager, sent):
    page = guideline("AG-CYK", sections=1, title="Cykelparkering")
    GuidelinePage.objects.filter(pk=page.pk).update(
        responsible=None, owner_unit=units["centre"], next_review_date=MONDAY
    )
    UserFactory(username="tidligere", org_unit=units["centre"], is_manager=True, is_active=False)
    sent(review_digest_send, today=MONDAY)
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_a_digest_the_mail_server_refuses_is_logged_as_failed_and_not_sent_again(
    due, jurist, monkeypatch, sent
):
    import smtplib

    from django.core.mail import EmailMultiAlternatives

    def refused(self, *args, **kwargs):
        raise smtplib.SMTPDataError(554, b"5.7.1 Message rejected")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refused)
    assert sent(review_digest_send, today=MONDAY) == 1
    notice = Notice.objects.get(recipient=jurist)
    assert (notice.status, notice.failure, notice.attempts) == (
        Notice.Status.FAILED,
        Notice.Failure.REFUSED,
        1,
    )
    assert "554" in notice.last_error
    monkeypatch.undo()
    assert sent(review_digest_send, today=MONDAY) == 0
    assert not mail.outbox


def test_the_management_command_sends_the_digest(due, sent):
    out = StringIO()
    sent(call_command, "send_review_digest", "--date", MONDAY.isoformat(), stdout=out)
    assert "1 e-mail" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_digest_is_in_the_persons_export_and_removed_for_leavers(due, jurist, sent):
    from people.privacy import anonymisers, personal_data_exporters

    sent(review_digest_send, today=MONDAY)
    rows = personal_data_exporters()["beskeder"](jurist)
    assert [(row["slags"], row["status"]) for row in rows] == [("Indhold til gennemsyn", "Sendt")]
    assert "2 punkter skal gennemses" in rows[0]["emne"]
    anonymisers()["beskeder"](jurist)
    assert not Notice.objects.filter(recipient=jurist).exists()
    assert not NoticeKey.objects.exists()
