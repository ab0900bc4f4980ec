"""Demo step for ``seed_demo``: finished attempts at the onboarding quiz, for the regrade journey
of issue 17 ("As jurist: change the key of a demo question, regrade, see '3 forsøg ændres,
1 består nu', apply, and the learner's course completes").

The disputed question is the quiz's last single-choice question, and the disputed answer its
first wrong choice in stored order: the demo shows how a jurist accepts a second answer, not that
this answer is right. ``medarbejder`` has read every onboarding lesson and fails the quiz by that
one answer; ``sara`` passes with it, ``ali`` fails with it either way, ``omar`` answered right.
Accepting the answer changes three attempts and passes medarbejder, which completes the course.
Idempotent: nothing is added once the quiz has attempts.
"""

from __future__ import annotations

import logging
import random
from decimal import Decimal
from typing import Any

from courses.models import LessonPage
from courses.selectors import course_for_step
from courses.services import step_complete
from quizzes.grading import attempt_score, item_weight
from quizzes.models import Attempt, AttemptQuestion, Question, QuizPage
from quizzes.services import attempt_start, attempt_submit

logger = logging.getLogger(__name__)

QUIZ_SLUG = "quiz-din-start-i-tmf"


def disputed_choice(quiz: QuizPage) -> tuple[Question, str]:
    """The demo's disputed question of ``quiz`` and the block id of the answer a jurist may
    accept as also correct."""
    rows = quiz.quiz_questions.select_related("question").order_by("sort_order", "pk")
    question = [row.question for row in rows if row.question.kind == Question.Kind.SINGLE][-1]
    choice = next(
        child
        for child in question.choices.raw_data
        if child["type"] == "choice" and not child["value"].get("correct")
    )
    return question, choice["id"]


def _passes(items: list[AttemptQuestion], right: set[int], pass_mark: int) -> bool:
    points = [Decimal(1) if item.pk in right else Decimal(0) for item in items]
    return attempt_score(points, [item_weight(i.snapshot) for i in items])[2] >= pass_mark


def _answers(
    items: list[AttemptQuestion], right: set[int], disputed_item: int, disputed: str | None
) -> dict[str, list[str]]:
    data = {}
    for item in items:
        correct = item.snapshot["correct"]
        wrong = next(c["id"] for c in item.snapshot["choices"] if c["id"] not in correct)
        if item.pk == disputed_item and disputed is not None:
            data[f"q-{item.pk}"] = [disputed]
        else:
            data[f"q-{item.pk}"] = [correct[0] if item.pk in right else wrong]
    return data


def seed_regrade_demo(context: dict[str, Any]) -> None:
    quiz = QuizPage.objects.filter(slug=QUIZ_SLUG).live().first()
    people = context["people"]
    learners = [people.get(name) for name in ("medarbejder", "sara", "ali", "omar")]
    if quiz is None or None in learners or Attempt.objects.filter(quiz=quiz).exists():
        return
    question, disputed = disputed_choice(quiz)
    medarbejder, sara, ali, omar = learners
    course = course_for_step(quiz)
    if course is not None:
        for lesson in LessonPage.objects.descendant_of(course).live().order_by("path"):
            step_complete(user=medarbejder, page=lesson)
    for user in learners:
        attempt = attempt_start(user=user, quiz=quiz, rng=random.Random(user.username))
        items = list(attempt.items.order_by("position"))
        target = next(i for i in items if i.question_id == question.pk)
        others = [i.pk for i in items if i.pk != target.pk]
        # The most right answers with which the disputed answer alone decides the pass.
        decisive = next(
            (
                k
                for k in range(len(others), -1, -1)
                if not _passes(items, set(others[:k]), quiz.pass_mark)
                and _passes(items, set(others[:k]) | {target.pk}, quiz.pass_mark)
            ),
            len(others) - 1,
        )
        right, choice = {
            medarbejder.pk: (others[:decisive], disputed),
            sara.pk: (others, disputed),
            ali.pk: (others[: max(decisive - 1, 0)], disputed),
            omar.pk: ([*others, target.pk], None),
        }[user.pk]
        attempt_submit(
            attempt_id=attempt.pk,
            user=user,
            data=_answers(items, set(right), target.pk, choice),
        )
    logger.info("demo regrade attempts seeded quiz=%s question=%s", quiz.pk, question.pk)
