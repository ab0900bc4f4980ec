"""Publishing after a review moves the next review date on by the item's interval."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from authoring.services import months_add, review_date_next
from courses.models import CoursePage
from guidelines.models import GuidelinePage
from tests.factories import QuestionCategoryFactory, course, guideline

pytestmark = pytest.mark.django_db


def test_months_are_added_calendar_wise_and_clamped_to_the_month_end():
    assert months_add(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert months_add(dt.date(2026, 11, 15), 12) == dt.date(2027, 11, 15)
    assert months_add(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


def test_an_editors_own_new_date_is_kept_even_in_the_past():
    today = dt.date(2026, 11, 27)
    kept = review_date_next(
        current=dt.date(2020, 1, 1),
        previous=dt.date(2026, 12, 1),
        interval_months=12,
        published_on=today,
    )
    assert kept is None


def test_publishing_an_overdue_guideline_moves_its_review_date_by_the_interval(jurist):
    today = timezone.localdate()
    page = guideline("AG-REV", sections=1)
    GuidelinePage.objects.filter(pk=page.pk).update(
        next_review_date=today - dt.timedelta(days=5), review_interval_months=6
    )
    page = GuidelinePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    page.next_review_date = today - dt.timedelta(days=5)
    page.review_interval_months = 6
    page.save_revision(user=jurist).publish()  # the date was not touched in this edit
    second = GuidelinePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    second.summary = "<p>Gennemset og opdateret.</p>"
    second.save_revision(user=jurist).publish()
    stored = GuidelinePage.objects.get(pk=page.pk)
    assert stored.next_review_date == months_add(today, 6)
    # The editor shows the new date too, so the next publish keeps it.
    assert stored.get_latest_revision_as_object().next_review_date == months_add(today, 6)


def test_a_course_gets_a_first_review_date_when_published(jurist):
    kursus = course(modules=1, lessons=1)
    assert CoursePage.objects.get(pk=kursus.pk).next_review_date == months_add(
        timezone.localdate(), 12
    )


def test_publishing_an_item_not_yet_due_leaves_the_date_alone(jurist):
    far = timezone.localdate() + dt.timedelta(days=200)
    page = guideline("AG-FAR", sections=1).get_latest_revision_as_object()
    page.next_review_date = far
    page.save_revision(user=jurist).publish()
    page = GuidelinePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    page.summary = "<p>Stavefejl rettet.</p>"
    page.save_revision(user=jurist).publish()
    assert GuidelinePage.objects.get(pk=page.pk).next_review_date == far


def test_saving_a_due_question_category_in_the_admin_moves_its_date(client, approver):
    today = timezone.localdate()
    category = QuestionCategoryFactory(
        name="Partshøring",
        responsible=approver,
        review_interval_months=12,
        next_review_date=today - dt.timedelta(days=1),
    )
    client.force_login(approver)
    url = reverse(category.snippet_viewset.get_url_name("edit"), args=[category.pk])
    response = client.post(
        url,
        {
            "name": "Partshøring",
            "description": "Gennemset",
            "responsible": approver.pk,
            "review_interval_months": 12,
            "next_review_date": (today - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    category.refresh_from_db()
    assert category.description == "Gennemset"
    assert category.next_review_date == months_add(today, 12)
