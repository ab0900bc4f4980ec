"""A small administration with current cycles in two areas, and helpers to write snapshots."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from compliance.models import Assignment, Requirement, Status
from compliance.services import counts_rebuild, requirements_evaluate
from overview.models import ComplianceSnapshot, SnapshotDay
from tests.compliance.conftest import requirement
from tests.factories import UserFactory, course


@pytest.fixture
def cycles(learner, manager, outsider, hr, tree):
    """One requirement for everyone, evaluated: the learner has completed it, the outsider is
    overdue, the manager and HR have not started. Counts rebuilt."""
    page = course("Onboarding", modules=1, lessons=1)
    req = requirement(page, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    requirements_evaluate(today=timezone.localdate())
    Assignment.objects.filter(person=learner).update(
        status=Status.COMPLETED, completed_at=timezone.now()
    )
    Assignment.objects.filter(person=outsider).update(status=Status.OVERDUE)
    counts_rebuild()
    return req


def snapshot(unit, requirement, day: dt.date, **counts) -> ComplianceSnapshot:
    """A snapshot row written by hand, with its day marked as stored (as snapshot_take does)."""
    SnapshotDay.objects.get_or_create(day=day)
    return ComplianceSnapshot.objects.create(unit=unit, requirement=requirement, day=day, **counts)


def people_in(unit, n: int) -> list:
    return [UserFactory(org_unit=unit) for _ in range(n)]
