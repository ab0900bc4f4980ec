"""After an attempt the learner sees their points per question category (weighted by each
question's points), when the quiz shows scores; the quiz page still costs a fixed number of
queries, old attempts included."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import AttemptQuestion
from quizzes.services import attempt_start
from tests.factories import StatuteProvisionFactory, guideline, question_add, question_category
from tests.quizzes.conftest import cite_rule_choices, questions, take


@pytest.fixture
def quiz(quiz_of):
    law = question_category("Forvaltningsret")
    access = question_category("Aktindsigt")
    ag = guideline("AG-UDE", sections=1)
    provision = StatuteProvisionFactory(key="FVL-19-1", number="19", subsection="1")
    return quiz_of(
        [
            question_add("Hvornår skal der partshøres?", category=law, points=2),
            question_add(
                "Hvad er udfaldet og hjemlen?",
                kind="cite_rule",
                choices=cite_rule_choices(ag.sections.get(), provision),
                category=law,
                partial_credit_percent=50,
            ),
            question_add("Hvem kan søge aktindsigt?", category=access),
        ],
        pass_mark=50,
    )


def rows(html: str) -> list[tuple[str, str, str]]:
    table = html.split("Dit resultat pr. emne", 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td>', table)
    return [tuple(c.strip() for c in row) for row in cells]


def test_the_result_shows_weighted_points_per_category_with_partial_credit(client, learner, quiz):
    # 2 of 2 on the first, ½ on "find reglen" (right outcome, wrong basis), 0 on the third.
    take(learner, quiz, 1, 0.5, 0)
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert rows(html) == [
        ("Forvaltningsret", "2,5 af 3", "83,3 %"),
        ("Aktindsigt", "0 af 1", "0 %"),
    ]


def test_no_table_when_the_quiz_hides_the_score(client, learner, quiz):
    quiz.review_points = []
    quiz.save_revision().publish()
    take(learner, quiz, 1, 1, 1)
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert "Dit resultat pr. emne" not in html


def test_an_attempt_from_before_frozen_categories_reads_them_from_the_questions(
    client, learner, quiz
):
    attempt = take(learner, quiz, 1, 1, 0)
    for item in AttemptQuestion.objects.filter(attempt=attempt):
        item.snapshot.pop("category")
        item.save(update_fields=["snapshot"])
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert rows(html) == [("Forvaltningsret", "3 af 3", "100 %"), ("Aktindsigt", "0 af 1", "0 %")]


@pytest.mark.parametrize("old", [False, True])
def test_the_result_page_queries_do_not_grow_with_questions_or_categories(
    client, learner, quiz_of, old
):
    counts = []
    for size in (10, 30):
        qs = [
            question_add(f"Spørgsmål {size}.{i}", category=question_category(f"Emne {i % 7}"))
            for i in range(size)
        ]
        page = quiz_of(qs, slug=f"quiz-{size}")
        take(learner, page, *([1] * size))
        if old:
            for item in AttemptQuestion.objects.filter(attempt__quiz=page):
                item.snapshot.pop("category")
                item.save(update_fields=["snapshot"])
        client.force_login(learner)
        client.get(page.url)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            html = client.get(page.url).content.decode()
        assert len(rows(html)) == 7
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 14


def test_starting_an_attempt_reads_the_categories_with_the_questions(learner, quiz_of):
    counts = []
    for size in (10, 30):
        qs = questions(size)
        for i, question in enumerate(qs):
            question.category = question_category(f"Emne {i}")
            question.save_revision().publish()
        page = quiz_of(qs, slug=f"quiz-{size}")
        with CaptureQueriesContext(connection) as queries:
            attempt = attempt_start(user=learner, quiz=page)
        counts.append(len(queries))
        assert {i.snapshot["category"] for i in attempt.items.all()} == {
            f"Emne {i}" for i in range(size)
        }
    assert counts[0] == counts[1]
