"""The manager's chart on /mit-team/: the team over the last 12 months against its parent unit
and the whole administration, contributed by the overview app through compliance's hook."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail import hooks

from compliance.views import TEAM_PANELS_HOOK
from overview.selectors import team_comparison
from tests.overview.conftest import snapshot

pytestmark = pytest.mark.django_db


def test_the_manager_sees_the_team_against_its_parent_and_the_administration(
    client, manager, cycles, units
):
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    snapshot(units["centre"], cycles, last_month, not_started=2)
    snapshot(units["area"], cycles, last_month, not_started=2)
    snapshot(units["tmf"], cycles, last_month, not_started=3, overdue=1)
    client.force_login(manager)
    html = client.get("/mit-team/").content.decode()
    assert "Udvikling og sammenligning" in html
    # today: the centre 1 of 2 (the learner done), the area the same, TMF 1 of 4
    assert "Dit team (Center for Byliv)" in html and "50,0 % af 2 overholdt i dag" in html
    assert "Teknik- og Miljøforvaltningen</strong>: 25,0 % af 4" in html
    assert 'role="img"' in html and 'id="team-title"' in html and "<desc" in html
    assert "Vis tallene som tabel" in html
    assert 'href="/mit-team/udvikling/csv/"' in html and 'href="/mit-team/udvikling/svg/"' in html
    assert " style=" not in html  # the front end's CSP allows no inline style


def test_the_comparison_reads_three_units_in_three_queries(
    manager, cycles, units, django_assert_num_queries
):
    today = timezone.localdate()
    with django_assert_num_queries(3):
        comparison = team_comparison(unit=units["centre"], start=today.replace(day=1), end=today)
    assert [u.code for u in comparison.units] == ["BA-BYLIV", "BA", "TMF"]
    top = team_comparison(unit=units["tmf"], start=today, end=today)
    assert [u.code for u in top.units] == ["TMF"]


def test_the_downloads_are_the_managers_own_team_only(client, manager, learner, cycles):
    client.force_login(manager)
    response = client.get("/mit-team/udvikling/csv/")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffMåned;Dit team (Center for Byliv);Byens Anvendelse;")
    assert client.get("/mit-team/udvikling/svg/")["Content-Type"].startswith("image/svg+xml")
    assert client.get("/mit-team/udvikling/pdf/").status_code == 404
    client.force_login(learner)
    assert client.get("/mit-team/udvikling/csv/").status_code == 403


def test_compliance_renders_whatever_panels_the_hook_gives(client, manager, cycles):
    class Panel:
        def render_html(self, context):
            return "<p>Et panel fra en anden app</p>"

    with hooks.register_temporarily(TEAM_PANELS_HOOK, lambda request, unit: Panel()):
        client.force_login(manager)
        html = client.get("/mit-team/").content.decode()
    assert "Et panel fra en anden app" in html
