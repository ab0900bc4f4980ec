"""Panels other screens show: the compliance chart on the Wagtail admin home (HR) and the team
chart on the manager's ``/mit-team/`` (contributed through compliance's team-panel hook, so
compliance never imports this app)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from compliance.selectors import RollupRow, unit_status_counts
from people.models import OrgUnit
from people.scope import units_visible

from .charts import day_text
from .figures import history_figures, last_snapshot_day, rollup_figure, team_figures
from .forms import default_range
from .selectors import compliance_history, team_comparison
from .svg import line_svg


class HomeCompliancePanel(Component):
    """The admin home's panel for HR: their administration's share compliant over the last 12
    months and today, with a link to the dashboard. Four queries."""

    name = "overview_compliance"
    order = 90
    template_name = "overview/home_panel.html"

    class Media:
        css = {"all": ["overview/charts.css"]}

    def __init__(self, unit: OrgUnit):
        self.unit = unit

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict:
        start, end = default_range(timezone.localdate())
        points = compliance_history(unit_ids=[self.unit.pk], start=start, end=end)[self.unit.pk]
        all_requirements = _("alle krav")
        subject = f"{self.unit.name} · {all_requirements}"
        chart, table = history_figures(points, subject=subject, chart_id="hjem-udvikling")
        latest = last_snapshot_day(points)
        return {
            "unit": self.unit,
            "chart": chart,
            "svg": line_svg(chart),
            "table": table,
            "now": rollup_figure(unit_breakdown_row(self.unit)),
            "latest": day_text(latest) if latest else None,
            "dashboard_url": reverse("overview_dashboard"),
        }


def unit_breakdown_row(unit: OrgUnit) -> RollupRow:
    """Today's rollup row of ``unit`` alone (one query on the counts)."""
    return RollupRow(unit=unit, counts=unit_status_counts([unit.pk]).get(unit.pk, {}))


def home_panel_for(user) -> HomeCompliancePanel | None:
    """The panel for HR with a unit to look at (the top of what they may see), else None."""
    unit = units_visible(user=user).first()
    return None if unit is None else HomeCompliancePanel(unit)


class TeamOverviewPanel(Component):
    """On ``/mit-team/``: the team's share compliant over the last 12 months against its parent
    unit and the whole administration, with today's figures. Three queries."""

    template_name = "overview/team_panel.html"

    def __init__(self, unit: OrgUnit):
        self.unit = unit

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict:
        start, end = default_range(timezone.localdate())
        chart, table, today = team_figures(team_comparison(unit=self.unit, start=start, end=end))
        return {
            "chart": chart,
            "svg": line_svg(chart),
            "table": table,
            "today": today,
            "csv_url": reverse("overview:team-chart", args=["csv"]),
            "svg_url": reverse("overview:team-chart", args=["svg"]),
        }
