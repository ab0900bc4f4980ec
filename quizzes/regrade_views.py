"""Wagtail admin screens for regrading a quiz, a regrade's result, the list of regrades (for
jurists and HR), and one attempt with an override form per answer (for jurists)."""

from __future__ import annotations

import logging
from functools import partial
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from people.audit import audit_log
from people.models import User
from people.spreadsheets import SafeSpreadsheetExportMixin

from .grading import item_weight
from .models import Attempt, QuizPage, QuizRegrade
from .regrade_selectors import (
    attempt_grade_history,
    quiz_dropped_questions,
    quiz_regrades,
    quiz_served_questions,
    regrade_flipped,
    regrade_preview,
)
from .regrade_services import item_override, may_regrade, regrade_request
from .selectors import served_image, served_images
from .services import QuizRefused
from .tasks import regrade_apply_task

logger = logging.getLogger(__name__)

#: Attempts listed on a quiz's regrade page, newest first.
ATTEMPTS_LISTED = 200


def may_read_regrades(user) -> bool:
    """Jurists who regrade, and HR, who follow up on those who now fail."""
    return may_regrade(user) or user.has_perm("quizzes.view_attempt")


def _require(check, request: HttpRequest) -> None:
    if not check(request.user):
        logger.warning("regrade screen refused user=%s path=%s", request.user.pk, request.path)
        raise PermissionDenied


def _dropped(values: list[str]) -> set[int] | None:
    try:
        return {int(v) for v in values}
    except ValueError:
        return None


# --- Regrade ---------------------------------------------------------------------------------


def regrade_quiz(request: HttpRequest, quiz_id: int) -> HttpResponse:
    """GET: the preview for the chosen dropped questions (first: those dropped before). POST: the
    regrade is recorded and queued; the person is sent to its result page."""
    _require(may_regrade, request)
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    user = cast(User, request.user)
    source = request.POST if request.method == "POST" else request.GET
    if "preview" in source or request.method == "POST":
        dropped = _dropped(source.getlist("dropped"))
    else:
        dropped = quiz_dropped_questions(quiz=quiz)
    if dropped is None:
        messages.error(request, QuizRefused("regrade_unknown_question").message)
        return redirect("quizzes_regrade:quiz", quiz.pk)
    if request.method == "POST":
        try:
            regrade = regrade_request(quiz=quiz, by=user, dropped=dropped)
        except QuizRefused as exc:
            messages.error(request, exc.message)
            return redirect("quizzes_regrade:quiz", quiz.pk)
        transaction.on_commit(partial(regrade_apply_task.delay, regrade.pk))
        messages.success(request, _("Genberegningen er sat i gang."))
        return redirect("quizzes_regrade:result", regrade.pk)
    plan = regrade_preview(quiz=quiz, by=user, dropped=dropped)
    audit_log(actor=user, action="view", what=f"forhåndsvisning af genberegning: {quiz.title}")
    attempts = list(
        Attempt.objects.filter(quiz=quiz)
        .exclude(state=Attempt.State.IN_PROGRESS)
        .select_related("user")
        .order_by("-started_at", "-pk")[:ATTEMPTS_LISTED]
    )
    return render(
        request,
        "quizzes/admin/regrade_quiz.html",
        {
            "quiz": quiz,
            "plan": plan,
            "questions": quiz_served_questions(quiz=quiz),
            "dropped": dropped,
            "attempts": attempts,
            "regrades": quiz_regrades(quiz=quiz)[:20],
            "page_title": _("Genberegn %(title)s") % {"title": quiz.title},
            "header_icon": "history",
        },
    )


def regrade_result(request: HttpRequest, regrade_id: int) -> HttpResponse:
    _require(may_read_regrades, request)
    regrade = get_object_or_404(QuizRegrade.objects.select_related("requested_by"), pk=regrade_id)
    audit_log(
        actor=cast(User, request.user),
        action="view",
        what=f"resultat af genberegning {regrade.pk}: {regrade.quiz_title}",
    )
    return render(
        request,
        "quizzes/admin/regrade_result.html",
        {
            "regrade": regrade,
            "flipped": regrade_flipped(regrade=regrade),
            "finished": regrade.status == QuizRegrade.Status.DONE,
            "may_regrade": may_regrade(request.user),
            "page_title": _("Genberegning af %(title)s") % {"title": regrade.quiz_title},
            "header_icon": "history",
        },
    )


class RegradeReportView(SafeSpreadsheetExportMixin, ReportView):
    """Every regrade, newest first, with its counts; CSV/XLSX for HR's follow-up."""

    page_title = gettext_lazy("Genberegninger af quizzer")
    header_icon = "history"
    index_url_name = "quizzes_regrade:index"
    index_results_url_name = "quizzes_regrade:index_results"
    file_stem = "genberegninger"
    columns = [
        TitleColumn("quiz_title", label=gettext_lazy("Quiz"), url_name="quizzes_regrade:result"),
        DateColumn("requested_at", label=gettext_lazy("Bestilt")),
        Column("requested_by", label=gettext_lazy("Af")),
        Column("get_status_display", label=gettext_lazy("Status")),
        Column("changed", label=gettext_lazy("Forsøg ændret")),
        Column("now_passed", label=gettext_lazy("Består nu")),
        Column("now_failed", label=gettext_lazy("Dumper nu")),
    ]
    list_export = [
        "quiz_title",
        "requested_at",
        "requested_by",
        "status",
        "changed",
        "now_passed",
        "now_failed",
        "skipped_in_progress",
        "skipped_own",
    ]
    export_headings = {
        "quiz_title": gettext_lazy("Quiz"),
        "requested_at": gettext_lazy("Bestilt"),
        "requested_by": gettext_lazy("Af"),
        "status": gettext_lazy("Status"),
        "changed": gettext_lazy("Forsøg ændret"),
        "now_passed": gettext_lazy("Består nu"),
        "now_failed": gettext_lazy("Dumper nu"),
        "skipped_in_progress": gettext_lazy("Sprunget over: i gang"),
        "skipped_own": gettext_lazy("Sprunget over: eget forsøg"),
    }

    def dispatch(self, request, *args, **kwargs):
        _require(may_read_regrades, request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return quiz_regrades()


# --- One attempt and overrides ---------------------------------------------------------------


class OverrideForm(forms.Form):
    points = forms.DecimalField(
        label=gettext_lazy("Point"), max_digits=6, decimal_places=2, localize=True
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar til deltageren"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Skal udfyldes. Deltageren ser kommentaren ved sit resultat."),
    )


def attempt_detail(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """An attempt's answers with their points and, for someone else's closed attempt, a form
    per graded answer to override its points; and the attempt's grade history."""
    _require(may_regrade, request)
    attempt = get_object_or_404(Attempt.objects.select_related("user", "quiz"), pk=attempt_id)
    own = attempt.user_id == request.user.pk
    closed = attempt.state != Attempt.State.IN_PROGRESS
    rows = []
    items = list(attempt.items.order_by("position"))
    images = served_images([item.snapshot for item in items])
    for item in items:
        weight = item_weight(item.snapshot)
        chosen = set((item.answer or {}).get("choices") or [])
        correct = set(item.snapshot.get("correct") or [])
        rows.append(
            {
                "item": item,
                "weight": weight,
                "points": None if item.points is None else item.points * weight,
                "image": served_image(item.snapshot.get("image"), images),
                "choices": [
                    {
                        "text": c["text"],
                        "chosen": c["id"] in chosen,
                        "correct": c["id"] in correct,
                        "image": served_image(c.get("image"), images),
                    }
                    for c in item.snapshot.get("choices", [])
                ],
                "form": OverrideForm(
                    prefix=f"item-{item.pk}",
                    initial={"points": None if item.points is None else item.points * weight},
                )
                if closed and not own and item.points is not None and weight
                else None,
            }
        )
    audit_log(
        actor=cast(User, request.user),
        action="view",
        what=f"quizforsøg {attempt.pk} ({attempt.quiz_title})",
        subject=attempt.user,
    )
    return render(
        request,
        "quizzes/admin/attempt_detail.html",
        {
            "attempt": attempt,
            "rows": rows,
            "own": own,
            "closed": closed,
            "history": attempt_grade_history(attempt=attempt),
            "page_title": _("Quizforsøg"),
            "header_icon": "doc-full",
        },
    )


@require_POST
def item_override_view(request: HttpRequest, attempt_id: int, item_id: int) -> HttpResponse:
    _require(may_regrade, request)
    attempt = get_object_or_404(Attempt, pk=attempt_id)
    if not attempt.items.filter(pk=item_id).exists():
        logger.warning(
            "override of an item of another attempt attempt=%s item=%s", attempt_id, item_id
        )
        messages.error(request, QuizRefused("override_missing").message)
        return redirect("quizzes_regrade:attempt", attempt.pk)
    form = OverrideForm(request.POST, prefix=f"item-{item_id}")
    if not form.is_valid():
        logger.warning("override with invalid form attempt=%s item=%s", attempt_id, item_id)
        messages.error(request, QuizRefused("override_range").message)
        return redirect("quizzes_regrade:attempt", attempt.pk)
    try:
        outcome = item_override(
            item_id=item_id,
            by=cast(User, request.user),
            points=form.cleaned_data["points"],
            comment=form.cleaned_data["comment"],
        )
    except QuizRefused as exc:
        messages.error(request, exc.message)
        return redirect("quizzes_regrade:attempt", attempt.pk)
    messages.success(request, _("Pointene er overstyret, og forsøget er beregnet igen."))
    if outcome.now_passes:
        messages.info(request, _("Forsøget er nu bestået, og kursustrinnet er gennemført."))
    if outcome.now_fails:
        follow_up = [r for r in outcome.follow_up if r["course_completed"] or r["certificate"]]
        messages.warning(
            request,
            _(
                "Forsøget er nu ikke bestået. Intet er tilbagekaldt; HR skal vurdere "
                "kursusbevis og gennemførelse."
            )
            if follow_up
            else _("Forsøget er nu ikke bestået."),
        )
    return redirect("quizzes_regrade:attempt", attempt.pk)
