"""The manager's team page and the learner's due dates on /mine-kurser/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from compliance.models import Assignment, Status
from compliance.services import requirements_evaluate
from people.models import AuditEvent
from people.roles import LEARNER
from tests.factories import UserFactory


@pytest.fixture
def assigned(learner, manager, outsider, onboarding_requirement):
    requirements_evaluate(today=timezone.localdate())
    return Assignment.objects.get(person=learner)


@pytest.mark.django_db
def test_a_manager_sees_the_team_with_overdue_people_first(
    client, manager, learner, units, groups, assigned
):
    late = UserFactory(first_name="Zelma", last_name="Zulu", org_unit=units["team"])
    late.groups.add(groups[LEARNER])
    requirements_evaluate(today=timezone.localdate())
    Assignment.objects.filter(person=late).update(status=Status.OVERDUE, due_at=dt.date(2024, 1, 1))
    client.force_login(manager)
    response = client.get("/mit-team/")
    assert response.status_code == 200
    html = response.content.decode()
    html = html[html.index("<table") :]
    assert html.index("Zelma") < html.index(learner.get_full_name())
    assert "Overskredet" in html and "Ikke startet" in html
    assert AuditEvent.objects.filter(actor=manager, subject_unit=units["centre"]).exists()


@pytest.mark.django_db
def test_a_manager_of_another_unit_does_not_see_these_people(
    client, outsider, units, groups, learner, assigned
):
    from people.roles import MANAGER

    other = UserFactory(username="anden-leder", org_unit=units["other_area"], is_manager=True)
    other.groups.add(groups[LEARNER], groups[MANAGER])
    client.force_login(other)
    html = client.get("/mit-team/").content.decode()
    assert learner.last_name not in html
    assert outsider.last_name in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["learner", "outsider", "hr"])
def test_people_who_are_not_managers_get_403(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/mit-team/").status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/mit-team/").status_code == 302


@pytest.mark.django_db
def test_the_team_page_query_count_does_not_grow_with_the_team(
    client, manager, units, groups, assigned, django_assert_max_num_queries
):
    client.force_login(manager)
    client.get("/mit-team/")
    # 17 with both team panels (overview's chart, findings' "Jura i praksis" figures); what the
    # test holds is that the count does not grow with the team.
    with django_assert_max_num_queries(17) as small:
        client.get("/mit-team/")
    for _ in range(30):
        UserFactory(org_unit=units["team"])
    requirements_evaluate(today=timezone.localdate())
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/mit-team/")
    assert response.content.decode().count("Ikke startet") >= 30


@pytest.mark.django_db
def test_my_courses_shows_my_deadlines_with_overdue_first(
    client, learner, onboarding, assigned, tree
):
    from compliance.models import Requirement
    from tests.compliance.conftest import requirement
    from tests.factories import course

    late = requirement(course("Forvaltningsret"), trigger=Requirement.Trigger.ASSIGNED)
    requirements_evaluate(today=timezone.localdate())
    Assignment.objects.filter(person=learner, requirement=late).update(
        status=Status.OVERDUE, due_at=dt.date(2024, 3, 1)
    )
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    assert "Obligatoriske kurser" in html
    assert html.index("Forvaltningsret") < html.index("Onboarding")
    assert "1. marts 2024" in html and "Overskredet" in html


@pytest.mark.django_db
def test_a_mandatory_course_not_yet_started_is_listed_once(client, learner, onboarding, assigned):
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    required, _, rest = html.partition("Andre kurser")
    assert "Onboarding" in required
    assert "Onboarding" not in rest
