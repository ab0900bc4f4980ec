"""Certificates follow compliance cycles: the cycle attaches to the run's certificate and sets
how long it is valid, whichever of the two tasks runs first."""

import datetime as dt

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.tasks import certificate_for_cycle_task, certificate_issue_task
from certificates.validity import valid_until_for
from compliance.models import Assignment, Requirement, Status
from compliance.services import assignment_complete, requirements_evaluate
from tests.certificates.conftest import complete_course
from tests.compliance.conftest import requirement


@pytest.fixture
def biennial(onboarding):
    return requirement(
        onboarding,
        trigger=Requirement.Trigger.ASSIGNED,
        due_days=30,
        recurrence=Requirement.Recurrence.MONTHS,
        recurrence_months=24,
    )


def test_completing_a_required_course_gives_a_certificate_valid_for_the_recurrence(
    learner, onboarding, biennial, django_capture_on_commit_callbacks
):
    requirements_evaluate()
    assignment = Assignment.objects.get(person=learner)
    with django_capture_on_commit_callbacks(execute=True):
        run = complete_course(learner, onboarding)
    assignment.refresh_from_db()
    assert assignment.status == Status.COMPLETED
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.course_run == run
    assert certificate.assignment == assignment
    completed_on = timezone.localtime(run.completed_at).date()
    assert certificate.valid_until == completed_on.replace(year=completed_on.year + 2)
    assert certificate.pdf and certificate.pdf_rendered_at is not None


def test_the_cycle_attaches_to_a_certificate_issued_earlier_and_the_pdf_is_rendered_again(
    learner, onboarding, biennial
):
    requirements_evaluate()
    run = complete_course(learner, onboarding)  # callbacks not run: the tasks come later
    first = certificate_issue_task.delay(run.pk).get()
    old_pdf = Certificate.objects.get(pk=first).pdf.name
    assignment = Assignment.objects.get(person=learner, status=Status.COMPLETED)
    assert certificate_for_cycle_task.delay(assignment.pk).get() == first
    assert certificate_for_cycle_task.delay(assignment.pk).get() == first  # duplicate: no-op
    certificate = Certificate.objects.get()
    assert certificate.assignment == assignment and certificate.valid_until is not None
    assert certificate.pdf.name != old_pdf


def test_the_cycle_task_first_issues_the_runs_certificate_and_the_run_task_adds_nothing(
    learner, onboarding, biennial
):
    requirements_evaluate()
    run = complete_course(learner, onboarding)
    assignment = Assignment.objects.get(person=learner, status=Status.COMPLETED)
    issued = certificate_for_cycle_task.delay(assignment.pk).get()
    assert certificate_issue_task.delay(run.pk).get() == issued
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().valid_until is not None


def test_a_cycle_completed_without_a_course_run_gets_no_certificate(
    learner, onboarding, biennial, django_capture_on_commit_callbacks
):
    # A certificate proves a completed run (lessons read, quizzes passed); a cycle closed any
    # other way proves neither.
    requirements_evaluate()
    assignment = Assignment.objects.get(person=learner)
    when = timezone.now() - dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_complete(assignment=assignment, completed_at=when)
    assert certificate_for_cycle_task.delay(assignment.pk).get() is None
    assert not Certificate.objects.filter(holder=learner).exists()


def test_an_open_cycle_gets_no_certificate(learner, biennial):
    requirements_evaluate()
    assignment = Assignment.objects.get(person=learner)
    assert certificate_for_cycle_task.delay(assignment.pk).get() is None
    assert not Certificate.objects.exists()


def assignment_completed_on(req: Requirement, day: dt.date) -> Assignment:
    return Assignment(
        requirement=req,
        completed_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
    )


def test_validity_follows_the_recurrence(onboarding):
    once = requirement(onboarding, recurrence=Requirement.Recurrence.NONE)
    monthly = requirement(
        onboarding, recurrence=Requirement.Recurrence.MONTHS, recurrence_months=18
    )
    yearly = requirement(
        onboarding,
        recurrence=Requirement.Recurrence.YEARLY,
        window_month=3,
        window_day=1,
        due_days=60,
    )
    day = dt.date(2025, 5, 10)
    assert valid_until_for(assignment=assignment_completed_on(once, day)) is None
    assert valid_until_for(assignment=assignment_completed_on(monthly, day)) == dt.date(
        2026, 11, 10
    )
    # Done in May: good until the deadline of next year's window (1 March + 60 days).
    assert valid_until_for(assignment=assignment_completed_on(yearly, day)) == dt.date(2026, 4, 30)
    # Done in February, before this year's window opens: that window's deadline.
    assert valid_until_for(
        assignment=assignment_completed_on(yearly, dt.date(2025, 2, 10))
    ) == dt.date(2025, 4, 30)
