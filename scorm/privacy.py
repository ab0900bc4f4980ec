"""SCORM attempts in the person's own data export, and their deletion for leavers (the CMI data,
suspend_data included, may hold anything a vendor's package chose to save; it serves no
statistics, and the step completion it led to is kept by courses)."""

from __future__ import annotations

from typing import Any

from people.models import User

from .models import ScormAttempt


def attempts_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "pakke": attempt.version.package.title,
            "version": attempt.version.number,
            "startet": attempt.started_at.isoformat(),
            "senest_gemt": attempt.updated_at.isoformat(),
            "gennemført": attempt.completed_at.isoformat() if attempt.completed_at else "",
            "status": attempt.lesson_status
            or " / ".join(s for s in (attempt.completion_status, attempt.success_status) if s),
            "point": "" if attempt.score_raw is None else str(attempt.score_raw),
            "skaleret_score": "" if attempt.score_scaled is None else str(attempt.score_scaled),
            "samlet_tid_sekunder": round(attempt.total_seconds),
            "placering": attempt.location,
            "gemte_data": attempt.suspend_data,
        }
        for attempt in ScormAttempt.objects.filter(user=user)
        .select_related("version__package")
        .order_by("started_at", "pk")
    ]


def attempts_delete(user: User) -> int:
    deleted, _ = ScormAttempt.objects.filter(user=user).delete()
    return deleted
