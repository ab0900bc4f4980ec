"""The six roles are production data: the migrations create them, ``ensure_roles`` repairs them."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page

from people.roles import APPROVER, HR, JURIST, ROLE_GRANTS
from people.services import roles_ensure

pytestmark = pytest.mark.django_db


def _codes(group: Group) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_the_migrated_database_has_every_role_with_its_permissions_before_anyone_seeds_it():
    for grant in ROLE_GRANTS:
        group = Group.objects.get(name=grant.name)
        assert set(grant.permissions) <= _codes(group), grant.name
    approver_pages = set(
        GroupPagePermission.objects.filter(group__name=APPROVER, page__depth=1).values_list(
            "permission__codename", flat=True
        )
    )
    assert "publish_page" in approver_pages
    jurist_pages = GroupPagePermission.objects.filter(group__name=JURIST).values_list(
        "permission__codename", flat=True
    )
    assert "publish_page" not in set(jurist_pages)


def test_ensure_roles_twice_changes_nothing():
    roles_ensure()
    before = {g.name: _codes(g) for g in Group.objects.all()}
    pages = GroupPagePermission.objects.count()
    out = io.StringIO()
    call_command("ensure_roles", stdout=out)
    assert "Rollerne er på plads." in out.getvalue()
    assert {g.name: _codes(g) for g in Group.objects.all()} == before
    assert GroupPagePermission.objects.count() == pages


def test_ensure_roles_repairs_an_emptied_role_and_keeps_what_was_granted_by_hand():
    hr = Group.objects.get(name=HR)
    hr.permissions.clear()
    by_hand = Permission.objects.get(content_type__app_label="people", codename="view_auditevent")
    hr.permissions.add(by_hand)
    roles_ensure()
    codes = _codes(hr)
    assert "compliance.add_requirement" in codes
    assert "people.view_auditevent" in codes


def test_ensure_roles_recreates_a_deleted_group():
    Group.objects.filter(name=JURIST).delete()
    roles_ensure()
    jurist = Group.objects.get(name=JURIST)
    assert "quizzes.add_question" in _codes(jurist)
    root = Page.objects.get(depth=1)
    assert GroupPagePermission.objects.filter(group=jurist, page=root).count() == 4


def test_ensure_roles_puts_the_four_eyes_workflow_on_the_page_tree_and_on_questions():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType, WorkflowPage

    from authoring.services import WORKFLOW_NAME
    from quizzes.models import Question

    for _ in range(2):  # idempotent
        call_command("ensure_roles", stdout=io.StringIO())
    root = Page.objects.get(depth=1)
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [APPROVER]
    question_type = ContentType.objects.get_for_model(Question)
    assert WorkflowContentType.objects.get(content_type=question_type).workflow == workflow
    assert workflow.workflow_tasks.count() == 1


def test_jurists_and_approvers_may_regrade_and_override_quiz_results_and_hr_may_not():
    for name in (JURIST, APPROVER):
        assert "quizzes.regrade_attempt" in _codes(Group.objects.get(name=name))
    assert "quizzes.regrade_attempt" not in _codes(Group.objects.get(name=HR))
