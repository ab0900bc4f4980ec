"""Quiz attempts and accommodations in the person's own data export, and their anonymisation
for leavers.

Anonymising keeps the attempts for statistics but detaches them from the person and removes
free-text answers, which may contain personal details, and the accommodation terms frozen on
them. Accommodations (with their reason) serve no statistics and are deleted.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from people.models import User

from .accommodations import terms_summary
from .models import Accommodation, Attempt, AttemptGradeChange, AttemptQuestion


def attempts_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "quiz": attempt.quiz_title,
            "forsøg": attempt.number,
            "særlige_vilkår": terms_summary(attempt.accommodation or {}),
            "status": attempt.get_state_display(),
            "startet": attempt.started_at.isoformat(),
            "afleveret": attempt.submitted_at.isoformat() if attempt.submitted_at else "",
            "procent": str(attempt.percent) if attempt.percent is not None else "",
            "bestået": {True: "ja", False: "nej", None: ""}[attempt.passed],
        }
        for attempt in Attempt.objects.filter(user=user).order_by("started_at", "pk")
    ]


def essay_answers_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "quiz": item.attempt.quiz_title,
            "forsøg": item.attempt.number,
            "spørgsmål": item.snapshot.get("text", ""),
            "svar": (item.answer or {}).get("text", ""),
            "kommentar": item.marker_comment,
        }
        for item in AttemptQuestion.objects.filter(attempt__user=user, kind="essay")
        .select_related("attempt")
        .order_by("attempt__started_at", "position")
    ]


def grade_changes_export(user: User) -> list[dict[str, Any]]:
    """Regrades and overrides of the person's attempts, with the jurist's comment."""
    return [
        {
            "quiz": change.attempt.quiz_title,
            "forsøg": change.attempt.number,
            "ændring": change.get_kind_display(),
            "tidspunkt": change.at.isoformat(),
            "procent før": "" if change.old_percent is None else str(change.old_percent),
            "procent efter": "" if change.new_percent is None else str(change.new_percent),
            "kommentar": change.comment,
        }
        for change in AttemptGradeChange.objects.filter(attempt__user=user)
        .select_related("attempt")
        .order_by("at", "pk")
    ]


def accommodations_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "gælder": accommodation.scope,
            "ekstra_tid_procent": accommodation.extra_time_percent,
            "ekstra_tid_minutter": accommodation.extra_time_minutes,
            "ekstra_forsøg": accommodation.extra_attempts,
            "begrundelse": accommodation.reason,
            "oprettet": accommodation.created_at,
            "ændret": accommodation.updated_at,
        }
        for accommodation in Accommodation.objects.filter(user=user)
        .select_related("quiz")
        .order_by("created_at", "pk")
    ]


def attempts_anonymise(user: User) -> int:
    """Detach the person's attempts, blank their free-text answers, the comments on them (a
    marker's, an override's) and the accommodation terms frozen on them; returns attempts
    changed."""
    with transaction.atomic():
        AttemptQuestion.objects.filter(attempt__user=user, kind="essay").update(
            answer={"text": ""}, marker_comment=""
        )
        AttemptQuestion.objects.filter(attempt__user=user).exclude(marker_comment="").update(
            marker_comment=""
        )
        AttemptGradeChange.objects.filter(attempt__user=user).exclude(comment="").update(comment="")
        return Attempt.objects.filter(user=user).update(user=None, accommodation={})


def accommodations_delete(user: User) -> int:
    """Delete the person's accommodations (reason included); returns how many."""
    deleted, _ = Accommodation.objects.filter(user=user).delete()
    return deleted
