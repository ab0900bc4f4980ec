"""The person's certificates in their data export (GDPR art. 15).

Anonymising a leaver leaves certificates in place: they are the evidence that mandatory
training took place (kept for the retention period of the personnel case). The holder name on
a certificate is a copy made at issue time.
"""

from __future__ import annotations

from typing import Any

from people.models import User

from .models import Certificate


def certificates_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "kode": c.code_display,
            "kursus": c.course_title,
            "navn_på_beviset": c.holder_name,
            "gennemført": c.completed_at.isoformat(),
            "gyldigt_til": c.valid_until.isoformat() if c.valid_until else "",
            "status": c.status_label,
            "tilbagekaldt": c.revoked_at.isoformat() if c.revoked_at else "",
            "begrundelse": c.revoked_reason,
        }
        for c in Certificate.objects.filter(holder=user).order_by("completed_at", "id")
    ]
