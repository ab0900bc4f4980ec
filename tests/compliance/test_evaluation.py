"""Evaluating requirements opens the right cycles with the right deadlines, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from compliance.models import Assignment, Requirement, Status, StatusCount
from compliance.services import assignment_complete, assignment_exempt, requirements_evaluate
from courses.models import CourseRun
from tests.compliance.conftest import requirement
from tests.factories import (
    AssignmentFactory,
    CourseRunFactory,
    UserFactory,
    course,
)

TODAY = dt.date(2025, 6, 1)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


@pytest.mark.django_db
def test_everyone_gets_onboarding_due_30_days_after_their_start(
    learner, manager, onboarding_requirement
):
    onboarding_requirement.trigger = Requirement.Trigger.START_DATE
    onboarding_requirement.save()
    learner.start_date = dt.date(2025, 5, 20)
    learner.save()
    manager.start_date = dt.date(2019, 1, 1)
    manager.save()
    result = requirements_evaluate(today=TODAY)
    assert result.assigned == 1
    mine = Assignment.objects.get(person=learner)
    assert (mine.cycle, mine.due_at, mine.status) == (1, dt.date(2025, 6, 19), Status.NOT_STARTED)
    # Someone who started before the requirement applied is not caught by it.
    assert not Assignment.objects.filter(person=manager).exists()


@pytest.mark.django_db
def test_running_it_twice_assigns_nothing_new(learner, onboarding_requirement):
    learner.start_date = dt.date(2025, 5, 20)
    learner.save()
    requirements_evaluate(today=TODAY)
    before = list(Assignment.objects.values())
    again = requirements_evaluate(today=TODAY)
    assert again.changed == 0
    assert list(Assignment.objects.values()) == before


@pytest.mark.django_db
def test_the_manager_course_counts_from_becoming_a_manager_and_only_for_managers(
    learner, manager, tree
):
    manager.manager_since = dt.date(2025, 5, 1)
    manager.save()
    requirement(
        course("Lederkursus"),
        managers_only=True,
        trigger=Requirement.Trigger.BECAME_MANAGER,
        due_days=90,
    )
    requirements_evaluate(today=TODAY)
    assert list(Assignment.objects.values_list("person__username", "due_at")) == [
        ("leder", dt.date(2025, 7, 30))
    ]


@pytest.mark.django_db
def test_case_officers_in_a_unit_subtree_are_matched_by_job_title(
    learner, manager, outsider, units, tree
):
    outsider.job_title = "Sagsbehandler"
    outsider.save()
    requirement(
        course("Jura"),
        units=[units["area"]],
        job_titles="sagsbehandler",
        recurrence="months",
        recurrence_months=24,
    )
    requirements_evaluate(today=TODAY)
    assert list(Assignment.objects.values_list("person__username", flat=True)) == ["medarbejder"]


@pytest.mark.django_db
def test_a_missed_deadline_turns_overdue_after_the_grace_days(learner, onboarding_requirement):
    onboarding_requirement.grace_days = 5
    onboarding_requirement.trigger = Requirement.Trigger.START_DATE
    onboarding_requirement.save()
    learner.start_date = dt.date(2025, 4, 1)
    learner.save()
    requirements_evaluate(today=TODAY)  # due 1 May + 5 days grace
    assert Assignment.objects.get(person=learner).status == Status.OVERDUE
    assert StatusCount.objects.get(unit=learner.org_unit, status=Status.OVERDUE).count == 1


@pytest.mark.django_db
def test_each_requirement_keeps_its_own_grace_days_when_deadlines_pass(learner, tree):
    strict = requirement(course("Uden frist"), trigger=Requirement.Trigger.ASSIGNED, due_days=10)
    lenient = requirement(
        course("Med frist"), trigger=Requirement.Trigger.ASSIGNED, due_days=10, grace_days=7
    )
    requirements_evaluate(today=TODAY)  # both due 11 June
    requirements_evaluate(today=dt.date(2025, 6, 15))
    status = dict(Assignment.objects.filter(person=learner).values_list("requirement", "status"))
    assert status == {strict.pk: Status.OVERDUE, lenient.pk: Status.NOT_STARTED}
    requirements_evaluate(today=dt.date(2025, 6, 19))
    assert Assignment.objects.get(person=learner, requirement=lenient).status == Status.OVERDUE
    overdue = StatusCount.objects.filter(unit=learner.org_unit, status=Status.OVERDUE)
    assert sorted(overdue.values_list("count", flat=True)) == [1, 1]


@pytest.mark.django_db
def test_it_keeps_the_previous_cycle_when_recertifying(learner, units, tree):
    jura = course("Jura", modules=1, lessons=1)
    req = requirement(jura, due_days=30, recurrence="months", recurrence_months=24)
    requirements_evaluate(today=dt.date(2023, 1, 1))
    first = Assignment.objects.get(person=learner)
    CourseRunFactory(user=learner, course=jura, completed_at=at(dt.date(2023, 1, 10)))
    assignment_complete(assignment=first, completed_at=at(dt.date(2023, 1, 10)))
    assert requirements_evaluate(today=dt.date(2024, 12, 1)).recertifications == 0
    result = requirements_evaluate(today=dt.date(2024, 12, 12))
    assert result.recertifications == 1
    old, new = Assignment.objects.filter(requirement=req, person=learner).order_by("cycle")
    assert (old.status, old.completed_at) == (Status.COMPLETED, at(dt.date(2023, 1, 10)))
    assert (new.cycle, new.due_at, new.status) == (2, dt.date(2025, 1, 10), Status.NOT_STARTED)
    # The learner starts a fresh pass of the course.
    assert CourseRun.objects.filter(user=learner, course=jura, completed_at=None).count() == 1
    counts = dict(StatusCount.objects.filter(unit=units["team"]).values_list("status", "count"))
    assert counts.get(Status.NOT_STARTED) == 1 and not counts.get(Status.COMPLETED)


@pytest.mark.django_db
def test_a_yearly_window_supersedes_an_unfinished_cycle(learner, tree):
    req = requirement(
        course("Årlig"), due_days=60, recurrence="yearly", window_month=9, window_day=1
    )
    requirements_evaluate(today=dt.date(2024, 9, 10))
    requirements_evaluate(today=dt.date(2025, 9, 1))
    old, new = Assignment.objects.filter(requirement=req, person=learner).order_by("cycle")
    assert old.status == Status.SUPERSEDED
    assert (new.assigned_at, new.due_at) == (dt.date(2025, 9, 1), dt.date(2025, 10, 31))


@pytest.mark.django_db
def test_completing_the_course_completes_the_open_cycle_and_counts_follow(
    learner, units, onboarding, onboarding_requirement
):
    from compliance.signals import cycle_completed
    from courses.services import step_complete
    from tests.factories import lessons_of

    learner.start_date = TODAY
    learner.save()
    requirements_evaluate(today=TODAY)
    seen = []
    cycle_completed.connect(
        lambda sender, assignment, **kw: seen.append(assignment.pk), weak=False, dispatch_uid="t"
    )
    try:
        step_complete(user=learner, page=lessons_of(onboarding)[0])
    finally:
        cycle_completed.disconnect(dispatch_uid="t")
    assignment = Assignment.objects.get(person=learner)
    assert assignment.status == Status.COMPLETED and assignment.completed_at is not None
    assert seen == [assignment.pk]
    tmf = dict(StatusCount.objects.filter(unit=units["tmf"]).values_list("status", "count"))
    assert tmf[Status.COMPLETED] == 1 and tmf[Status.NOT_STARTED] == 1  # the manager's cycle


@pytest.mark.django_db
def test_hr_can_exempt_with_a_reason(learner, hr, onboarding_requirement):
    requirements_evaluate(today=TODAY)
    assignment = Assignment.objects.get(person=learner)
    assert assignment_exempt(assignment=assignment, reason="Orlov", by=hr)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.exempt_reason) == (Status.EXEMPT, "Orlov")
    with pytest.raises(ValueError):
        assignment_exempt(assignment=Assignment.objects.get(person=hr), reason="  ", by=hr)


@pytest.mark.django_db
def test_leavers_open_cycles_are_superseded(learner, onboarding_requirement):
    requirements_evaluate(today=TODAY)
    learner.is_active = False
    learner.save()
    requirements_evaluate(today=TODAY)
    assert Assignment.objects.get(person=learner).status == Status.SUPERSEDED


@pytest.mark.django_db
def test_the_command_reports_what_it_assigned(learner, onboarding_requirement, capsys):
    call_command("evaluate_requirements")
    assert "tildelt" in capsys.readouterr().out
    UserFactory(org_unit=learner.org_unit)
    call_command("evaluate_requirements")
    assert Assignment.objects.count() == 3


@pytest.mark.django_db
def test_a_retraining_deadline_turns_overdue_though_it_opens_no_cycles_by_rule(
    learner, outsider, tree
):
    retraining = course("Genopfriskning: udeservering", modules=1, lessons=1)
    retraining.family = retraining.Family.RETRAINING
    retraining.save()
    req = requirement(
        retraining, trigger=Requirement.Trigger.ASSIGNED, due_days=14, is_active=False
    )
    AssignmentFactory(
        person=learner,
        requirement=req,
        unit_id=learner.org_unit_id,
        cycle=1,
        assigned_at=TODAY - dt.timedelta(days=20),
        due_at=TODAY - dt.timedelta(days=6),
        status=Status.NOT_STARTED,
    )
    requirements_evaluate(today=TODAY)
    assert Assignment.objects.get(person=learner, requirement=req).status == Status.OVERDUE
    # Only the people chosen for the re-training have it: nobody else was assigned by rule.
    assert not Assignment.objects.filter(person=outsider, requirement=req).exists()


@pytest.mark.django_db
def test_deleting_a_requirement_deletes_its_cycles_and_their_notice_keys(
    learner, onboarding_requirement
):
    # The database does not check assignment → requirement (see Assignment.requirement):
    # Django's cascade must remove every cycle and what hangs on it.
    from notices.models import Kind, Notice, NoticeKey
    from notices.services import About, notice_queue

    requirements_evaluate(today=dt.date(2026, 3, 1))
    assignment = Assignment.objects.get(person=learner, requirement=onboarding_requirement)
    notice_queue(
        recipient=learner,
        kind=Kind.DUE_SOON,
        subject="Husk",
        body_text="Husk",
        about=[About(obj=assignment, cycle="1", person=learner)],
    )
    onboarding_requirement.delete()
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert not NoticeKey.objects.exists()
    assert Notice.objects.filter(recipient=learner).count() == 1  # the log of what was sent
