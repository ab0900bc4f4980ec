"""Every refused submission gets a clear Danish message and records nothing wrongly."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from quizzes import services
from quizzes.models import Attempt, AttemptQuestion
from quizzes.services import QuizRefused, attempt_submit
from tests.quizzes.conftest import answers_for, questions, start


@pytest.fixture
def quiz(quiz_of):
    return quiz_of(questions(3))


def _nothing_answered(attempt):
    return not AttemptQuestion.objects.filter(attempt=attempt, answered_at__isnull=False).exists()


def test_choices_that_were_not_served_are_refused_and_nothing_is_saved(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    data = answers_for(attempt)
    first = attempt.items.first()
    data[f"q-{first.pk}"] = ["a-choice-from-another-question"]
    response = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    assert response.status_code == 400
    assert "ikke blev vist i dit forsøg" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS and _nothing_answered(attempt)


def test_a_question_that_was_not_served_is_refused(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    data = answers_for(attempt) | {"q-999999": ["x"]}
    response = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    assert response.status_code == 400
    assert "Intet er gemt" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS


def test_two_choices_for_a_single_choice_question_are_refused(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    item = attempt.items.first()
    data = {f"q-{item.pk}": [c["id"] for c in item.snapshot["choices"]]}
    response = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    assert response.status_code == 400
    assert _nothing_answered(attempt)


def test_another_persons_attempt_is_refused(client, learner, outsider, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    data = answers_for(attempt)
    client.force_login(outsider)
    response = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    assert response.status_code == 403
    assert "tilhører en anden person" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS and _nothing_answered(attempt)


def test_an_attempt_already_submitted_keeps_its_first_result(client, learner, quiz):
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=False))
    response = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    assert response.status_code == 409
    assert "allerede afleveret" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.percent == 0 and attempt.passed is False


def test_two_parallel_submissions_give_exactly_one_graded_result(learner, quiz, monkeypatch):
    client = Client()
    client.force_login(learner)
    attempt = start(client, quiz)
    right, wrong = answers_for(attempt), answers_for(attempt, right=False)
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in right.items()}
    wrong_lists = {k: v if isinstance(v, list) else [v] for k, v in wrong.items()}
    # Both requests have read the attempt as open before either wrote (the race), so only
    # the guarded state change decides: the second finds no open attempt to claim.
    stale = Attempt.objects.get(pk=attempt.pk)
    monkeypatch.setattr(services, "_attempt_for", lambda **kw: stale)
    services.attempt_submit(attempt_id=attempt.pk, user=learner, data=as_lists)
    stale.state = Attempt.State.IN_PROGRESS  # the second request read it before the first wrote
    with pytest.raises(QuizRefused) as refused:
        services.attempt_submit(attempt_id=attempt.pk, user=learner, data=wrong_lists)
    assert refused.value.code == "already_submitted"
    assert "allerede afleveret" in refused.value.message
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.percent == 100
    assert AttemptQuestion.objects.filter(attempt=attempt, is_correct=True).count() == 3


def test_a_late_submission_grades_the_answers_saved_before_the_deadline(client, learner, quiz_of):
    quiz = quiz_of(questions(2), time_limit_minutes=5, pass_mark=50)
    client.force_login(learner)
    attempt = start(client, quiz)
    first, second = attempt.items.order_by("position")
    right = answers_for(attempt)
    saved = client.post(
        f"/quiz/forsoeg/{attempt.pk}/gem/", {f"q-{first.pk}": right[f"q-{first.pk}"]}
    )
    assert saved.status_code == 302
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - dt.timedelta(minutes=1)
    )
    response = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", right, follow=True)
    html = response.content.decode()
    assert "Dine svar kom frem efter fristen og tæller ikke" in html
    assert "Tiden udløb – besvarelsen blev afleveret automatisk med dine gemte svar" in html
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.timed_out
    assert attempt.percent == 50 and attempt.passed is True  # only the saved answer counted
    second.refresh_from_db()
    assert second.answered_at is None and second.answer is None
    again = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", right, follow=True)
    assert "Tiden er udløbet, og forsøget er afleveret automatisk" in again.content.decode()
    attempt.refresh_from_db()
    assert attempt.percent == 50


def test_the_time_limit_is_checked_on_the_server_clock(learner, quiz_of):
    quiz = quiz_of(questions(1), time_limit_minutes=1)
    client = Client()
    client.force_login(learner)
    attempt = start(client, quiz)
    data = {k: v if isinstance(v, list) else [v] for k, v in answers_for(attempt).items()}
    attempt_submit(
        attempt_id=attempt.pk,
        user=learner,
        data=data,
        now=timezone.now() + dt.timedelta(minutes=2),
    )
    attempt.refresh_from_db()
    assert attempt.timed_out and attempt.percent == 0 and _nothing_answered(attempt)


def test_starting_beyond_the_attempt_limit_is_refused(client, learner, quiz_of):
    quiz = quiz_of(questions(1), max_attempts=2, pass_mark=100)
    client.force_login(learner)
    for _ in range(2):
        attempt = start(client, quiz)
        client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=False))
    response = client.post(f"/quiz/{quiz.pk}/start/")
    assert response.status_code == 403
    assert "Du har brugt alle dine forsøg" in response.content.decode()
    assert Attempt.objects.filter(quiz=quiz).count() == 2
    assert "Du har brugt alle dine forsøg" in client.get(quiz.url).content.decode()


def test_a_submission_without_csrf_token_is_refused(learner, quiz):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(f"/quiz/{quiz.pk}/start/")
    assert response.status_code == 403
    assert "intet er gemt" in response.content.decode()
    assert not Attempt.objects.exists()
    plain = Client()
    plain.force_login(learner)
    attempt = start(plain, quiz)
    response = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    assert response.status_code == 403
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS and _nothing_answered(attempt)


def test_anonymous_visitors_are_sent_to_log_in(client, quiz):
    response = client.post(f"/quiz/{quiz.pk}/start/")
    assert response.status_code == 302 and "/log-ind/" in response["Location"]
    assert "Log ind for at tage quizzen" in client.get(quiz.url).content.decode()


def test_abandoned_attempts_past_their_time_limit_are_closed_by_the_task(client, learner, quiz_of):
    from quizzes.tasks import attempts_expire_overdue_task

    quiz = quiz_of(questions(2), time_limit_minutes=5)
    client.force_login(learner)
    attempt = start(client, quiz)
    assert attempts_expire_overdue_task.delay().get() == 0
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert attempts_expire_overdue_task.delay().get() == 1
    assert attempts_expire_overdue_task.delay().get() == 0
    attempt.refresh_from_db()
    # Nothing was saved, so nothing counts: submitted by time-out and failed.
    assert attempt.state == Attempt.State.GRADED and attempt.timed_out
    assert attempt.passed is False and attempt.percent == 0
