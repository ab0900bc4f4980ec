"""Findings' cast: two provisions, a course whose lessons cite them (indexed as published), and a
finding helper."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from findings.models import Finding
from findings.services import FindingDraft, findings_create
from tests.factories import (
    ModulePageFactory,
    StatuteProvisionFactory,
    citation,
    course,
    lesson_add,
    publish,
)


@pytest.fixture
def provisions(db):
    return {
        "fvl19": StatuteProvisionFactory(
            key="FVL-19-1", act="Forvaltningsloven", act_short="FVL", number="19", subsection="1"
        ),
        "fvl22": StatuteProvisionFactory(
            key="FVL-22", act="Forvaltningsloven", act_short="FVL", number="22"
        ),
    }


@pytest.fixture
def cited_course(tree, provisions):
    """A live course of one module with a lesson citing FVL § 19 and one citing FVL § 22."""
    page = course("Partshøring og begrundelse", modules=0)
    module = ModulePageFactory(parent=page, title="Modul", slug="modul")
    hearing = publish(
        lesson_add(
            module,
            title="Partshøring",
            slug="partshoering",
            body=[citation(provision=provisions["fvl19"])],
        )
    )
    reasons = publish(
        lesson_add(
            module,
            title="Begrundelse",
            slug="begrundelse",
            body=[citation(provision=provisions["fvl22"])],
        )
    )
    return {"course": page, "hearing": hearing, "reasons": reasons}


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
