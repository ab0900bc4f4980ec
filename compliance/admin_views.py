"""HR's admin screens that are not reports: exempting a cycle. (The HR-file upload lives in
people/admin_views.py.)"""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.audit import audit_log

from .models import Assignment
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
