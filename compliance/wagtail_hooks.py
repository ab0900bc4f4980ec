"""HR's admin: requirements (a ModelViewSet guarded by model permissions), reports and
exemptions. Menu items show only to HR."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from guidelines.models import GuidelineChange

from . import admin_views, notice_admin, reports
from .models import Requirement


class RequirementViewSet(ModelViewSet):
    model = Requirement
    icon = "tasks"
    menu_label = _("Obligatoriske krav")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "name",
        "kind",
        Column("target_title", label=_("Kursus eller administrationsgrundlag")),
        "trigger",
        "due_days",
        "recurrence",
        "is_active",
    ]
    list_filter = ["is_active", "kind", "trigger", "recurrence"]
    form_fields = [
        "name",
        "kind",
        "course",
        "guideline",
        "sections",
        "managers_only",
        "units",
        "job_titles",
        "trigger",
        "due_days",
        "grace_days",
        "recurrence",
        "recurrence_months",
        "window_month",
        "window_day",
        "renewal_window_days",
        "applies_from",
        "is_active",
    ]


@hooks.register("paragraf_guideline_panels")
def acknowledgement_panel(request, page) -> str:
    """On a guideline page: the reader's "Læst og forstået" — the button while a cycle is open,
    otherwise which version they confirmed and when. Empty for everyone else."""
    from django.template.loader import render_to_string

    from guidelines.models import GuidelineSection

    from .acknowledgements import acknowledgement_of, open_acknowledgement_cycles

    user = request.user
    if not user.is_authenticated or getattr(request, "is_preview", False):
        return ""
    cycles = open_acknowledgement_cycles(user=user, guideline_id=page.pk)
    latest = acknowledgement_of(user=user, guideline_id=page.pk)
    if not cycles and latest is None:
        return ""
    keys = {key for cycle in cycles for key in cycle.requirement.section_keys()}
    if any(not cycle.requirement.section_keys() for cycle in cycles):
        keys = set()  # one requirement asks for the whole guideline: that covers the rest
    sections = (
        list(GuidelineSection.objects.filter(page=page, key__in=keys).order_by("sort_order"))
        if keys
        else []
    )
    return render_to_string(
        "compliance/includes/acknowledge_panel.html",
        {
            "page": page,
            "cycle": cycles[0] if cycles else None,
            "sections": sections,
            "latest": latest,
            "latest_is_live": latest is not None and latest.revision_id == page.live_revision_id,
        },
        request=request,
    )


@hooks.register("register_admin_viewset")
def register_requirements():
    return RequirementViewSet("requirements")


@hooks.register("register_admin_urls")
def compliance_admin_urls():
    return [
        path(
            "genopfriskning/",
            include(
                (
                    [path("<int:change_id>/", admin_views.retraining_create_view, name="create")],
                    "retraining_admin",
                )
            ),
        ),
        path("overholdelse/", reports.ComplianceRollupReport.as_view(), name="compliance_rollup"),
        path(
            "overholdelse/results/",
            reports.ComplianceRollupReport.as_view(results_only=True),
            name="compliance_rollup_results",
        ),
        path("tildelinger/", reports.AssignmentReport.as_view(), name="compliance_assignments"),
        path(
            "tildelinger/results/",
            reports.AssignmentReport.as_view(results_only=True),
            name="compliance_assignments_results",
        ),
        path(
            "tildelinger/person/<int:person_id>/",
            reports.PersonRecordReport.as_view(),
            name="compliance_person",
        ),
        path(
            "tildelinger/person/<int:person_id>/results/",
            reports.PersonRecordReport.as_view(results_only=True),
            name="compliance_person_results",
        ),
        path(
            "tildelinger/<int:assignment_id>/fritag/", admin_views.exempt, name="compliance_exempt"
        ),
        path(
            "tildelinger/<int:assignment_id>/beskeder/",
            notice_admin.AssignmentNoticeReport.as_view(),
            name="compliance_assignment_notices",
        ),
        path(
            "tildelinger/<int:assignment_id>/beskeder/results/",
            notice_admin.AssignmentNoticeReport.as_view(results_only=True),
            name="compliance_assignment_notices_results",
        ),
    ]


class HRMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("compliance.view_assignment")


@hooks.register("register_reports_menu_item")
def rollup_menu_item():
    return HRMenuItem(
        _("Overholdelse pr. enhed"), reverse("compliance_rollup"), icon_name="list-ul", order=100
    )


@hooks.register("register_reports_menu_item")
def assignments_menu_item():
    return HRMenuItem(
        _("Tildelinger"), reverse("compliance_assignments"), icon_name="list-ul", order=110
    )


@hooks.register("guideline_change_actions")
def retraining_action(change):
    """On a material guideline change, the way to its re-training (guidelines asks every app
    through this hook, so it never names a compliance URL)."""
    if change.kind != GuidelineChange.Kind.MATERIAL:
        return None
    return _("Opret genopfriskning"), reverse("retraining_admin:create", args=[change.pk])


from . import evidence_admin  # noqa: E402, F401  (the evidence screen registers its own hooks)


@hooks.register("register_admin_urls")
def history_import_urls():
    """The historical completions import: the HR import flow's upload page for its own kind of
    file (preview, confirm and cancel are the HR import's, keyed on the upload's token)."""
    from people.admin_views import hr_import
    from people.models import HRImport

    return [
        path(
            "historik-import/",
            hr_import,
            {"kind": HRImport.Kind.HISTORY},
            name="compliance_history_import",
        )
    ]


@hooks.register("register_admin_menu_item")
def history_import_menu_item():
    from people.admin_menu import RoleMenuItem
    from people.roles import may

    return RoleMenuItem(
        _("Indlæs historik"),
        reverse("compliance_history_import"),
        icon_name="history",
        order=261,
        check=may("people.add_hrimport"),
    )
