"""Findings in the Wagtail admin: the snippet (jurists add and change, HR reads), the bulk entry,
the follow-up, the report "Jura i praksis", and the managers' panel on /mit-team/ (compliance's
``my_team`` asks every app through the ``paragraf_team_panels`` hook)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from people.admin_menu import RoleMenuItem
from people.roles import may
from people.scope import units_visible

from . import admin_views, reports
from .forms import FindingForm
from .models import Finding
from .selectors import DEFAULT_PANEL_DAYS, FollowUp, followups_for, practice_rows


def _targets(finding: Finding) -> str:
    labels = []
    for cited in finding.cited.all():
        if cited.provision is not None:
            labels.append(cited.provision.reference)
        elif cited.section is not None:
            labels.append(cited.section.key)
    return ", ".join(labels)


class FindingIndexView(IndexView):
    def get_base_queryset(self):
        # only findings concerning a unit in the user's scope
        units = units_visible(user=self.request.user)
        return Finding.objects.filter(
            pk__in=Finding.units.through.objects.filter(orgunit__in=units).values("finding_id")
        ).prefetch_related("units", "cited__provision", "cited__section")

    def get_table(self, object_list):
        # the follow-up of every finding on the page in three queries, not three per row
        followups = followups_for(finding_ids=[f.pk for f in object_list])
        for finding in object_list:
            finding.followup = followups.get(finding.pk, FollowUp())
            finding.targets_label = _targets(finding)
            finding.units_label = ", ".join(u.name for u in finding.units.all())
        return super().get_table(object_list)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if admin_views.may_follow_up(self.request.user):
            from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

            buttons.append(
                ButtonMenuItem(
                    _("Opret opfølgning"),
                    url=f"{reverse('findings_followup')}?{urlencode({'fund': instance.pk})}",
                    icon_name="tasks",
                    priority=40,
                )
            )
        return buttons


class FindingInspectView(InspectView):
    fields = [
        "found_on",
        "source",
        "severity",
        "units",
        "targets",
        "summary",
        "reference",
        "document",
        "followup",
    ]

    def get_field_label(self, field_name, field):
        extra = {"targets": _("Bestemmelser og afsnit"), "followup": _("Opfølgning")}
        return extra.get(field_name) or super().get_field_label(field_name, field)

    def get_targets_display_value(self):
        return _targets(self.object)

    def get_followup_display_value(self):
        return str(followups_for(finding_ids=[self.object.pk]).get(self.object.pk, FollowUp()))


class FindingViewSet(SnippetViewSet):
    model = Finding
    icon = "warning"
    menu_label = _("Fund")
    menu_name = "findings"
    menu_order = 255
    add_to_admin_menu = True
    index_view_class = FindingIndexView
    inspect_view_class = FindingInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList(Finding.panels, base_form_class=FindingForm)
    list_display = [
        "found_on",
        "source",
        "severity",
        Column("units_label", label=_("Enheder")),
        Column("targets_label", label=_("Bestemmelser og afsnit")),
        Column("followup", label=_("Opfølgning")),
    ]
    list_filter = ["source", "severity"]
    ordering = ["-found_on", "-pk"]


register_snippet(FindingViewSet)


@hooks.register("register_admin_urls")
def findings_admin_urls():
    return [
        path("fund-indlaes/", admin_views.bulk_upload, name="findings_bulk"),
        path("fund-opfoelgning/", admin_views.followup, name="findings_followup"),
        path("jura-i-praksis/", reports.PracticeReport.as_view(), name="findings_practice"),
        path(
            "jura-i-praksis/results/",
            reports.PracticeReport.as_view(results_only=True),
            name="findings_practice_results",
        ),
    ]


@hooks.register("register_admin_menu_item")
def findings_bulk_menu_item():
    return RoleMenuItem(
        _("Indlæs fund"),
        reverse("findings_bulk"),
        icon_name="upload",
        order=256,
        check=may("findings.add_finding"),
    )


class PracticeMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.may_see_practice(request.user)


@hooks.register("register_reports_menu_item")
def practice_menu_item():
    return PracticeMenuItem(
        _("Jura i praksis"), reverse("findings_practice"), icon_name="openquote", order=130
    )


class PracticeTeamPanel(Component):
    template_name = "findings/includes/team_panel.html"

    def __init__(self, *, rows, unit):
        self.rows, self.unit = rows, unit

    def get_context_data(self, parent_context):
        return {"rows": self.rows, "unit": self.unit}


@hooks.register("paragraf_team_panels")
def practice_team_panel(request, unit) -> PracticeTeamPanel | None:
    """On /mit-team/: "Jura i praksis" for the manager's own subtree (the last twelve months).
    Only figures per provision – never the findings' text – and none when there are none."""
    if unit is None:
        return None
    today = timezone.localdate()
    rows = practice_rows(
        unit=unit, date_from=today - dt.timedelta(days=DEFAULT_PANEL_DAYS), date_to=today
    )
    return PracticeTeamPanel(rows=rows, unit=unit) if rows else None


@hooks.register("paragraf_citation_panels")
def practice_citation_panels(request, targets) -> dict[tuple[str, int], str]:
    """On the jurists' "where is it taught and tested" pages: each provision's or section's
    "Jura i praksis" figures for the user's administration in the last twelve months — findings
    by severity, the share trained in it, the quiz facility (about ten queries for all the
    targets of the page together)."""
    if not reports.may_see_practice(request.user) or not targets:
        return {}
    unit = units_visible(user=request.user).first()
    if unit is None:
        return {}
    today = timezone.localdate()
    date_from = today - dt.timedelta(days=DEFAULT_PANEL_DAYS)
    rows = practice_rows(unit=unit, date_from=date_from, date_to=today, targets=targets)
    report_url = reverse("findings_practice") + "?" + urlencode({"unit": unit.pk})
    return {
        (row.kind, row.pk): render_to_string(
            "findings/includes/citation_panel.html",
            {"row": row, "unit": unit, "report_url": report_url},
            request=request,
        )
        for row in rows
    }
