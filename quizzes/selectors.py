"""Reads for quizzes: what the quiz page shows, what awaits marking, and statistics.

The quiz page reads only the person's attempts and their frozen items, so its query count does
not grow with the number of questions.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors import course_for_step, course_window_start
from guidelines.models import GuidelineSection, StatuteProvision

from .accommodations import (
    attempt_limit_with,
    duration_text,
    terms_effective,
    time_allowed_seconds,
)
from .grading import CategoryScore, category_scores, item_weight
from .models import Accommodation, Attempt, AttemptQuestion, Question, QuizPage, ReviewTiming

if TYPE_CHECKING:
    from wagtail.models import Page

    from courses.models import CoursePage
    from people.models import User


@dataclass(frozen=True)
class ServedImage:
    image: Any  # a Wagtail image
    alt: str


@dataclass
class ServedChoice:
    id: str
    text: str
    group: str
    chosen: bool = False
    correct: bool | None = None  # only filled in when the quiz may show correct answers
    image: ServedImage | None = None


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
    weight: int = 1
    image: ServedImage | None = None

    @property
    def points_got(self) -> Decimal | None:
        return None if self.points is None else self.points * self.weight

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


#: How long "right after the attempt" lasts (as Moodle: two minutes after submission).
REVIEW_IMMEDIATE = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class Review:
    """What the learner may see of one attempt at this moment (the quiz's review options)."""

    moment: str
    correctness: bool = False
    answers: bool = False
    explanations: bool = False
    points: bool = False

    @property
    def anything(self) -> bool:
        return self.correctness or self.answers or self.explanations or self.points


def review_moment(
    *, quiz: QuizPage, attempt: Attempt, finished: bool, now: dt.datetime
) -> ReviewTiming:
    """Which review moment ``attempt`` is in: during it; right after (2 minutes); later while the
    quiz is open for the person; or closed (the quiz closed, or the person passed or has no
    attempts left: ``finished``)."""
    if attempt.state == Attempt.State.IN_PROGRESS:
        return ReviewTiming.DURING
    if finished or (quiz.closes_at is not None and now >= quiz.closes_at):
        return ReviewTiming.CLOSED
    if attempt.submitted_at is not None and now - attempt.submitted_at <= REVIEW_IMMEDIATE:
        return ReviewTiming.IMMEDIATELY
    return ReviewTiming.LATER


def review_at(quiz: QuizPage, moment: str) -> Review:
    return Review(
        moment=moment,
        correctness=moment in quiz.review_correctness,
        answers=moment in quiz.review_answers,
        explanations=moment in quiz.review_explanations,
        points=moment in quiz.review_points,
    )


#: Responsive sizes of question images (``{% srcset_image %}``), prefetched with the images.
IMAGE_RENDITIONS = ("width-400", "width-800")


def served_images(snapshots: Sequence[dict[str, Any]]) -> dict[int, Any]:
    """The Wagtail images the served questions and choices show, with their renditions, in two
    queries (none when no question has an image)."""
    from wagtail.images import get_image_model

    ids = {s["image"]["id"] for s in snapshots if s.get("image")}
    ids |= {c["image"]["id"] for s in snapshots for c in s.get("choices", []) if c.get("image")}
    if not ids:
        return {}
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(*IMAGE_RENDITIONS)
    return {image.pk: image for image in images}


def served_image(ref: dict[str, Any] | None, images: dict[int, Any]) -> ServedImage | None:
    """The frozen image reference of a question or choice with its image (None if deleted)."""
    if not ref or ref["id"] not in images:
        return None
    return ServedImage(image=images[ref["id"]], alt=ref.get("alt", ""))


def _served(
    item: AttemptQuestion, *, reveal: bool, explain: bool, citations, images=None
) -> ServedItem:
    """The item as the learner may see it. Correctness and explanations only when ``reveal``/
    ``explain`` and the item has been answered or the attempt closed."""
    snapshot = item.snapshot
    images = images or {}
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
                image=served_image(c.get("image"), images),
            )
            for c in snapshot["choices"]
        ],
        answered=item.answered_at is not None,
        essay_text=(item.answer or {}).get("text", ""),
        points=item.points,
        is_correct=item.is_correct,
        awaiting_marking=item.awaiting_marking,
        marker_comment=item.marker_comment,
        weight=item_weight(snapshot),
        image=served_image(snapshot.get("image"), images),
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


def quiz_page_context(
    *, quiz: QuizPage, user: User, now: dt.datetime | None = None
) -> dict[str, object]:
    """Everything the quiz page shows for one person, in a fixed number of queries (one more for
    the person's accommodation when the quiz has a time or attempt limit). An open attempt is
    served with its saved drafts filled in and, when timed, the seconds left by the server's
    clock (``seconds_left``, and ``time_left`` as mm:ss)."""
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
    images = served_images([i.snapshot for its in items_by_attempt.values() for i in its])
    accommodation = accommodation_for(user=user, quiz=quiz)
    terms = accommodation.terms if accommodation is not None else {}
    limit = attempt_limit_with(attempt_limit=quiz.attempt_limit, terms=terms)
    # A running attempt keeps the time it started with, whatever has changed since.
    shown = open_attempt.accommodation if open_attempt is not None else terms
    context.update(quiz_accommodation_context(quiz=quiz, terms=shown))
    now = now or timezone.now()
    closed_quiz = quiz.closes_at is not None and now >= quiz.closes_at
    has_passed = any(a.passed for a in attempts)
    no_attempts_left = limit is not None and len(attempts) >= limit
    context.update(
        {
            "attempts": [a for a in attempts if a.state != Attempt.State.IN_PROGRESS],
            "attempts_left": None if limit is None else max(0, limit - len(attempts)),
            "can_start": open_attempt is None and not no_attempts_left and not closed_quiz,
            "has_passed": has_passed,
            "quiz_closed": closed_quiz,
        }
    )
    if open_attempt is not None:
        each = quiz.feedback_mode == QuizPage.Feedback.EACH
        during = review_at(quiz, ReviewTiming.DURING) if each else Review(ReviewTiming.DURING)
        items = items_by_attempt[open_attempt.pk]
        answered = [i for i in items if i.answered_at is not None]
        citations = _citation_objects(answered) if during.explanations else {}
        served = [
            _served(
                item,
                reveal=item.answered_at is not None and during.answers,
                explain=item.answered_at is not None and during.explanations,
                citations=citations,
                images=images,
            )
            for item in items
        ]
        context["open_attempt"] = open_attempt
        context["open_review"] = during
        context["served_items"] = served
        context["current_item"] = next((s for s in served if not s.answered), None)
        context["drafts_saved_at"] = max(
            (i.saved_at for i in items if i.saved_at is not None and i.answered_at is None),
            default=None,
        )
        if open_attempt.deadline_at is not None:
            left = (open_attempt.deadline_at - now).total_seconds()
            seconds = max(0, math.ceil(left))
            context["seconds_left"] = seconds
            context["time_left"] = f"{seconds // 60:02d}:{seconds % 60:02d}"
    if last is not None:
        items = items_by_attempt[last.pk]
        closed = last.state in (Attempt.State.GRADED, Attempt.State.EXPIRED)
        finished = has_passed or no_attempts_left
        moment = review_moment(quiz=quiz, attempt=last, finished=finished, now=now)
        review = review_at(quiz, moment) if closed else Review(moment)
        citations = _citation_objects(items) if review.explanations else {}
        context["last_attempt"] = last
        context["review"] = review
        context["answers_later"] = (
            closed
            and not review.answers
            and moment != ReviewTiming.CLOSED
            and ReviewTiming.CLOSED in quiz.review_answers
        )
        if closed and review.points:
            context["category_scores"] = _category_scores(items)
        context["result_items"] = [
            _served(
                item,
                reveal=review.answers,
                explain=review.explanations,
                citations=citations,
                images=images,
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


def quiz_passed_since(*, user: User, page: Page, since: dt.datetime | None) -> bool:
    """The quiz step's proof for course completion (registered in ``QuizzesConfig.ready``): the
    person has a passed, graded attempt at this quiz, graded after ``since``. One query."""
    attempts = Attempt.objects.filter(
        user_id=user.pk, quiz_id=page.pk, state=Attempt.State.GRADED, passed=True
    )
    if since is not None:
        attempts = attempts.filter(graded_at__gt=since)
    return attempts.exists()
