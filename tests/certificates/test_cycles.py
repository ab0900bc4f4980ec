"""Certificates follow compliance cycles: the run's one certificate task attaches the cycle the
run completed, which sets how long the certificate is valid."""

import datetime as dt
from unittest import mock

import pytest
from celery.signals import task_prerun
from django.utils import timezone

from certificates import pdf
from certificates.models import Certificate
from certificates.tasks import certificate_issue_task
from certificates.validity import valid_until_for
from compliance.models import Assignment, Requirement, Status
from compliance.services import assignment_complete, requirements_evaluate
from courses.signals import course_completed
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


@pytest.fixture
def renders():
    """Counts the certificate PDFs rendered (the real renderer still runs)."""
    with mock.patch.object(
        pdf, "certificate_pdf_render", wraps=pdf.certificate_pdf_render
    ) as render:
        yield render


@pytest.fixture
def certificate_tasks():
    """The certificate tasks run (eagerly, as in the tests' Celery settings): name and args."""
    seen: list[tuple[str, tuple]] = []

    def record(sender, task_id, task, args, **kwargs):
        if task.name.startswith("certificates."):
            seen.append((task.name, tuple(args)))

    task_prerun.connect(record, weak=False, dispatch_uid="test-certificate-tasks")
    yield seen
    task_prerun.disconnect(dispatch_uid="test-certificate-tasks")


def test_completing_a_required_course_gives_one_certificate_valid_for_the_recurrence(
    learner, onboarding, biennial, renders, certificate_tasks, django_capture_on_commit_callbacks
):
    requirements_evaluate()
    assignment = Assignment.objects.get(person=learner)
    with django_capture_on_commit_callbacks(execute=True):
        run = complete_course(learner, onboarding)
    assignment.refresh_from_db()
    assert assignment.status == Status.COMPLETED
    assert certificate_tasks == [("certificates.tasks.certificate_issue_task", (run.pk,))]
    certificate = Certificate.objects.get(holder=learner)
    assert certificate.course_run == run
    assert certificate.assignment == assignment
    completed_on = timezone.localtime(run.completed_at).date()
    assert certificate.valid_until == completed_on.replace(year=completed_on.year + 2)
    assert certificate.pdf and certificate.pdf_rendered_at is not None
    assert renders.call_count == 1  # rendered once, with the validity already known


def test_repeating_the_completion_signal_issues_no_second_certificate(
    learner, onboarding, biennial, renders, django_capture_on_commit_callbacks
):
    requirements_evaluate()
    with django_capture_on_commit_callbacks(execute=True):
        run = complete_course(learner, onboarding)
    first = Certificate.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        course_completed.send(sender=type(run), run=run)
        course_completed.send(sender=type(run), run=run)
    certificate = Certificate.objects.get()
    assert certificate.pk == first.pk and certificate.code == first.code
    assert certificate.assignment == Assignment.objects.get(person=learner)
    assert certificate.pdf.name == first.pdf.name
    assert renders.call_count == 1


def test_a_certificate_issued_before_its_cycle_gets_the_cycle_and_a_new_pdf_when_the_task_runs(
    learner, onboarding, biennial
):
    # A certificate rendered without its cycle (an earlier release, or a task cut short)
    # is put right by running the run's task again.
    requirements_evaluate()
    run = complete_course(learner, onboarding)  # callbacks not run: the task comes later
    first = certificate_issue_task.delay(run.pk).get()
    assignment = Assignment.objects.get(person=learner, status=Status.COMPLETED)
    Certificate.objects.filter(pk=first).update(assignment=None, valid_until=None)
    old_pdf = Certificate.objects.get(pk=first).pdf.name
    assert certificate_issue_task.delay(run.pk).get() == first
    certificate = Certificate.objects.get()
    assert certificate.assignment == assignment and certificate.valid_until is not None
    assert certificate.pdf.name != old_pdf


def test_a_cycle_completed_without_a_course_run_gets_no_certificate(
    learner, onboarding, biennial, certificate_tasks, django_capture_on_commit_callbacks
):
    # A certificate proves a completed run (lessons read, quizzes passed); a cycle closed any
    # other way proves neither.
    requirements_evaluate()
    assignment = Assignment.objects.get(person=learner)
    when = timezone.now() - dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_complete(assignment=assignment, completed_at=when)
    assignment.refresh_from_db()
    assert assignment.status == Status.COMPLETED
    assert certificate_tasks == []
    assert not Certificate.objects.filter(holder=learner).exists()


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
