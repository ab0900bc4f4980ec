"""Wagtail admin reports on quiz statistics (item analysis): per question of a chosen quiz, with
a page per question for the distribution over its choices, and per cited section and provision
(one quiz, or all quizzes pooled).

Filtered by quiz and org unit subtree; CSV/XLSX through Wagtail's ReportView, formula-safe, each
export audited. Readable by those who may view attempts.
"""

from __future__ import annotations

import csv
import io
from typing import cast
from urllib.parse import urlencode

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from guidelines.models import GuidelineSection, StatuteProvision
from people.audit import audit_log
from people.models import OrgUnit, User
from people.spreadsheets import SafeSpreadsheetExportMixin, row_safe

from .gaps import gaps_by_rule, rule_question_ids
from .item_analysis import ItemStat, citation_analysis, item_analysis
from .models import AttemptQuestion, Question, QuizPage


def may_see_statistics(user) -> bool:
    return user.has_perm("quizzes.view_attempt")


class StatisticsFilterSet(WagtailFilterSet):
    quiz = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Quiz"),
        queryset=QuizPage.objects.order_by("title", "pk"),
        empty_label=gettext_lazy("Alle quizzer (samlet)"),
        method="filter_selected",
    )
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Enhed (med underenheder)"),
        queryset=OrgUnit.objects.order_by("path"),
        method="filter_selected",
    )

    class Meta:
        model = AttemptQuestion
        fields: list[str] = []

    def filter_selected(self, queryset, name, value):
        return queryset  # applied in the selectors, which aggregate in the database


def _selected(filters: StatisticsFilterSet) -> tuple[QuizPage | None, OrgUnit | None]:
    if filters.is_valid():
        data = filters.form.cleaned_data
        return data.get("quiz"), data.get("unit")
    return None, None


class StatisticsReportView(SafeSpreadsheetExportMixin, ReportView):
    """Rows from an item-analysis selector for the chosen quiz and unit."""

    filterset_class = StatisticsFilterSet
    paginate_by = 100
    file_stem = "statistik"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_statistics(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def rows(self, *, quiz: QuizPage | None, unit: OrgUnit | None) -> list:
        raise NotImplementedError

    def get_filtered_queryset(self):
        quiz, unit = _selected(self.filters) if self.filters is not None else (None, None)
        if self.is_export:
            audit_log(
                actor=cast(User, self.request.user),
                action="export",
                what=f"quizstatistik ({self.file_stem})" + (f", quiz {quiz.pk}" if quiz else ""),
                subject_unit=unit,
            )
        return self.rows(quiz=quiz, unit=unit)


FIGURE_COLUMNS = [
    Column("answers", label=gettext_lazy("Besvarelser")),
    Column("facility_percent", label=gettext_lazy("Lethed (gns. point, %)")),
    Column("discrimination_rounded", label=gettext_lazy("Skelneevne (r)")),
    Column("warning", label=gettext_lazy("Advarsel")),
]
FIGURE_HEADINGS = {
    "answers": gettext_lazy("Besvarelser"),
    "blank": gettext_lazy("Heraf ubesvaret"),
    "facility_percent": gettext_lazy("Lethed (gns. point, %)"),
    "discrimination_rounded": gettext_lazy("Skelneevne (r)"),
    "warning": gettext_lazy("Advarsel"),
}


class QuestionStatisticsView(StatisticsReportView):
    page_title = gettext_lazy("Quizstatistik pr. spørgsmål")
    header_icon = "help"
    index_url_name = "quizzes_reports:questions"
    index_results_url_name = "quizzes_reports:questions_results"
    file_stem = "quizstatistik-spoergsmaal"
    list_export = [
        "question_id",
        "text",
        "category",
        "kind",
        "answers",
        "blank",
        "facility_percent",
        "discrimination_rounded",
        "warning",
        "distribution",
    ]
    export_headings = {
        "question_id": gettext_lazy("Spørgsmål-id"),
        "text": gettext_lazy("Spørgsmål"),
        "category": gettext_lazy("Kategori"),
        "kind": gettext_lazy("Type"),
        "distribution": gettext_lazy("Svarfordeling (✓ = rigtig)"),
        **FIGURE_HEADINGS,
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn("text", label=gettext_lazy("Spørgsmål"), get_url=self.detail_url),
            Column("category", label=gettext_lazy("Kategori")),
            *FIGURE_COLUMNS,
        ]

    def detail_url(self, stat: ItemStat) -> str:
        """The question's page (its distribution over choices), with the same filters."""
        query = {k: v for k in ("quiz", "unit") if (v := self.request.GET.get(k))}
        url = reverse("quizzes_reports:question", args=[stat.question_id])
        return f"{url}?{urlencode(query)}" if query else url

    @cached_property
    def no_results_message(self):
        quiz, _unit = _selected(self.filters) if self.filters is not None else (None, None)
        if quiz is None:
            return _("Vælg en quiz i filteret for at se itemanalysen af dens spørgsmål.")
        return _("Ingen afsluttede forsøg på quizzen med de valgte filtre.")

    def rows(self, *, quiz, unit):
        # Item analysis is per quiz: each question against the rest of that quiz. Without a
        # quiz the page would read every attempt there is.
        return item_analysis(quiz=quiz, unit=unit) if quiz is not None else []


class CitationStatisticsView(StatisticsReportView):
    page_title = gettext_lazy("Quizstatistik pr. afsnit og bestemmelse")
    header_icon = "openquote"
    index_url_name = "quizzes_reports:citations"
    index_results_url_name = "quizzes_reports:citations_results"
    file_stem = "quizstatistik-henvisninger"
    columns = [
        Column("key", label=gettext_lazy("Nøgle")),
        Column("title", label=gettext_lazy("Overskrift")),
        Column("source", label=gettext_lazy("Kilde")),
        Column("questions", label=gettext_lazy("Spørgsmål")),
        *FIGURE_COLUMNS,
    ]
    list_export = [
        "key",
        "title",
        "source",
        "questions",
        "answers",
        "blank",
        "facility_percent",
        "discrimination_rounded",
        "warning",
    ]
    export_headings = {
        "key": gettext_lazy("Nøgle"),
        "title": gettext_lazy("Overskrift"),
        "source": gettext_lazy("Kilde"),
        "questions": gettext_lazy("Spørgsmål"),
        **FIGURE_HEADINGS,
    }

    def rows(self, *, quiz, unit):
        return citation_analysis(quiz=quiz, unit=unit)


def question_statistics(request: HttpRequest, question_id: int) -> HttpResponse:
    """One question's figures and the distribution over every choice served (distractor
    analysis), for the quiz and unit chosen in the report."""
    if not may_see_statistics(request.user):
        raise PermissionDenied
    filters = StatisticsFilterSet(request.GET, queryset=AttemptQuestion.objects.none())
    quiz, unit = _selected(filters)
    stats = item_analysis(quiz=quiz, unit=unit, question_id=question_id)
    if not stats and not Question.objects.filter(pk=question_id).exists():
        raise Http404
    back = reverse("quizzes_reports:questions")
    query = urlencode({k: v for k in ("quiz", "unit") if (v := request.GET.get(k))})
    return render(
        request,
        "quizzes/admin/question_statistics.html",
        {
            "stat": stats[0] if stats else None,
            "quiz": quiz,
            "unit": unit,
            "back_url": f"{back}?{query}" if query else back,
            "page_title": _("Svarfordeling for spørgsmål"),
            "header_icon": "help",
        },
    )


def _gap_filters(
    request: HttpRequest,
) -> tuple[StatisticsFilterSet, QuizPage | None, OrgUnit | None]:
    filters = StatisticsFilterSet(request.GET or None, queryset=AttemptQuestion.objects.none())
    quiz, unit = _selected(filters) if request.GET else (None, None)
    return filters, quiz, unit


def gaps_by_rule_view(request: HttpRequest) -> HttpResponse:
    """ "Huller pr. regel": per cited section and provision, the share of wrong answers by unit
    (a heat map with the figure in every cell), most wrong first; CSV with ``?format=csv``."""
    if not may_see_statistics(request.user):
        raise PermissionDenied
    filters, quiz, unit = _gap_filters(request)
    table = gaps_by_rule(parent=unit, quiz=quiz)
    if request.GET.get("format") == "csv":
        audit_log(
            actor=cast(User, request.user),
            action="export",
            what="huller pr. regel" + (f", quiz {quiz.pk}" if quiz else ""),
            subject_unit=unit,
        )
        return _gaps_csv(table)
    query = {k: v for k in ("quiz", "unit") if (v := request.GET.get(k))}
    return render(
        request,
        "quizzes/admin/gaps_by_rule.html",
        {
            "table": table,
            "rows": [(row, row.cell_list(table.columns)) for row in table.rows],
            "filters": filters,
            "quiz": quiz,
            "unit": unit,
            "csv_url": "?" + urlencode({**query, "format": "csv"}),
            "query": urlencode(query),
            "page_title": _("Huller pr. regel"),
            "header_icon": "warning",
        },
    )


def _gaps_csv(table) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [_("Nøgle"), _("Overskrift"), _("Kilde"), _("Spørgsmål"), _("I alt: svar"),
         _("I alt: forkert (%)")]
        + [f"{unit.name}: {label}" for unit in table.columns
           for label in (_("svar"), _("forkert (%)"))]
    )  # fmt: skip
    for row in table.rows:
        cells = []
        for _unit, cell in row.cell_list(table.columns):
            cells += [cell.answers, "" if cell.wrong_percent is None else cell.wrong_percent]
        writer.writerow(
            row_safe(
                [row.key, row.title, row.source, len(row.questions), row.total.answers,
                 "" if row.total.wrong_percent is None else row.total.wrong_percent, *cells]
            )
        )  # fmt: skip
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="huller-pr-regel.csv"'
    return response


def rule_questions_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The questions citing one section or provision, with their figures for the unit and quiz
    of the heat map's cell."""
    if not may_see_statistics(request.user):
        raise PermissionDenied
    if kind not in ("section", "provision"):
        raise Http404
    model = GuidelineSection if kind == "section" else StatuteProvision
    rule = model.objects.filter(pk=pk).first()
    if rule is None:
        raise Http404
    filters, quiz, unit = _gap_filters(request)
    ids = rule_question_ids(kind=kind, pk=pk, quiz=quiz)
    stats = item_analysis(quiz=quiz, unit=unit, question_ids=ids) if ids else []
    query = urlencode({k: v for k in ("quiz", "unit") if (v := request.GET.get(k))})
    back = reverse("quizzes_reports:gaps")
    return render(
        request,
        "quizzes/admin/rule_questions.html",
        {
            "rule": rule,
            "rule_label": str(rule.reference if kind == "provision" else rule.key),
            "stats": stats,
            "quiz": quiz,
            "unit": unit,
            "query": query,
            "back_url": f"{back}?{query}" if query else back,
            "page_title": _("Spørgsmål, der henviser til reglen"),
            "header_icon": "help",
        },
    )
