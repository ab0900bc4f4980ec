"""The review digest log in a person's own data export, and its removal for leavers."""

from __future__ import annotations

from typing import Any

from people.models import User
from people.privacy import anonymiser_register, personal_data_register

from .models import ReviewDigestLog


def review_digests_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "uge": row.week,
            "indhold": f"{row.content_type.name} {row.object_id}",
            "sendt": row.sent_at.isoformat(),
        }
        for row in ReviewDigestLog.objects.filter(recipient=user)
        .select_related("content_type")
        .order_by("sent_at")
    ]


def review_digests_anonymise(user: User) -> int:
    # The log only prevents a second e-mail in the same week; a leaver gets no more e-mails.
    deleted, _ = ReviewDigestLog.objects.filter(recipient=user).delete()
    return deleted


personal_data_register("Påmindelser om gennemsyn", review_digests_export)
anonymiser_register("Påmindelser om gennemsyn", review_digests_anonymise)
