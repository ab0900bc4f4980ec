"""Writes for regrading and overriding quiz results (issue 17).

A jurist regrades every finished attempt of a quiz against the questions' live answer keys (the
pure rules are in ``quizzes.regrading``), or overrides the points of one answer with a comment.
Every change keeps the old grade in the attempt's history (``AttemptGradeChange``) and writes an
audit line; a newly passed attempt completes the course step, and a newly failed one revokes
nothing: it is listed for HR with what the person already holds. Nobody regrades or overrides
their own attempt (four eyes). Refusals raise ``QuizRefused`` before anything is written.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from courses.models import CourseRun
from courses.selectors import course_for_step
from people.audit import audit_log

from .grading import item_weight
from .item_totals import item_totals_add, item_totals_remove
from .models import Attempt, AttemptGradeChange, AttemptQuestion, QuizPage, QuizRegrade
from .regrade_selectors import (
    FINISHED,
    attempt_regrade_plan,
    quiz_served_questions,
    regrade_preview,
)
from .regrading import AttemptRegrade, attempt_result
from .services import QuizRefused, _complete_step
from .signals import attempt_regraded

if TYPE_CHECKING:
    from people.models import User

logger = logging.getLogger(__name__)

PERMISSION = "quizzes.regrade_attempt"
#: Wagtail hook a higher app registers to say who holds an issued certificate for a course:
#: ``hook(course=CoursePage | None, user_ids=list[int]) -> Iterable[int]`` (certificates does).
FLIPPED_TO_FAIL_HOOK = "quizzes_regrade_flipped_to_fail"


def may_regrade(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm(PERMISSION))


def _require_permission(user: User | None) -> None:
    if user is not None and not may_regrade(user):
        logger.warning("regrade or override without permission user=%s", user.pk)
        raise QuizRefused("no_regrade_permission", status=403)


# --- Regrade ---------------------------------------------------------------------------------


def regrade_request(*, quiz: QuizPage, by: User | None, dropped: Iterable[int] = ()) -> QuizRegrade:
    """Record a queued regrade of ``quiz`` (the caller queues ``regrade_apply_task`` on commit, or
    calls ``regrade_apply``). ``by`` None is an operator at the command line. Refuses without the
    permission, a dropped question the quiz never served, or a drop that leaves an attempt
    without any question that counts. One INSERT after the preview's queries."""
    _require_permission(by)
    dropped = sorted(set(dropped))
    served = {q.pk for q in quiz_served_questions(quiz=quiz)}
    if not set(dropped) <= served:
        logger.warning("regrade drops unserved questions quiz=%s dropped=%s", quiz.pk, dropped)
        raise QuizRefused("regrade_unknown_question")
    plan = regrade_preview(quiz=quiz, by=by, dropped=dropped)
    if plan.all_dropped:
        logger.warning("regrade would drop every question quiz=%s dropped=%s", quiz.pk, dropped)
        raise QuizRefused("regrade_all_dropped")
    regrade = QuizRegrade.objects.create(
        quiz=quiz, quiz_title=quiz.title, requested_by=by, dropped=dropped
    )
    logger.info(
        "regrade requested regrade=%s quiz=%s by=%s dropped=%s",
        regrade.pk,
        quiz.pk,
        getattr(by, "pk", None),
        dropped,
    )
    return regrade


def regrade_apply(*, regrade: QuizRegrade) -> QuizRegrade:
    """Apply a queued regrade: each attempt that changes is locked, recomputed and written in its
    own transaction (items, result, one history row, one audit line; a pass completes the step).
    Idempotent: a finished run returns at once, and an attempt that already matches the live keys
    writes nothing, so applying the same regrade twice changes nothing the second time.
    Returns the run with its counts and the people who now fail."""
    claimed = QuizRegrade.objects.filter(
        pk=regrade.pk, status__in=[QuizRegrade.Status.QUEUED, QuizRegrade.Status.RUNNING]
    ).update(status=QuizRegrade.Status.RUNNING)
    regrade.refresh_from_db()
    if not claimed:
        logger.info("regrade already done regrade=%s", regrade.pk)
        return regrade
    quiz, by = regrade.quiz, regrade.requested_by
    flipped_to_fail: list[Attempt] = []
    counts = {"changed": 0, "now_passed": 0, "now_failed": 0}
    if quiz is not None:
        plan = regrade_preview(quiz=quiz, by=by, dropped=regrade.dropped)
        regrade.skipped_in_progress = plan.skipped_in_progress
        regrade.skipped_own = plan.skipped_own
        for planned in plan.updated:
            done = _attempt_regrade_apply(
                attempt_id=planned.attempt.pk, regrade=regrade, by=by, dropped=set(regrade.dropped)
            )
            if done is None:
                continue
            counts["changed"] += done.score_changed
            counts["now_passed"] += done.now_passes
            counts["now_failed"] += done.now_fails
            if done.now_fails:
                flipped_to_fail.append(done.attempt)
    regrade.changed = counts["changed"]
    regrade.now_passed = counts["now_passed"]
    regrade.now_failed = counts["now_failed"]
    regrade.flipped_to_fail = attempts_follow_up(quiz=quiz, attempts=flipped_to_fail)
    regrade.status = QuizRegrade.Status.DONE
    regrade.finished_at = timezone.now()
    regrade.save()
    logger.info(
        "regrade done regrade=%s quiz=%s changed=%s now_passed=%s now_failed=%s",
        regrade.pk,
        regrade.quiz_id,
        regrade.changed,
        regrade.now_passed,
        regrade.now_failed,
    )
    return regrade


def _attempt_regrade_apply(
    *, attempt_id: int, regrade: QuizRegrade, by: User | None, dropped: set[int]
) -> AttemptRegrade | None:
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "user")
            .filter(pk=attempt_id, state__in=FINISHED)
            .first()
        )
        if attempt is None or (by is not None and attempt.user_id == by.pk):
            return None
        items = list(attempt.items.order_by("position"))
        planned = attempt_regrade_plan(attempt=attempt, items=items, dropped=dropped)
        if not planned.changed or planned.all_dropped:
            return None
        changed = planned.changed_items
        detail: dict[str, Any] = {
            "items": [c.detail() for c in changed],
            "dropped": sorted(dropped),
        }
        item_totals_remove(attempt_id=attempt.pk)
        for change in changed:
            item = change.item
            item.snapshot, item.points, item.is_correct = (
                change.snapshot,
                change.points,
                change.is_correct,
            )
        AttemptQuestion.objects.bulk_update(
            [c.item for c in changed], ["snapshot", "points", "is_correct"]
        )
        history = _attempt_rescore(
            attempt=attempt,
            result=planned.result,
            kind=AttemptGradeChange.Kind.REGRADE,
            by=by,
            regrade=regrade,
            detail=detail,
        )
        item_totals_add(attempt_id=attempt.pk)
    logger.info(
        "attempt regraded attempt=%s regrade=%s items=%s percent=%s->%s",
        attempt.pk,
        regrade.pk,
        len(detail["items"]),
        history.old_percent,
        history.new_percent,
    )
    return planned


def _attempt_rescore(
    *,
    attempt: Attempt,
    result: tuple[Decimal | None, int, Decimal | None, bool | None],
    kind: str,
    by: User | None,
    detail: dict[str, Any],
    regrade: QuizRegrade | None = None,
    item: AttemptQuestion | None = None,
    comment: str = "",
) -> AttemptGradeChange:
    """Write the attempt's new result, its history row and an audit line; a pass completes the
    course step. Runs inside the caller's transaction, with the attempt locked."""
    old = (attempt.score, attempt.max_score, attempt.percent, attempt.passed)
    score, max_score, percent, passed = result
    if result != old:
        Attempt.objects.filter(pk=attempt.pk).update(
            score=score, max_score=max_score, percent=percent, passed=passed
        )
        attempt.score, attempt.max_score, attempt.percent = score, max_score, percent
        attempt.passed = passed
    history = AttemptGradeChange.objects.create(
        attempt=attempt,
        item=item,
        regrade=regrade,
        kind=kind,
        old_score=old[0],
        new_score=score,
        old_percent=old[2],
        new_percent=percent,
        old_passed=old[3],
        new_passed=passed,
        detail=detail,
        comment=comment,
        by=by,
    )
    if result != old:
        attempt_regraded.send(sender=Attempt, attempt=attempt, change=history)
    verb = "genberegnede" if kind == AttemptGradeChange.Kind.REGRADE else "overstyrede point i"
    audit_log(
        actor=by,
        action="change",
        what=f"{verb} quizforsøg {attempt.pk} ({attempt.quiz_title}): "
        f"{_percent(old[2])} → {_percent(percent)}",
        subject=attempt.user,
    )
    if old[3] is False and passed is True:
        _complete_step(attempt)
    return history


def _percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{value} %"


def attempts_follow_up(*, quiz: QuizPage | None, attempts: Sequence[Attempt]) -> list[dict]:
    """For attempts that now fail, what the person already has, for HR to follow up by hand:
    another passed attempt, a completed course, an issued certificate (asked through the
    ``quizzes_regrade_flipped_to_fail`` hook, since certificates is a higher app). Nothing is
    revoked here. Three queries plus the hooks'."""
    attempts = [a for a in attempts if a.user_id is not None]
    if not attempts or quiz is None:
        return []
    user_ids = [a.user_id for a in attempts]
    course = course_for_step(quiz)
    passed_otherwise = set(
        Attempt.objects.filter(
            quiz=quiz, user_id__in=user_ids, state=Attempt.State.GRADED, passed=True
        ).values_list("user_id", flat=True)
    )
    completed: set[int] = set()
    if course is not None:
        completed = set(
            CourseRun.objects.filter(
                course=course, user_id__in=user_ids, completed_at__isnull=False
            ).values_list("user_id", flat=True)
        )
    certified: set[int] = set()
    for hook in hooks.get_hooks(FLIPPED_TO_FAIL_HOOK):
        certified.update(hook(course=course, user_ids=user_ids))
    return [
        {
            "user": a.user_id,
            "attempt": a.pk,
            "passed_otherwise": a.user_id in passed_otherwise,
            "course_completed": a.user_id in completed,
            "certificate": a.user_id in certified,
        }
        for a in attempts
    ]


# --- Override --------------------------------------------------------------------------------


@dataclass
class OverrideOutcome:
    item: AttemptQuestion
    change: AttemptGradeChange
    follow_up: list[dict]

    @property
    def now_passes(self) -> bool:
        return self.change.old_passed is False and self.change.new_passed is True

    @property
    def now_fails(self) -> bool:
        return self.change.old_passed is True and self.change.new_passed is False


def item_override(*, item_id: int, by: User, points: Decimal, comment: str) -> OverrideOutcome:
    """Set one graded answer's points (0 to the question's weight, stored as the fraction) with a
    comment the learner sees; the attempt is rescored (unless it still awaits marking), the old
    grade kept in its history. Refuses without permission, one's own attempt, an attempt in
    progress, an ungraded or dropped answer, points out of range and an empty comment."""
    _require_permission(by)
    comment = (comment or "").strip()
    if not comment:
        raise QuizRefused("override_comment")
    now = timezone.now()
    with transaction.atomic():
        item = AttemptQuestion.objects.filter(pk=item_id).only("attempt_id").first()
        if item is None:
            raise QuizRefused("override_missing", status=404)
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("quiz", "user")
            .get(pk=item.attempt_id)
        )
        item = attempt.items.get(pk=item_id)
        _override_check(attempt=attempt, item=item, by=by, points=points)
        weight = item_weight(item.snapshot)
        old_points = item.points
        fraction = (Decimal(points) / weight).quantize(Decimal("0.001"))
        item.points, item.is_correct = fraction, fraction >= 1
        item.marked_by, item.marked_at = by, now
        old_comment, item.marker_comment = item.marker_comment, comment
        item_totals_remove(attempt_id=attempt.pk)
        item.save(
            update_fields=["points", "is_correct", "marked_by", "marked_at", "marker_comment"]
        )
        current = (attempt.score, attempt.max_score, attempt.percent, attempt.passed)
        result = attempt_result(
            state=attempt.state,
            pass_mark=attempt.pass_mark,
            items=list(attempt.items.only("points", "snapshot")),
            current=current,
        )
        change = _attempt_rescore(
            attempt=attempt,
            result=result,
            kind=AttemptGradeChange.Kind.OVERRIDE,
            by=by,
            item=item,
            comment=comment,
            detail={
                "item": item.pk,
                "position": item.position,
                "old_points": None if old_points is None else str(old_points),
                "new_points": str(fraction),
                "weight": weight,
                "old_comment": old_comment,
            },
        )
        item_totals_add(attempt_id=attempt.pk)
    logger.info(
        "item overridden item=%s attempt=%s by=%s points=%s/%s",
        item.pk,
        attempt.pk,
        by.pk,
        points,
        weight,
    )
    outcome = OverrideOutcome(item=item, change=change, follow_up=[])
    if outcome.now_fails:
        outcome.follow_up = attempts_follow_up(quiz=attempt.quiz, attempts=[attempt])
    return outcome


def _override_check(*, attempt: Attempt, item: AttemptQuestion, by: User, points: Decimal) -> None:
    refusal = None
    if attempt.state == Attempt.State.IN_PROGRESS:
        refusal = QuizRefused("override_in_progress", status=409)
    elif attempt.user_id == by.pk:
        refusal = QuizRefused("override_own_attempt", status=403)
    elif item.points is None:
        refusal = QuizRefused("override_not_graded", status=409)
    elif item_weight(item.snapshot) == 0:
        refusal = QuizRefused("override_dropped", status=409)
    elif not Decimal(points).is_finite() or not 0 <= points <= item_weight(item.snapshot):
        refusal = QuizRefused("override_range")
    if refusal is not None:
        logger.warning(
            "override refused code=%s item=%s attempt=%s user=%s points=%s",
            refusal.code,
            item.pk,
            attempt.pk,
            by.pk,
            points,
        )
        raise refusal
