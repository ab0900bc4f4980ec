"""The weekly review digest: one Danish e-mail per owner, each item once per ISO week."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from authoring.models import ReviewDigestLog
from authoring.services import review_digest_send
from authoring.tasks import review_digest_send_task
from guidelines.models import GuidelinePage
from tests.factories import QuestionCategoryFactory, UserFactory, guideline

pytestmark = pytest.mark.django_db

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


def test_each_owner_gets_one_danish_digest_listing_their_items(due, jurist):
    assert review_digest_send(today=MONDAY) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [jurist.email]
    assert "2 punkter skal gennemses" in message.subject
    assert "Administrationsgrundlag for udeservering" in message.body
    assert "Overskredet" in message.body
    assert "Partshøring" in message.body
    assert "/admin/til-gennemsyn/" in message.body


def test_the_digest_is_sent_once_per_item_per_week(due, monkeypatch):
    monkeypatch.setattr("authoring.tasks.timezone.localdate", lambda: MONDAY)
    assert review_digest_send_task.delay().get() == 1
    assert review_digest_send_task.delay().get() == 0  # a duplicated beat run
    assert review_digest_send(today=MONDAY + dt.timedelta(days=3)) == 0
    assert len(mail.outbox) == 1
    assert review_digest_send(today=MONDAY + dt.timedelta(days=7)) == 1  # next week again
    assert ReviewDigestLog.objects.filter(week="2026-W48").count() == 2


def test_a_new_item_due_later_in_the_week_is_still_sent(due, jurist):
    review_digest_send(today=MONDAY)
    QuestionCategoryFactory(name="Begrundelse", responsible=jurist, next_review_date=MONDAY)
    assert review_digest_send(today=MONDAY + dt.timedelta(days=1)) == 1
    assert "Begrundelse" in mail.outbox[-1].body
    assert "Partshøring" not in mail.outbox[-1].body


def test_items_owned_only_by_a_unit_go_to_the_units_managers(units, manager):
    page = guideline("AG-CYK", sections=1, title="Cykelparkering")
    GuidelinePage.objects.filter(pk=page.pk).update(
        responsible=None, owner_unit=units["centre"], next_review_date=MONDAY
    )
    UserFactory(username="tidligere", org_unit=units["centre"], is_manager=True, is_active=False)
    review_digest_send(today=MONDAY)
    assert [m.to for m in mail.outbox] == [[manager.email]]


def test_a_failed_send_leaves_nothing_logged_so_a_retry_sends_it(due, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("authoring.services.send_mail", broken)
    with pytest.raises(ConnectionError):
        review_digest_send(today=MONDAY)
    assert ReviewDigestLog.objects.count() == 0
    monkeypatch.undo()
    assert review_digest_send(today=MONDAY) == 1


def test_the_management_command_sends_the_digest(due):
    out = StringIO()
    call_command("send_review_digest", "--date", MONDAY.isoformat(), stdout=out)
    assert "1 e-mail" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_digest_log_is_in_the_persons_export_and_removed_for_leavers(due, jurist):
    from people.privacy import anonymisers, personal_data_exporters

    review_digest_send(today=MONDAY)
    rows = personal_data_exporters()["Påmindelser om gennemsyn"](jurist)
    assert [row["uge"] for row in rows] == ["2026-W48", "2026-W48"]
    assert anonymisers()["Påmindelser om gennemsyn"](jurist) == 2
    assert not ReviewDigestLog.objects.filter(recipient=jurist).exists()
