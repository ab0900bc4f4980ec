"""Keeps the guideline citation index in step with published questions, so a guideline section
shows which questions test it and a change to the section flags them for review. Connected in
QuizzesConfig.ready."""

from __future__ import annotations

from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from guidelines.services import (
    citation_index_remove,
    citation_index_replace,
    citation_source_register,
    citations_from_stream,
)

from .models import Question


def question_citations_index(*, question: Question, revision=None) -> None:
    """Replace the question's rows in the citation index with its live ``citations``."""
    citation_index_replace(
        source=question,
        revision=revision if revision is not None else question.live_revision,
        targets=citations_from_stream(question.citations),
        title=str(question),
    )


def questions_reindex() -> int:
    """Re-index every live question (e.g. for a database seeded before the index existed)."""
    questions = list(Question.objects.filter(live=True).select_related("live_revision"))
    for question in questions:
        question_citations_index(question=question)
    return len(questions)


def _question_published(sender, instance, revision=None, **kwargs) -> None:
    question_citations_index(question=instance, revision=revision)


def _question_gone(sender, instance, **kwargs) -> None:
    citation_index_remove(source=instance)


def connect() -> None:
    published.connect(_question_published, sender=Question, dispatch_uid="quizzes_cit_pub")
    unpublished.connect(_question_gone, sender=Question, dispatch_uid="quizzes_cit_unpub")
    post_delete.connect(_question_gone, sender=Question, dispatch_uid="quizzes_cit_delete")
    citation_source_register("questions", questions_reindex)
