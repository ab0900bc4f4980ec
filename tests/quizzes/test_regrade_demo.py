"""The issue's journey on the demo data: as jurist, accept a second answer to a demo question,
regrade, see "3 forsøg ændres, 1 består nu", apply, and medarbejder's course completes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from courses.models import CourseRun
from demo.regrade import QUIZ_SLUG, disputed_choice
from people.models import User
from quizzes.models import Attempt, QuizPage

pytestmark = pytest.mark.django_db


def test_a_jurist_accepts_a_second_answer_regrades_and_medarbejders_course_completes(
    settings, client, django_capture_on_commit_callbacks
):
    settings.PARAGRAF_ALLOW_DEMO = True
    call_command("seed_demo", stdout=StringIO())
    quiz = QuizPage.objects.get(slug=QUIZ_SLUG)
    medarbejder, jurist = (
        User.objects.get(username="medarbejder"),
        User.objects.get(username="jurist"),
    )
    assert Attempt.objects.get(quiz=quiz, user=medarbejder).passed is False
    course = quiz.get_parent().get_parent().specific
    assert CourseRun.objects.get(user=medarbejder, course=course).completed_at is None

    question, disputed = disputed_choice(quiz)
    question.choices = [
        {
            **child,
            "value": {
                **child["value"],
                "correct": child["value"]["correct"] or child["id"] == disputed,
            },
        }
        for child in question.choices.raw_data
    ]
    question.full_clean()
    question.save_revision(user=jurist).publish()

    out = StringIO()
    call_command("regrade_quiz", QUIZ_SLUG, "--by", "jurist", stdout=out)
    assert "3 forsøg ændres, 1 består nu, 0 dumper nu" in out.getvalue()

    client.force_login(jurist)
    url = f"/admin/quiz-genberegning/quiz/{quiz.pk}/"
    assert "3 forsøg ændres, 1 består nu" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {})
    assert Attempt.objects.get(quiz=quiz, user=medarbejder).passed is True
    assert CourseRun.objects.get(user=medarbejder, course=course).completed_at is not None
    assert medarbejder.certificates.filter(course=course, revoked_at__isnull=True).exists()
