"""Who sees which notices: the employee their own, a manager the escalations they received, HR
the notices of people in their administration, per person and per assignment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from compliance.models import Assignment, Status
from compliance.reminders import reminders_send
from compliance.services import requirements_evaluate
from notices.models import Kind, Notice
from notices.services import About, notice_queue
from people.models import AuditEvent
from people.roles import HR, LEARNER
from people.services import org_unit_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def overdue(learner, manager, onboarding_requirement, django_capture_on_commit_callbacks):
    """The learner's cycle is overdue: a reminder to them and an escalation to their manager."""
    requirements_evaluate(today=TODAY)
    assignment = Assignment.objects.get(person=learner)
    Assignment.objects.filter(pk=assignment.pk).update(
        status=Status.OVERDUE, due_at=TODAY - dt.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=TODAY)
    return assignment


@pytest.fixture
def hr_elsewhere(groups):
    """HR of another administration (a top unit of its own)."""
    other = org_unit_ensure(code="KFF", name="Kultur- og Fritidsforvaltningen", parent=None)
    user = UserFactory(username="hr-kff", org_unit=other, is_staff=True)
    user.groups.add(groups[LEARNER], groups[HR])
    return user


def test_the_employee_sees_their_own_notices_on_beskeder(client, learner, overdue):
    client.force_login(learner)
    response = client.get(reverse("my-notices"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fristen for Onboarding er overskredet" in body
    assert "i dit team har overskredet" not in body  # the manager's escalation is theirs
    assert "<caption>" in body and 'scope="col"' in body
    assert "no-store" in response["Cache-Control"]


def test_the_manager_sees_the_escalation_they_received(client, manager, overdue):
    client.force_login(manager)
    body = client.get(reverse("my-notices")).content.decode()
    assert "1 i dit team har overskredet en frist" in body
    assert "Fristen for Onboarding er overskredet" not in body


def test_another_employee_sees_none_of_them(client, outsider, overdue):
    client.force_login(outsider)
    body = client.get(reverse("my-notices")).content.decode()
    assert "Paragraf har ikke sendt dig nogen beskeder." in body
    assert "overskredet" not in body


def test_the_beskeder_page_is_paginated(client, learner, overdue):
    for n in range(30):
        notice_queue(
            recipient=learner,
            kind=Kind.DUE_SOON,
            subject=f"Besked nummer {n:02d}",
            body_text="x",
            about=[About(obj=learner, cycle=f"test-{n}")],
        )
    client.force_login(learner)
    first = client.get(reverse("my-notices")).content.decode()
    assert "Besked nummer 29" in first and "Besked nummer 00" not in first
    assert "Side 1 af 2" in first
    second = client.get(reverse("my-notices"), {"side": 2}).content.decode()
    assert "Besked nummer 00" in second
    assert client.get(reverse("my-notices"), {"side": "x' OR 1=1"}).status_code == 200


def test_hr_sees_a_persons_log_with_their_managers_escalation_and_it_is_audited(
    client, hr, learner, overdue
):
    client.force_login(hr)
    response = client.get(reverse("notices_person", args=[learner.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fristen for Onboarding er overskredet" in body
    assert "1 i dit team har overskredet en frist" in body
    assert "Sendt" in body
    assert AuditEvent.objects.filter(actor=hr, subject=learner, what="Beskeder").exists()


def test_hr_sees_the_notices_of_one_assignment(client, hr, learner, overdue):
    client.force_login(hr)
    response = client.get(reverse("compliance_assignment_notices", args=[overdue.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fristen for Onboarding er overskredet" in body
    assert "i dit team har overskredet" in body
    record = client.get(reverse("compliance_person", args=[learner.pk])).content.decode()
    assert reverse("compliance_assignment_notices", args=[overdue.pk]) in record
    assert reverse("notices_person", args=[learner.pk]) in record


def test_hr_of_another_administration_cannot_see_them(client, hr_elsewhere, learner, overdue):
    client.force_login(hr_elsewhere)
    for url in (
        reverse("notices_person", args=[learner.pk]),
        reverse("compliance_assignment_notices", args=[overdue.pk]),
    ):
        response = client.get(url)  # Wagtail turns the refusal into a redirect to the dashboard
        assert (response.status_code, response.get("Location")) == (302, "/admin/"), url
    assert not AuditEvent.objects.filter(actor=hr_elsewhere).exists()


@pytest.mark.parametrize("who", ["manager", "outsider", "learner", "jurist"])
def test_nobody_but_hr_opens_a_persons_log(client, request, who, learner, overdue):
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("notices_person", args=[learner.pk]),
        reverse("notices_person_results", args=[learner.pk]),
        reverse("compliance_assignment_notices", args=[overdue.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "overskredet" not in response.content.decode()


def test_an_unknown_person_or_assignment_is_404_for_hr(client, hr):
    client.force_login(hr)
    assert client.get(reverse("notices_person", args=[999_999])).status_code == 404
    url = reverse("compliance_assignment_notices", args=[999_999])
    assert client.get(url).status_code == 404


def test_a_leavers_notices_go_with_their_records_and_are_in_their_export(learner, overdue):
    from people.privacy import anonymisers, personal_data_exporters

    rows = personal_data_exporters()["beskeder"](learner)
    assert [row["emne"] for row in rows] == ["Fristen for Onboarding er overskredet"]
    assert rows[0]["status"] == "Sendt"
    for anonymise in anonymisers().values():
        anonymise(learner)
    assert not Notice.objects.filter(recipient=learner).exists()
    # the manager keeps their escalation, but nothing in it points at the leaver any more
    escalation = Notice.objects.get(kind=Kind.MANAGER_OVERDUE)
    assert not escalation.keys.exists()
