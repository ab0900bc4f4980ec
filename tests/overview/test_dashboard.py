"""HR's dashboard at /admin/overblik/: three charts with text alternatives and tables, today's
figures equal to the rollup's, links to each unit's list, downloads, bad input, who may see it,
and a query count that does not grow with the units shown."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from compliance.reports import compliance_rollup_rows
from compliance.services import counts_rebuild, requirements_evaluate
from overview.models import ComplianceSnapshot
from overview.services import snapshot_take
from people.models import AuditEvent, OrgUnit
from tests.factories import UserFactory, unit
from tests.overview.conftest import people_in, snapshot

pytestmark = pytest.mark.django_db

URL = "/admin/overblik/"


@pytest.fixture
def hr_client(client, hr, groups):
    from people.services import roles_ensure

    roles_ensure()
    client.force_login(hr)
    return client


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def test_hr_sees_three_charts_each_with_a_text_alternative_a_table_and_downloads(
    hr_client, cycles, units
):
    today = timezone.localdate()
    snapshot(
        units["tmf"],
        cycles,
        today.replace(day=1) - dt.timedelta(days=1),
        completed=0,
        not_started=4,
    )
    snapshot_take(day=today - dt.timedelta(days=1))
    response = hr_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Teknik- og Miljøforvaltningen: 25,0 % af 4 overholdt i dag." in html
    for chart in ("udvikling", "enheder", "overskredne"):
        assert f'aria-labelledby="{chart}-title"' in html
        assert f'<desc id="{chart}-desc">' in html
        assert f"format=csv&amp;chart={chart}" in html and f"format=svg&amp;chart={chart}" in html
    assert html.count('role="img"') == 2 and html.count('role="group"') == 1
    assert html.count("<details") == 3 and "Vis tallene som tabel" in html
    assert "0,0 %" in html and "25,0 %" in html  # last month 0 of 4, this month 1 of 4
    charts = html.split('class="nice-padding"', 1)[1]
    assert " style=" not in charts and "<script" not in charts  # nothing inline (CSP)


def test_todays_figures_per_child_unit_equal_the_rollup_and_come_worst_first(
    hr_client, cycles, units
):
    rows = csv_rows(hr_client.get(URL, {"format": "csv", "chart": "enheder"}))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["Enhed", "Enhedskode"] and header[-2:] == ["I alt", "Procent overholdt"]
    assert [r[1] for r in body] == ["BD", "BA"]  # 0 % before 50 %
    children = [units["area"], units["other_area"]]
    rollup = {r.unit.code: r for r in compliance_rollup_rows(units=children, requirement=None)}
    for row in body:
        expected = rollup[row[1]]
        assert int(row[-2]) == expected.total
        assert row[-1] == f"{expected.percent:.1f}".replace(".", ",")
        completed, exempt = int(row[2]), int(row[3])
        assert completed + exempt == expected.compliant
        assert int(row[6]) == expected.overdue
    # and the rollup page prints the same share for the area
    assert "50,0 %" in hr_client.get("/admin/overholdelse/").content.decode()


def test_each_bar_links_to_the_units_assignment_list_which_shows_that_unit(
    hr_client, cycles, units, learner, manager
):
    html = hr_client.get(URL, {"unit": units["centre"].pk}).content.decode()
    link = f'href="/admin/tildelinger/?unit={units["team"].pk}"'
    assert link in html  # the team's bar (and its row in the table)
    listing = hr_client.get(f"/admin/tildelinger/?unit={units['team'].pk}").content.decode()
    assert learner.get_full_name() in listing and manager.get_full_name() not in listing
    assert "gyldig valgmulighed" not in listing


def test_a_requirement_and_a_date_range_narrow_the_history(hr_client, cycles, units):
    other = type(cycles).objects.create(
        name="Andet krav", course=cycles.course, applies_from=dt.date(2020, 1, 1)
    )
    snapshot(units["tmf"], cycles, dt.date(2026, 3, 31), completed=1, not_started=1)
    snapshot(units["tmf"], other, dt.date(2026, 3, 31), overdue=2)
    query = {"unit": units["tmf"].pk, "start": "2026-03-01", "end": "2026-04-30"}
    rows = csv_rows(hr_client.get(URL, query | {"format": "csv", "chart": "udvikling"}))
    assert [r[0] for r in rows[1:]] == ["2026-03", "2026-04"]
    assert rows[1][-2:] == ["4", "25,0"] and rows[2][-1] == ""
    rows = csv_rows(
        hr_client.get(
            URL, query | {"requirement": cycles.pk, "format": "csv", "chart": "udvikling"}
        )
    )
    assert rows[1][-2:] == ["2", "50,0"]
    bars = csv_rows(hr_client.get(URL, query | {"format": "csv", "chart": "overskredne"}))
    assert bars[1] == ["2026-03", "2026-03-31", "2"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2027-01-01", "end": "2026-01-01"}, "Fra-datoen ligger efter til-datoen"),
        ({"start": "1976-01-01", "end": "2026-01-01"}, "højst 5 år ad gangen"),
        ({"start": "i går"}, "Skriv fra-datoen som åååå-mm-dd"),
        ({"requirement": "999999"}, "Kravet findes ikke"),
        ({"requirement": "abc"}, "Kravet findes ikke"),
        ({"unit": "999999"}, "Enheden findes ikke, eller du har ikke adgang"),
    ],
)
def test_bad_input_gives_a_danish_message_and_no_chart(hr_client, cycles, query, message):
    response = hr_client.get(URL, query)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and 'role="alert"' in html
    assert "<svg xmlns" not in html
    export = hr_client.get(URL, query | {"format": "csv", "chart": "enheder"})
    assert export.status_code == 400 and message in export.content.decode()


def test_a_unit_outside_hrs_administration_is_refused(hr_client, cycles):
    elsewhere = unit("KFF", "Kultur- og Fritidsforvaltningen")
    html = hr_client.get(URL, {"unit": elsewhere.pk}).content.decode()
    assert "Enheden findes ikke, eller du har ikke adgang til at se den." in html
    assert "Kultur- og Fritidsforvaltningen" not in html  # not even offered in the picker


def test_an_unknown_download_is_a_bad_request_not_an_error(hr_client, cycles):
    assert hr_client.get(URL, {"format": "pdf"}).status_code == 400
    assert hr_client.get(URL, {"format": "csv", "chart": "kage"}).status_code == 400


def test_hr_without_a_unit_is_told_so(client, groups, cycles):
    from people.roles import HR
    from people.services import roles_ensure

    roles_ensure()
    loose = UserFactory(is_staff=True)
    loose.groups.add(groups[HR])
    client.force_login(loose)
    html = client.get(URL).content.decode()
    assert "Du er ikke knyttet til en enhed" in html


def test_downloads_are_csv_with_bom_and_formula_safe_and_svg_standalone_and_audited(
    hr_client, cycles, units
):
    OrgUnit.objects.filter(pk=units["other_area"].pk).update(name="=HYPERLINK(1)")
    response = hr_client.get(URL, {"format": "csv", "chart": "enheder"})
    assert response["Content-Type"].startswith("text/csv")
    assert (
        f"overblik-enheder-{timezone.localdate():%Y-%m-%d}.csv" in response["Content-Disposition"]
    )
    assert any(r[0] == "'=HYPERLINK(1)" for r in csv_rows(response))
    svg = hr_client.get(URL, {"format": "svg", "chart": "udvikling"})
    assert svg["Content-Type"].startswith("image/svg+xml")
    body = svg.content.decode()
    assert body.startswith('<?xml version="1.0"') and 'xmlns="http://www.w3.org/2000/svg"' in body
    assert "<title" in body and "<desc" in body
    assert AuditEvent.objects.filter(action="export", what__startswith="Overblik: enheder").exists()
    assert AuditEvent.objects.filter(action="export", what__contains="(SVG)").exists()


@pytest.mark.parametrize("who", ["learner", "manager", "jurist"])
def test_only_hr_may_see_it(client, cycles, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert client.get(URL, {"format": "csv", "chart": "enheder"}).status_code in (302, 403)


def test_the_page_is_not_cached(hr_client, cycles):
    response = hr_client.get(URL)
    assert "no-store" in response["Cache-Control"]


def test_the_queries_do_not_grow_with_the_units_shown(
    hr_client, cycles, units, django_assert_max_num_queries
):
    today = timezone.localdate()
    for day in range(1, 60):
        snapshot_take(day=today - dt.timedelta(days=day))

    def page(unit_pk):
        hr_client.get(URL, {"unit": unit_pk})  # the admin menu is cached per person after this
        with django_assert_max_num_queries(25) as ctx:
            assert hr_client.get(URL, {"unit": unit_pk}).status_code == 200
        return len(ctx.captured_queries)

    few = page(units["area"].pk)
    for i in range(12):
        team = unit(f"BA-T{i}", f"Team {i}", units["area"])
        people_in(team, 2)
    requirements_evaluate(today=today)
    counts_rebuild()
    ComplianceSnapshot.objects.all().delete()
    for day in range(1, 60):
        snapshot_take(day=today - dt.timedelta(days=day))
    many = page(units["area"].pk)
    assert many == few
    html = hr_client.get(URL, {"unit": units["area"].pk}).content.decode()
    assert "Team 11" in html


def test_the_admin_home_shows_hr_a_compliance_panel(client, hr, jurist, groups, cycles):
    from people.services import roles_ensure

    roles_ensure()
    client.force_login(hr)
    html = client.get("/admin/").content.decode()
    assert "Overholdelse de seneste 12 måneder" in html and "/admin/overblik/" in html
    assert 'id="hjem-udvikling-title"' in html and "overview/charts.css" in html
    client.force_login(jurist)
    assert "Overholdelse de seneste 12 måneder" not in client.get("/admin/").content.decode()
