"""Writes about a person's progress: runs, step completions and course completion."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from .citations import lesson_citations_index
from .models import CoursePage, CourseRun, LessonPage, ModulePage, StepCompletion
from .selectors import course_for_step, course_outline, course_variants, run_opened_after
from .signals import course_completed, step_completed
from .steps import is_step, step_completable_by_hand, step_earned

if TYPE_CHECKING:
    from collections.abc import Iterable

    from people.models import User

logger = logging.getLogger(__name__)


class StepNotCompletable(Exception):
    """The page is not a live step of a live course, or the person has not earned it (a quiz
    without a passed, graded attempt in this run), or it cannot be completed by hand."""


def run_current(*, user: User, course: CoursePage, create: bool = True) -> CourseRun | None:
    """The person's newest run of the course, started now if there is none (and ``create``),
    with the course's first variant if it has variants. Imported runs (completions from an
    earlier system) never take new steps."""
    run = (
        CourseRun.objects.filter(user=user, course=course)
        .exclude(source=CourseRun.Source.IMPORT)
        .order_by("-started_at", "-id")
        .first()
    )
    if run is None and create:
        variants = course_variants(course_ids=[course.pk]).get(course.pk)
        run = CourseRun.objects.create(
            user=user, course=course, variant_id=variants.next_after(None) if variants else None
        )
    return run


#: People per query in runs_start_new (SQLite allows 32,766 parameters in one statement).
RUNS_BATCH = 5000


def runs_start_new(*, course: CoursePage, user_ids: Iterable[int]) -> int:
    """Fresh course runs for many people at once (a recertification): a fresh run for everyone
    whose newest run of the course is finished; an open run is kept, and nobody who never
    ran the course gets one before they start. A course with variants gives each fresh run the
    variant after the finished run's, so nobody takes the same variant twice in a row. One
    query, plus two per RUNS_BATCH people (a bound on query parameters); returns the number of
    runs started."""
    user_ids = list(user_ids)
    started = 0
    variants = course_variants(course_ids=[course.pk]).get(course.pk)
    for start in range(0, len(user_ids), RUNS_BATCH):
        newest: dict[int, tuple[bool, int | None]] = {}
        runs = (
            CourseRun.objects.filter(
                course=course, user_id__in=user_ids[start : start + RUNS_BATCH]
            )
            .order_by("user_id", "-started_at", "-id")
            .values_list("user_id", "completed_at", "variant_id")
        )
        for user_id, completed_at, variant_id in runs:
            newest.setdefault(user_id, (completed_at is not None, variant_id))
        fresh = [
            CourseRun(
                user_id=u,
                course=course,
                variant_id=variants.next_after(variant_id) if variants else None,
            )
            for u, (finished, variant_id) in newest.items()
            if finished
        ]
        CourseRun.objects.bulk_create(fresh, batch_size=2000)
        started += len(fresh)
    return started


def step_complete(*, user: User, page: Page) -> StepCompletion:
    """Record that ``user`` finished ``page`` with its live revision; complete the run if it was
    the last step. Completing a step twice in a run returns the existing row and writes nothing.

    This is the only place a step is recorded. A step whose type registered a proof (a quiz) is
    recorded only when the proof holds for this run: a passed, graded attempt since the person's
    previous run ended. Raises StepNotCompletable (and records nothing) otherwise.
    """
    if not page.live or not is_step(page):
        raise StepNotCompletable(page.pk)
    course = course_for_step(page)
    if course is None or not course.live:
        raise StepNotCompletable(page.pk)
    with transaction.atomic():
        run = run_current(user=user, course=course)
        assert run is not None
        existing = StepCompletion.objects.filter(run=run, page=page).first()
        if existing is not None:
            return existing
        if not step_earned(user=user, page=page, since=run_opened_after(run=run)):
            logger.warning(
                "step not earned user=%s page=%s run=%s: no proof", user.pk, page.pk, run.pk
            )
            raise StepNotCompletable(page.pk)
        try:
            with transaction.atomic():
                completion = StepCompletion.objects.create(
                    run=run, page=page, revision_id=page.live_revision_id
                )
        except IntegrityError:
            # A parallel request recorded it first; theirs stands.
            return StepCompletion.objects.get(run=run, page=page)
        logger.info("step completed user=%s page=%s run=%s", user.pk, page.pk, run.pk)
        step_completed.send(sender=StepCompletion, completion=completion)
        _run_complete_if_done(run=run, course=course, user=user)
    return completion


def step_complete_by_learner(*, user: User, page: Page) -> StepCompletion:
    """The learner's own "Markér som gennemført": lessons only. A quiz (any step with a proof)
    is refused even when passed, since its attempt completes it."""
    if not step_completable_by_hand(page):
        raise StepNotCompletable(page.pk)
    return step_complete(user=user, page=page)


def _run_complete_if_done(*, run: CourseRun, course: CoursePage, user: User) -> None:
    progress = course_outline(course=course, user=user)
    if progress.total and progress.done_count == progress.total and run.completed_at is None:
        updated = CourseRun.objects.filter(pk=run.pk, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
        if updated:
            run.refresh_from_db()
            logger.info("course completed user=%s course=%s run=%s", user.pk, course.pk, run.pk)
            course_completed.send(sender=CourseRun, run=run)


# --- Building courses (re-training) ---------------------------------------------------------


def course_create(*, parent: Page, title: str, by: User, **fields) -> CoursePage:
    """A live course under ``parent`` with a free slug from its title (Wagtail's
    ``find_available_slug``), published with ``by`` recorded on the revision."""
    course = CoursePage(
        title=title, slug=find_available_slug(parent, slugify(title)[:200]), **fields
    )
    parent.add_child(instance=course)
    course.save_revision(user=by).publish()
    return course


def module_create(*, course: CoursePage, title: str, by: User) -> ModulePage:
    """A live module, the next one in ``course``."""
    module = ModulePage(title=title, slug=find_available_slug(course, slugify(title)[:200]))
    course.add_child(instance=module)
    module.save_revision(user=by).publish()
    return module


def lesson_copy(*, lesson: LessonPage, to: ModulePage) -> LessonPage:
    """A live copy of ``lesson`` as the next step of ``to`` (a free slug), with its citations
    indexed; the original and its history are left as they are."""
    copy = lesson.copy(
        to=to,
        update_attrs={"slug": find_available_slug(to, lesson.slug)},
        keep_live=True,
        copy_revisions=False,
        log_action=None,
    )
    copy = LessonPage.objects.get(pk=copy.pk)
    lesson_citations_index(lesson=copy)
    return copy
