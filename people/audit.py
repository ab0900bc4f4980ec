"""The audit log of access to personal data. Call ``audit_log`` from every view that shows or
exports another person's data."""

from __future__ import annotations

import logging

from .models import AuditEvent, OrgUnit, User

logger = logging.getLogger("paragraf.audit")


def audit_log(
    *,
    actor: User | None,
    action: str,
    what: str,
    subject: User | None = None,
    subject_unit: OrgUnit | None = None,
) -> AuditEvent:
    """Write one audit row (one INSERT) and a log line."""
    event = AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        subject=subject,
        subject_unit=subject_unit,
        action=action,
        what=what[:255],
    )
    logger.info(
        "audit actor=%s action=%s subject=%s unit=%s what=%s",
        getattr(actor, "pk", None),
        action,
        getattr(subject, "pk", None),
        getattr(subject_unit, "pk", None),
        what,
    )
    return event
