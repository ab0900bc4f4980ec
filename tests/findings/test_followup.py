"""From finding to training: a jurist makes a targeted requirement from a finding; the unit's
people see it on Mine kurser; the finding shows its follow-up."""

from __future__ import annotations

import pytest

from compliance.models import Assignment, Requirement
from findings.selectors import followups_for
from findings.services import FindingRefused, followup_create
from tests.factories import UserFactory
from tests.findings.conftest import add_finding


def test_a_jurist_makes_a_targeted_requirement_and_the_caseworker_sees_it(
    client, jurist, learner, outsider, units, provisions, cited_course
):
    finding = add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
    client.force_login(jurist)
    url = f"/admin/fund-opfoelgning/?fund={finding.pk}"
    page = client.get(url)
    assert page.status_code == 200 and "FVL § 19, stk. 1" in page.content.decode()
    response = client.post(
        url,
        {
            "findings": [finding.pk],
            "targets": [f"provision-{provisions['fvl19'].pk}"],
            "unit": units["centre"].pk,
            "due_days": 30,
            "title": "",
        },
    )
    assert response.status_code == 302
    requirement = Requirement.objects.get(name__startswith="Opfølgning")
    assert requirement.name == "Opfølgning: FVL § 19, stk. 1"
    assert list(finding.requirements.all()) == [requirement]
    people = set(
        Assignment.objects.filter(requirement=requirement).values_list(
            "person__username", flat=True
        )
    )
    assert "medarbejder" in people and outsider.username not in people

    client.force_login(learner)
    mine = client.get("/mine-kurser/")
    assert [a.requirement for a in mine.context["required"]] == [requirement]
    assert "Opfølgning: FVL § 19, stk. 1" in mine.content.decode()
    client.force_login(outsider)
    assert not client.get("/mine-kurser/").context["required"]

    follow = followups_for(finding_ids=[finding.pk])[finding.pk]
    assert follow.total == Assignment.objects.filter(requirement=requirement).count()
    assert str(follow) == f"0 af {follow.total} gennemført, 0 overskredet"
    client.force_login(jurist)
    listing = client.get("/admin/snippets/findings/finding/").content.decode()
    assert f"0 af {follow.total} gennemført, 0 overskredet" in listing


def test_the_followup_copies_only_lessons_citing_the_chosen_provision(
    jurist, learner, units, provisions, cited_course
):
    finding = add_finding(by=jurist, units=[units["team"]], targets=[provisions["fvl19"]])
    requirement, _assignments = followup_create(
        findings=[finding],
        targets=[("provision", provisions["fvl19"].pk)],
        unit=units["team"],
        due_days=14,
        by=jurist,
    )
    from courses.models import LessonPage

    titles = list(
        LessonPage.objects.descendant_of(requirement.course).values_list("title", flat=True)
    )
    assert titles == ["Partshøring"]


def test_a_followup_without_lessons_or_outside_scope_writes_nothing(
    jurist, units, provisions, groups
):
    from people.roles import JURIST
    from tests.factories import unit

    finding = add_finding(by=jurist, units=[units["team"]], targets=[provisions["fvl19"]])
    with pytest.raises(FindingRefused):
        followup_create(
            findings=[finding],
            targets=[("provision", provisions["fvl19"].pk)],
            unit=units["team"],
            due_days=30,
            by=jurist,
        )  # no lesson cites it
    outsider_jurist = UserFactory(org_unit=unit("KFF"), is_staff=True)
    outsider_jurist.groups.add(groups[JURIST])
    with pytest.raises(FindingRefused):
        followup_create(
            findings=[finding],
            targets=[("provision", provisions["fvl19"].pk)],
            unit=units["team"],
            due_days=30,
            by=outsider_jurist,
        )
    assert not Requirement.objects.exists()


def test_a_followup_can_be_limited_to_the_caseworkers_of_the_unit(
    client, jurist, learner, manager, units, provisions, cited_course
):
    finding = add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
    client.force_login(jurist)
    response = client.post(
        f"/admin/fund-opfoelgning/?fund={finding.pk}",
        {
            "findings": [finding.pk],
            "targets": [f"provision-{provisions['fvl19'].pk}"],
            "unit": units["centre"].pk,
            "job_titles": "sagsbehandler\n",
            "due_days": 30,
            "title": "",
        },
    )
    assert response.status_code == 302
    requirement = Requirement.objects.get(name__startswith="Opfølgning")
    people = set(
        Assignment.objects.filter(requirement=requirement).values_list("person", flat=True)
    )
    assert people == {learner.pk}  # the Centerchef of the same centre is not a caseworker
    assert requirement.job_titles == "sagsbehandler"


def test_a_job_title_nobody_in_the_unit_has_is_refused_and_nothing_is_written(
    jurist, units, provisions, cited_course
):
    finding = add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
    with pytest.raises(FindingRefused, match="stillingsbetegnelser"):
        followup_create(
            findings=[finding],
            targets=[("provision", provisions["fvl19"].pk)],
            unit=units["centre"],
            due_days=30,
            by=jurist,
            job_titles=["landinspektør"],
        )
    assert not Requirement.objects.filter(name__startswith="Opfølgning").exists()
    assert not finding.requirements.exists()
