"""Reads for regrading: the preview of a regrade, the questions it may drop, past runs and an
attempt's grade history. Nothing here writes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from people.models import User

from .models import Attempt, AttemptGradeChange, AttemptQuestion, Question, QuizPage, QuizRegrade
from .regrading import AttemptRegrade, attempt_regrade

#: States a regrade touches; an attempt in progress is skipped.
FINISHED = (Attempt.State.GRADED, Attempt.State.EXPIRED, Attempt.State.AWAITING_MARKING)


@dataclass
class RegradePlan:
    """What a regrade of ``quiz`` would change, attempt by attempt."""

    quiz: QuizPage
    dropped: set[int]
    attempts: list[AttemptRegrade] = field(default_factory=list)
    skipped_in_progress: int = 0
    skipped_own: int = 0

    @property
    def changed(self) -> list[AttemptRegrade]:
        """Attempts whose score, percentage or outcome changes."""
        return [a for a in self.attempts if a.score_changed]

    @property
    def updated(self) -> list[AttemptRegrade]:
        """Attempts with anything to write (a score, or only an item's key or points)."""
        return [a for a in self.attempts if a.changed]

    @property
    def now_passed(self) -> list[AttemptRegrade]:
        return [a for a in self.attempts if a.now_passes]

    @property
    def now_failed(self) -> list[AttemptRegrade]:
        return [a for a in self.attempts if a.now_fails]

    @property
    def awaiting_updated(self) -> list[AttemptRegrade]:
        return [
            a
            for a in self.attempts
            if a.attempt.state == Attempt.State.AWAITING_MARKING and a.changed_items
        ]

    @property
    def all_dropped(self) -> list[AttemptRegrade]:
        return [a for a in self.attempts if a.all_dropped]

    def summary(self) -> str:
        """The preview in one Danish sentence, e.g. "3 forsøg ændres, 1 består nu, 0 dumper nu"."""
        return _("%(changed)s forsøg ændres, %(passed)s består nu, %(failed)s dumper nu") % {
            "changed": len(self.changed),
            "passed": len(self.now_passed),
            "failed": len(self.now_failed),
        }

    def notes(self) -> list[str]:
        """What the regrade leaves alone, and why (Danish)."""
        notes = []
        if self.skipped_in_progress:
            notes.append(
                _("%(n)s forsøg er i gang og springes over; genberegn igen, når de er afleveret.")
                % {"n": self.skipped_in_progress}
            )
        if self.skipped_own:
            notes.append(
                _(
                    "%(n)s af forsøgene er dine egne og springes over; en anden jurist skal "
                    "genberegne dem (fire øjne)."
                )
                % {"n": self.skipped_own}
            )
        if self.awaiting_updated:
            notes.append(
                _(
                    "%(n)s forsøg afventer bedømmelse af fritekstsvar; deres automatisk bedømte "
                    "svar får nye point, og resultatet beregnes, når de er bedømt."
                )
                % {"n": len(self.awaiting_updated)}
            )
        if self.all_dropped:
            notes.append(
                _("%(n)s forsøg ville ikke have noget spørgsmål tilbage, der tæller.")
                % {"n": len(self.all_dropped)}
            )
        return notes


def _questions(question_ids: Iterable[int | None]) -> dict[int, Question]:
    ids = {pk for pk in question_ids if pk is not None}
    return {q.pk: q for q in Question.objects.filter(pk__in=ids)}


def regrade_preview(*, quiz: QuizPage, by: User | None, dropped: Iterable[int] = ()) -> RegradePlan:
    """What regrading ``quiz`` now would change: every finished attempt against the questions'
    live answer keys, with ``dropped`` question ids no longer counting. The person's own attempts
    and attempts in progress are skipped and counted. Four queries whatever the size."""
    plan = RegradePlan(quiz=quiz, dropped=set(dropped))
    attempts = list(
        Attempt.objects.filter(quiz=quiz, state__in=FINISHED).select_related("user").order_by("pk")
    )
    plan.skipped_in_progress = Attempt.objects.filter(
        quiz=quiz, state=Attempt.State.IN_PROGRESS
    ).count()
    if by is not None:
        plan.skipped_own = sum(1 for a in attempts if a.user_id == by.pk)
        attempts = [a for a in attempts if a.user_id != by.pk]
    items: dict[int, list[AttemptQuestion]] = defaultdict(list)
    for item in AttemptQuestion.objects.filter(attempt__in=[a.pk for a in attempts]).order_by(
        "attempt_id", "position"
    ):
        items[item.attempt_id].append(item)
    questions = _questions(i.question_id for rows in items.values() for i in rows)
    plan.attempts = [
        attempt_regrade(attempt=a, items=items[a.pk], questions=questions, dropped=plan.dropped)
        for a in attempts
    ]
    return plan


def attempt_regrade_plan(
    *, attempt: Attempt, items: list[AttemptQuestion], dropped: set[int]
) -> AttemptRegrade:
    """One attempt's regrade (the apply step recomputes each attempt under its lock)."""
    questions = _questions(i.question_id for i in items)
    return attempt_regrade(attempt=attempt, items=items, questions=questions, dropped=dropped)


def quiz_served_questions(*, quiz: QuizPage) -> list[Question]:
    """The questions served in the quiz's attempts, which a regrade may drop (one query)."""
    served = AttemptQuestion.objects.filter(attempt__quiz=quiz).values("question_id")
    return list(Question.objects.filter(pk__in=served).order_by("category__name", "pk"))


def quiz_dropped_questions(*, quiz: QuizPage) -> set[int]:
    """Question ids an earlier regrade dropped from scoring in this quiz (one query)."""
    return set(
        AttemptQuestion.objects.filter(
            attempt__quiz=quiz, snapshot__has_key="served_weight", question__isnull=False
        ).values_list("question_id", flat=True)
    )


def quiz_regrades(*, quiz: QuizPage | None = None) -> QuerySet[QuizRegrade]:
    """Regrade runs, newest first (of one quiz if given)."""
    runs = QuizRegrade.objects.select_related("requested_by").order_by("-requested_at", "-pk")
    return runs.filter(quiz=quiz) if quiz is not None else runs


def regrade_flipped(*, regrade: QuizRegrade) -> list[dict]:
    """The run's people who now fail, each row with the person's current ``name`` and
    ``follow_up`` (already completed the course or holds a certificate); those first. One query.
    """
    ids = [row["user"] for row in regrade.flipped_to_fail]
    users = {u.pk: u for u in User.objects.filter(pk__in=ids)}
    follow_up = {id(row) for row in regrade.needs_follow_up}
    rows = [
        row
        | {
            "name": (u.get_full_name() or u.get_username())
            if (u := users.get(row["user"]))
            else "",
            "follow_up": id(row) in follow_up,
        }
        for row in regrade.flipped_to_fail
    ]
    return sorted(rows, key=lambda r: not r["follow_up"])


def attempt_grade_history(*, attempt: Attempt) -> QuerySet[AttemptGradeChange]:
    """An attempt's grade changes, oldest first."""
    return attempt.grade_changes.select_related("by", "item", "regrade").order_by("at", "pk")
