"""Wagtail admin reports on quiz statistics (item analysis): per question of a chosen quiz, with
a page per question for the distribution over its choices, and per cited section and provision
(one quiz, or all quizzes pooled).

Filtered by quiz and org unit subtree; CSV/XLSX through Wagtail's ReportView, formula-safe, each
export audited. Readable by those who may view attempts.
"""

from __future__ import annotations

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

from people.audit import audit_log
from people.models import OrgUnit, User
from people.spreadsheets import SafeSpreadsheetExportMixin

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
