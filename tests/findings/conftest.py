"""Findings' helper: a finding written through the service (the provisions and the course citing
them are in tests/conftest.py, shared with the status report and the browser tests)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from findings.models import Finding
from findings.services import FindingDraft, findings_create


def add_finding(
    *,
    by,
    units,
    targets,
    severity=Finding.Severity.KRITIK,
    days_ago: int = 10,
    summary="Parten blev ikke hørt over oplysninger af væsentlig betydning før afgørelsen.",
) -> Finding:
    draft = FindingDraft(
        line=0,
        source=Finding.Source.BORGERRAADGIVER,
        found_on=timezone.localdate() - dt.timedelta(days=days_ago),
        severity=severity,
        summary=summary,
        units=list(units),
        targets=[("provision", p.pk) for p in targets],
    )
    return findings_create(drafts=[draft], by=by)[0]
