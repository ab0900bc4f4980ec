"""Compliance tasks on a real worker: rule evaluation assigns each person once, reminders go out
once per person over real SMTP, also when delivered twice, retried while the mail server is
down, or interrupted by a worker child dying mid-task."""

from __future__ import annotations

import uuid

from compliance.models import Assignment, Requirement
from compliance.tasks import evaluate_requirements_task, send_reminders_task
from notices.models import Notice, NoticeKey
from people.services import org_unit_ensure
from tests.factories import RequirementFactory, UserFactory, course
from tests.services.conftest import skip_without_services
from tests.services.test_celery_worker import kill_worker_child_mid_task, wait_until

pytestmark = skip_without_services


def team_with_requirement(people: int = 3):
    """A unit of ``people`` employees and a requirement for them, due in three days."""
    tag = uuid.uuid4().hex[:8].upper()
    unit = org_unit_ensure(code=f"IT-{tag}", name=f"Team {tag}", parent=None)
    members = [UserFactory(org_unit=unit) for _ in range(people)]
    requirement = RequirementFactory(
        name=f"Krav {tag}",
        course=course(title=f"Kursus {tag}", modules=1, lessons=1),
        trigger=Requirement.Trigger.ASSIGNED,
        due_days=3,
    )
    requirement.units.add(unit)
    return members, requirement


def run_task(task, task_done) -> None:
    task_id = str(uuid.uuid4())
    task.apply_async(task_id=task_id)
    task_done(task_id, "succeeded", timeout=60)


def test_rule_evaluation_delivered_twice_assigns_each_person_once(live_db, worker, task_done):
    members, requirement = team_with_requirement()
    run_task(evaluate_requirements_task, task_done)
    run_task(evaluate_requirements_task, task_done)  # the same message again, e.g. redelivered
    assigned = Assignment.objects.filter(requirement=requirement)
    assert sorted(assigned.values_list("person_id", flat=True)) == sorted(m.pk for m in members)


def test_reminders_delivered_twice_send_one_email_per_person(live_db, worker, task_done, smtp):
    members, requirement = team_with_requirement()
    run_task(evaluate_requirements_task, task_done)
    run_task(send_reminders_task, task_done)
    run_task(send_reminders_task, task_done)
    wait_until(
        lambda: all(smtp.to(member.email) for member in members) or None,
        what="every reminder to be sent by its notice task",
        timeout=60,
    )
    for member in members:
        assert len(smtp.to(member.email)) == 1
    logged = NoticeKey.objects.filter(assignment__requirement=requirement)
    assert logged.count() == len(members)


def test_reminders_are_retried_while_the_mail_server_is_down_and_sent_once_it_is_back(
    live_db, worker, task_done, smtp
):
    members, requirement = team_with_requirement()
    run_task(evaluate_requirements_task, task_done)
    notices = Notice.objects.filter(recipient__in=members)
    smtp.down()
    try:
        run_task(send_reminders_task, task_done)  # queues one notice a person
        # Each notice's send task failed to connect and waits for its retry (60 s backoff).
        wait_until(
            lambda: notices.filter(status=Notice.Status.RETRYING).count() == len(members) or None,
            what="every notice to wait for a retry",
        )
    finally:
        smtp.up()
    wait_until(
        lambda: notices.filter(status=Notice.Status.SENT).count() == len(members) or None,
        what="every notice to be sent on its retry",
        timeout=120,
    )
    for member in members:
        assert len(smtp.to(member.email)) == 1
    assert notices.filter(attempts=2).count() == len(members)


def test_a_reminder_run_killed_mid_task_is_redelivered_and_sends_each_reminder_once(
    live_db, worker, task_done, smtp
):
    members, requirement = team_with_requirement()
    run_task(evaluate_requirements_task, task_done)
    task_id = kill_worker_child_mid_task(
        worker,
        table=NoticeKey._meta.db_table,
        send=lambda tid: send_reminders_task.apply_async(task_id=tid),
    )
    task_done(task_id, "succeeded", timeout=60)
    # The reminders go out in their own send tasks, queued when the run commits.
    wait_until(
        lambda: all(smtp.to(member.email) for member in members) or None,
        what="every reminder to be sent by its notice task",
        timeout=60,
    )
    for member in members:
        assert len(smtp.to(member.email)) == 1
    assert NoticeKey.objects.filter(assignment__requirement=requirement).count() == len(members)
