"""HR's and jurists' admin screens that are not reports: exempting a cycle, and creating a
re-training after a material guideline change. (The HR-file upload lives in
people/admin_views.py.)"""

from __future__ import annotations

import datetime as dt
import logging
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guidelines.models import GuidelineChange
from people.audit import audit_log
from people.models import User

from .models import Assignment
from .retraining import RetrainingRefused, retraining_create, retraining_plan
from .services import assignment_exempt

logger = logging.getLogger(__name__)


class ExemptForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Begrundelse"), max_length=255)


def exempt(request, assignment_id: int):
    if not request.user.has_perm("compliance.change_assignment"):
        raise PermissionDenied
    assignment = get_object_or_404(
        Assignment.objects.select_related("person", "requirement"), pk=assignment_id
    )
    form = ExemptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if assignment_exempt(
            assignment=assignment, reason=form.cleaned_data["reason"], by=request.user
        ):
            audit_log(
                actor=request.user,
                action="change",
                what=f"Fritog for {assignment.requirement}",
                subject=assignment.person,
            )
            messages.success(
                request, _("%(name)s er fritaget.") % {"name": assignment.person.get_full_name()}
            )
        else:
            messages.error(request, _("Tildelingen er ikke længere åben."))
        return redirect("compliance_person", assignment.person_id)
    return TemplateResponse(
        request, "compliance/admin/exempt.html", {"form": form, "assignment": assignment}
    )


def may_create_retraining(user) -> bool:
    return user.has_perm("compliance.plan_retraining")


class RetrainingForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=255)
    due_at = forms.DateField(
        label=gettext_lazy("Frist"), widget=forms.DateInput(attrs={"type": "date"})
    )


def retraining_create_view(request: HttpRequest, change_id: int) -> HttpResponse:
    if not may_create_retraining(request.user):
        logger.warning("refused retraining user=%s change=%s", request.user.pk, change_id)
        raise PermissionDenied
    change = get_object_or_404(GuidelineChange.objects.select_related("page"), pk=change_id)
    plan = retraining_plan(change=change)
    initial = {
        "title": _("Genopfriskning: %(title)s") % {"title": change.page.title},
        "due_at": timezone.localdate() + dt.timedelta(days=30),
    }
    form = RetrainingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            requirement, assignments = retraining_create(
                change=change,
                title=form.cleaned_data["title"],
                due_at=form.cleaned_data["due_at"],
                by=cast(User, request.user),
            )
        except RetrainingRefused as exc:
            logger.warning("retraining refused change=%s reason=%s", change.pk, exc.message)
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Genopfriskningen er tildelt %(count)d personer med frist %(due)s.")
                % {
                    "count": len(assignments),
                    "due": form.cleaned_data["due_at"].strftime("%d.%m.%Y"),
                },
            )
            return redirect("guidelines_admin:change", change.pk)
    return render(
        request,
        "compliance/retraining_form.html",
        {
            "change": change,
            "plan": plan,
            "form": form,
            "page_title": _("Genopfriskning efter ændring af %(title)s")
            % {"title": change.page.title},
            "header_icon": "repeat",
        },
    )
