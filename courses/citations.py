"""Keeps the guideline citation index in step with published lessons and records, on each
completion, which guideline revisions the person saw. Connected in CoursesConfig.ready."""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from guidelines.services import (
    citation_index_remove,
    citation_index_replace,
    citation_source_register,
    citations_from_stream,
    guideline_revisions_seen_record,
)

from .models import LessonPage, StepCompletion
from .signals import step_completed

logger = logging.getLogger(__name__)


def lesson_citations_index(*, lesson: LessonPage, revision=None) -> None:
    """Replace the lesson's rows in the citation index with the citations of its live body."""
    citation_index_replace(
        source=lesson,
        revision=revision if revision is not None else lesson.live_revision,
        targets=citations_from_stream(lesson.body),
        title=lesson.title,
    )


def lessons_reindex() -> int:
    """Re-index every live lesson (e.g. for a database seeded before the index existed)."""
    lessons = list(LessonPage.objects.live().select_related("live_revision"))
    for lesson in lessons:
        lesson_citations_index(lesson=lesson)
    return len(lessons)


def _lesson_published(sender, instance, revision=None, **kwargs) -> None:
    lesson_citations_index(lesson=instance, revision=revision)


def _lesson_gone(sender, instance, **kwargs) -> None:
    citation_index_remove(source=instance)


def _step_completed(sender, completion: StepCompletion, **kwargs) -> None:
    guideline_revisions_seen_record(
        user=completion.run.user,
        record=completion,
        source=completion.page,
        seen_at=completion.completed_at,
    )


def connect() -> None:
    page_published.connect(_lesson_published, sender=LessonPage, dispatch_uid="courses_cit_pub")
    page_unpublished.connect(_lesson_gone, sender=LessonPage, dispatch_uid="courses_cit_unpub")
    post_delete.connect(_lesson_gone, sender=LessonPage, dispatch_uid="courses_cit_delete")
    step_completed.connect(_step_completed, sender=StepCompletion, dispatch_uid="courses_cit_seen")
    citation_source_register("lessons", lessons_reindex)
