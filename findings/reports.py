"""The report "Jura i praksis": per statute provision and guideline section, for a period and a
unit subtree, the findings by severity beside the share of the unit trained in it and the quiz
facility on it; findings high, training low first. Drill-down to the units one level down;
CSV and XLSX from ReportView, formula-safe and audited. Jurists and HR (``view_finding``)."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import cast
from urllib.parse import urlencode

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from compliance.filters import ShortModelChoiceFilter
from compliance.reports import RowsTableMixin
from people.audit import audit_log
from people.models import OrgUnit, User
from people.scope import units_visible
from people.spreadsheets import SafeSpreadsheetExportMixin

from .models import Finding
from .selectors import PracticeRow, practice_rows

#: The period shown when none is chosen: the last twelve months.
DEFAULT_DAYS = 365


def may_see_practice(user) -> bool:
    return user.is_authenticated and user.has_perm("findings.view_finding")


class PracticeFilterSet(WagtailFilterSet):
    unit = ShortModelChoiceFilter(
        label=_("Enhed (med underenheder)"),
        queryset=OrgUnit.objects.filter(depth__lte=3).order_by("path"),
        label_field="name",
        method="filter_selected",
    )
    period = django_filters.DateFromToRangeFilter(
        label=_("Periode"), widget=DateRangePickerWidget, method="filter_selected"
    )

    class Meta:
        model = Finding
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # The picker lists the areas and centres the user may see (a select of every team
        # would dominate the page: 1,568 units at full size); a deeper unit named in ?unit=
        # (the drill-down's links) is listed with them. One query either way.
        listed = Q(depth__lte=3)
        raw = (data or {}).get("unit", "")
        if str(raw).isdigit():
            listed |= Q(pk=int(raw))
        user = getattr(self.request, "user", None)
        units = units_visible(user=user) if user is not None else OrgUnit.objects.none()
        self.filters["unit"].queryset = units.filter(listed)

    def filter_selected(self, queryset, name, value):
        return queryset  # applied in the selector, which aggregates in the database


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{number_format(value, 1)} %"


class PracticeReport(RowsTableMixin, SafeSpreadsheetExportMixin, ReportView):
    page_title = _("Jura i praksis")
    header_icon = "openquote"
    index_url_name = "findings_practice"
    index_results_url_name = "findings_practice_results"
    filterset_class = PracticeFilterSet
    paginate_by = None  # one row per provision or section with findings: tens
    file_stem = "jura-i-praksis"
    results_template_name = "findings/admin/practice_results.html"
    table_caption = _("Fund, uddannelse og quizresultater pr. bestemmelse og afsnit")  # type: ignore[assignment]
    table_headings = (
        _("Bestemmelse eller afsnit"),
        _("Kritik"),
        _("Henstilling"),
        _("Bemærkning"),
        _("Fund i alt"),
        _("Uddannet i den (%)"),
        _("Quiz: lethed (%)"),
        _("Underenheder"),
    )
    row_format = (
        '<tr><th scope="row">{}<br><span class="w-text-14">{}</span></th><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"
    )
    list_export = [
        "key",
        "reference",
        "title",
        "kritik",
        "henstilling",
        "bemaerkning",
        "findings_total",
        "people",
        "trained",
        "trained_percent",
        "answers",
        "facility_percent",
    ]
    export_headings = {
        "key": _("Nøgle"),
        "reference": _("Bestemmelse eller afsnit"),
        "title": _("Titel"),
        "kritik": _("Kritik"),
        "henstilling": _("Henstilling"),
        "bemaerkning": _("Bemærkning"),
        "findings_total": _("Fund i alt"),
        "people": _("Aktive medarbejdere"),
        "trained": _("Uddannet i den"),
        "trained_percent": _("Uddannet i den (%)"),
        "answers": _("Quizsvar"),
        "facility_percent": _("Quiz: lethed (%)"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_see_practice(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def selection(self) -> tuple[OrgUnit | None, dt.date, dt.date]:
        """The unit (the top of the user's scope unless one is chosen) and the period."""
        user = cast(User, self.request.user)
        data = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        unit = data.get("unit")
        visible = units_visible(user=user)
        if unit is not None and not visible.filter(pk=unit.pk).exists():
            raise PermissionDenied
        if unit is None:
            unit = visible.first()
        period = data.get("period")
        today = timezone.localdate()
        start = period.start if period and period.start else None
        stop = period.stop if period and period.stop else None
        date_to = stop.date() if isinstance(stop, dt.datetime) else (stop or today)
        date_from = (
            start.date() if isinstance(start, dt.datetime) else start
        ) or date_to - dt.timedelta(days=DEFAULT_DAYS)
        return unit, date_from, date_to

    def get_filtered_queryset(self):
        unit, date_from, date_to = self.selection
        if unit is None:
            return []
        if self.is_export:
            audit_log(
                actor=cast(User, self.request.user),
                action="export",
                what=f"Jura i praksis {date_from:%Y-%m-%d}–{date_to:%Y-%m-%d}",
                subject_unit=unit,
            )
        return practice_rows(unit=unit, date_from=date_from, date_to=date_to)

    def _url(self, unit: OrgUnit, **extra) -> str:
        query = {k: v for k in ("period_after", "period_before") if (v := self.request.GET.get(k))}
        return f"?{urlencode({**query, 'unit': unit.pk, **extra})}"

    @cached_property
    def children(self) -> list[OrgUnit]:
        unit = self.selection[0]
        return [] if unit is None else list(unit.get_children().order_by("name"))

    def row_cells(self, row: PracticeRow) -> tuple:
        from django.utils.html import format_html, format_html_join

        links = format_html_join(
            ", ", '<a href="{}">{}</a>', ((self._url(c), c.name) for c in self.children)
        )
        return (
            row.reference,
            row.title,
            row.kritik,
            row.henstilling,
            row.bemaerkning,
            row.findings_total,
            format_html("{} ({} af {})", _percent(row.trained_percent), row.trained, row.people),
            _percent(row.facility_percent),
            links or "–",
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        unit, date_from, date_to = self.selection
        context.update(
            {
                "selected_unit": unit,
                "date_from": date_from,
                "date_to": date_to,
                "parent_url": self._url(unit.get_parent())
                if unit is not None and unit.depth > 1
                else "",
                "child_links": [(self._url(c), c.name) for c in self.children],
            }
        )
        return context
