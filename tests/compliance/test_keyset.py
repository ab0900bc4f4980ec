"""The assignment list's keyset pages and its total: every row once, forwards and backwards,
deep pages as cheap as the first, forged keys refused, and no COUNT(*) over the whole list."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.db import connection
from django.utils import timezone, translation

from compliance.keyset import Total, bounded_total
from compliance.models import Assignment, Status
from compliance.reports import ASSIGNMENT_KEYSET, AssignmentReport
from compliance.services import counts_rebuild, requirements_evaluate
from tests.factories import UserFactory

URL = "/admin/tildelinger/"


@pytest.fixture
def many(units, onboarding_requirement, hr_admin):
    """Seven people in the team, their cycles spread over three statuses and two due dates."""
    people = [UserFactory(org_unit=units["team"]) for _ in range(7)]
    requirements_evaluate(today=timezone.localdate())
    rows = list(Assignment.objects.filter(person__in=people).order_by("id"))
    statuses = [Status.NOT_STARTED, Status.OVERDUE, Status.IN_PROGRESS]
    for index, row in enumerate(rows):
        row.status = statuses[index % 3]
        row.due_at = dt.date(2026, 3, 1) + dt.timedelta(days=index % 2)
    Assignment.objects.bulk_update(rows, ["status", "due_at"])
    counts_rebuild()
    return rows


def ordered_ids() -> list[int]:
    return list(Assignment.objects.order_by("status", "due_at", "id").values_list("id", flat=True))


def page_ids(response) -> list[int]:
    return [row.pk for row in response.context["object_list"]]


def link(html: str, text: str) -> str | None:
    """The href of the pager link whose text is ``text`` (None when it is disabled)."""
    for attrs, body in re.findall(r"<a([^>]*)>(.*?)</a>", html, flags=re.S):
        if text in body:
            found = re.search(r'href="([^"]+)"', attrs)
            return found.group(1).replace("&amp;", "&") if found else None
    raise AssertionError(f"no link {text!r}")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(AssignmentReport, "paginate_by", 2)


@pytest.mark.django_db
def test_next_walks_every_row_once_in_order_and_previous_walks_back(
    client, hr_admin, many, small_pages
):
    client.force_login(hr_admin)
    seen, url, pages = [], URL, []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        pages.append(page_ids(response))
        seen += pages[-1]
        url = link(html, "Næste")
    assert seen == ordered_ids() and len(pages) >= 4
    # Backwards from the last page, by the previous links, the same pages in reverse.
    back, url = [], link(client.get(URL).content.decode(), "Sidste side")
    while url:
        response = client.get(url)
        back.insert(0, page_ids(response))
        url = link(response.content.decode(), "Forrige")
    assert [i for page in back for i in page] == ordered_ids()
    assert back[-1] == pages[-1]


@pytest.mark.django_db
def test_a_deep_page_costs_the_queries_of_the_first(
    client, hr_admin, many, small_pages, django_assert_max_num_queries
):
    client.force_login(hr_admin)
    first = client.get(URL)
    third_key = ASSIGNMENT_KEYSET.encode(Assignment.objects.order_by("status", "due_at", "id")[3])
    with django_assert_max_num_queries(40) as on_first:
        client.get(URL)
    with django_assert_max_num_queries(len(on_first.captured_queries)) as deep:
        response = client.get(f"{URL}?efter={third_key}")
    assert page_ids(response) == ordered_ids()[4:6]
    assert not any("OFFSET" in q["sql"].upper() for q in deep.captured_queries)
    assert page_ids(first) == ordered_ids()[:2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key",
    [
        "overdue.2026-03-01",  # too few parts
        "overdue.2026-03-01.1;DROP TABLE compliance_assignment",
        "unknown_status.2026-03-01.1",
        "overdue.2026-13-01.1",
        "overdue.2026-03-01.1.2",
    ],
)
def test_a_forged_or_broken_key_shows_the_first_page_with_a_danish_notice(
    client, hr_admin, many, small_pages, caplog, key
):
    client.force_login(hr_admin)
    rows = Assignment.objects.count()
    with caplog.at_level(logging.WARNING, logger="compliance.keyset"):
        response = client.get(URL, {"efter": key})
    assert response.status_code == 200
    assert page_ids(response) == ordered_ids()[:2]
    assert "Siden findes ikke længere" in response.content.decode()
    assert "unreadable page key" in caplog.text
    assert Assignment.objects.count() == rows  # nothing dropped, nothing written


@pytest.mark.django_db
def test_a_key_past_the_end_shows_the_last_page_and_one_before_the_start_the_first(
    client, hr_admin, many, small_pages
):
    client.force_login(hr_admin)
    last = ASSIGNMENT_KEYSET.encode(Assignment.objects.order_by("-status", "-due_at", "-id")[0])
    response = client.get(URL, {"efter": last})
    assert page_ids(response) == ordered_ids()[-2:]
    first = ASSIGNMENT_KEYSET.encode(Assignment.objects.order_by("status", "due_at", "id")[0])
    response = client.get(URL, {"foer": first})
    assert page_ids(response) == ordered_ids()[:2]


@pytest.mark.django_db
def test_the_filters_apply_to_every_page(client, hr_admin, many, units, small_pages):
    client.force_login(hr_admin)
    query = {"unit": units["team"].pk, "status": Status.NOT_STARTED}
    expected = list(
        Assignment.objects.filter(
            unit__path__startswith=units["team"].path, status=Status.NOT_STARTED
        )
        .order_by("status", "due_at", "id")
        .values_list("id", flat=True)
    )
    response = client.get(URL, query)
    seen = page_ids(response)
    next_url = link(response.content.decode(), "Næste")
    assert f"unit={units['team'].pk}" in next_url and "status=not_started" in next_url
    seen += page_ids(client.get(next_url))
    assert seen == expected and len(expected) == 3
    assert "3 tildelinger i alt" in response.content.decode()


@pytest.mark.django_db
def test_totals_read_in_danish():
    with translation.override("da"):
        assert Total(1234, exact=True).label() == "1.234"
        assert Total(5_412_345, exact=False).label() == "ca. 5,4 mio."
        assert Total(123_456, exact=False).label() == "ca. 120.000"


@pytest.mark.django_db
def test_a_large_total_is_bounded_then_estimated_not_counted(many, django_assert_max_num_queries):
    queryset = Assignment.objects.all()
    assert bounded_total(queryset, limit=100) == Total(queryset.count(), exact=True)
    with django_assert_max_num_queries(2) as ctx:
        total = bounded_total(queryset, limit=3)
    bounded = ctx.captured_queries[0]["sql"].upper()
    assert "COUNT(" in bounded and "LIMIT 4" in bounded
    if connection.vendor == "postgresql":
        # The planner's estimate, never below what the bounded count saw; no COUNT(*) after.
        assert not total.exact and total.value >= 4
        assert "EXPLAIN" in ctx.captured_queries[1]["sql"].upper()
    else:  # a developer's SQLite: small, so counted
        assert total == Total(queryset.count(), exact=True)
