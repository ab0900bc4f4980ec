"""Wagtail admin screens for jurists: marking essay answers (statistics: statistics_views)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.audit import audit_log
from people.models import User

from .accommodations import terms_summary
from .models import Attempt, AttemptQuestion, Question, QuizPage
from .regrade_services import may_regrade
from .selectors import essays_awaiting_marking
from .services import QuizRefused, essay_mark

logger = logging.getLogger(__name__)


def may_mark(user) -> bool:
    return user.has_perm("quizzes.mark_attempt")


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
            "may_regrade": may_regrade(request.user),
            "accommodation_summary": terms_summary(item.attempt.accommodation or {}),
            "page_title": _("Bedøm fritekstsvar"),
            "header_icon": "edit",
        },
    )
