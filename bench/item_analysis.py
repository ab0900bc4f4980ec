"""Item analysis of a quiz with 45,000 closed attempts (issue 17: ≤ 200 ms), run by
``bench/quizzes.py``.

One attempt per generated employee (45,000 at size full, 4,500 at small), each with the quiz's
ten questions, written set-based (COPY on PostgreSQL, executemany on SQLite). The answers follow
a simple ability model (the chance of a right answer rises with the person's ability and falls
with the question's difficulty), one question is built to discriminate the wrong way, and two
are multiple response, so the figures look like a real quiz's. The snapshots are the real ones
(``quizzes.services._snapshots`` of the live questions, with explanations and citations).

Figures: the median time of ``item_analysis(quiz=…)`` (three queries: the running sums of the
quiz, the newest snapshots, the questions), against a plain
``SELECT question_id, count(*), avg(points) … GROUP BY question_id`` over the same answers in
the same run (what adding up the answers on each request would cost at the least); the same
for one area (unit filter) and for the per-citation analysis. The note gives the running sums'
own costs: the nightly rebuild from every answer, and what a regrade or an override adds to
its transaction (one attempt taken out of the sums and added again).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import time

from django.db import connection, transaction
from django.utils import timezone

from bench.datagen import _copy
from bench.harness import BenchContext, Figure, timed_together
from quizzes.item_analysis import citation_analysis, item_analysis
from quizzes.item_totals import item_totals_add, item_totals_rebuild, item_totals_remove
from quizzes.models import Attempt, AttemptQuestion, Question, QuizPage

BUDGET_MS = 200
SLUG = "bench-item-analysis"
EXPLANATION = (
    "<p>Efter forvaltningsloven skal en part som udgangspunkt partshøres, før der træffes "
    "afgørelse, hvis afgørelsen bygger på oplysninger om sagens faktiske omstændigheder eller "
    "eksterne faglige vurderinger, som er til ugunst for parten, og som parten ikke kan antages "
    "at være bekendt med, at myndigheden er i besiddelse af. Se også vejledningens afsnit om "
    "frister og om, hvornår en partshøring kan undlades.</p>"
)


def _quiz(make_quiz) -> tuple[QuizPage, list[Question]]:
    """The bench quiz: ten questions (eight single choice, two multiple response) with four
    choices each, an explanation and two citations, as jurists write them."""
    from guidelines.models import StatuteProvision
    from tests.factories import question_add

    provisions = [
        StatuteProvision.objects.get_or_create(
            key=f"BENCH-FVL-{n}",
            defaults={"act": "Forvaltningsloven", "act_short": "FVL", "number": str(n)},
        )[0]
        for n in (19, 22)
    ]
    existing = QuizPage.objects.filter(slug=SLUG).first()
    if existing is not None:
        rows = existing.quiz_questions.select_related("question__category").order_by("sort_order")
        return existing, [row.question for row in rows]
    questions = []
    for i in range(10):
        kind = "multiple" if i in (3, 7) else "single"
        questions.append(
            question_add(
                f"Spørgsmål {i + 1} i benchmarkquizzen: en borger søger om tilladelse til "
                "udeservering, og forvaltningen påtænker at give afslag. Hvad skal ske først?",
                kind=kind,
                choices=[
                    (f"Svarmulighed A til spørgsmål {i + 1}, som er rigtig", True),
                    (f"Svarmulighed B til spørgsmål {i + 1}", kind == "multiple"),
                    (f"Svarmulighed C til spørgsmål {i + 1}, en nærliggende fejl", False),
                    (f"Svarmulighed D til spørgsmål {i + 1}", False),
                ],
                explanation=EXPLANATION,
                points=2 if i in (0, 5) else 1,
                citations=[
                    {"type": "citation", "value": {"section": None, "provision": p.pk, "note": ""}}
                    for p in provisions
                ],
            )
        )
    return make_quiz(questions, slug=SLUG, title="Benchmarkquiz, item analysis"), questions


def _generate(
    quiz: QuizPage, questions: list[Question], people: list[tuple[int, int | None]], rng
) -> float:
    """Replace the quiz's attempts by one closed attempt per person; returns seconds taken."""
    from quizzes.services import _snapshots

    t0 = time.perf_counter()
    snapshots = _snapshots(questions, shuffle=None)
    weights = [q.points for q in questions]
    max_score = sum(weights)
    difficulty = [rng.uniform(-1.5, 1.5) for _ in questions]
    now = timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        AttemptQuestion.objects.filter(attempt__quiz=quiz)._raw_delete(connection.alias)
        Attempt.objects.filter(quiz=quiz)._raw_delete(connection.alias)
        attempts, answers = [], []
        for person, unit in people:
            ability = rng.gauss(0, 1)
            fractions, chosen = [], []
            for i, snapshot in enumerate(snapshots):
                # Question 10 is the bad one: the stronger learners get it wrong.
                edge = (-ability if i == 9 else ability) - difficulty[i]
                right = rng.random() < 1 / (1 + math.exp(-1.7 * edge))
                correct = snapshot["correct"]
                wrong = [c["id"] for c in snapshot["choices"] if c["id"] not in correct]
                fractions.append(1 if right else 0)
                chosen.append(list(correct) if right else rng.sample(wrong, 1))
            score = sum(f * w for f, w in zip(fractions, weights, strict=True))
            percent = round(100 * score / max_score, 1)
            submitted = now - dt.timedelta(minutes=rng.randint(10, 60 * 24 * 300))
            attempts.append(
                (
                    person, quiz.pk, quiz.title, 1, "graded", quiz.pass_mark,
                    submitted - dt.timedelta(minutes=12), submitted, submitted,
                    score, max_score, percent, percent >= quiz.pass_mark, False, "{}", unit,
                )
            )  # fmt: skip
            answers.append((fractions, chosen, submitted))
        _copy(
            Attempt._meta.db_table,
            [
                "user_id", "quiz_id", "quiz_title", "number", "state", "pass_mark", "started_at",
                "submitted_at", "graded_at", "score", "max_score", "percent", "passed",
                "timed_out", "accommodation", "closed_unit_id",
            ],
            attempts,
        )  # fmt: skip
        ids = list(Attempt.objects.filter(quiz=quiz).order_by("pk").values_list("pk", flat=True))
        texts = [json.dumps(s, ensure_ascii=False) for s in snapshots]

        def items():
            for attempt_id, (fractions, chosen, at) in zip(ids, answers, strict=True):
                for i, question in enumerate(questions):
                    yield (
                        attempt_id, question.pk, question.live_revision_id, i + 1, question.kind,
                        texts[i], json.dumps({"choices": chosen[i]}), at, fractions[i],
                        fractions[i] == 1, "",
                    )  # fmt: skip

        _copy(
            AttemptQuestion._meta.db_table,
            [
                "attempt_id", "question_id", "revision_id", "position", "kind", "snapshot",
                "answer", "answered_at", "points", "is_correct", "marker_comment",
            ],
            items(),
        )  # fmt: skip
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load (see bench/datagen.py).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) quizzes_attempt")
            cursor.execute("VACUUM (ANALYZE) quizzes_attemptquestion")
    return time.perf_counter() - t0


def _baseline(quiz: QuizPage):
    """The plain aggregate: answers and mean points per question over the same rows."""

    def run():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.question_id, COUNT(*), AVG(i.points) FROM quizzes_attemptquestion i "
                "JOIN quizzes_attempt a ON a.id = i.attempt_id "
                "WHERE a.quiz_id = %s AND a.state IN ('graded', 'expired') "
                "AND i.points IS NOT NULL GROUP BY i.question_id",
                [quiz.pk],
            )
            return cursor.fetchall()

    return run


def figures(ctx: BenchContext, make_quiz) -> list[Figure]:
    """Generate the attempts and time the item analysis; ``make_quiz(questions, slug=, title=)``
    places a live quiz of the questions in a routable course (bench/quizzes.py)."""
    from people.models import OrgUnit, User

    rng = random.Random(17)
    quiz, questions = _quiz(make_quiz)
    people = list(
        User.objects.filter(employee_number__startswith="BX")
        .order_by("pk")
        .values_list("pk", "org_unit_id")[: ctx.employees]
    )
    seconds = _generate(quiz, questions, people, rng)
    t0 = time.perf_counter()
    totals = item_totals_rebuild(quiz_id=quiz.pk)
    rebuild = time.perf_counter() - t0
    count = len(people)
    repeat = min(15, int(ctx.extra.get("repeat", 15)))  # type: ignore[call-overload]
    area = OrgUnit.objects.filter(code="BX-1").first()
    times = timed_together(
        {
            "analysis": lambda: item_analysis(quiz=quiz),
            "area": lambda: item_analysis(quiz=quiz, unit=area),
            "citations": lambda: citation_analysis(quiz=quiz),
            "baseline": _baseline(quiz),
        },
        repeat=repeat,
    )
    one = Attempt.objects.filter(quiz=quiz).order_by("pk").values_list("pk", flat=True).first()

    def regrade_one():
        # What a regrade or an override adds to its transaction: take the attempt out, add it.
        with transaction.atomic():
            item_totals_remove(attempt_id=one)
            item_totals_add(attempt_id=one)

    grading = timed_together({"one": regrade_one}, repeat=repeat)["one"]
    stats = item_analysis(quiz=quiz)
    flagged = sum(1 for s in stats if s.warnings)
    note = (
        f"{count:,} attempts × {len(questions)} items generated in {seconds:.1f} s; "
        f"{flagged} of {len(stats)} questions flagged; median of {repeat}; "
        f"read from {totals:,} running-sum rows, rebuilt from the answers in {rebuild:.1f} s "
        f"(nightly); taking one attempt out of the sums and adding it again: {grading:.1f} ms"
    )
    baseline_name = "plain GROUP BY count/avg over the same rows"
    return [
        Figure(
            f"item analysis, quiz with {count:,} attempts",
            times["analysis"],
            "ms",
            budget=BUDGET_MS,
            baseline=times["baseline"],
            baseline_name=baseline_name,
            note=note,
        ),
        Figure(
            "item analysis, the same quiz, one area (unit filter)",
            times["area"],
            "ms",
            budget=BUDGET_MS,
            baseline=times["baseline"],
            baseline_name=baseline_name,
        ),
        Figure(
            "item analysis per cited provision, the same quiz",
            times["citations"],
            "ms",
            budget=BUDGET_MS,
            baseline=times["baseline"],
            baseline_name=baseline_name,
        ),
    ]
