"""``manage.py regrade_quiz <slug>`` prints the preview; ``--apply --by`` applies it."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quizzes.models import Attempt, QuizRegrade
from tests.quizzes.conftest import questions
from tests.quizzes.regrade_helpers import key_change, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def regradable(quiz_of, learner, outsider, jurist):
    qs = questions(5)
    quiz = quiz_of(qs, pass_mark=80, slug="quiz-grundlaget")
    failing = take(learner, quiz, {qs[0]: "Forkert 1", qs[1]: "Forkert 2"})
    take(outsider, quiz)
    key_change(qs[0], correct={"Rigtigt 1", "Forkert 1"}, by=jurist)
    return quiz, failing


def run(*args) -> str:
    out = StringIO()
    call_command("regrade_quiz", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_preview_and_changes_nothing(regradable):
    quiz, failing = regradable
    out = run("quiz-grundlaget")
    assert "1 forsøg ændres, 1 består nu, 0 dumper nu" in out
    assert "60.0 % → 80.0 %\tbestår nu" in out
    assert "Intet er ændret" in out
    failing.refresh_from_db()
    assert failing.passed is False and not QuizRegrade.objects.exists()


def test_apply_needs_the_deciding_jurist(regradable):
    with pytest.raises(CommandError, match="--apply kræver --by"):
        run("quiz-grundlaget", "--apply")
    with pytest.raises(CommandError, match="Ukendt eller inaktiv bruger"):
        run("quiz-grundlaget", "--apply", "--by", "ingen")
    with pytest.raises(CommandError, match="Ingen quiz"):
        run("findes-ikke")


def test_apply_regrades_and_prints_the_result_and_a_second_run_changes_nothing(regradable, jurist):
    quiz, failing = regradable
    out = run("quiz-grundlaget", "--apply", "--by", "jurist")
    assert "Genberegnet: 1 forsøg ændret, 1 består nu, 0 dumper nu." in out
    failing.refresh_from_db()
    assert (failing.percent, failing.passed) == (Decimal("80.0"), True)
    again = run("quiz-grundlaget", "--apply", "--by", "jurist")
    assert "0 forsøg ændres, 0 består nu, 0 dumper nu" in again
    assert "Genberegnet: 0 forsøg ændret" in again
    assert Attempt.objects.get(pk=failing.pk).grade_changes.count() == 1


def test_a_person_without_the_permission_cannot_apply(regradable, hr):
    with pytest.raises(CommandError, match="ikke adgang"):
        run("quiz-grundlaget", "--apply", "--by", "hr")
    assert not QuizRegrade.objects.exists()
