"""'Jura i praksis': findings high, training low; a fixed number of queries; export audited;
managers see their own subtree on /mit-team/."""

from __future__ import annotations

from courses.services import step_complete
from findings.models import Finding
from findings.selectors import practice_rows
from people.models import AuditEvent
from tests.factories import UserFactory
from tests.findings.conftest import add_finding

URL = "/admin/jura-i-praksis/"


def test_it_puts_the_provision_with_most_findings_and_least_training_first(
    jurist, learner, units, provisions, cited_course
):
    for _n in range(3):
        add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
    add_finding(
        by=jurist,
        units=[units["team"]],
        targets=[provisions["fvl22"]],
        severity=Finding.Severity.BEMAERKNING,
    )
    add_finding(by=jurist, units=[units["other_team"]], targets=[provisions["fvl22"]])
    step_complete(user=learner, page=cited_course["reasons"])

    rows = practice_rows(unit=units["centre"])

    assert [r.key for r in rows] == ["FVL-19-1", "FVL-22"]
    assert rows[0].kritik == 3 and rows[0].trained == 0
    assert rows[1].bemaerkning == 1 and rows[1].kritik == 0  # the other area's finding is not here
    assert rows[1].trained == 1 and rows[1].people >= 1


def test_equal_findings_are_ordered_least_trained_first(
    jurist, learner, units, provisions, cited_course
):
    add_finding(by=jurist, units=[units["team"]], targets=[provisions["fvl19"]])
    add_finding(by=jurist, units=[units["team"]], targets=[provisions["fvl22"]])
    step_complete(user=learner, page=cited_course["hearing"])
    assert [r.key for r in practice_rows(unit=units["team"])] == ["FVL-22", "FVL-19-1"]


def test_the_report_runs_a_fixed_number_of_queries(
    client, jurist, units, provisions, cited_course, django_assert_max_num_queries
):
    client.force_login(jurist)
    add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
    client.get(URL)  # warm the session and content types
    with django_assert_max_num_queries(30) as few:
        assert client.get(URL).status_code == 200
    for n in range(8):
        UserFactory(org_unit=units["team"])
        add_finding(
            by=jurist,
            units=[units["team"]],
            targets=[provisions["fvl22"], provisions["fvl19"]],
            days_ago=n + 1,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(URL).content.decode()
    assert "FVL § 19, stk. 1" in html and "FVL § 22" in html


def test_the_export_is_audited_and_formula_safe(client, hr, jurist, units, provisions):
    add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
    client.force_login(hr)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"FVL-19-1" in body
    assert AuditEvent.objects.filter(actor=hr, action="export").exists()


def test_a_unit_can_be_drilled_down_and_up(client, jurist, units, provisions):
    add_finding(by=jurist, units=[units["team"]], targets=[provisions["fvl19"]])
    client.force_login(jurist)
    html = client.get(URL, {"unit": units["centre"].pk}).content.decode()
    assert f"unit={units['team'].pk}" in html  # a link one level down
    html = client.get(URL, {"unit": units["team"].pk}).content.decode()
    assert "Et niveau op" in html


def test_managers_see_the_figures_of_their_own_subtree_on_my_team(
    client, manager, learner, jurist, units, provisions, groups
):
    add_finding(by=jurist, units=[units["team"]], targets=[provisions["fvl19"]])
    add_finding(
        by=jurist,
        units=[units["other_team"]],
        targets=[provisions["fvl22"]],
        summary="Klagevejledningen manglede i afgørelser om cykeloprydning.",
    )
    client.force_login(manager)
    html = client.get("/mit-team/").content.decode()
    assert "Jura i praksis" in html
    assert "FVL § 19, stk. 1" in html
    assert "FVL § 22" not in html  # another area's finding
    assert "Klagevejledningen" not in html  # never a finding's text


def test_the_jurists_provision_page_shows_its_findings_and_training_side_by_side(
    client, jurist, learner, units, provisions, cited_course
):
    from django.urls import reverse

    for _n in range(2):
        add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
    add_finding(
        by=jurist,
        units=[units["team"]],
        targets=[provisions["fvl19"]],
        severity=Finding.Severity.HENSTILLING,
    )
    step_complete(user=learner, page=cited_course["hearing"])
    client.force_login(jurist)
    url = reverse("guidelines_admin:provision_citations", args=[provisions["fvl19"].pk])
    html = client.get(url).content.decode()
    assert "Jura i praksis" in html
    assert "3 fund: 2 kritik, 1 henstilling, 0 bemærkning." in html
    assert "Uddannet i den: " in html and "(1 af " in html
    assert "Quiz: ingen besvarelser endnu." in html
    assert f'href="/admin/jura-i-praksis/?unit={units["tmf"].pk}"' in html


def test_the_practice_figures_stay_off_the_page_for_staff_who_may_not_see_findings(
    client, jurist, units, provisions, cited_course
):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from people.roles import JURIST
    from people.services import roles_ensure

    add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
    # a jurist's group without the findings permission: the page stays, the figures go
    limited = Group.objects.create(name="Jurist uden fund")
    limited.permissions.set(roles_ensure()[JURIST].permissions.exclude(codename="view_finding"))
    reader = UserFactory(org_unit=units["tmf"], is_staff=True)
    reader.groups.set([limited])
    client.force_login(reader)
    url = reverse("guidelines_admin:provision_citations", args=[provisions["fvl19"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Jura i praksis" not in response.content.decode()


def test_the_unit_picker_offers_only_the_users_administration_and_refuses_others(
    client, jurist, units, provisions, cited_course
):
    from tests.factories import StatuteProvisionFactory, unit

    elsewhere = unit("KFF", "Kultur- og Fritidsforvaltningen")
    secret = StatuteProvisionFactory(key="OFL-7", act_short="OFL", number="7")
    add_finding(by=jurist, units=[elsewhere], targets=[secret])
    add_finding(by=jurist, units=[units["team"]], targets=[provisions["fvl19"]])
    client.force_login(jurist)
    page = client.get(URL).content.decode()
    assert "Kultur- og Fritidsforvaltningen" not in page
    assert "Team Udeservering" not in page.split("<select", 1)[1].split("</select>", 1)[0]
    refused = client.get(URL, {"unit": elsewhere.pk}).content.decode()
    assert "OFL § 7" not in refused and "Kultur- og Fritidsforvaltningen" not in refused
    # the drill-down's link to a team works: the team is offered with the areas and centres
    team = client.get(URL, {"unit": units["team"].pk}).content.decode()
    assert "FVL § 19" in team and "Team Udeservering" in team
