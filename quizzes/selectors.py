"""Reads for quizzes: what the quiz page shows, what awaits marking, and statistics.

The quiz page reads only the person's attempts and their frozen items, so its query count does
not grow with the number of questions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from courses.selectors import course_for_step, course_window_start
from guidelines.models import GuidelineSection, StatuteProvision

from .grading import CategoryScore, category_scores
from .models import Attempt, AttemptQuestion, Question, QuizPage

if TYPE_CHECKING:
    import datetime as dt

    from wagtail.models import Page

    from courses.models import CoursePage
    from people.models import User


@dataclass
class ServedChoice:
    id: str
    text: str
    group: str
    chosen: bool = False
    correct: bool | None = None  # only filled in when the quiz may show correct answers


@dataclass
class ServedItem:
    pk: int
    position: int
    kind: str
    text: str
    choices: list[ServedChoice]
    answered: bool = False
    essay_text: str = ""
    points: Decimal | None = None
    is_correct: bool | None = None
    awaiting_marking: bool = False
    marker_comment: str = ""
    explanation: str = ""
    citations: list[Any] = field(default_factory=list)

    @property
    def field(self) -> str:
        return f"q-{self.pk}"

    @property
    def field_outcome(self) -> str:
        return f"q-{self.pk}-outcome"

    @property
    def field_basis(self) -> str:
        return f"q-{self.pk}-basis"

    @property
    def multiple(self) -> bool:
        return self.kind == "multiple"

    @property
    def outcomes(self) -> list[ServedChoice]:
        return [c for c in self.choices if c.group == "outcome"]

    @property
    def bases(self) -> list[ServedChoice]:
        return [c for c in self.choices if c.group == "basis"]


def _served(item: AttemptQuestion, *, reveal: bool, explain: bool, citations) -> ServedItem:
    """The item as the learner may see it. Correctness and explanations only when ``reveal``/
    ``explain`` and the item has been answered or the attempt closed."""
    snapshot = item.snapshot
    chosen = set((item.answer or {}).get("choices") or [])
    correct = set(snapshot.get("correct") or [])
    served = ServedItem(
        pk=item.pk,
        position=item.position,
        kind=item.kind,
        text=snapshot["text"],
        choices=[
            ServedChoice(
                id=c["id"],
                text=c["text"],
                group=c["group"],
                chosen=c["id"] in chosen,
                correct=(c["id"] in correct) if reveal else None,
            )
            for c in snapshot["choices"]
        ],
        answered=item.answered_at is not None,
        essay_text=(item.answer or {}).get("text", ""),
        points=item.points,
        is_correct=item.is_correct,
        awaiting_marking=item.awaiting_marking,
        marker_comment=item.marker_comment,
    )
    if explain:
        served.explanation = snapshot.get("explanation", "")
        served.citations = [
            citations.get(next(iter(ref.items()))) for ref in snapshot.get("citations", [])
        ]
        served.citations = [c for c in served.citations if c is not None]
    return served


def _citation_objects(items: list[AttemptQuestion]) -> dict[tuple[str, int], Any]:
    """Sections and provisions cited by the items, in at most two queries."""
    wanted: dict[str, set[int]] = {"section": set(), "provision": set()}
    for item in items:
        for ref in item.snapshot.get("citations", []):
            for kind, pk in ref.items():
                wanted[kind].add(pk)
    found: dict[tuple[str, int], Any] = {}
    if wanted["section"]:
        for s in GuidelineSection.objects.filter(pk__in=wanted["section"]).select_related("page"):
            found[("section", s.pk)] = s
    if wanted["provision"]:
        for p in StatuteProvision.objects.filter(pk__in=wanted["provision"]):
            found[("provision", p.pk)] = p
    return found


def attempts_in_current_run(
    *, user: User, quiz: QuizPage, course: CoursePage | None = None
) -> QuerySet[Attempt]:
    """The person's attempts that count against the allowance: those since their previous run
    of the course ended, so a new cycle (a recertification) gets the full allowance. One query
    for the runs (and one for the course unless given)."""
    attempts = Attempt.objects.filter(user=user, quiz=quiz)
    if course is None and quiz.depth > 2:
        course = course_for_step(quiz)
    since = course_window_start(user=user, course=course) if course is not None else None
    return attempts.filter(started_at__gt=since) if since is not None else attempts


def quiz_page_context(*, quiz: QuizPage, user: User) -> dict[str, object]:
    """Everything the quiz page shows for one person, in a fixed number of queries."""
    context: dict[str, object] = {"course": course_for_step(quiz) if quiz.depth > 2 else None}
    if not user.is_authenticated:
        return context
    course = cast("CoursePage | None", context["course"])
    attempts = list(
        attempts_in_current_run(user=user, quiz=quiz, course=course).order_by("-number", "-pk")
    )
    open_attempt = next((a for a in attempts if a.state == Attempt.State.IN_PROGRESS), None)
    last = next((a for a in attempts if a.state != Attempt.State.IN_PROGRESS), None)
    wanted = [a.pk for a in (open_attempt, last) if a is not None]
    items_by_attempt: dict[int, list[AttemptQuestion]] = defaultdict(list)
    for item in AttemptQuestion.objects.filter(attempt_id__in=wanted).order_by("position"):
        items_by_attempt[item.attempt_id].append(item)
    limit = quiz.attempt_limit
    context.update(
        {
            "attempts": [a for a in attempts if a.state != Attempt.State.IN_PROGRESS],
            "attempts_left": None if limit is None else max(0, limit - len(attempts)),
            "can_start": open_attempt is None and (limit is None or len(attempts) < limit),
            "has_passed": any(a.passed for a in attempts),
        }
    )
    if open_attempt is not None:
        each = quiz.feedback_mode == QuizPage.Feedback.EACH
        items = items_by_attempt[open_attempt.pk]
        answered = [i for i in items if i.answered_at is not None]
        citations = _citation_objects(answered) if each and quiz.show_explanations else {}
        served = [
            _served(
                item,
                reveal=each and item.answered_at is not None and quiz.show_correct_answers,
                explain=each and item.answered_at is not None and quiz.show_explanations,
                citations=citations,
            )
            for item in items
        ]
        context["open_attempt"] = open_attempt
        context["served_items"] = served
        context["current_item"] = next((s for s in served if not s.answered), None)
    if last is not None:
        items = items_by_attempt[last.pk]
        closed = last.state in (Attempt.State.GRADED, Attempt.State.EXPIRED)
        citations = _citation_objects(items) if quiz.show_explanations else {}
        context["last_attempt"] = last
        if closed and quiz.show_score:
            context["category_scores"] = _category_scores(items)
        context["result_items"] = [
            _served(
                item,
                reveal=quiz.show_correct_answers and closed,
                explain=quiz.show_explanations and closed,
                citations=citations,
            )
            for item in items
        ]
    return context


def _category_scores(items: list[AttemptQuestion]) -> list[CategoryScore]:
    """The attempt's points per question category; one query only for an attempt from before
    categories were frozen in the snapshots."""
    missing = {i.question_id for i in items if "category" not in i.snapshot and i.question_id}
    fallback: dict[int, str] = {}
    if missing:
        fallback = dict(Question.objects.filter(pk__in=missing).values_list("pk", "category__name"))
    return category_scores(items, fallback=fallback, other=_("Andre spørgsmål"))


def essays_awaiting_marking(*, marker: User) -> QuerySet[AttemptQuestion]:
    """Essay answers of attempts that wait for ``marker`` to mark them, oldest first; the
    marker's own attempts are left out (four eyes)."""
    return (
        AttemptQuestion.objects.filter(
            kind=Question.Kind.ESSAY,
            attempt__state=Attempt.State.AWAITING_MARKING,
            answered_at__isnull=False,
            points__isnull=True,
        )
        .exclude(attempt__user_id=marker.pk)
        .select_related("attempt__user", "attempt__user__org_unit")
        .order_by("answered_at", "pk")
    )


def quiz_passed_since(*, user: User, page: Page, since: dt.datetime | None) -> bool:
    """The quiz step's proof for course completion (registered in ``QuizzesConfig.ready``): the
    person has a passed, graded attempt at this quiz, graded after ``since``. One query."""
    attempts = Attempt.objects.filter(
        user_id=user.pk, quiz_id=page.pk, state=Attempt.State.GRADED, passed=True
    )
    if since is not None:
        attempts = attempts.filter(graded_at__gt=since)
    return attempts.exists()
