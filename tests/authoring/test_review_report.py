"""The "Til gennemsyn" report: what is due or overdue for legal review, by owner and status."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from guidelines.models import GuidelinePage
from tests.factories import QuestionCategoryFactory, course, guideline

pytestmark = pytest.mark.django_db


def _set_review(page, **fields):
    type(page).objects.filter(pk=page.pk).update(**fields)


@pytest.fixture
def due_items(jurist, approver, units):
    today = timezone.localdate()
    overdue = guideline("AG-UDE", sections=1, title="Udeserveringsgrundlag")
    _set_review(overdue, responsible=jurist, next_review_date=today - dt.timedelta(days=3))
    soon = guideline("AG-CYK", sections=1, title="Cykelparkering")
    _set_review(
        soon,
        responsible=approver,
        owner_unit=units["team"],
        next_review_date=today + dt.timedelta(days=10),
    )
    later = guideline("AG-BYG", sections=1, title="Byggesager")
    _set_review(later, responsible=jurist, next_review_date=today + dt.timedelta(days=90))
    kursus = course(title="Jura – Kort og Godt", modules=1, lessons=1)
    _set_review(kursus, responsible=jurist, next_review_date=today + dt.timedelta(days=29))
    QuestionCategoryFactory(
        name="Partshøring", responsible=jurist, next_review_date=today - dt.timedelta(days=1)
    )
    return {"overdue": overdue, "soon": soon, "later": later}


def test_the_report_lists_due_and_overdue_items_but_not_later_ones(client, jurist, due_items):
    client.force_login(jurist)
    response = client.get(reverse("authoring_review_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Til gennemsyn" in html
    for title in ("Udeserveringsgrundlag", "Cykelparkering", "Jura – Kort og Godt", "Partshøring"):
        assert title in html
    assert "Byggesager" not in html
    assert "Overskredet" in html


def test_the_report_filters_by_responsible_jurist_and_status(client, jurist, approver, due_items):
    client.force_login(jurist)
    html = client.get(
        reverse("authoring_review_report"), {"responsible": approver.pk}
    ).content.decode()
    assert "Cykelparkering" in html and "Udeserveringsgrundlag" not in html
    html = client.get(reverse("authoring_review_report"), {"status": "overdue"}).content.decode()
    assert "Udeserveringsgrundlag" in html and "Partshøring" in html
    assert "Cykelparkering" not in html and "Jura – Kort og Godt" not in html


def test_the_report_filters_by_owning_unit_including_units_below_it(
    client, jurist, units, due_items
):
    client.force_login(jurist)
    html = client.get(
        reverse("authoring_review_report"), {"owner_unit": units["area"].pk}
    ).content.decode()
    assert "Cykelparkering" in html
    assert "Udeserveringsgrundlag" not in html


def test_a_review_date_in_the_past_is_allowed_and_listed_as_overdue(client, jurist, tree):
    page = guideline("AG-OLD", sections=1, title="Gammelt grundlag")
    page = page.get_latest_revision_as_object()
    page.next_review_date = dt.date(2020, 1, 1)
    page.save_revision(user=jurist).publish()
    assert GuidelinePage.objects.get(pk=page.pk).next_review_date == dt.date(2020, 1, 1)
    client.force_login(jurist)
    html = client.get(reverse("authoring_review_report"), {"status": "overdue"}).content.decode()
    assert "Gammelt grundlag" in html


def test_the_report_exports_csv_and_xlsx(client, jurist, due_items):
    client.force_login(jurist)
    response = client.get(reverse("authoring_review_report"), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0].startswith("Type,Titel,Ansvarlig jurist")
    assert "Udeserveringsgrundlag" in text and "Overskredet" in text
    assert "til-gennemsyn-" in response["Content-Disposition"]

    response = client.get(reverse("authoring_review_report"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Titel"
    assert {row[1] for row in rows[1:]} >= {
        "Udeserveringsgrundlag",
        "Cykelparkering",
        "Partshøring",
    }


def test_learners_hr_and_outsiders_cannot_see_the_report(client, learner, hr, outsider):
    for user in (learner, hr, outsider):
        client.force_login(user)
        response = client.get(reverse("authoring_review_report"))
        assert response.status_code in (302, 403)
        assert "Udeserveringsgrundlag" not in response.content.decode()


def test_the_report_query_count_does_not_grow_with_the_number_of_items(
    client, jurist, django_assert_max_num_queries
):
    today = timezone.localdate()
    for n in range(12):
        page = guideline(f"AG-N{n}", sections=1)
        _set_review(page, responsible=jurist, next_review_date=today - dt.timedelta(days=n))
    for n in range(12):
        QuestionCategoryFactory(name=f"Kategori {n}", responsible=jurist, next_review_date=today)
    client.force_login(jurist)
    client.get(reverse("authoring_review_report"))  # warm caches (content types, site)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("authoring_review_report"))
    assert response.content.decode().count("Kategori ") >= 12
