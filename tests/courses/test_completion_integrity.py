"""A course is complete only when every lesson was read and every quiz passed: the learner's
"Markér som gennemført" accepts lessons only, a quiz step needs a passed, graded attempt in
the current run, and every other way to a completion goes through the same rule."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from certificates.models import Certificate
from courses.models import CourseRun, StepCompletion
from courses.services import StepNotCompletable, runs_start_new, step_complete
from quizzes.models import Attempt
from quizzes.services import essay_mark
from tests.factories import course, lessons_of, question_add, quiz_add
from tests.quizzes.conftest import answers_for, start

ROOT = Path(__file__).resolve().parents[2]
APPS = ["courses", "quizzes", "compliance", "certificates", "guidelines", "people", "site"]


@pytest.fixture
def quiz_course(tree):
    """One module: a lesson, then a quiz of two questions (pass mark 60 %)."""
    page = course(title="Forvaltningsret", modules=1, lessons=1)
    module = page.get_children().first().specific
    quiz = quiz_add(
        module,
        questions=[
            question_add(f"Spørgsmål {i}", choices=[("Rigtigt", True), ("Forkert", False)])
            for i in (1, 2)
        ],
    )
    return page, lessons_of(page)[0], quiz


def mark_done(client, page):
    return client.post(f"/forloeb/trin/{page.pk}/gennemfoer/", {"next": "/mine-kurser/"})


def nothing_completed(learner, course_page) -> bool:
    return (
        not CourseRun.objects.filter(user=learner, completed_at__isnull=False).exists()
        and not Certificate.objects.filter(holder=learner).exists()
        and not StepCompletion.objects.filter(
            run__user=learner, page__content_type__model="quizpage"
        ).exists()
    )


def test_posting_a_quiz_id_to_mark_as_done_is_refused_and_records_nothing(
    client, learner, quiz_course, django_capture_on_commit_callbacks
):
    course_page, lesson, quiz = quiz_course
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        assert mark_done(client, lesson).status_code == 302
        assert mark_done(client, quiz).status_code == 404
    assert nothing_completed(learner, course_page)


def test_a_failed_quiz_cannot_be_marked_as_done_by_hand(
    client, learner, quiz_course, django_capture_on_commit_callbacks
):
    course_page, lesson, quiz = quiz_course
    client.force_login(learner)
    mark_done(client, lesson)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=False))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.passed is False
    with django_capture_on_commit_callbacks(execute=True):
        assert mark_done(client, quiz).status_code == 404
    assert nothing_completed(learner, course_page)


def test_passing_the_quiz_completes_the_step_the_course_and_issues_the_certificate(
    client, learner, quiz_course, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    course_page, lesson, quiz = quiz_course
    client.force_login(learner)
    mark_done(client, lesson)
    attempt = start(client, quiz)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=True))
    assert StepCompletion.objects.filter(run__user=learner, page=quiz).count() == 1
    assert CourseRun.objects.get(user=learner, course=course_page).completed_at is not None
    assert Certificate.objects.filter(holder=learner, course=course_page).count() == 1


def test_even_a_passed_quiz_is_not_accepted_by_the_lesson_endpoint(client, learner, quiz_course):
    _course_page, lesson, quiz = quiz_course
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=True))
    assert mark_done(client, quiz).status_code == 404


def test_the_service_refuses_a_quiz_step_without_a_passed_attempt(learner, quiz_course):
    _course_page, _lesson, quiz = quiz_course
    with pytest.raises(StepNotCompletable):
        step_complete(user=learner, page=quiz)
    assert not StepCompletion.objects.filter(page=quiz).exists()


def test_a_pass_from_the_previous_run_does_not_complete_the_quiz_in_a_new_run(
    client, learner, quiz_course
):
    course_page, lesson, quiz = quiz_course
    client.force_login(learner)
    mark_done(client, lesson)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=True))
    assert CourseRun.objects.get(user=learner).completed_at is not None
    runs_start_new(course=course_page, user_ids=[learner.pk])  # recertification
    new_run = CourseRun.objects.filter(user=learner, completed_at__isnull=True).get()
    with pytest.raises(StepNotCompletable):
        step_complete(user=learner, page=quiz)
    assert not new_run.completions.exists()


def test_a_jurists_marking_that_passes_the_attempt_completes_the_step(
    client, learner, jurist, tree
):
    page = course(title="Fritekst", modules=1, lessons=0)
    module = page.get_children().first().specific
    quiz = quiz_add(module, questions=[question_add("Forklar partshøring", kind="essay")])
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.AWAITING_MARKING
    assert not StepCompletion.objects.filter(page=quiz).exists()
    essay_mark(item_id=attempt.items.get().pk, marker=jurist, points=Decimal(1))
    assert StepCompletion.objects.filter(run__user=learner, page=quiz).exists()
    assert CourseRun.objects.get(user=learner, course=page).completed_at is not None


@pytest.mark.parametrize("kind", ["course", "module", "home"])
def test_pages_that_are_not_steps_cannot_be_marked_as_done(client, learner, quiz_course, kind):
    course_page, _lesson, _quiz = quiz_course
    target = {
        "course": course_page,
        "module": course_page.get_children().first(),
        "home": course_page.get_parent().get_parent(),
    }[kind]
    client.force_login(learner)
    assert mark_done(client, target).status_code == 404
    assert not StepCompletion.objects.exists()


def test_a_lesson_that_is_not_live_cannot_be_marked_as_done(client, learner, quiz_course):
    _course_page, lesson, _quiz = quiz_course
    lesson.unpublish()
    client.force_login(learner)
    assert mark_done(client, lesson).status_code == 404
    assert not StepCompletion.objects.exists()


def test_a_course_restricted_to_a_group_cannot_be_completed_by_an_outsider(
    client, learner, outsider, quiz_course
):
    course_page, lesson, _quiz = quiz_course
    chosen = Group.objects.create(name="Center for Byliv – sagsbehandlere")
    restriction = PageViewRestriction.objects.create(
        page=course_page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(chosen)
    client.force_login(outsider)
    assert mark_done(client, lesson).status_code == 403
    assert not StepCompletion.objects.exists()
    learner.groups.add(chosen)
    client.force_login(learner)
    assert mark_done(client, lesson).status_code == 302
    assert StepCompletion.objects.filter(run__user=learner, page=lesson).exists()


def test_a_quiz_in_a_restricted_course_cannot_be_started_by_an_outsider(
    client, outsider, quiz_course
):
    course_page, _lesson, quiz = quiz_course
    restriction = PageViewRestriction.objects.create(
        page=course_page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Kun udvalgte"))
    client.force_login(outsider)
    assert client.post(f"/quiz/{quiz.pk}/start/").status_code == 403
    assert not Attempt.objects.exists()


def test_only_the_courses_service_writes_step_completions_and_completes_runs():
    """Every way to a completion goes through courses.services.step_complete: no other module
    of the apps creates a StepCompletion or sets a run's completed_at."""
    writers = re.compile(
        r"StepCompletion\.objects\.(create|bulk_create|get_or_create|update_or_create)"
        r"|(?<!class )StepCompletion\("
        r"|CourseRun\.objects[^\n]*\.update\(\s*completed_at="
    )
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text()
            for match in writers.finditer(text):
                found.append(
                    f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
                )
    assert len(found) == 2, found  # the step, and the run
    assert all(place.startswith("courses/services.py:") for place in found), found
