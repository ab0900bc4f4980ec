"""Jurists mark essay answers in the admin; the attempt's result follows."""

import pytest

from courses.models import StepCompletion
from people.models import AuditEvent
from quizzes.models import Attempt
from tests.factories import question_add
from tests.quizzes.conftest import answers_for, questions, start


@pytest.fixture
def essay_attempt(client, learner, quiz_of):
    essay = question_add("Forklar officialprincippet", kind="essay", choices=[])
    quiz = quiz_of([*questions(1), essay], pass_mark=100)
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    attempt.refresh_from_db()
    return quiz, attempt


def test_an_attempt_with_an_essay_waits_for_marking(client, learner, essay_attempt):
    quiz, attempt = essay_attempt
    assert attempt.state == Attempt.State.AWAITING_MARKING and attempt.passed is None
    html = client.get(quiz.url).content.decode()
    assert "En jurist bedømmer dine fritekstsvar" in html
    assert not StepCompletion.objects.filter(page=quiz).exists()


def test_a_jurist_marks_the_essay_and_the_learner_passes(
    client, learner, jurist, admin_access, essay_attempt
):
    quiz, attempt = essay_attempt
    item = attempt.items.get(kind="essay")
    client.force_login(jurist)
    listing = client.get("/admin/quiz-bedoemmelse/")
    assert listing.status_code == 200 and "Forklar officialprincippet" in listing.content.decode()
    page = client.get(f"/admin/quiz-bedoemmelse/{item.pk}/")
    assert "Mit svar" in page.content.decode()
    assert f"/admin/quiz-genberegning/forsoeg/{attempt.pk}/" in page.content.decode()
    response = client.post(
        f"/admin/quiz-bedoemmelse/{item.pk}/", {"points": "1", "comment": "Fint forklaret"}
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.passed and attempt.percent == 100
    assert StepCompletion.objects.filter(page=quiz, run__user=learner).exists()
    assert AuditEvent.objects.filter(actor=jurist, subject=learner).exists()
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert "Bestået" in html and "Fint forklaret" in html


def test_a_half_mark_below_the_pass_mark_fails_the_attempt(
    client, jurist, admin_access, essay_attempt
):
    quiz, attempt = essay_attempt
    item = attempt.items.get(kind="essay")
    client.force_login(jurist)
    client.post(f"/admin/quiz-bedoemmelse/{item.pk}/", {"points": "0.5", "comment": ""})
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.percent == 75 and not attempt.passed


def test_learners_and_hr_cannot_mark(client, learner, hr, admin_access, essay_attempt):
    quiz, attempt = essay_attempt
    item = attempt.items.get(kind="essay")
    for person in (learner, hr):
        client.force_login(person)
        response = client.post(f"/admin/quiz-bedoemmelse/{item.pk}/", {"points": "1"})
        # Learners are sent to the admin login; HR is sent back to the admin dashboard.
        assert response.status_code == 302
        expected = "/admin/" if person == hr else "/admin/login/"
        assert response["Location"].startswith(expected)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.AWAITING_MARKING
