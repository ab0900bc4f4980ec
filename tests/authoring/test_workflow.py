"""The four-eyes workflow "Juridisk godkendelse" on lessons and guidelines."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from courses.models import LessonPage
from tests.factories import citation, course, guideline, lessons_of

pytestmark = pytest.mark.django_db


def _edit_and_submit(page, author, workflow, *, title: str):
    page = page.get_latest_revision_as_object()
    page.title = title
    page.save_revision(user=author)
    workflow.start(page, author)
    page.refresh_from_db()
    return page


def _task_state(page):
    return page.current_workflow_task_state


def test_a_second_jurist_sees_previews_and_approves_a_submitted_lesson_and_it_goes_live(
    client, jurist, approver, workflow
):
    section = guideline("AG-UDE", sections=3).sections.first()
    lesson = lessons_of(course(modules=1, lessons=1, body=[citation(section)]))[0]
    lesson = _edit_and_submit(lesson, jurist, workflow, title="Partshøring – ny udgave")
    assert LessonPage.objects.get(pk=lesson.pk).title != "Partshøring – ny udgave"

    client.force_login(approver)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "Partshøring – ny udgave" in dashboard.content.decode()

    preview = client.get(
        reverse(
            "wagtailadmin_pages:workflow_preview", args=[lesson.pk, _task_state(lesson).task_id]
        )
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Partshøring – ny udgave" in html
    assert "AG-UDE-1" in html  # the citation renders as the learner sees it

    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[lesson.pk, "approve", _task_state(lesson).pk],
        ),
        {"comment": ""},
    )
    assert response.status_code == 302
    assert LessonPage.objects.get(pk=lesson.pk).title == "Partshøring – ny udgave"
    assert LessonPage.objects.get(pk=lesson.pk).live


def test_an_approver_cannot_approve_their_own_change(client, approver, workflow):
    page = guideline("AG-CYK", sections=1)
    page = _edit_and_submit(page, approver, workflow, title="Cykelparkering – ændret af mig")
    task_state = _task_state(page)
    actions = [
        name for name, _label, _modal in task_state.task.specific.get_actions(page, approver)
    ]
    assert "approve" not in actions
    assert "reject" in actions

    client.force_login(approver)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
        follow=True,
    )
    assert "Beklager, du har ikke rettigheder" in response.content.decode()
    page.refresh_from_db()
    assert page.title != "Cykelparkering – ændret af mig"
    assert page.workflow_in_progress

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "Du kan ikke godkende din egen ændring" in editor.content.decode()


def test_approving_ones_own_change_is_refused_in_danish_even_without_the_admin(approver, workflow):
    page = _edit_and_submit(guideline("AG-BYG", sections=1), approver, workflow, title="Ny titel")
    task_state = _task_state(page)
    with pytest.raises(PermissionDenied, match="egen ændring"):
        task_state.task.specific.on_action(task_state, approver, "approve")
    page.refresh_from_db()
    assert page.title != "Ny titel"


def test_another_approver_may_approve_a_change_an_approver_made(
    client, approver, workflow, groups, units
):
    from people.roles import APPROVER
    from tests.factories import UserFactory

    colleague = UserFactory(username="jurist3", org_unit=units["tmf"], is_staff=True)
    colleague.groups.add(groups[APPROVER])
    page = _edit_and_submit(guideline("AG-TST", sections=1), approver, workflow, title="Godkendt")
    actions = [name for name, *_ in _task_state(page).task.specific.get_actions(page, colleague)]
    assert "approve" in actions


def test_a_rejected_change_stays_a_draft_and_the_author_sees_the_comment(
    client, jurist, approver, workflow
):
    page = guideline("AG-REJ", sections=1)
    page = _edit_and_submit(page, jurist, workflow, title="Forkert titel")
    client.force_login(approver)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "reject", _task_state(page).pk]
        ),
        {"comment": "Henvisningen til vejloven § 80 mangler."},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title != "Forkert titel"
    assert page.has_unpublished_changes

    client.force_login(jurist)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = editor.content.decode()
    assert "Henvisningen til vejloven § 80 mangler." in html
    assert "stadig en kladde" in html


def test_an_approver_who_edits_during_review_cannot_approve_that_edit(jurist, approver, workflow):
    page = _edit_and_submit(guideline("AG-MID", sections=1), jurist, workflow, title="Udkast")
    during = page.get_latest_revision_as_object()
    during.title = "Rettet af godkenderen"
    during.save_revision(user=approver)
    page.refresh_from_db()
    actions = [name for name, *_ in _task_state(page).task.specific.get_actions(page, approver)]
    assert "approve" not in actions
