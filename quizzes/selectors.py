"""Reads for quizzes: what the quiz page shows, what awaits marking, and statistics.

The quiz page reads only the person's attempts and their frozen items, so its query count does
not grow with the number of questions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Q, QuerySet
from django.utils import timezone

from courses.selectors import course_for_step, course_window_start
from guidelines.models import GuidelineSection, StatuteProvision

from .accommodations import (
    attempt_limit_with,
    duration_text,
    terms_effective,
    time_allowed_seconds,
)
from .models import Accommodation, Attempt, AttemptQuestion, Question, QuizPage

if TYPE_CHECKING:
    from wagtail.models import Page

    from courses.models import CoursePage
    from people.models import OrgUnit, User


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


def accommodation_for(*, user: User, quiz: QuizPage) -> Accommodation | None:
    """The accommodation that applies to ``user`` at ``quiz``: the one for this quiz, else the
    one for all quizzes (never both added up). One query; none for a quiz with neither a time
    limit nor an attempt limit, where an accommodation changes nothing."""
    if not quiz.time_limit_minutes and quiz.attempt_limit is None:
        return None
    rows = list(Accommodation.objects.filter(Q(quiz=quiz) | Q(quiz__isnull=True), user=user)[:2])
    return next((a for a in rows if a.quiz_id is not None), rows[0] if rows else None)


def quiz_accommodation_context(*, quiz: QuizPage, terms: dict[str, int]) -> dict[str, object]:
    """What the learner is told about their accommodation: the extended time (“45 minutter”
    against the quiz's 30) and the extra attempts, when they change anything at this quiz."""
    effective = terms_effective(
        terms, time_limit_minutes=quiz.time_limit_minutes, attempt_limit=quiz.attempt_limit
    )
    seconds = time_allowed_seconds(time_limit_minutes=quiz.time_limit_minutes, terms=effective)
    extended = seconds is not None and seconds != (quiz.time_limit_minutes or 0) * 60
    return {
        "extended_time": duration_text(seconds) if extended and seconds else "",
        "extra_attempts": effective.get("extra_attempts", 0),
    }


def quiz_page_context(*, quiz: QuizPage, user: User) -> dict[str, object]:
    """Everything the quiz page shows for one person, in a fixed number of queries (one more for
    the person's accommodation when the quiz has a time or attempt limit)."""
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
    accommodation = accommodation_for(user=user, quiz=quiz)
    terms = accommodation.terms if accommodation is not None else {}
    limit = attempt_limit_with(attempt_limit=quiz.attempt_limit, terms=terms)
    # A running attempt keeps the time it started with, whatever has changed since.
    shown = open_attempt.accommodation if open_attempt is not None else terms
    context.update(quiz_accommodation_context(quiz=quiz, terms=shown))
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


def essays_awaiting_marking(
    *,
    marker: User,
    quiz: QuizPage | None = None,
    learner: str = "",
    older_than_days: int | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[AttemptQuestion]:
    """Essay answers of attempts that wait for ``marker`` to mark them, oldest first; the
    marker's own attempts are left out (four eyes). Optionally only one ``quiz``, learners whose
    username or name contains ``learner`` (each word must match), and answers given more than
    ``older_than_days`` days before ``now``."""
    items = AttemptQuestion.objects.filter(
        kind=Question.Kind.ESSAY,
        attempt__state=Attempt.State.AWAITING_MARKING,
        answered_at__isnull=False,
        points__isnull=True,
    ).exclude(attempt__user_id=marker.pk)
    if quiz is not None:
        items = items.filter(attempt__quiz=quiz)
    for word in learner.split():
        items = items.filter(
            Q(attempt__user__username__icontains=word)
            | Q(attempt__user__first_name__icontains=word)
            | Q(attempt__user__last_name__icontains=word)
        )
    if older_than_days is not None:
        cutoff = (now or timezone.now()) - dt.timedelta(days=older_than_days)
        items = items.filter(answered_at__lt=cutoff)
    return items.select_related("attempt__user", "attempt__user__org_unit").order_by(
        "answered_at", "pk"
    )


# --- Statistics ------------------------------------------------------------------------------


def graded_items(*, unit: OrgUnit | None = None) -> QuerySet[AttemptQuestion]:
    """Answered items of closed attempts, optionally only people in ``unit``'s subtree."""
    items = AttemptQuestion.objects.filter(
        attempt__state__in=[Attempt.State.GRADED, Attempt.State.EXPIRED],
        answered_at__isnull=False,
        points__isnull=False,
    )
    if unit is not None:
        items = items.filter(attempt__user__org_unit__path__startswith=unit.path)
    return items


@dataclass
class QuestionStat:
    question_id: int
    text: str
    category: str
    kind: str
    answers: int = 0
    correct: int = 0
    wrong_choice: str = ""
    wrong_choice_count: int = 0

    @property
    def share_correct(self) -> float:
        return round(100 * self.correct / self.answers, 1) if self.answers else 0.0


def question_statistics(*, unit: OrgUnit | None = None) -> list[QuestionStat]:
    """Per question: answers, share fully correct and the most chosen wrong choice (by the text
    served in the attempts). Two queries; the aggregation runs over the answered items."""
    stats: dict[int, QuestionStat] = {}
    wrong: dict[int, Counter[str]] = defaultdict(Counter)
    rows = graded_items(unit=unit).filter(question__isnull=False)
    for question_id, kind, snapshot, answer, is_correct in rows.values_list(
        "question_id", "kind", "snapshot", "answer", "is_correct"
    ):
        stat = stats.get(question_id)
        if stat is None:
            stat = stats[question_id] = QuestionStat(
                question_id=question_id, text=snapshot["text"], category="", kind=kind
            )
        stat.answers += 1
        stat.correct += 1 if is_correct else 0
        correct = set(snapshot.get("correct") or [])
        texts = {c["id"]: c["text"] for c in snapshot.get("choices", [])}
        for choice in (answer or {}).get("choices") or []:
            if choice not in correct and choice in texts:
                wrong[question_id][texts[choice]] += 1
    for question in Question.objects.filter(pk__in=stats).select_related("category"):
        stats[question.pk].category = str(question.category)
        stats[question.pk].text = question.text
    for question_id, counter in wrong.items():
        text, count = counter.most_common(1)[0]
        stats[question_id].wrong_choice, stats[question_id].wrong_choice_count = text, count
    return sorted(stats.values(), key=lambda s: (s.share_correct, s.text))


@dataclass
class CitationStat:
    kind: str  # "section" or "provision"
    key: str
    title: str
    source: str
    questions: int = 0
    answers: int = 0
    correct: int = 0

    @property
    def share_correct(self) -> float:
        return round(100 * self.correct / self.answers, 1) if self.answers else 0.0


def citation_statistics(*, unit: OrgUnit | None = None) -> list[CitationStat]:
    """Per guideline section and statute provision cited by the questions as served: how many
    answers and the share fully correct across all questions citing it. Three queries."""
    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    questions: dict[tuple[str, int], set[int]] = defaultdict(set)
    for question_id, snapshot, is_correct in graded_items(unit=unit).values_list(
        "question_id", "snapshot", "is_correct"
    ):
        for ref in snapshot.get("citations", []):
            for kind, pk in ref.items():
                counts[(kind, pk)][0] += 1
                counts[(kind, pk)][1] += 1 if is_correct else 0
                if question_id:
                    questions[(kind, pk)].add(question_id)
    result: list[CitationStat] = []
    section_ids = [pk for kind, pk in counts if kind == "section"]
    for s in GuidelineSection.objects.filter(pk__in=section_ids).select_related("page"):
        answers, correct = counts[("section", s.pk)]
        result.append(
            CitationStat(
                kind="section",
                key=s.key,
                title=s.heading,
                source=s.page.title,
                questions=len(questions[("section", s.pk)]),
                answers=answers,
                correct=correct,
            )
        )
    provision_ids = [pk for kind, pk in counts if kind == "provision"]
    for p in StatuteProvision.objects.filter(pk__in=provision_ids):
        answers, correct = counts[("provision", p.pk)]
        result.append(
            CitationStat(
                kind="provision",
                key=p.key,
                title=p.title,
                source=p.reference,
                questions=len(questions[("provision", p.pk)]),
                answers=answers,
                correct=correct,
            )
        )
    return sorted(result, key=lambda s: (s.share_correct, s.key))


def quiz_passed_since(*, user: User, page: Page, since: dt.datetime | None) -> bool:
    """The quiz step's proof for course completion (registered in ``QuizzesConfig.ready``): the
    person has a passed, graded attempt at this quiz, graded after ``since``. One query."""
    attempts = Attempt.objects.filter(
        user_id=user.pk, quiz_id=page.pk, state=Attempt.State.GRADED, passed=True
    )
    if since is not None:
        attempts = attempts.filter(graded_at__gt=since)
    return attempts.exists()
