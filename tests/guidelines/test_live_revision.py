"""Which revision of a guideline was live at time T: one selector, read from Wagtail's log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from guidelines.selectors import guideline_publications, revision_live_at
from guidelines.services import guideline_previous_live_revision
from tests.factories import guideline
from tests.guidelines.helpers import edit_sections

pytestmark = pytest.mark.django_db


def _published_at(page, revision_id: int, when: dt.datetime) -> None:
    PageLogEntry.objects.filter(page=page, revision_id=revision_id).update(timestamp=when)


def test_the_revision_live_at_a_moment_is_the_last_published_before_it(tree):
    page = guideline("AG-LIV", sections=2)
    first = page.live_revision_id
    second = edit_sections(page, AG_LIV_1={"heading": "Nyt"}).live_revision_id
    january, march = timezone.now() - dt.timedelta(days=90), timezone.now() - dt.timedelta(days=30)
    _published_at(page, first, january)
    _published_at(page, second, march)

    history = guideline_publications(guideline_ids=[page.pk])[page.pk]
    assert revision_live_at(history, january - dt.timedelta(days=1)) is None
    assert revision_live_at(history, january + dt.timedelta(days=1)) == first
    assert revision_live_at(history, march) == second
    assert revision_live_at(history, timezone.now()) == second
    # Until: what was published after the moment is not read at all.
    assert guideline_publications(guideline_ids=[page.pk], until=january)[page.pk] == [
        (january, first)
    ]


def test_the_previous_live_revision_is_the_one_before_the_new_one(tree):
    page = guideline("AG-PRV", sections=1)
    first = page.live_revision_id
    page = edit_sections(page, AG_PRV_1={"heading": "Ændret"})
    previous = guideline_previous_live_revision(page=page, revision=page.live_revision)
    assert previous is not None and previous.pk == first


def test_publications_of_no_guidelines_cost_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert guideline_publications(guideline_ids=[]) == {}
