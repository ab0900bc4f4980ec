"""Ticking the same place every time must not pass a demo quiz: choices are shuffled within
each question by default and the demo's authored order varies. Plays "always the first choice"
and "always the last choice" 100 times on every demo quiz, with the attempts as served."""

from __future__ import annotations

import random
from io import StringIO
from statistics import mean

import pytest
from django.core.management import call_command

from quizzes.grading import attempt_score, item_grade
from quizzes.models import Attempt, QuizPage
from quizzes.services import attempt_start

PLAYS = 100


def _pick(choices: list[dict], group: str, strategy: str) -> list[str]:
    ids = [c["id"] for c in choices if c["group"] == group]
    if not ids:
        return []
    return [ids[0] if strategy == "first" else ids[-1]]


def _answer(item, strategy: str) -> dict | None:
    choices = item.snapshot.get("choices", [])
    if item.kind == "essay":
        return None  # a strategy of ticking boxes writes no essay
    if item.kind == "cite_rule":
        return {"choices": _pick(choices, "outcome", strategy) + _pick(choices, "basis", strategy)}
    return {"choices": _pick(choices, "choice", strategy)}


def _percent(attempt: Attempt, strategy: str) -> float:
    points = [
        item_grade(kind=item.kind, snapshot=item.snapshot, answer=_answer(item, strategy))[0]
        for item in attempt.items.all()
    ]
    return float(attempt_score(points)[2])


@pytest.mark.django_db
def test_always_ticking_the_first_or_the_last_choice_stays_well_under_every_pass_mark(
    settings, learner
):
    settings.PARAGRAF_ALLOW_DEMO = True
    call_command("seed_demo", stdout=StringIO())
    quizzes = list(QuizPage.objects.live())
    assert len(quizzes) == 7
    rng = random.Random(2026)
    means: dict[tuple[str, str], float] = {}
    for quiz in quizzes:
        assert quiz.shuffle_choices, quiz.slug
        for strategy in ("first", "last"):
            scores = []
            for _ in range(PLAYS):
                attempt = attempt_start(user=learner, quiz=quiz, rng=rng)
                scores.append(_percent(attempt, strategy))
                attempt.delete()  # keep within the attempt limit; nothing else is recorded
            means[(quiz.slug, strategy)] = mean(scores)
    print({key: round(value, 1) for key, value in means.items()})  # shown with -s
    for (slug, strategy), value in means.items():
        pass_mark = next(q.pass_mark for q in quizzes if q.slug == slug)
        assert value < pass_mark - 25, (slug, strategy, value)  # 25 points under, at least
