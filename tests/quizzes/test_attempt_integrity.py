"""Attempts that a legal unit can trust: the allowance is per course run, answers sent at once
cannot leave an attempt open for ever, nobody marks their own essay, and an answer sent after
the time limit never counts."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from courses.models import CourseRun
from courses.services import runs_start_new
from people.roles import JURIST
from quizzes.drafts import attempt_drafts_save
from quizzes.models import Attempt, QuizPage
from quizzes.services import (
    QuizRefused,
    attempt_answer_one,
    attempt_past_grace,
    attempt_start,
    attempts_expire_overdue,
    essay_mark,
)
from tests.factories import lessons_of, question_add
from tests.quizzes.conftest import answers_for, questions, start


def submit(client, attempt, *, right: bool):
    return client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=right))


def test_a_new_course_run_gets_the_full_attempt_allowance(client, learner, module, quiz_of):
    quiz = quiz_of(questions(2), max_attempts=2)
    course_page = module.get_parent().specific
    client.force_login(learner)
    client.post(f"/forloeb/trin/{lessons_of(course_page)[0].pk}/gennemfoer/")
    submit(client, start(client, quiz), right=False)
    submit(client, start(client, quiz), right=True)  # second and last attempt passes
    assert CourseRun.objects.get(user=learner).completed_at is not None
    assert client.post(f"/quiz/{quiz.pk}/start/").status_code == 403  # allowance used
    runs_start_new(course=course_page, user_ids=[learner.pk])  # next year's cycle
    first = start(client, quiz)
    assert first.number == 1 and first.state == Attempt.State.IN_PROGRESS
    submit(client, first, right=False)
    assert start(client, quiz).number == 2
    assert "Forsøg 2" in client.get(quiz.url).content.decode()


def test_the_allowance_is_not_reset_within_the_same_run(client, learner, quiz_of):
    quiz = quiz_of(questions(2), max_attempts=1)
    client.force_login(learner)
    submit(client, start(client, quiz), right=False)
    assert client.post(f"/quiz/{quiz.pk}/start/").status_code == 403
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1


def test_the_expiry_job_closes_an_attempt_whose_questions_are_all_answered(learner, quiz_of):
    quiz = quiz_of(questions(2), feedback_mode=QuizPage.Feedback.EACH)
    attempt = attempt_start(user=learner, quiz=quiz)
    data = answers_for(attempt)
    now = timezone.now()
    # What two answers sent at once used to leave behind: every item answered, attempt open.
    for item in attempt.items.all():
        item.answer = {"choices": data[f"q-{item.pk}"]}
        item.answered_at, item.points, item.is_correct = now, Decimal(1), True
        item.save()
    assert attempts_expire_overdue() == 1
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.passed is True
    assert attempts_expire_overdue() == 0  # idempotent


def test_answering_a_finished_attempt_is_refused_and_changes_nothing(client, learner, quiz_of):
    quiz = quiz_of(questions(1), feedback_mode=QuizPage.Feedback.EACH)
    client.force_login(learner)
    attempt = start(client, quiz)
    item = attempt.items.get()
    data = {f"q-{item.pk}": answers_for(attempt)[f"q-{item.pk}"], "question": str(item.pk)}
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    attempt.refresh_from_db()
    graded_at = attempt.graded_at
    assert attempt.state == Attempt.State.GRADED
    with pytest.raises(QuizRefused) as refused:
        attempt_answer_one(
            attempt_id=attempt.pk,
            user=learner,
            item_id=item.pk,
            data={f"q-{item.pk}": data[f"q-{item.pk}"]},
        )
    assert refused.value.code == "already_submitted"
    attempt.refresh_from_db()
    assert attempt.graded_at == graded_at


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_two_answers_sent_at_once_close_the_attempt(learner, quiz_of):
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks need PostgreSQL (SQLite writes one at a time); run in the service leg"
        )
    quiz = quiz_of(questions(12), feedback_mode=QuizPage.Feedback.EACH)
    for _round in range(3):
        attempt = attempt_start(user=learner, quiz=quiz)
        errors = _answer_all_at_once(attempt, learner)
        assert not errors, errors
        attempt.refresh_from_db()
        assert attempt.state == Attempt.State.GRADED, attempt.state
        assert attempt.items.filter(answered_at__isnull=True).count() == 0
        Attempt.objects.filter(pk=attempt.pk).delete()


def _answer_all_at_once(attempt, learner) -> list[BaseException]:
    """Every item of the attempt answered by its own thread, released together."""
    data = answers_for(attempt)
    items = list(attempt.items.all())
    barrier = threading.Barrier(len(items))
    errors: list[BaseException] = []

    def answer(item):
        try:
            barrier.wait(timeout=10)
            attempt_answer_one(
                attempt_id=attempt.pk,
                user=learner,
                item_id=item.pk,
                data={f"q-{item.pk}": data[f"q-{item.pk}"]},
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.fixture
def own_essay_attempt(client, jurist, quiz_of):
    essay = question_add("Forklar officialprincippet", kind="essay", choices=[])
    quiz = quiz_of([essay], pass_mark=100)
    client.force_login(jurist)
    attempt = start(client, quiz)
    submit(client, attempt, right=True)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.AWAITING_MARKING
    return attempt


def test_a_jurist_cannot_mark_their_own_essay(client, jurist, admin_access, own_essay_attempt):
    item = own_essay_attempt.items.get()
    with pytest.raises(QuizRefused) as refused:
        essay_mark(item_id=item.pk, marker=jurist, points=Decimal(1))
    assert refused.value.code == "own_attempt"
    response = client.post(
        f"/admin/quiz-bedoemmelse/{item.pk}/", {"points": "1", "comment": ""}, follow=True
    )
    assert "Du kan ikke bedømme dit eget forsøg" in response.content.decode()
    item.refresh_from_db()
    assert item.points is None and item.marked_by is None
    own_essay_attempt.refresh_from_db()
    assert own_essay_attempt.state == Attempt.State.AWAITING_MARKING


def test_the_marking_queue_hides_the_jurists_own_attempts(
    client, jurist, manager, admin_access, own_essay_attempt
):
    listing = client.get("/admin/quiz-bedoemmelse/").content.decode()
    assert "Forklar officialprincippet" not in listing
    item = own_essay_attempt.items.get()
    manager.groups.add(Group.objects.get(name=JURIST))  # a colleague may mark it
    essay_mark(item_id=item.pk, marker=manager, points=Decimal(1))
    own_essay_attempt.refresh_from_db()
    assert own_essay_attempt.state == Attempt.State.GRADED and own_essay_attempt.passed


def test_an_answer_after_the_time_limit_does_not_count_and_the_saved_answers_are_submitted(
    learner, quiz_of
):
    quiz = quiz_of(questions(2), feedback_mode=QuizPage.Feedback.EACH, time_limit_minutes=1)
    attempt = attempt_start(user=learner, quiz=quiz)
    first, second = attempt.items.order_by("position")
    right = answers_for(attempt)
    attempt_drafts_save(
        attempt_id=attempt.pk,
        user=learner,
        data={f"q-{first.pk}": right[f"q-{first.pk}"], "question": [str(first.pk)]},
        item_id=first.pk,
    )
    late = timezone.now() + dt.timedelta(minutes=5)
    closed = attempt_answer_one(
        attempt_id=attempt.pk,
        user=learner,
        item_id=second.pk,
        data={f"q-{second.pk}": right[f"q-{second.pk}"]},
        now=late,
    )
    assert attempt_past_grace(attempt=closed, now=late)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.timed_out
    assert attempt.percent == 50  # the saved draft counts, the late answer does not
    second.refresh_from_db()
    assert second.answer is None and second.answered_at is None
    with pytest.raises(QuizRefused) as refused:  # and nothing sent later changes it
        attempt_answer_one(
            attempt_id=attempt.pk,
            user=learner,
            item_id=second.pk,
            data={f"q-{second.pk}": right[f"q-{second.pk}"]},
        )
    assert refused.value.code == "timed_out"
