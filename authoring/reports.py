"""The "Til gennemsyn" admin report: courses, guidelines and question categories due for review."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from people.models import OrgUnit, User
from people.roles import APPROVER, JURIST
from people.spreadsheets import SafeSpreadsheetExportMixin

from .selectors import STATUS_DUE, STATUS_OVERDUE, review_items


def _jurists():
    return (
        User.objects.filter(groups__name__in=[JURIST, APPROVER], is_active=True)
        .distinct()
        .order_by("first_name", "last_name")
    )


class ReviewReportFilterSet(WagtailFilterSet):
    """Validates the filter form only; ``review_items`` does the filtering across three models."""

    responsible = django_filters.ModelChoiceFilter(
        label=_("Ansvarlig jurist"), queryset=lambda request: _jurists()
    )
    owner_unit = django_filters.ModelChoiceFilter(
        label=_("Ansvarlig enhed (med underenheder)"),
        queryset=lambda request: OrgUnit.objects.filter(is_active=True).order_by("path"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(STATUS_OVERDUE, _("Overskredet")), (STATUS_DUE, _("Snart (inden 30 dage)"))],
        empty_label=_("Alle"),
    )

    class Meta:
        model = User  # unused: the form is all the report needs from the filter set
        fields: list[str] = []


class ReviewReportView(SafeSpreadsheetExportMixin, ReportView):
    file_stem = "til-gennemsyn"
    page_title = _("Til gennemsyn")
    header_icon = "calendar-alt"
    index_url_name = "authoring_review_report"
    index_results_url_name = "authoring_review_report_results"
    filterset_class = ReviewReportFilterSet
    verbose_name_plural = _("punkter til gennemsyn")
    columns = [
        TitleColumn("title", label=_("Titel"), get_url=lambda item: item.edit_url),
        Column("kind", label=_("Type")),
        Column("responsible_name", label=_("Ansvarlig jurist")),
        Column("owner_unit_name", label=_("Ansvarlig enhed")),
        Column(
            "next_review_date",
            label=_("Næste gennemsyn"),
            accessor=lambda item: date_format(item.next_review_date, "j. F Y"),
        ),
        StatusTagColumn("status_label", label=_("Status"), primary=lambda item: item.is_overdue),
    ]
    list_export = [
        "kind",
        "title",
        "responsible_name",
        "owner_unit_name",
        "next_review_date",
        "status_label",
        "admin_link",
    ]
    export_headings = {
        "kind": _("Type"),
        "title": _("Titel"),
        "responsible_name": _("Ansvarlig jurist"),
        "owner_unit_name": _("Ansvarlig enhed"),
        "next_review_date": _("Næste gennemsyn"),
        "status_label": _("Status"),
        "admin_link": _("Link"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("authoring.view_reviewdigestlog"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": User.objects.none()}

    def get_queryset(self):
        params = {}
        if self.filters is not None and self.filters.is_valid():
            params = self.filters.form.cleaned_data
        return review_items(
            today=timezone.localdate(),
            responsible=params.get("responsible"),
            owner_unit=params.get("owner_unit"),
            status=params.get("status") or None,
        )

    def filter_queryset(self, queryset):
        return queryset  # already filtered by review_items
