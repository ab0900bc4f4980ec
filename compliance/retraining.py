"""Targeted re-training after a material guideline change: whom to re-train, and the
re-training's requirement and assignments (the pages are built by the courses and quizzes
services; the admin screen is in ``admin_views``).

For a material GuidelineChange, HR or a jurist creates a short course (family
"genopfriskning") made of copies of the revised lessons (and a quiz of the revised questions)
and assigns it, with a due date, to exactly the people who completed content citing a changed
or removed section before the change was published. The re-training is its own requirement,
so its assignments are cycles of their own; the original completions are never touched.

The requirement is created inactive: rule evaluation (``requirements_evaluate``) never widens
its audience, and the assignments made here are its whole audience. Completing the
re-training course completes those assignments through the usual ``course_completed`` path.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CourseIndexPage, CoursePage, LessonPage, StepCompletion
from courses.services import course_create, lesson_copy, module_create
from guidelines.models import GuidelineChange, ReviewItem
from people.models import User
from people.roles import is_jurist
from quizzes.models import AttemptQuestion, Question
from quizzes.services import quiz_create

from .models import Assignment, Requirement, Status
from .services import counts_apply

logger = logging.getLogger(__name__)


class RetrainingRefused(Exception):
    """The re-training cannot be created; ``message`` says why in Danish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RetrainingPlan:
    """What a re-training for a change would contain and whom it would reach."""

    change: GuidelineChange
    lessons: list[LessonPage] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    unrevised: list[ReviewItem] = field(default_factory=list)
    people: list[User] = field(default_factory=list)


def retraining_plan(*, change: GuidelineChange) -> RetrainingPlan:
    """The revised lessons and questions citing the change's sections, the items still open,
    and the active people who completed one of those lessons or passed a quiz with one of
    those questions before the change was published. A fixed number of queries."""
    items = list(change.review_items.all())
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    question_type = ContentType.objects.get_for_model(Question)
    lesson_ids = {i.source_object_id for i in items if i.source_content_type_id == lesson_type.pk}
    question_ids = {
        i.source_object_id for i in items if i.source_content_type_id == question_type.pk
    }
    revised = {
        (i.source_content_type_id, i.source_object_id)
        for i in items
        if i.status == ReviewItem.Status.CLOSED and i.resolution == ReviewItem.Resolution.REVISED
    }
    plan = RetrainingPlan(change=change)
    plan.unrevised = [i for i in items if i.status == ReviewItem.Status.OPEN]
    plan.lessons = list(
        LessonPage.objects.live()
        .filter(pk__in=[pk for pk in lesson_ids if (lesson_type.pk, pk) in revised])
        .order_by("path")
    )
    plan.questions = list(
        Question.objects.filter(
            live=True, pk__in=[pk for pk in question_ids if (question_type.pk, pk) in revised]
        ).order_by("pk")
    )
    before = change.published_at
    learned = StepCompletion.objects.filter(page_id__in=lesson_ids, completed_at__lt=before).values(
        "run__user_id"
    )
    tested = AttemptQuestion.objects.filter(
        question_id__in=question_ids,
        attempt__passed=True,
        attempt__submitted_at__lt=before,
    ).values("attempt__user_id")
    plan.people = list(
        User.objects.filter(is_active=True)
        .filter(_any_pk_in(learned, tested))
        .select_related("org_unit")
        .order_by("last_name", "first_name", "pk")
    )
    return plan


def _any_pk_in(*subqueries):
    from django.db.models import Q

    where = Q()
    for subquery in subqueries:
        where |= Q(pk__in=subquery)
    return where


def retraining_create(
    *, change: GuidelineChange, title: str, due_at: dt.date, by: User
) -> tuple[Requirement, list[Assignment]]:
    """Build the re-training course, its inactive requirement and one assignment (cycle 1)
    per person in the plan, all in one transaction. Raises RetrainingRefused (writing
    nothing) when the change is not material, nothing is revised yet, nobody is affected, or
    the due date has passed."""
    if change.kind != GuidelineChange.Kind.MATERIAL:
        raise RetrainingRefused(_("Kun en væsentlig ændring kan give en genopfriskning."))
    today = timezone.localdate()
    if due_at <= today:
        raise RetrainingRefused(_("Fristen skal ligge efter i dag."))
    plan = retraining_plan(change=change)
    if not plan.lessons and not plan.questions:
        raise RetrainingRefused(
            _(
                "Ingen lektioner eller spørgsmål er revideret endnu. Revidér og offentliggør dem først."
            )
        )
    if not plan.people:
        raise RetrainingRefused(_("Ingen har gennemført indhold, der citerer de ændrede afsnit."))
    index = CourseIndexPage.objects.first()
    if index is None:
        raise RetrainingRefused(_("Der er ingen kursusoversigt at oprette genopfriskningen i."))
    requirement, assignments = retraining_course_assign(
        title=title,
        intro=_("<p>%(guideline)s er ændret. Her er det, der er nyt for dig.</p>")
        % {"guideline": change.page.title},
        module_title=_("Det er ændret"),
        lessons=plan.lessons,
        questions=plan.questions,
        people=plan.people,
        due_at=due_at,
        by=by,
        index=index,
    )
    logger.info(
        "retraining created change=%s course=%s requirement=%s people=%d lessons=%d questions=%d",
        change.pk,
        requirement.course_id,
        requirement.pk,
        len(assignments),
        len(plan.lessons),
        len(plan.questions),
    )
    return requirement, assignments


def retraining_course_assign(
    *,
    title: str,
    intro: str,
    module_title: str,
    lessons: list[LessonPage],
    questions: list[Question],
    people: list[User],
    due_at: dt.date,
    by: User,
    index: CourseIndexPage,
) -> tuple[Requirement, list[Assignment]]:
    """A short course (family "genopfriskning") of copies of ``lessons`` (and a quiz of
    ``questions``) under ``index``, an inactive requirement for it, and one assignment (cycle 1,
    due ``due_at``) per person in ``people``, counts included, in one transaction. The callers
    (a guideline change here, a finding in ``findings``) have checked that there is something
    to assign and someone to assign it to."""
    today = timezone.localdate()
    # HR may assign but not author pages: the pages are written as a system action, with the
    # person recorded on the revisions.
    with transaction.atomic():
        course = course_create(
            parent=index,
            title=title,
            by=by,
            family=CoursePage.Family.RETRAINING,
            intro=intro,
            duration_minutes=max(5, 5 * (len(lessons) + 1)),
            responsible=by if is_jurist(by) else None,
        )
        module = module_create(course=course, title=module_title, by=by)
        for lesson in lessons:
            lesson_copy(lesson=lesson, to=module)
        if questions:
            quiz_create(
                module=module,
                questions=questions,
                title=_("Test dig selv"),
                pass_mark=80,
                by=by,
            )
        requirement = Requirement.objects.create(
            name=title[:255],
            course=course,
            trigger=Requirement.Trigger.ASSIGNED,
            due_days=max(1, (due_at - today).days),
            recurrence=Requirement.Recurrence.NONE,
            applies_from=today,
            is_active=False,
        )
        assignments = Assignment.objects.bulk_create(
            [
                Assignment(
                    person=person,
                    requirement=requirement,
                    unit_id=person.org_unit_id,
                    cycle=1,
                    assigned_at=today,
                    due_at=due_at,
                    status=Status.NOT_STARTED,
                )
                for person in people
            ]
        )
        deltas: dict[tuple[int | None, int, str], int] = {}
        for a in assignments:
            key = (a.unit_id, requirement.pk, Status.NOT_STARTED)
            deltas[key] = deltas.get(key, 0) + 1
        counts_apply(deltas)
    return requirement, assignments
