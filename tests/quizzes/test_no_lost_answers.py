"""No lost answers: answers are saved as the learner goes, a reload or another device resumes
the attempt, and when the time runs out the attempt is submitted with what was saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import StepCompletion
from quizzes import drafts
from quizzes.drafts import attempt_drafts_save
from quizzes.models import Attempt, AttemptQuestion, QuizPage
from quizzes.services import (
    QuizRefused,
    attempt_answer_one,
    attempt_expire,
    attempt_expire_if_overdue,
    attempt_start,
    attempt_submit,
    attempts_expire_overdue,
)
from tests.factories import question_add
from tests.quizzes.conftest import answers_for, questions, start

JSON = {"HTTP_ACCEPT": "application/json"}


def save(client, attempt, data, **headers):
    return client.post(f"/quiz/forsoeg/{attempt.pk}/gem/", data, **headers)


def nothing_saved(attempt) -> bool:
    return not AttemptQuestion.objects.filter(attempt=attempt, saved_at__isnull=False).exists()


def first_half(attempt, *, right: bool = True) -> dict:
    """POST data answering the first half of the items (single-choice questions)."""
    data = answers_for(attempt, right=right)
    items = list(attempt.items.order_by("position"))
    keep = {f"q-{item.pk}" for item in items[: len(items) // 2]}
    return {k: v for k, v in data.items() if k in keep}


@pytest.fixture
def timed(quiz_of):
    return quiz_of(questions(4), time_limit_minutes=10, pass_mark=50)


# --- Saving ----------------------------------------------------------------------------------


def test_saving_keeps_the_answers_without_submitting(client, learner, timed):
    client.force_login(learner)
    attempt = start(client, timed)
    response = save(client, attempt, first_half(attempt), **JSON)
    assert response.status_code == 200
    assert response.json()["message"].startswith("Gemt kl. ")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS
    first, second, third, _fourth = attempt.items.order_by("position")
    assert first.answer == {"choices": first.snapshot["correct"]} and first.saved_at is not None
    assert first.answered_at is None and first.points is None  # a draft, not yet an answer
    assert third.answer is None and third.saved_at is None


def test_the_save_button_without_javascript_saves_and_returns_to_the_quiz(client, learner, timed):
    client.force_login(learner)
    attempt = start(client, timed)
    response = save(client, attempt, first_half(attempt))
    assert response.status_code == 302 and response["Location"] == f"{timed.url}#quiz"
    html = client.get(response["Location"]).content.decode()
    assert "Dine svar er gemt kl." in html and "Gem mine svar" in html
    assert attempt.items.filter(saved_at__isnull=False).count() == 2


def test_a_reload_or_another_device_shows_the_saved_answers(client, learner, quiz_of):
    essay = question_add("Forklar officialprincippet", kind="essay", choices=[])
    quiz = quiz_of([*questions(2), essay])
    client.force_login(learner)
    attempt = start(client, quiz)
    first = attempt.items.get(position=1)
    essay_item = attempt.items.get(position=3)
    chosen = first.snapshot["correct"][0]
    save(client, attempt, {f"q-{first.pk}": chosen, f"q-{essay_item.pk}-text": "Myndigheden"})
    other_device = Client()
    other_device.force_login(learner)
    html = other_device.get(quiz.url).content.decode()
    assert f'value="{chosen}" checked>' in html
    assert html.count(" checked>") == 1
    assert ">Myndigheden</textarea>" in html
    assert "Dine gemte svar er hentet" in html
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1  # the same attempt


def test_saving_the_same_answers_twice_writes_once(client, learner, timed):
    client.force_login(learner)
    attempt = start(client, timed)
    data = first_half(attempt)
    save(client, attempt, data, **JSON)
    saved_at = list(attempt.items.values_list("saved_at", flat=True))
    with CaptureQueriesContext(connection) as queries:
        assert save(client, attempt, data, **JSON).status_code == 200
    assert not [q for q in queries.captured_queries if q["sql"].lstrip().startswith("UPDATE")]
    assert list(attempt.items.values_list("saved_at", flat=True)) == saved_at


def test_a_cleared_answer_is_saved_as_no_answer(learner, quiz_of):
    multiple = question_add(
        "Hvilke er partsrettigheder?",
        kind="multiple",
        choices=[("Aktindsigt", True), ("Partshøring", True), ("Bonus", False)],
    )
    attempt = attempt_start(user=learner, quiz=quiz_of([multiple]))
    item = attempt.items.get()
    attempt_drafts_save(
        attempt_id=attempt.pk, user=learner, data={f"q-{item.pk}": item.snapshot["correct"]}
    )
    result = attempt_drafts_save(attempt_id=attempt.pk, user=learner, data={})
    item.refresh_from_db()
    assert result.written == 1 and item.answer is None


# --- Refusals: nothing is written -----------------------------------------------------------


def test_saving_another_persons_attempt_is_refused(client, learner, outsider, timed):
    client.force_login(learner)
    attempt = start(client, timed)
    client.force_login(outsider)
    response = save(client, attempt, first_half(attempt), **JSON)
    assert response.status_code == 403
    assert "tilhører en anden person" in response.json()["message"]
    assert nothing_saved(attempt)
    assert save(client, attempt, first_half(attempt)).status_code == 403  # the form, too


def test_saving_a_closed_attempt_is_refused(client, learner, timed):
    client.force_login(learner)
    attempt = start(client, timed)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=False))
    response = save(client, attempt, first_half(attempt), **JSON)
    assert response.status_code == 409
    assert response.json() == {
        "message": "Forsøget er allerede afleveret, og dit resultat er uændret.",
        "closed": True,
    }
    assert nothing_saved(attempt)
    attempt.refresh_from_db()
    assert attempt.percent == 0


def test_saving_an_unserved_choice_is_refused(client, learner, timed):
    client.force_login(learner)
    attempt = start(client, timed)
    first = attempt.items.get(position=1)
    data = first_half(attempt) | {f"q-{first.pk}": "a-choice-from-another-question"}
    response = save(client, attempt, data, **JSON)
    assert response.status_code == 400
    assert "ikke blev vist i dit forsøg" in response.json()["message"]
    assert save(client, attempt, answers_for(attempt) | {"q-999999": "x"}).status_code == 400
    assert nothing_saved(attempt)


def test_saving_more_than_60_times_a_minute_is_refused(client, learner, timed):
    client.force_login(learner)
    attempt = start(client, timed)
    first = attempt.items.get(position=1)
    choices = [c["id"] for c in first.snapshot["choices"]]
    for n in range(drafts.AUTOSAVE_LIMIT):
        data = {f"q-{first.pk}": choices[n % len(choices)]}
        assert save(client, attempt, data, **JSON).status_code == 200
    saved = AttemptQuestion.objects.get(pk=first.pk).answer
    over = save(client, attempt, {f"q-{first.pk}": choices[drafts.AUTOSAVE_LIMIT % 3]}, **JSON)
    assert over.status_code == 429
    assert "for mange gange på kort tid" in over.json()["message"]
    assert AttemptQuestion.objects.get(pk=first.pk).answer == saved


def test_saving_without_a_csrf_token_is_refused(learner, timed):
    plain = Client()
    plain.force_login(learner)
    attempt = start(plain, timed)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)
    assert save(strict, attempt, first_half(attempt), **JSON).status_code == 403
    assert nothing_saved(attempt)


def test_one_question_at_a_time_saves_only_the_current_question(learner, quiz_of):
    quiz = quiz_of(questions(2), feedback_mode=QuizPage.Feedback.EACH)
    attempt = attempt_start(user=learner, quiz=quiz)
    first, second = attempt.items.order_by("position")
    right = answers_for(attempt)
    attempt_answer_one(
        attempt_id=attempt.pk,
        user=learner,
        item_id=first.pk,
        data={f"q-{first.pk}": right[f"q-{first.pk}"]},
    )
    with pytest.raises(QuizRefused) as refused:  # the answer that counts is not a draft
        attempt_drafts_save(
            attempt_id=attempt.pk,
            user=learner,
            data={f"q-{first.pk}": answers_for(attempt, right=False)[f"q-{first.pk}"]},
            item_id=first.pk,
        )
    assert refused.value.code == "already_answered"
    attempt_drafts_save(
        attempt_id=attempt.pk,
        user=learner,
        data={f"q-{second.pk}": right[f"q-{second.pk}"]},
        item_id=second.pk,
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_correct and first.answered_at is not None
    assert second.answer == {"choices": right[f"q-{second.pk}"]} and second.answered_at is None


# --- Time-out: the saved answers are submitted -----------------------------------------------


def test_the_timer_submission_at_the_deadline_counts_and_is_marked_timed_out(
    client, learner, timed
):
    client.force_login(learner)
    attempt = start(client, timed)
    # The page's timer sends the form a second after the deadline, within the grace.
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.post(
        f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt), follow=True
    )
    html = response.content.decode()
    assert "Tiden udløb – besvarelsen blev afleveret automatisk med dine gemte svar" in html
    assert "Bestået" in html
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.timed_out
    assert attempt.percent == 100 and attempt.passed
    assert StepCompletion.objects.filter(run__user=learner, page=timed).exists()


def test_the_timer_ends_a_question_at_a_time_attempt_even_without_an_answer(learner, quiz_of):
    quiz = quiz_of(questions(2), feedback_mode=QuizPage.Feedback.EACH, time_limit_minutes=5)
    attempt = attempt_start(user=learner, quiz=quiz)
    first, second = attempt.items.order_by("position")
    right = answers_for(attempt)
    attempt_drafts_save(
        attempt_id=attempt.pk,
        user=learner,
        data={f"q-{first.pk}": right[f"q-{first.pk}"]},
        item_id=first.pk,
    )
    at_deadline = attempt.deadline_at + dt.timedelta(seconds=2)
    attempt_answer_one(
        attempt_id=attempt.pk, user=learner, item_id=first.pk, data={}, now=at_deadline
    )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.timed_out
    assert attempt.percent == 50


def test_the_expiry_job_submits_the_saved_answers_and_a_pass_completes_the_step(
    client, learner, timed
):
    client.force_login(learner)
    attempt = start(client, timed)
    save(client, attempt, first_half(attempt), **JSON)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert attempts_expire_overdue() == 1
    assert attempts_expire_overdue() == 0
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.timed_out
    assert attempt.percent == 50 and attempt.passed  # pass mark 50 %
    assert StepCompletion.objects.filter(run__user=learner, page=timed).exists()
    first = attempt.items.get(position=1)
    assert first.is_correct and first.answered_at == first.saved_at  # when it was saved
    html = client.get(timed.url).content.decode()
    assert "Tiden udløb – besvarelsen blev afleveret automatisk med dine gemte svar" in html


def test_opening_the_quiz_page_after_the_time_limit_submits_the_saved_answers(
    client, learner, timed
):
    client.force_login(learner)
    attempt = start(client, timed)
    save(client, attempt, answers_for(attempt, right=False), **JSON)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - dt.timedelta(minutes=1)
    )
    html = client.get(timed.url).content.decode()  # attempt_expire_if_overdue
    assert "Tiden udløb – besvarelsen blev afleveret automatisk med dine gemte svar" in html
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.timed_out and not attempt.passed
    assert attempt.items.filter(answered_at__isnull=False).count() == 4
    assert not attempt_expire_if_overdue(user=learner, quiz=timed)


def test_a_timed_out_essay_answer_still_goes_to_marking(learner, quiz_of):
    essay = question_add("Forklar officialprincippet", kind="essay", choices=[])
    quiz = quiz_of([essay], time_limit_minutes=5)
    attempt = attempt_start(user=learner, quiz=quiz)
    item = attempt.items.get()
    attempt_drafts_save(
        attempt_id=attempt.pk, user=learner, data={f"q-{item.pk}-text": ["Myndigheden oplyser"]}
    )
    assert attempt_expire(attempt=attempt, now=attempt.deadline_at + dt.timedelta(minutes=1))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.AWAITING_MARKING and attempt.timed_out
    item.refresh_from_db()
    assert item.awaiting_marking and item.answer == {"text": "Myndigheden oplyser"}


def test_saving_after_the_time_limit_is_refused_and_submits_what_was_saved(client, learner, timed):
    client.force_login(learner)
    attempt = start(client, timed)
    save(client, attempt, first_half(attempt), **JSON)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - dt.timedelta(minutes=1)
    )
    response = save(client, attempt, answers_for(attempt), **JSON)
    assert response.status_code == 409 and response.json()["closed"] is True
    assert "Tiden er udløbet" in response.json()["message"]
    attempt.refresh_from_db()
    assert attempt.timed_out and attempt.percent == 50  # the late save did not count


def test_a_submission_before_the_deadline_is_not_marked_timed_out(learner, timed):
    attempt = attempt_start(user=learner, quiz=timed)
    data = {k: v if isinstance(v, list) else [v] for k, v in answers_for(attempt).items()}
    attempt_submit(attempt_id=attempt.pk, user=learner, data=data)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and not attempt.timed_out


# --- Timer ----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [QuizPage.Feedback.AT_END, QuizPage.Feedback.EACH])
def test_a_timed_attempt_counts_down_from_the_servers_deadline(client, learner, quiz_of, mode):
    quiz = quiz_of(questions(2), time_limit_minutes=10, feedback_mode=mode)
    client.force_login(learner)
    attempt = start(client, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() + dt.timedelta(minutes=4, seconds=30)
    )
    html = client.get(quiz.url).content.decode()
    assert 'data-seconds-left="270"' in html or 'data-seconds-left="269"' in html
    assert 'role="timer"' in html and ("04:30" in html or "04:29" in html)
    assert 'aria-live="polite" data-quiz-timer-announce' in html
    assert "Der er 5 minutter tilbage." in html and "Der er 1 minut tilbage." in html
    assert "Aflever senest kl." in html  # what a browser without JavaScript shows
    assert "quizzes/quiz-attempt.js" in html and "<script>" not in html


def test_an_untimed_attempt_has_no_timer(client, learner, quiz_of):
    quiz = quiz_of(questions(1))
    client.force_login(learner)
    start(client, quiz)
    html = client.get(quiz.url).content.decode()
    assert "data-quiz-timer" not in html and "Aflever senest" not in html
    assert "data-autosave-url" in html
