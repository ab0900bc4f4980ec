"""The status report's cast: an onboarding requirement with cycles due in and outside the period,
Jura – Kort og Godt steps taken in and outside it, findings, and a follow-up course."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from compliance.models import Assignment, Requirement, Status
from compliance.services import counts_rebuild
from courses.models import CoursePage, StepCompletion
from findings.models import Finding
from tests.compliance.conftest import requirement
from tests.factories import (
    CourseRunFactory,
    StepCompletionFactory,
    UserFactory,
    course,
    lessons_of,
)
from tests.findings.conftest import add_finding

#: The report's period in these tests: the last 180 days.
TODAY = timezone.localdate()
START = TODAY - dt.timedelta(days=180)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def cycle(person, req, *, due: dt.date, status=Status.NOT_STARTED, completed=None, number=1):
    return Assignment.objects.create(
        person=person,
        requirement=req,
        unit_id=person.org_unit_id,
        cycle=number,
        assigned_at=due - dt.timedelta(days=30),
        due_at=due,
        status=status,
        completed_at=None if completed is None else at(completed),
    )


@pytest.fixture
def mandatory(tree, learner, manager, outsider, units):
    """Onboarding cycles due in the period: the learner in time, the outsider late, a new
    colleague open, one exempt, one superseded; and the manager's due next year."""
    page = course("Onboarding for nye medarbejdere", modules=1, lessons=1)
    CoursePage.objects.filter(pk=page.pk).update(family=CoursePage.Family.ONBOARDING)
    req = requirement(page, name="Onboarding", trigger=Requirement.Trigger.START_DATE)
    newcomer = UserFactory(org_unit=units["team"])
    exempt = UserFactory(org_unit=units["centre"])
    cycle(learner, req, due=ago(120), status=Status.COMPLETED, completed=ago(125))
    cycle(outsider, req, due=ago(120), status=Status.COMPLETED, completed=ago(110))
    cycle(newcomer, req, due=ago(60), status=Status.OVERDUE)
    cycle(exempt, req, due=ago(60), status=Status.EXEMPT)
    cycle(UserFactory(org_unit=units["team"]), req, due=ago(90), status=Status.SUPERSEDED)
    cycle(manager, req, due=ago(-60))
    counts_rebuild()
    return req


@pytest.fixture
def short_course(tree, learner, manager, outsider):
    """Jura – Kort og Godt: the learner took two lessons in the period, the manager one, the
    outsider one last year (outside the period); the learner finished the course."""
    page = course("Jura – Kort og Godt", modules=1, lessons=2)
    first, second = lessons_of(page)
    learner_run = CourseRunFactory(user=learner, course=page, completed_at=at(ago(89)))
    for lesson in (first, second):
        StepCompletionFactory(run=learner_run, page=lesson)
    StepCompletionFactory(run=CourseRunFactory(user=manager, course=page), page=first)
    StepCompletionFactory(run=CourseRunFactory(user=outsider, course=page), page=first)
    StepCompletion.objects.filter(run=learner_run).update(completed_at=at(ago(90)))
    StepCompletion.objects.filter(run__user=manager).update(completed_at=at(ago(60)))
    StepCompletion.objects.filter(run__user=outsider).update(completed_at=at(ago(400)))
    return page


@pytest.fixture
def findings(jurist, units, provisions):
    """Three findings in Byliv in the period (two kritik, one bemærkning), one in Byens Drift,
    one in Byliv last year."""
    made = [
        add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]], days_ago=30),
        add_finding(
            by=jurist,
            units=[units["team"]],
            targets=[provisions["fvl19"], provisions["fvl22"]],
            days_ago=40,
        ),
        add_finding(
            by=jurist,
            units=[units["centre"]],
            targets=[provisions["fvl22"]],
            severity=Finding.Severity.BEMAERKNING,
            days_ago=50,
        ),
        add_finding(
            by=jurist, units=[units["other_area"]], targets=[provisions["fvl19"]], days_ago=20
        ),
        add_finding(
            by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]], days_ago=400
        ),
    ]
    return made
