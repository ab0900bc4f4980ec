"""`manage.py audit_completions` finds certificates issued on a run whose quiz step has no
passing attempt (the hole closed in courses.services), and revokes them only when HR says so."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue_for_run
from courses.models import CourseRun
from people.models import AuditEvent
from tests.factories import (
    CourseRunFactory,
    StepCompletionFactory,
    course,
    lessons_of,
    question_add,
    quiz_add,
)
from tests.quizzes.conftest import answers_for, start


@pytest.fixture
def quiz_course(tree):
    page = course(title="Forvaltningsret", modules=1, lessons=1)
    quiz = quiz_add(
        page.get_children().first().specific,
        questions=[question_add("Spørgsmål", choices=[("Rigtigt", True), ("Forkert", False)])],
    )
    return page, lessons_of(page)[0], quiz


def forged_certificate(user, course_page, lesson, quiz) -> Certificate:
    """What the old lesson endpoint allowed: the quiz step recorded without any attempt."""
    run = CourseRunFactory(user=user, course=course_page)
    for page in (lesson, quiz):
        StepCompletionFactory(run=run, page=page)
    CourseRun.objects.filter(pk=run.pk).update(completed_at=timezone.now())
    run.refresh_from_db()
    return certificate_issue_for_run(run=run)[0]


def earned_certificate(client, user, lesson, quiz) -> Certificate:
    client.force_login(user)
    client.post(f"/forloeb/trin/{lesson.pk}/gennemfoer/")
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=True))
    run = CourseRun.objects.get(user=user, completed_at__isnull=False)
    return certificate_issue_for_run(run=run)[0]


def audit(*args) -> str:
    out = StringIO()
    call_command("audit_completions", *args, stdout=out)
    return out.getvalue()


def test_it_lists_a_certificate_issued_without_the_quiz_and_changes_nothing(
    client, learner, manager, quiz_course
):
    course_page, lesson, quiz = quiz_course
    forged = forged_certificate(learner, course_page, lesson, quiz)
    earned = earned_certificate(client, manager, lesson, quiz)
    output = audit()
    assert forged.code_display in output
    assert "“Quiz” uden bestået forsøg" in output
    assert earned.code_display not in output
    assert "1 kursusbeviser uden bevis" in output
    assert not Certificate.objects.filter(revoked_at__isnull=False).exists()


def test_a_failed_attempt_does_not_prove_the_quiz(client, learner, quiz_course):
    course_page, lesson, quiz = quiz_course
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=False))
    forged = forged_certificate(learner, course_page, lesson, quiz)
    assert forged.code_display in audit()


def test_revoke_revokes_with_the_reason_and_an_audit_line(learner, hr, quiz_course):
    course_page, lesson, quiz = quiz_course
    forged = forged_certificate(learner, course_page, lesson, quiz)
    output = audit("--revoke", "--by", hr.username)
    assert "1 kursusbeviser tilbagekaldt." in output
    forged.refresh_from_db()
    assert forged.revoked_at is not None and forged.revoked_by == hr
    assert "uden bestået quiz" in forged.revoked_reason
    assert AuditEvent.objects.filter(actor=hr, subject=learner, what__contains="tilbagekaldt")
    assert AuditEvent.objects.filter(actor=hr, what__startswith="audit_completions: 1")
    assert "Ingen kursusbeviser" in audit()  # revoked ones are not listed again


def test_revoke_needs_the_person_who_decides(learner, quiz_course):
    course_page, lesson, quiz = quiz_course
    forged_certificate(learner, course_page, lesson, quiz)
    with pytest.raises(CommandError):
        audit("--revoke")
    with pytest.raises(CommandError):
        audit("--revoke", "--by", "ingen-saadan")
    assert not Certificate.objects.filter(revoked_at__isnull=False).exists()


def test_with_nothing_wrong_it_says_so(client, learner, quiz_course):
    _course_page, lesson, quiz = quiz_course
    earned_certificate(client, learner, lesson, quiz)
    assert audit().strip() == "Ingen kursusbeviser uden bevis for gennemførelse."
