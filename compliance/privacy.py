"""The person's assignments in their data export, and what anonymising a leaver does to them."""

from __future__ import annotations

from typing import Any

from .models import Acknowledgement, Assignment


def assignments_export(user) -> list[dict[str, Any]]:
    return [
        {
            "krav": a.requirement.name,
            "runde": a.cycle,
            "tildelt": a.assigned_at.isoformat(),
            "frist": a.due_at.isoformat(),
            "gennemført": a.completed_at.isoformat() if a.completed_at else "",
            "status": a.get_status_display(),
            "begrundelse for fritagelse": a.exempt_reason,
        }
        for a in Assignment.objects.filter(person=user)
        .select_related("requirement")
        .order_by("requirement__name", "cycle")
    ]


def assignments_anonymise(user) -> int:
    """Compliance history is kept as counts; the person's own rows go (their notices go with the
    notices app's anonymiser)."""
    deleted, _ = Assignment.objects.filter(person=user).delete()
    return deleted


def acknowledgements_export(user) -> list[dict[str, Any]]:
    return [
        {
            "administrationsgrundlag": a.guideline.title,
            "version": a.version_display,
            "læst og forstået": a.acknowledged_at.isoformat(),
        }
        for a in Acknowledgement.objects.filter(person=user)
        .select_related("guideline")
        .order_by("acknowledged_at")
    ]


def acknowledgements_anonymise(user) -> int:
    """A leaver's acknowledgements go with their cycles; the counts keep the history."""
    deleted, _ = Acknowledgement.objects.filter(person=user).delete()
    return deleted
