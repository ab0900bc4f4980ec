"""Statements for other apps' events, queued in the event's own transaction (the signals are
sent inside it). Nothing is queued while no LRS is configured (``XAPI_ENDPOINT`` empty)."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F

from . import statements as xs
from .services import outbox_add, xapi_enabled
from .tasks import xapi_send_task


def _queue(rows) -> None:
    """Queue the statements in the event's transaction; the sender runs once it commits."""
    if outbox_add(rows):
        transaction.on_commit(partial(xapi_send_task.apply_async, countdown=2))


#: Step page model → activity type.
STEP_TYPES = {"quizpage": "assessment", "scormlessonpage": "module"}


def _course(course) -> dict:
    return xs.activity("courses", course.pk, course.title, "course")


def on_step_completed(sender, completion, **kwargs) -> None:
    """A lesson, quiz or SCORM step completed: ``completed`` with the revision seen."""
    if not xapi_enabled():
        return
    run, page = completion.run, completion.page
    model = ContentType.objects.get_for_id(page.content_type_id).model
    _queue(
        [
            xs.statement(
                event=f"step:{completion.pk}",
                user=run.user,
                verb_name="completed",
                obj=xs.activity("pages", page.pk, page.title, STEP_TYPES.get(model, "lesson")),
                timestamp=completion.completed_at,
                result={"completion": True},
                parents=[_course(run.course)],
                extensions={"revision": completion.revision_id},
            )
        ]
    )


def on_course_completed(sender, run, **kwargs) -> None:
    if not xapi_enabled():
        return
    _queue(
        [
            xs.statement(
                event=f"course-run:{run.pk}",
                user=run.user,
                verb_name="completed",
                obj=_course(run.course),
                timestamp=run.completed_at,
                result={"completion": True},
            )
        ]
    )


def _result_event(attempt_id: int, change_id: int | None) -> str:
    """The event whose statement carries an attempt's result: its grading, or a later change."""
    return (
        f"attempt:{attempt_id}" if change_id is None else f"attempt:{attempt_id}:change:{change_id}"
    )


def _quiz(attempt) -> dict:
    return xs.activity("pages", attempt.quiz_id, attempt.quiz_title, "assessment")


def _result(attempt, *, change=None, moment) -> tuple:
    """``passed`` or ``failed`` with the attempt's score: at grading, or after ``change``."""
    regraded = change is not None
    return xs.statement(
        event=_result_event(attempt.pk, None if change is None else change.pk),
        user=attempt.user,
        verb_name="passed" if attempt.passed else "failed",
        obj=_quiz(attempt),
        timestamp=moment,
        result={
            "score": xs.score(raw=attempt.score, maximum=attempt.max_score),
            "success": bool(attempt.passed),
            "completion": True,
        },
        extensions={"regrade": change.kind} if regraded else None,
        refers_to=xs.statement_id(_result_event(attempt.pk, None)) if regraded else None,
    )


def on_attempt_regraded(sender, attempt, change, **kwargs) -> None:
    """A regrade or an override changed a graded attempt's result: the statement that carried
    the old result is voided and a new ``passed`` or ``failed`` with the new score takes its
    place, referring to the attempt's first statement (so an LRS counts each attempt once)."""
    if not xapi_enabled() or attempt.user is None:
        return
    from quizzes.models import AttemptGradeChange

    earlier = (
        AttemptGradeChange.objects.filter(attempt_id=attempt.pk, pk__lt=change.pk)
        # changes that left the result as it was sent nothing
        .exclude(old_score=F("new_score"), old_percent=F("new_percent"), old_passed=F("new_passed"))
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    moment = change.at
    _queue(
        [
            xs.voiding(
                event=f"{_result_event(attempt.pk, change.pk)}:void",
                user=attempt.user,
                voided=xs.statement_id(_result_event(attempt.pk, earlier)),
                timestamp=moment,
            ),
            _result(attempt, change=change, moment=moment),
        ]
    )


def on_attempt_graded(sender, attempt, **kwargs) -> None:
    """A graded quiz attempt: ``passed`` or ``failed`` with its score, and ``answered`` for each
    question with the provisions and guideline sections it cites as context activities (the
    answer itself is not sent: an essay may hold anything)."""
    if not xapi_enabled() or attempt.user is None:
        return
    from guidelines.models import Citation
    from quizzes.models import Question

    quiz = _quiz(attempt)
    moment = attempt.graded_at or attempt.submitted_at
    rows = [_result(attempt, moment=moment)]
    items = list(attempt.items.all())
    cited: dict[int, list[dict]] = defaultdict(list)
    citations = Citation.objects.filter(
        source_content_type=ContentType.objects.get_for_model(Question),
        source_object_id__in=[i.question_id for i in items if i.question_id],
    ).select_related("provision", "section", "guideline")
    for citation in citations:
        if citation.provision is not None:
            cited[citation.source_object_id].append(
                xs.activity(
                    "provisions", citation.provision.key, citation.provision.reference, "provision"
                )
            )
        elif citation.section is not None:
            title = (
                f"{citation.guideline.title if citation.guideline else ''}, {citation.section.key}"
            )
            cited[citation.source_object_id].append(
                xs.activity("guideline-sections", citation.section.key, title, "guideline-section")
            )
    for item in items:
        text = item.snapshot.get("text", "") if isinstance(item.snapshot, dict) else ""
        result: dict = {}
        if item.points is not None:
            # An item's points are its credit, 0–1 (partial credit between); its weight applies
            # to the quiz's score, which the passed/failed statement carries.
            result = {
                "success": bool(item.is_correct),
                "score": xs.score(raw=item.points, maximum=1),
            }
        rows.append(
            xs.statement(
                event=f"answer:{item.pk}",
                user=attempt.user,
                verb_name="answered",
                obj=xs.activity(
                    "questions", item.question_id or f"slettet-{item.pk}", text, "question"
                ),
                timestamp=item.answered_at or moment,
                result=result or None,
                parents=[quiz],
                others=cited.get(item.question_id or 0),
                extensions={"question-revision": item.revision_id},
            )
        )
    _queue(rows)


def on_guideline_acknowledged(sender, acknowledgement, **kwargs) -> None:
    if not xapi_enabled():
        return
    guideline = acknowledgement.guideline
    _queue(
        [
            xs.statement(
                event=f"acknowledgement:{acknowledgement.pk}",
                user=acknowledgement.person,
                verb_name="acknowledged",
                obj=xs.activity("guidelines", guideline.pk, guideline.title, "guideline"),
                timestamp=acknowledgement.acknowledged_at,
                extensions={
                    "revision": acknowledgement.revision_id,
                    "version": acknowledgement.version_label,
                },
            )
        ]
    )


def on_certificate_issued(sender, certificate, **kwargs) -> None:
    if not xapi_enabled():
        return
    _queue(
        [
            xs.statement(
                event=f"certificate:{certificate.pk}",
                user=certificate.holder,
                verb_name="earned",
                obj=xs.activity(
                    "certificates", certificate.pk, certificate.course_title, "certificate"
                ),
                timestamp=certificate.issued_at,
                parents=[_course(certificate.course)] if certificate.course_id else None,
            )
        ]
    )
