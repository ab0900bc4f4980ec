"""HR's reports in the Wagtail admin: compliance by unit (rolled up), the assignment list and
one person's record. CSV and XLSX come from ReportView; the full CSV of the list is streamed."""

from __future__ import annotations

import csv
import datetime as dt
import logging
from functools import cached_property

import django_filters
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Sum, Value, When
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import localize, number_format
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton

from compliance.filters import FastChoiceFilter, ShortModelChoiceFilter, unit_filter
from courses.models import CoursePage
from people.audit import audit_log
from people.models import OrgUnit, User
from people.spreadsheets import SafeSpreadsheetExportMixin, cell_safe_sql, dated_name

from .evidence import imported_label
from .keyset import Keyset, KeysetPaginator, Total, bounded_total, keyset_page
from .models import (
    OPEN_STATUSES,
    Assignment,
    ImportedCompletion,
    Requirement,
    Status,
    StatusCount,
)
from .selectors import RollupRow, acknowledged_version, unit_status_counts

logger = logging.getLogger(__name__)


class HROnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("compliance.view_assignment"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RowsTableMixin:
    """A report whose results are one table with rows built by ``format_html`` (one call per
    row): Wagtail's table component renders a template per cell, most of a page's server time
    at 50–70 rows. Subclasses give ``table_caption``, ``table_headings``, ``row_format`` and
    ``row_cells(obj)``."""

    results_template_name = "compliance/admin/rows_results.html"
    table_caption = ""
    table_headings: tuple = ()
    row_format = ""

    def row_cells(self, obj) -> tuple:
        raise NotImplementedError

    def render_to_response(self, context, **response_kwargs):
        if not self.is_export:
            context["table_caption"] = self.table_caption
            context["table_headings"] = self.table_headings
            context["rows_html"] = format_html_join(
                "\n", self.row_format, (self.row_cells(obj) for obj in context["object_list"])
            )
        return super().render_to_response(context, **response_kwargs)


# -- compliance by org unit -----------------------------------------------------------------------


class RollupFilterSet(WagtailFilterSet):
    unit = unit_filter(_("Enhed"))
    requirement = ShortModelChoiceFilter(
        label=_("Krav"),
        queryset=Requirement.objects.all(),
        label_field="name",
        method="filter_requirement",
    )

    class Meta:
        model = OrgUnit
        fields = ["unit", "requirement"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path, depth__lte=value.depth + 2)

    def filter_requirement(self, queryset, name, value):
        return queryset  # applied to the counts in decorate_paginated_queryset


class ComplianceRollupReport(HROnlyMixin, RowsTableMixin, SafeSpreadsheetExportMixin, ReportView):
    file_stem = "overholdelse-pr-enhed"
    page_title = _("Overholdelse pr. enhed")
    table_caption = _("Overholdelse pr. enhed med underenheder")
    table_headings = (
        _("Enhed"),
        _("Tildelinger"),
        _("Gennemført eller fritaget"),
        _("I gang / ikke startet"),
        _("Overskredet"),
        _("Procent overholdt"),
    )
    row_format = (
        '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>'
    )
    header_icon = "list-ul"
    filterset_class = RollupFilterSet
    index_url_name = "compliance_rollup"
    index_results_url_name = "compliance_rollup_results"
    paginate_by = None  # areas and centres: about 70 rows, one page
    list_export = ["name", "code", "total", "compliant", "open", "overdue", "percent"]
    export_headings = {
        "name": _("Enhed"),
        "code": _("Enhedskode"),
        "total": _("Tildelinger"),
        "compliant": _("Gennemført eller fritaget"),
        "open": _("I gang eller ikke startet"),
        "overdue": _("Overskredet"),
        "percent": _("Procent overholdt"),
    }

    def get_queryset(self):
        return OrgUnit.objects.filter(depth__lte=3).order_by("path")

    def decorate_paginated_queryset(self, object_list):
        units = list(object_list)
        if not units:
            return units
        cleaned = getattr(self.filters.form, "cleaned_data", {}) if self.filters else {}
        requirement = cleaned.get("requirement")
        top = min(u.depth for u in units)
        rows = {r.unit.pk: r for r in compliance_rollup_rows(units=units, requirement=requirement)}
        for unit in units:
            row = rows[unit.pk]
            unit.total, unit.compliant, unit.open, unit.overdue = (
                row.total,
                row.compliant,
                row.open,
                row.overdue,
            )
            unit.percent = row.percent
            unit.percent_display = (
                "–" if row.percent is None else f"{number_format(row.percent, 1)} %"
            )
            unit.indented_name = "\u2003" * (unit.depth - top) + unit.name
        return units

    def row_cells(self, unit):
        return (
            unit.indented_name,
            unit.total,
            unit.compliant,
            unit.open,
            unit.overdue,
            unit.percent_display,
        )


def compliance_rollup_rows(*, units, requirement):
    """Rollup rows for an already chosen list of units (one query on the counts)."""
    by_unit = unit_status_counts([u.pk for u in units], requirement=requirement)
    return [RollupRow(unit=u, counts=by_unit.get(u.pk, {})) for u in units]


# -- assignment list ------------------------------------------------------------------------------


class AssignmentFilterSet(WagtailFilterSet):
    unit = unit_filter(_("Enhed (med underenheder)"))
    course = ShortModelChoiceFilter(
        label=_("Kursus"),
        field_name="requirement__course",
        queryset=CoursePage.objects.order_by("title"),
        label_field="title",
    )
    requirement = ShortModelChoiceFilter(
        label=_("Krav"),
        field_name="requirement",
        queryset=Requirement.objects.order_by("name"),
        label_field="name",
    )
    status = FastChoiceFilter(label=_("Status"), choices=Status.choices)
    due_at = django_filters.DateFromToRangeFilter(label=_("Frist"), widget=DateRangePickerWidget)
    imported = FastChoiceFilter(
        label=_("Importerede gennemførelser"),
        choices=[("kun", _("Kun importerede")), ("uden", _("Uden importerede"))],
        method="filter_imported",
    )

    class Meta:
        model = Assignment
        fields = ["unit", "course", "requirement", "status", "due_at", "imported"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # ?unit= may also name a team (a link from the overview's bars): the picker lists the
        # areas and centres, and the named unit with them (still one query).
        raw = (data or {}).get("unit", "")
        if str(raw).isdigit():
            self.filters["unit"].queryset = OrgUnit.objects.filter(
                Q(depth__lte=3) | Q(pk=int(raw))
            ).order_by("path")

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path)

    def filter_imported(self, queryset, name, value):
        """Cycles completed by an imported completion: the same person, course and moment
        (the match certificates use for a run and its cycle)."""
        imported = Exists(
            ImportedCompletion.objects.filter(
                person_id=OuterRef("person_id"),
                course_id=OuterRef("requirement__course_id"),
                run__completed_at=OuterRef("completed_at"),
            )
        )
        if value == "kun":
            return queryset.filter(imported)
        if value == "uden":
            return queryset.exclude(imported)
        return queryset


EXPORT_COLUMNS = [
    ("person__employee_number", _("Medarbejdernr.")),
    ("person__first_name", _("Fornavn")),
    ("person__last_name", _("Efternavn")),
    ("unit__code", _("Enhedskode")),
    ("requirement__name", _("Krav")),
    ("cycle", _("Runde")),
    ("assigned_at", _("Tildelt")),
    ("due_at", _("Frist")),
    ("completed_at", _("Gennemført")),
    ("status_label", _("Status")),
    ("version", _("Version (læst og forstået)")),
]
#: Free text that a spreadsheet would run as a formula when it starts with "=" (names, codes).
EXPORT_TEXT_COLUMNS = [
    "person__employee_number",
    "person__first_name",
    "person__last_name",
    "unit__code",
    "requirement__name",
    "version",
]


def _status_code(text: str) -> str:
    if text not in Status.values:
        raise ValueError(text)
    return text


#: The list's ordering, which its pages are keyed on (the compliance_status_due index).
ASSIGNMENT_KEYSET = Keyset(
    fields=("status", "due_at", "id"), parsers=(_status_code, dt.date.fromisoformat, int)
)


class AssignmentReport(HROnlyMixin, RowsTableMixin, SafeSpreadsheetExportMixin, ReportView):
    file_stem = "tildelinger"
    page_title = _("Tildelinger")
    header_icon = "list-ul"
    filterset_class = AssignmentFilterSet
    index_url_name = "compliance_assignments"
    index_results_url_name = "compliance_assignments_results"
    results_template_name = "compliance/admin/assignment_results.html"
    list_export = [
        "person.employee_number",
        "person.get_full_name",
        "unit.code",
        "requirement.name",
        "cycle",
        "assigned_at",
        "due_at",
        "completed_at",
        "get_status_display",
        "version",
    ]
    export_headings = {
        "person.employee_number": _("Medarbejdernr."),
        "person.get_full_name": _("Navn"),
        "unit.code": _("Enhedskode"),
        "requirement.name": _("Krav"),
        "cycle": _("Runde"),
        "assigned_at": _("Tildelt"),
        "due_at": _("Frist"),
        "completed_at": _("Gennemført"),
        "get_status_display": _("Status"),
        "version": _("Version (læst og forstået)"),
    }

    table_caption = _("Tildelinger")
    table_headings = (
        _("Medarbejder"),
        _("Enhed"),
        _("Krav"),
        _("Runde"),
        _("Frist"),
        _("Status"),
    )
    row_format = (
        '<tr><td class="title"><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td></tr>"
    )

    @cached_property
    def status_labels(self) -> dict[str, str]:
        return {code: str(label) for code, label in Status.choices}

    def row_cells(self, assignment):
        return (
            reverse("compliance_person", args=[assignment.person_id]),
            assignment.person,
            assignment.unit or "–",
            assignment.requirement,
            assignment.cycle,
            localize(assignment.due_at),
            self.status_label(assignment),
        )

    def status_label(self, assignment) -> str:
        """The status, and for a completed acknowledgement the version that was confirmed."""
        label = self.status_labels.get(assignment.status, assignment.status)
        if getattr(assignment, "version", ""):
            return f"{label} – {assignment.version}"
        return label

    def get_queryset(self):
        return (
            Assignment.objects.select_related("person", "unit", "requirement")
            .annotate(version=acknowledged_version())
            .order_by(*ASSIGNMENT_KEYSET.fields)
        )

    def paginate_queryset(self, queryset, page_size):
        """A keyset page (compliance.keyset): no OFFSET and no COUNT(*) over the whole list."""
        page = keyset_page(queryset, ASSIGNMENT_KEYSET, self.request.GET, page_size)
        paginator = KeysetPaginator(self.total(queryset))
        return (paginator, page, page.object_list, True)

    def total(self, queryset) -> Total:
        count = self.materialised_count()
        if count is not None:
            return Total(count, exact=True)
        return bounded_total(queryset)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if context["paginator"] is not None:  # None for a spreadsheet export
            context["total_label"] = context["paginator"].total.label()
            context["total_exact"] = context["paginator"].total.exact
        return context

    def materialised_count(self) -> int | None:
        """The total for a unit subtree and an open status, read from the materialised counts
        instead of counting assignments. Only an open status qualifies: an open cycle is
        always the person's current one, and the counts hold current cycles. None when the
        filter needs a real COUNT (no unit, a closed or no status, or a due-date range)."""
        filters = self.filters
        if not filters or not filters.is_valid():
            return None
        data = filters.form.cleaned_data
        unit, status, due = data.get("unit"), data.get("status"), data.get("due_at")
        if unit is None or status not in OPEN_STATUSES or (due and (due.start or due.stop)):
            return None
        if data.get("imported"):
            return None  # the counts do not know which cycles were met by an import
        counts = StatusCount.objects.filter(unit=unit, status=status)
        if data.get("course") is not None:
            counts = counts.filter(requirement__course=data["course"])
        if data.get("requirement") is not None:
            counts = counts.filter(requirement=data["requirement"])
        return counts.aggregate(total=Sum("count"))["total"] or 0

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == self.FORMAT_CSV:
            # Skip the listing context, which would load every row into memory: stream instead.
            return self.write_csv_response(self.get_filtered_queryset())
        return super().get(request, *args, **kwargs)

    def write_csv_response(self, queryset):
        audit_log(actor=self.request.user, action="export", what="Tildelinger (CSV)")
        response = StreamingHttpResponse(
            assignments_csv_stream(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def write_xlsx_response(self, queryset):
        audit_log(actor=self.request.user, action="export", what="Tildelinger (XLSX)")
        return super().write_xlsx_response(queryset)


class _Echo:
    def write(self, value):
        return value


#: Bytes gathered before a chunk is handed to the server: one write per ~64 KB, not per row.
CSV_CHUNK = 64 * 1024


def export_rows(queryset):
    """The export's rows of ``queryset``, in EXPORT_COLUMNS order, as the database writes
    them: the Danish status label and formula-safe text are computed in SQL, so ``COPY`` can
    stream them as they are."""
    label = Case(
        *[When(status=code, then=Value(str(text))) for code, text in Status.choices],
        default=F("status"),
        output_field=CharField(),
    )
    text = {name: cell_safe_sql(name) for name in EXPORT_TEXT_COLUMNS}
    return (
        queryset.annotate(status_label=label, **{f"safe_{n}": e for n, e in text.items()})
        .order_by("id")
        .values_list(*[f"safe_{n}" if n in text else n for n, _ in EXPORT_COLUMNS])
    )


def assignments_csv_stream(queryset):
    """Yield the CSV of ``queryset`` as bytes chunks of about CSV_CHUNK: PostgreSQL streams
    ``COPY (…) TO STDOUT`` through Django's connection; other databases stream rows from a
    chunked iterator. Memory stays flat whatever the number of rows."""
    yield ("\ufeff" + ";".join(str(label) for _, label in EXPORT_COLUMNS) + "\r\n").encode()
    qs = export_rows(queryset)
    buffer = bytearray()
    if connection.vendor == "postgresql":
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            # Server-side parameter binding: psycopg merges the params into the COPY statement.
            statement = cursor.mogrify(sql, params)
            if isinstance(statement, bytes):
                statement = statement.decode()
            copy_sql = f"COPY ({statement}) TO STDOUT WITH (FORMAT csv, DELIMITER ';')"
            with cursor.cursor.copy(copy_sql) as copy:
                for data in copy:  # one row per block
                    buffer += data
                    if len(buffer) >= CSV_CHUNK:
                        yield bytes(buffer)
                        buffer.clear()
    else:
        writer = csv.writer(_Echo(), delimiter=";")
        for row in qs.iterator(chunk_size=5000):
            buffer += writer.writerow(["" if v is None else v for v in row]).encode()
            if len(buffer) >= CSV_CHUNK:
                yield bytes(buffer)
                buffer.clear()
    if buffer:
        yield bytes(buffer)


# -- one person's record ---------------------------------------------------------------------------


class PersonRecordReport(HROnlyMixin, SafeSpreadsheetExportMixin, ReportView):
    header_icon = "user"
    index_url_name = "compliance_person"
    index_results_url_name = "compliance_person_results"
    list_export = [
        "requirement.name",
        "cycle",
        "assigned_at",
        "due_at",
        "completed_at",
        "get_status_display",
        "version",
        "exempt_reason",
    ]
    export_headings = {
        "requirement.name": _("Krav"),
        "cycle": _("Runde"),
        "assigned_at": _("Tildelt"),
        "due_at": _("Frist"),
        "completed_at": _("Gennemført"),
        "get_status_display": _("Status"),
        "version": _("Version (læst og forstået)"),
        "exempt_reason": _("Begrundelse for fritagelse"),
    }
    columns = [
        Column("requirement", label=_("Krav")),
        Column("cycle", label=_("Runde")),
        Column("assigned_at", label=_("Tildelt")),
        Column("due_at", label=_("Frist")),
        Column("completed_at", label=_("Gennemført")),
        Column("get_status_display", label=_("Status")),
        Column("version", label=_("Version")),
        Column("exempt_reason", label=_("Begrundelse for fritagelse")),
        Column("source_label", label=_("Kilde")),
        TitleColumn(
            "exempt_link",
            label=_("Fritag"),
            get_url=lambda a: reverse("compliance_exempt", args=[a.pk]) if a.is_open else None,
        ),
        TitleColumn(
            "notices_link",
            label=_("Beskeder"),
            get_url=lambda a: reverse("compliance_assignment_notices", args=[a.pk]),
        ),
    ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.person = get_object_or_404(User, pk=kwargs["person_id"])

    @property
    def page_title(self):
        return _("Uddannelseshistorik: %(name)s") % {
            "name": self.person.get_full_name() or self.person.username
        }

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.person.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.person.pk])

    def get_filename(self):
        return dated_name(f"historik-{self.person.employee_number or self.person.pk}")

    def get_queryset(self):
        return (
            Assignment.objects.filter(person=self.person)
            .select_related("requirement")
            .annotate(version=acknowledged_version())
            .order_by("requirement__name", "cycle")
        )

    def decorate_paginated_queryset(self, object_list):
        imported = {
            (i.course_id, i.run.completed_at): imported_label(i)
            for i in ImportedCompletion.objects.filter(person=self.person).select_related("run")
        }
        for assignment in object_list:
            assignment.exempt_link = _("Fritag") if assignment.is_open else ""
            assignment.source_label = imported.get(
                (assignment.requirement.course_id, assignment.completed_at), ""
            )
            assignment.notices_link = _("Beskeder")
        return object_list

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Beskeder"),
                url=reverse("notices_person", args=[self.person.pk]),
                icon_name="mail",
            )
        ]

    def get(self, request, *args, **kwargs):
        audit_log(
            actor=request.user,
            action="export" if self.is_export else "view",
            what="Uddannelseshistorik",
            subject=self.person,
        )
        return super().get(request, *args, **kwargs)
