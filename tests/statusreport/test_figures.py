"""The status report's figures, each checked against the cycles, steps and findings behind it:
in the period, in the unit's subtree, each counted once."""

from __future__ import annotations

import pytest

from compliance.models import Assignment, Requirement, Status
from compliance.services import counts_rebuild
from courses.models import CoursePage
from statusreport.selectors import (
    finding_figures,
    mandatory_deadlines,
    retraining_done,
    short_course_participation,
)
from tests.factories import UserFactory, course
from tests.statusreport.conftest import START, TODAY, ago, cycle

pytestmark = pytest.mark.django_db


def test_mandatory_cycles_due_in_the_period_count_in_time_late_open_and_exempt(mandatory, units):
    [row] = mandatory_deadlines(unit=units["tmf"], date_from=START, date_to=TODAY)
    assert (row.due, row.in_time, row.late, row.open, row.exempt) == (4, 1, 1, 1, 1)
    assert row.in_time_share == pytest.approx(100 / 3)  # exempt people are not asked
    # today: the learner and the outsider completed, one exempt, the newcomer and the manager not
    assert (row.now_compliant, row.now_total) == (3, 5)


def test_a_subtree_counts_only_its_own_people(mandatory, units):
    [row] = mandatory_deadlines(unit=units["centre"], date_from=START, date_to=TODAY)
    assert (row.due, row.in_time, row.late, row.open, row.exempt) == (3, 1, 0, 1, 1)


def test_a_period_before_any_deadline_has_nothing_due(mandatory, units):
    [row] = mandatory_deadlines(unit=units["tmf"], date_from=ago(500), date_to=ago(400))
    assert row.due == 0 and row.in_time_share is None


def test_only_onboarding_and_manager_courses_are_the_mandatory_ones(mandatory, units, learner):
    other = course("Valgfrit kursus", modules=1, lessons=0)
    req = Requirement.objects.create(name="Valgfrit", course=other, applies_from=START)
    cycle(learner, req, due=ago(10))
    assert [
        r.requirement
        for r in mandatory_deadlines(unit=units["tmf"], date_from=START, date_to=TODAY)
    ] == ["Onboarding"]


def test_short_course_participants_are_people_with_a_step_in_the_period(short_course, units):
    whole, children = short_course_participation(unit=units["tmf"], date_from=START, date_to=TODAY)
    # the learner (2 steps) and the manager (1); the outsider's step was last year
    assert (whole.participants, whole.steps, whole.courses_completed) == (2, 3, 1)
    by_name = {c.name: c for c in children}
    assert by_name["Byens Anvendelse"].participants == 2
    assert by_name["Byens Drift"].participants == 0 and by_name["Byens Drift"].people == 1
    assert whole.people == sum(c.people for c in children) == 3


def test_courses_of_other_families_are_not_jura_kort_og_godt(short_course, units):
    CoursePage.objects.filter(pk=short_course.pk).update(family=CoursePage.Family.OTHER)
    whole, _children = short_course_participation(unit=units["tmf"], date_from=START, date_to=TODAY)
    assert (whole.participants, whole.steps, whole.courses_completed) == (0, 0, 0)


def test_findings_are_counted_once_per_source_and_severity_in_the_subtree_and_period(
    findings, units
):
    figures = finding_figures(unit=units["area"], date_from=START, date_to=TODAY)
    assert figures.total == 3
    assert figures.by_source == {"Borgerrådgiveren": 3}
    assert figures.by_severity == {"kritik": 2, "bemaerkning": 1}
    fvl = next(r for r in figures.by_source_and_theme if r.theme == "FVL")
    assert fvl.findings == {"kritik": 2, "bemaerkning": 1}  # the two-provision finding once
    everything = finding_figures(unit=units["tmf"], date_from=START, date_to=TODAY)
    assert everything.total == 4


def test_followed_up_findings_report_their_targeted_requirements(findings, units, learner, tree):
    page = course("Opfølgning: FVL § 19", modules=1, lessons=0)
    CoursePage.objects.filter(pk=page.pk).update(family=CoursePage.Family.RETRAINING)
    req = Requirement.objects.create(
        name="Opfølgning: FVL § 19", course=page, applies_from=ago(5), is_active=False
    )
    findings[0].requirements.add(req)
    cycle(learner, req, due=ago(-25), status=Status.COMPLETED, completed=ago(1))
    cycle(UserFactory(org_unit=units["centre"]), req, due=ago(-25))
    counts_rebuild()
    figures = finding_figures(unit=units["tmf"], date_from=START, date_to=TODAY)
    assert figures.followed_up == 1
    assert (figures.followup.total, figures.followup.completed) == (2, 1)
    [row] = retraining_done(unit=units["tmf"], date_from=START, date_to=TODAY)
    assert row.from_finding and (row.total, row.completed, row.overdue) == (2, 1, 0)
    assert row.completed_share == 50.0
    # nobody in Byens Drift was assigned it: no row there
    assert retraining_done(unit=units["other_area"], date_from=START, date_to=TODAY) == []
    assert Assignment.objects.filter(requirement=req).count() == 2


def test_the_summary_says_so_when_no_mandatory_cycle_was_due(mandatory, units):
    from statusreport.build import status_report_build

    quiet = status_report_build(unit=units["tmf"], date_from=ago(500), date_to=ago(400))
    assert quiet.summary[0] == "Ingen forløb i de obligatoriske kurser havde frist i perioden."
    busy = status_report_build(unit=units["tmf"], date_from=START, date_to=TODAY)
    assert busy.summary[0] == (
        "33,3 % af forløbene i de obligatoriske kurser blev gennemført inden fristen."
    )
