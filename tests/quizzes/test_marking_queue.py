"""The essay marking queue filters by quiz, learner and age, never lists the marker's own
answers, and says when it shows only the first rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from people.roles import LEARNER
from quizzes import admin_views
from quizzes.models import AttemptQuestion
from tests.factories import UserFactory, question_add, quiz_add
from tests.quizzes.conftest import answers_for, start

QUEUE = "/admin/quiz-bedoemmelse/"


def essay_answered(client, person, quiz, *, days_ago: int = 0) -> AttemptQuestion:
    client.force_login(person)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    item = attempt.items.get(kind="essay")
    if days_ago:
        AttemptQuestion.objects.filter(pk=item.pk).update(
            answered_at=timezone.now() - dt.timedelta(days=days_ago, hours=1)
        )
    return item


@pytest.fixture
def queue(client, module, groups, learner, outsider, jurist):
    """Two essay quizzes; the learner answered both (one 10 days ago, one 20 days ago), the
    outsider one today, and the jurist one (their own, which they must never see)."""
    byliv = quiz_add(
        module,
        questions=[question_add("Forklar partshøring", kind="essay", choices=[])],
        title="Byliv",
        slug="byliv",
    )
    kort = quiz_add(
        module,
        questions=[question_add("Forklar officialprincippet", kind="essay", choices=[])],
        title="Kort og godt",
        slug="kort",
    )
    outsider.first_name, outsider.last_name = "Ulla", "Udenfor"
    outsider.save()
    return {
        "byliv": byliv,
        "kort": kort,
        "learner_byliv": essay_answered(client, learner, byliv, days_ago=10),
        "learner_kort": essay_answered(client, learner, kort, days_ago=20),
        "outsider_byliv": essay_answered(client, outsider, byliv),
        "jurist_kort": essay_answered(client, jurist, kort, days_ago=30),
    }


def listed(client, **params) -> set[int]:
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return {row.item.pk for row in response.context["items"]}


def test_without_filters_everyone_elses_answers_are_listed_with_their_age(client, jurist, queue):
    client.force_login(jurist)
    assert listed(client) == {
        queue["learner_byliv"].pk,
        queue["learner_kort"].pk,
        queue["outsider_byliv"].pk,
    }
    html = client.get(QUEUE).content.decode()
    assert "10 dage" in html and "20 dage" in html and "0 dage" in html


def test_the_quiz_filter_lists_only_that_quizs_answers(client, jurist, queue):
    client.force_login(jurist)
    assert listed(client, quiz=queue["kort"].pk) == {queue["learner_kort"].pk}
    assert listed(client, quiz=queue["byliv"].pk) == {
        queue["learner_byliv"].pk,
        queue["outsider_byliv"].pk,
    }


def test_the_learner_filter_matches_username_or_name(client, jurist, learner, queue):
    client.force_login(jurist)
    mine = {queue["learner_byliv"].pk, queue["learner_kort"].pk}
    assert listed(client, learner="medarbejder") == mine
    assert listed(client, learner="ulla udenfor") == {queue["outsider_byliv"].pk}
    assert listed(client, learner="UDENFOR") == {queue["outsider_byliv"].pk}
    assert listed(client, learner="ingen-sådan") == set()
    assert "passer til filtrene" in client.get(QUEUE, {"learner": "ingen-sådan"}).content.decode()


def test_the_age_filter_lists_answers_older_than_7_or_14_days(client, jurist, queue):
    client.force_login(jurist)
    assert listed(client, older_than=7) == {queue["learner_byliv"].pk, queue["learner_kort"].pk}
    assert listed(client, older_than=14) == {queue["learner_kort"].pk}
    assert listed(client, older_than=14, quiz=queue["byliv"].pk) == set()


def test_no_filter_reveals_the_markers_own_answers(client, jurist, queue):
    client.force_login(jurist)
    own = queue["jurist_kort"].pk
    for params in ({"learner": "jurist"}, {"quiz": queue["kort"].pk}, {"older_than": 30}):
        assert own not in listed(client, **params)


def test_a_forged_filter_value_is_ignored_and_shows_the_form_error(client, jurist, queue):
    client.force_login(jurist)
    response = client.get(QUEUE, {"older_than": "3650", "quiz": "999999"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert {row.item.pk for row in response.context["items"]} == {
        queue["learner_byliv"].pk,
        queue["learner_kort"].pk,
        queue["outsider_byliv"].pk,
    }


def test_people_without_the_marking_permission_get_nothing_whatever_the_filter(
    client, hr, learner, groups, queue
):
    staff = UserFactory(username="medarbejder2", is_staff=True)
    staff.groups.add(groups[LEARNER])
    for person in (learner, hr, staff):
        client.force_login(person)
        response = client.get(QUEUE, {"learner": "ulla", "quiz": queue["byliv"].pk})
        assert response.status_code in (302, 403)
        assert "Forklar partshøring" not in response.content.decode()


def test_the_page_says_when_it_shows_only_the_oldest_rows(client, jurist, queue, monkeypatch):
    monkeypatch.setattr(admin_views, "MARKING_ROWS", 2)
    client.force_login(jurist)
    response = client.get(QUEUE)
    assert [row.item.pk for row in response.context["items"]] == [
        queue["learner_kort"].pk,
        queue["learner_byliv"].pk,
    ]
    assert "Viser de 2 ældste svar" in response.content.decode()
    response = client.get(QUEUE, {"quiz": queue["kort"].pk})
    assert "ældste svar" not in response.content.decode()
