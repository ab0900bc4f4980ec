"""HR's admin screens that are not reports: exempting a cycle and uploading an HR file
(preview by dry run, then confirm)."""

from __future__ import annotations

import logging
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.audit import audit_log
from people.importers import ImportInvalid, employees_import
from people.importers.load import MAX_BYTES
from people.roles import is_hr

from .models import Assignment
from .services import assignment_exempt

logger = logging.getLogger(__name__)


class ExemptForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Begrundelse"), max_length=255)


def exempt(request, assignment_id: int):
    if not is_hr(request.user):
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


class HRUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("HR-fil (CSV eller KMD OPUS XML)"),
        help_text=gettext_lazy(
            "En kolonne eller et OPUS-element, der ikke findes i filen (eller er tomt i OPUS), "
            "bevarer de eksisterende værdier. En CSV-kolonne, der findes, men er tom, rydder "
            "feltet."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("csv", "CSV"), ("opus", "KMD OPUS XML")],
        initial="csv",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Filen er for stor (over 200 MB)."))
        return upload


def hr_import(request):
    """Step 1: upload and preview (a dry run). Step 2: confirm, which queues the import."""
    if not is_hr(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"]
        fmt = request.POST.get("format", "csv")
        path = f"hr-import/{uuid.UUID(token)}.{fmt}"
        if not default_storage.exists(path):
            messages.error(request, _("Filen er udløbet. Upload den igen."))
            return redirect("compliance_hr_import")
        from people.tasks import employees_import_task

        transaction.on_commit(
            lambda: employees_import_task.delay(path=path, fmt=fmt, actor_id=request.user.pk)
        )
        messages.success(request, _("Indlæsningen er sat i gang."))
        return redirect("compliance_hr_import")
    form = HRUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        fmt = form.cleaned_data["format"]
        try:
            summary = employees_import(data=data, fmt=fmt, dry_run=True, actor=request.user)
        except ImportInvalid as exc:
            context["errors"] = exc.errors
        else:
            token = uuid.uuid4()
            default_storage.save(f"hr-import/{token}.{fmt}", ContentFile(data))
            context.update(summary=summary, token=str(token), format=fmt)
    return TemplateResponse(request, "compliance/admin/hr_import.html", context)
