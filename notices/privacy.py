"""A person's notices in their data export, and their deletion with the person's records."""

from __future__ import annotations

from typing import Any

from .models import Notice
from .services import notices_delete_for_person


def notices_export(user) -> list[dict[str, Any]]:
    return [
        {
            "slags": n.get_kind_display(),
            "emne": n.subject,
            "sat i kø": n.queued_at.isoformat(),
            "sendt": n.sent_at.isoformat() if n.sent_at else "",
            "status": n.get_status_display(),
            "forsøg": n.attempts,
            "fejl": n.get_failure_display() if n.failure else "",
        }
        for n in Notice.objects.filter(recipient=user).order_by("queued_at", "pk")
    ]


def notices_anonymise(user) -> int:
    return notices_delete_for_person(person=user)
