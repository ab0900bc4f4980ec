"""Wagtail admin screens for jurists and HR: marking essay answers and quiz statistics."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from people.audit import audit_log
from people.models import OrgUnit, User
from people.spreadsheets import SafeSpreadsheetExportMixin

from .accommodations import terms_summary
from .models import Attempt, AttemptQuestion, Question, QuizPage
from .selectors import citation_statistics, essays_awaiting_marking, question_statistics
from .services import QuizRefused, essay_mark

logger = logging.getLogger(__name__)


def may_mark(user) -> bool:
    return user.has_perm("quizzes.mark_attempt")


def may_see_statistics(user) -> bool:
    return user.has_perm("quizzes.view_attempt")


# --- Marking ---------------------------------------------------------------------------------


class EssayMarkForm(forms.Form):
    points = forms.TypedChoiceField(
        label=gettext_lazy("Bedømmelse"),
        choices=[
            ("1", gettext_lazy("Godkendt (1 point)")),
            ("0.5", gettext_lazy("Delvist godkendt (½ point)")),
            ("0", gettext_lazy("Ikke godkendt (0 point)")),
        ],
        coerce=Decimal,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar til deltageren"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


#: The marking queue shows at most this many answers (oldest first); the page says when.
MARKING_ROWS = 200


@dataclass
class QueueRow:
    item: AttemptQuestion
    age_days: int
    accommodation: str  # the terms frozen on the attempt, e.g. "+50 % tid"


class MarkingFilterForm(forms.Form):
    quiz = forms.ModelChoiceField(
        label=gettext_lazy("Quiz"),
        queryset=QuizPage.objects.order_by("title"),
        required=False,
        empty_label=gettext_lazy("Alle quizzer"),
    )
    learner = forms.CharField(
        label=gettext_lazy("Deltager (navn eller brugernavn)"), required=False, max_length=150
    )
    older_than = forms.TypedChoiceField(
        label=gettext_lazy("Alder"),
        choices=[
            ("", gettext_lazy("Alle")),
            ("7", gettext_lazy("Ældre end 7 dage")),
            ("14", gettext_lazy("Ældre end 14 dage")),
            ("30", gettext_lazy("Ældre end 30 dage")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
    )


def marking_index(request: HttpRequest) -> HttpResponse:
    if not may_mark(request.user):
        raise PermissionDenied
    form = MarkingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if request.GET and not form.is_valid():
        logger.info(
            "marking filter invalid user=%s errors=%s", request.user.pk, form.errors.as_json()
        )
    now = timezone.now()
    rows = list(
        essays_awaiting_marking(
            marker=cast(User, request.user),
            quiz=filters.get("quiz"),
            learner=filters.get("learner") or "",
            older_than_days=filters.get("older_than"),
            now=now,
        )[: MARKING_ROWS + 1]
    )
    capped = len(rows) > MARKING_ROWS
    items = [
        QueueRow(
            item=item,
            age_days=(now - item.answered_at).days if item.answered_at else 0,
            accommodation=terms_summary(item.attempt.accommodation or {}),
        )
        for item in rows[:MARKING_ROWS]
    ]
    return render(
        request,
        "quizzes/admin/marking_index.html",
        {
            "items": items,
            "form": form,
            "filtered": any(v not in (None, "") for v in filters.values()),
            "capped": capped,
            "max_rows": MARKING_ROWS,
            "page_title": _("Bedømmelse af fritekstsvar"),
            "header_icon": "edit",
        },
    )


def marking_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    if not may_mark(request.user):
        raise PermissionDenied
    item = get_object_or_404(
        AttemptQuestion.objects.select_related("attempt__user"),
        pk=item_id,
        kind=Question.Kind.ESSAY,
    )
    if item.attempt.user_id == request.user.pk:
        logger.warning("marking of own attempt refused item=%s marker=%s", item.pk, request.user.pk)
        messages.error(request, QuizRefused("own_attempt").message)
        return redirect("quizzes_marking:index")
    form = EssayMarkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            essay_mark(
                item_id=item.pk,
                marker=cast(User, request.user),
                points=form.cleaned_data["points"],
                comment=form.cleaned_data["comment"],
            )
        except QuizRefused as exc:
            messages.error(request, exc.message)
        else:
            audit_log(
                actor=cast(User, request.user),
                action="change",
                what=f"bedømte fritekstsvar i quizforsøg {item.attempt_id}",
                subject=item.attempt.user,
            )
            messages.success(request, _("Bedømmelsen er gemt."))
        return redirect("quizzes_marking:index")
    audit_log(
        actor=cast(User, request.user),
        action="view",
        what=f"fritekstsvar i quizforsøg {item.attempt_id}",
        subject=item.attempt.user,
    )
    return render(
        request,
        "quizzes/admin/marking_edit.html",
        {
            "item": item,
            "form": form,
            "can_mark": item.attempt.state == Attempt.State.AWAITING_MARKING,
            "accommodation_summary": terms_summary(item.attempt.accommodation or {}),
            "page_title": _("Bedøm fritekstsvar"),
            "header_icon": "edit",
        },
    )


# --- Statistics ------------------------------------------------------------------------------


class StatisticsFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Enhed (med underenheder)"),
        queryset=OrgUnit.objects.order_by("path"),
        method="filter_unit",
    )

    class Meta:
        model = AttemptQuestion
        fields: list[str] = []

    def filter_unit(self, queryset, name, value):
        return queryset  # applied in the selectors, which aggregate after filtering


class StatisticsReportView(SafeSpreadsheetExportMixin, ReportView):
    """Aggregated rows from a selector, filtered by org unit subtree; CSV/XLSX via Wagtail."""

    filterset_class = StatisticsFilterSet
    paginate_by = 100
    file_stem = "statistik"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_statistics(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def selected_unit(self) -> OrgUnit | None:
        if self.filters is not None and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("unit")
        return None

    def rows(self, unit):
        raise NotImplementedError

    def get_filtered_queryset(self):
        unit = self.selected_unit()
        if self.is_export:
            audit_log(
                actor=cast(User, self.request.user),
                action="export",
                what=f"quizstatistik ({self.file_stem})",
                subject_unit=unit,
            )
        return self.rows(unit)


class QuestionStatisticsView(StatisticsReportView):
    page_title = gettext_lazy("Quizstatistik pr. spørgsmål")
    header_icon = "help"
    index_url_name = "quizzes_reports:questions"
    index_results_url_name = "quizzes_reports:questions_results"
    file_stem = "quizstatistik-spoergsmaal"
    columns = [
        Column("text", label=gettext_lazy("Spørgsmål")),
        Column("category", label=gettext_lazy("Kategori")),
        Column("answers", label=gettext_lazy("Besvarelser")),
        Column("share_correct", label=gettext_lazy("Andel rigtige (%)")),
        Column("wrong_choice", label=gettext_lazy("Hyppigste forkerte svar")),
        Column("wrong_choice_count", label=gettext_lazy("Valgt antal gange")),
    ]
    list_export = [
        "text",
        "category",
        "kind",
        "answers",
        "correct",
        "share_correct",
        "wrong_choice",
        "wrong_choice_count",
    ]
    export_headings = {
        "text": gettext_lazy("Spørgsmål"),
        "category": gettext_lazy("Kategori"),
        "kind": gettext_lazy("Type"),
        "answers": gettext_lazy("Besvarelser"),
        "correct": gettext_lazy("Rigtige"),
        "share_correct": gettext_lazy("Andel rigtige (%)"),
        "wrong_choice": gettext_lazy("Hyppigste forkerte svar"),
        "wrong_choice_count": gettext_lazy("Valgt antal gange"),
    }

    def rows(self, unit):
        return question_statistics(unit=unit)


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
        Column("answers", label=gettext_lazy("Besvarelser")),
        Column("share_correct", label=gettext_lazy("Andel rigtige (%)")),
    ]
    list_export = ["key", "title", "source", "questions", "answers", "correct", "share_correct"]
    export_headings = {
        "key": gettext_lazy("Nøgle"),
        "title": gettext_lazy("Overskrift"),
        "source": gettext_lazy("Kilde"),
        "questions": gettext_lazy("Spørgsmål"),
        "answers": gettext_lazy("Besvarelser"),
        "correct": gettext_lazy("Rigtige"),
        "share_correct": gettext_lazy("Andel rigtige (%)"),
    }

    def rows(self, unit):
        return citation_statistics(unit=unit)
