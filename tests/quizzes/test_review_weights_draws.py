"""Review options with timing, question weights and random draws (issue 17, items 4 and 5)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from unittest.mock import patch

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quizzes.grading import attempt_score
from quizzes.models import Attempt, QuizDraw, ReviewTiming
from quizzes.services import QuizRefused, attempt_start
from tests.factories import question_category
from tests.quizzes.conftest import answers_for, question_add, questions, start

KEY_AFTER_CLOSE = {
    "review_correctness": ["immediately", "later", "closed"],
    "review_answers": ["closed"],
    "review_explanations": ["closed"],
    "review_points": ["immediately", "later", "closed"],
}


def _submit(client, attempt, *, right: bool):
    response = client.post(
        f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=right)
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    return attempt


# --- Review options ---------------------------------------------------------------------------


def test_a_mandatory_quiz_hides_the_key_until_the_learner_passes(client, learner, quiz_of):
    quiz = quiz_of(
        questions(2, explanation="<p>Forklaringen</p>"), max_attempts=3, **KEY_AFTER_CLOSE
    )
    client.force_login(learner)
    _submit(client, start(client, quiz), right=False)
    html = client.get(quiz.url).content.decode()
    assert "Ikke bestået" in html and "Forkert" in html and "Du fik 0 af 2 point" in html
    assert "rigtigt svar" not in html and "Forklaringen" not in html
    assert "vises, når du har bestået quizzen eller brugt alle dine forsøg" in html
    _submit(client, start(client, quiz), right=True)
    html = client.get(quiz.url).content.decode()
    assert "Bestået" in html and "rigtigt svar" in html and "Forklaringen" in html


def test_the_key_is_shown_once_every_attempt_is_used(client, learner, quiz_of):
    quiz = quiz_of(questions(1), max_attempts=2, **KEY_AFTER_CLOSE)
    client.force_login(learner)
    _submit(client, start(client, quiz), right=False)
    assert "rigtigt svar" not in client.get(quiz.url).content.decode()
    _submit(client, start(client, quiz), right=False)
    html = client.get(quiz.url).content.decode()
    assert "Du har brugt alle dine forsøg" in html and "rigtigt svar" in html


def test_right_after_and_later_are_told_apart_by_two_minutes(client, learner, quiz_of):
    quiz = quiz_of(
        questions(1, explanation="<p>Forklaringen</p>"),
        review_explanations=["immediately"],
        review_answers=["later"],
    )
    client.force_login(learner)
    attempt = _submit(client, start(client, quiz), right=False)
    html = client.get(quiz.url).content.decode()
    assert "Forklaringen" in html and "rigtigt svar" not in html
    Attempt.objects.filter(pk=attempt.pk).update(
        submitted_at=timezone.now() - dt.timedelta(minutes=3)
    )
    html = client.get(quiz.url).content.decode()
    assert "Forklaringen" not in html and "rigtigt svar" in html


def test_during_the_attempt_only_what_is_chosen_for_during_is_shown(client, learner, quiz_of):
    quiz = quiz_of(
        questions(2, explanation="<p>Forklaringen</p>"),
        feedback_mode="each",
        review_correctness=["during", "immediately"],
        review_answers=["closed"],
        review_explanations=["closed"],
    )
    client.force_login(learner)
    attempt = start(client, quiz)
    first = attempt.items.first()
    data = {
        "question": first.pk,
        **{k: v for k, v in answers_for(attempt, right=False).items() if k == f"q-{first.pk}"},
    }
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    html = client.get(quiz.url).content.decode()
    assert "Forkert" in html
    assert "rigtigt svar" not in html and "Forklaringen" not in html


def test_a_closed_quiz_takes_no_new_attempts_and_shows_what_is_chosen_for_closed(
    client, learner, quiz_of
):
    quiz = quiz_of(questions(1), **KEY_AFTER_CLOSE)
    client.force_login(learner)
    _submit(client, start(client, quiz), right=False)
    quiz.closes_at = timezone.now() - dt.timedelta(minutes=1)
    quiz.save_revision().publish()
    html = client.get(quiz.url).content.decode()
    assert "Quizzen er lukket for nye forsøg." in html and "rigtigt svar" in html
    refused = client.post(f"/quiz/{quiz.pk}/start/")
    assert refused.status_code == 403 and "lukket" in refused.content.decode()
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_the_review_settings_are_checkboxes_in_the_admin(quiz_of):
    from quizzes.models import QuizPage

    form_field = QuizPage._meta.get_field("review_answers").formfield()
    assert [v for v, _ in form_field.choices] == [t.value for t in ReviewTiming]
    assert not form_field.required
    assert form_field.clean(["closed", "later"]) == ["closed", "later"]


# --- Weights --------------------------------------------------------------------------------


def test_the_score_weighs_each_question_by_its_points():
    score, max_score, percent = attempt_score([Decimal(1), Decimal(0), Decimal("0.5")], [3, 1, 2])
    assert (score, max_score, percent) == (Decimal("4.00"), 6, Decimal("66.7"))


def test_the_pass_mark_is_a_share_of_the_points(client, learner, quiz_of):
    heavy = question_add("Tungt spørgsmål", points=4)
    light = question_add("Let spørgsmål", points=1)
    quiz = quiz_of([heavy, light], pass_mark=80, shuffle_choices=False)
    client.force_login(learner)
    attempt = start(client, quiz)
    data = answers_for(attempt, right=True)
    light_item = attempt.items.get(question=light)
    data[f"q-{light_item.pk}"] = answers_for(attempt, right=False)[f"q-{light_item.pk}"]
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.percent) == (Decimal(4), 5, Decimal(80))
    assert attempt.passed is True
    assert attempt.items.get(question=heavy).snapshot["weight"] == 4
    assert "4 af 4 point" in client.get(quiz.url).content.decode()


def test_a_weight_outside_1_to_100_is_refused(db):
    with pytest.raises(ValidationError):
        question_add("Uden point", points=0)
    with pytest.raises(ValidationError):
        question_add("For mange point", points=101)


# --- Random draws ---------------------------------------------------------------------------


def _bank(name: str, n: int):
    category = question_category(name)
    return [question_add(f"{name} {i}", category=category) for i in range(n)], category


def test_each_attempt_draws_the_set_number_from_each_category(learner, quiz_of):
    a_questions, a = _bank("Kategori A", 6)
    b_questions, b = _bank("Kategori B", 4)
    fixed = question_add("Altid med", category=question_category("Faste"))
    quiz = quiz_of([fixed])
    QuizDraw.objects.create(page=quiz, category=a, count=3, sort_order=0)
    QuizDraw.objects.create(page=quiz, category=b, count=2, sort_order=1)
    served = []
    for seed in (1, 2):
        attempt = attempt_start(user=learner, quiz=quiz, rng=random.Random(seed))
        ids = [item.question_id for item in attempt.items.order_by("position")]
        assert ids[0] == fixed.pk and len(ids) == 6 == len(set(ids))
        assert sum(i in {q.pk for q in a_questions} for i in ids) == 3
        assert sum(i in {q.pk for q in b_questions} for i in ids) == 2
        served.append(ids)
        Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.GRADED)
    assert served[0] != served[1]


def test_a_draw_short_of_live_questions_serves_what_there_is(learner, quiz_of):
    _, a = _bank("Lille kategori", 2)
    question_add("Kladde", category=a, publish_it=False)
    quiz = quiz_of([])
    QuizDraw.objects.create(page=quiz, category=a, count=5)
    # The service and PostgreSQL legs run without pytest's logging plugin (no caplog).
    with patch("quizzes.services.logger") as log:
        attempt = attempt_start(user=learner, quiz=quiz)
    assert attempt.items.count() == 2
    assert any("quiz draw short of questions" in c.args[0] for c in log.warning.call_args_list)


def test_a_quiz_with_only_empty_draws_is_refused(learner, quiz_of):
    quiz = quiz_of([])
    QuizDraw.objects.create(page=quiz, category=question_category("Tom"), count=3)
    with pytest.raises(QuizRefused) as refused:
        attempt_start(user=learner, quiz=quiz)
    assert refused.value.code == "no_questions"
