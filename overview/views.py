"""HR's dashboard in the Wagtail admin (``/admin/overblik/``) and the manager's chart downloads.

The dashboard shows, for a unit subtree and a requirement (or all) over a date range: the share
compliant per month (line), today's statuses per child unit (stacked bars, worst first, each a
link to the unit's assignment list) and the overdue cycles per month (bars). The history is read
from the nightly snapshots, today's figures from the materialised counts as the rollup report
reads them. A fixed number of queries whatever the number of units shown.
"""

from __future__ import annotations

import logging
from typing import cast
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.selectors import managed_unit
from people.models import User

from .charts import day_text, month_text
from .exports import csv_response, svg_response
from .figures import (
    breakdown_figures,
    history_figures,
    last_snapshot_day,
    overdue_figures,
    rollup_figure,
    team_figures,
)
from .forms import DashboardFilterForm, default_range
from .selectors import compliance_history, team_comparison, unit_breakdown
from .svg import chart_svg

logger = logging.getLogger(__name__)

CHARTS = ("udvikling", "enheder", "overskredne")
FORMATS = ("csv", "svg")


def may_see_dashboard(user) -> bool:
    """HR (whoever may view assignments): the same permission as the compliance reports."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("compliance.view_assignment")
    )


def form_errors(form: DashboardFilterForm) -> list[str]:
    """The form's errors as Danish lines, each field's prefixed with its label."""
    errors = [str(error) for error in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name != "__all__":
            errors += [f"{form.fields[name].label}: {message}" for message in messages]
    return errors


def dashboard(request: HttpRequest) -> HttpResponse:
    """The dashboard; with ``?format=csv|svg&chart=udvikling|enheder|overskredne`` one chart's
    table as CSV or the chart as SVG."""
    if not may_see_dashboard(request.user):
        raise PermissionDenied
    export, chart_name = request.GET.get("format"), request.GET.get("chart", "udvikling")
    if export is not None and (export not in FORMATS or chart_name not in CHARTS):
        logger.warning(
            "overview export refused user=%s format=%s chart=%s",
            request.user.pk,
            export,
            chart_name,
        )
        return HttpResponseBadRequest(
            _("Ukendt format eller diagram."), content_type="text/plain; charset=utf-8"
        )
    form = DashboardFilterForm(request.GET, user=cast(User, request.user))
    context = {"form": form, "page_title": _("Overblik over overholdelse"), "header_icon": "view"}
    if not form.is_valid():
        errors = form_errors(form)
        logger.warning(
            "overview dashboard refused user=%s query=%s errors=%s",
            request.user.pk,
            request.GET.urlencode(),
            form.errors.as_json(),
        )
        if export:
            return HttpResponseBadRequest(
                " ".join(errors), content_type="text/plain; charset=utf-8"
            )
        return render(request, "overview/dashboard.html", context | {"errors": errors})

    data = form.cleaned_data
    unit, requirement, start, end = data["unit"], data["requirement"], data["start"], data["end"]
    scope = requirement.name if requirement else _("alle krav")
    subject = f"{unit.name} · {scope}"
    points = compliance_history(unit_ids=[unit.pk], start=start, end=end, requirement=requirement)[
        unit.pk
    ]
    breakdown = unit_breakdown(unit=unit, requirement=requirement)
    list_url = reverse("compliance_assignments")
    charts = {
        "udvikling": history_figures(points, subject=subject, chart_id="udvikling"),
        "enheder": breakdown_figures(breakdown, subject=subject, list_url=list_url),
        "overskredne": overdue_figures(points, subject=subject),
    }
    if export:
        chart, table = charts[chart_name]
        stem, what = f"overblik-{chart_name}", f"Overblik: {chart_name}, {subject}"
        if export == "csv":
            return csv_response(request, table, stem=stem, what=what, unit=unit)
        return svg_response(
            request, chart_svg(chart, standalone=True), stem=stem, what=what, unit=unit
        )

    query = {"unit": unit.pk, "start": start.isoformat(), "end": end.isoformat()}
    if requirement is not None:
        query["requirement"] = requirement.pk
    headings = {
        "udvikling": _("Overholdelse over tid"),
        "enheder": _("Status pr. underenhed i dag"),
        "overskredne": _("Overskredne tildelinger pr. måned"),
    }
    figures = []
    for name, (chart, table) in charts.items():
        figures.append(
            {
                "name": name,
                "heading": headings[name],
                "chart": chart,
                "table": table,
                "svg": chart_svg(chart),
                "csv_url": "?" + urlencode({**query, "format": "csv", "chart": name}),
                "svg_url": "?" + urlencode({**query, "format": "svg", "chart": name}),
            }
        )
    latest = last_snapshot_day(points)
    context |= {
        "unit": unit,
        "requirement": requirement,
        "period": f"{month_text(start)} – {month_text(end)}",
        "now": rollup_figure(breakdown.unit),
        "latest": day_text(latest) if latest else None,
        "figures": figures,
    }
    return render(request, "overview/dashboard.html", context)


@login_required
def team_chart_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The manager's team chart (``/mit-team/udvikling/csv/`` or ``…/svg/``): their own unit only."""
    unit = managed_unit(user=cast(User, request.user))
    if unit is None:
        raise PermissionDenied
    if fmt not in FORMATS:
        raise Http404
    start, end = default_range(timezone.localdate())
    chart, table, _today = team_figures(team_comparison(unit=unit, start=start, end=end))
    what = f"Mit team: udvikling, {unit.name}"
    if fmt == "csv":
        return csv_response(request, table, stem="mit-team-udvikling", what=what, unit=unit)
    return svg_response(
        request,
        chart_svg(chart, standalone=True),
        stem="mit-team-udvikling",
        what=what,
        unit=unit,
    )
