"""Helpers for the regrade and override tests: finished attempts with chosen answers, and a
jurist's new published revision of a question's answer key."""

from __future__ import annotations

import random

from quizzes.models import Attempt, Question
from quizzes.services import attempt_start, attempt_submit


def take(user, quiz, wrong: dict[Question, str] | None = None) -> Attempt:
    """A submitted attempt by ``user``: every question answered right, except those in ``wrong``,
    answered with the choice of that text."""
    wrong = {q.pk: text for q, text in (wrong or {}).items()}
    attempt = attempt_start(user=user, quiz=quiz, rng=random.Random(7))
    data: dict[str, list[str]] = {}
    for item in attempt.items.all():
        choices = item.snapshot["choices"]
        if item.question_id in wrong:
            picked = [c["id"] for c in choices if c["text"] == wrong[item.question_id]]
        else:
            picked = [item.snapshot["correct"][0]]
        data[f"q-{item.pk}"] = picked
    attempt_submit(attempt_id=attempt.pk, user=user, data=data)
    attempt.refresh_from_db()
    return attempt


def key_change(
    question: Question,
    *,
    correct: set[str],
    by=None,
    remove: set[str] = frozenset(),
    add: list[tuple[str, bool]] = (),
) -> Question:
    """Publish a new revision in which exactly the choices with texts in ``correct`` are correct
    (block ids kept), ``remove`` is taken out and ``add`` appended as new blocks."""
    question.refresh_from_db()
    blocks = [
        {
            "type": child["type"],
            "id": child["id"],
            "value": {**child["value"], "correct": child["value"].get("text") in correct},
        }
        for child in question.choices.raw_data
        if child["value"].get("text") not in remove
    ]
    blocks += [{"type": "choice", "value": {"text": t, "correct": c}} for t, c in add]
    question.choices = blocks
    question.full_clean()
    question.save_revision(user=by).publish()
    question.refresh_from_db()
    return question
