"""Jurists' admin screens for findings that are not the snippet's own: the bulk entry from a
file (upload → preview → confirm, all or nothing) and the follow-up (a targeted requirement
made from one or more findings)."""

from __future__ import annotations

import logging
from typing import cast

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from people.audit import audit_log
from people.models import User
from people.scope import units_visible

from .bulk import MAX_BYTES, findings_file_read
from .forms import FindingsUploadForm, FollowUpForm
from .models import Finding, FindingCitation
from .selectors import findings_in
from .services import FindingRefused, findings_create, followup_create, target_label

logger = logging.getLogger(__name__)
SALT = "findings.bulk"


def may_record(user) -> bool:
    return user.has_perm("findings.add_finding")


def may_follow_up(user) -> bool:
    return user.has_perm("findings.change_finding") and user.has_perm("compliance.plan_retraining")


@never_cache
def bulk_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file: its rows are checked and shown (nothing written); the preview's confirm
    posts the signed file back, which is checked again and written in one transaction."""
    user = cast(User, request.user)
    if not may_record(user):
        raise PermissionDenied
    form = FindingsUploadForm()
    context: dict = {"form": form}
    if request.method == "POST":
        payload = request.POST.get("payload")
        if payload:
            try:
                data = signing.loads(payload, salt=SALT, max_age=3600)
            except signing.BadSignature:
                messages.error(request, _("Forhåndsvisningen er udløbet. Upload filen igen."))
                return redirect("findings_bulk")
            result = findings_file_read(data=data.encode("latin-1"), by=user)
            if result.errors:
                context["errors"] = result.errors
            else:
                findings = findings_create(drafts=result.drafts, by=user)
                audit_log(actor=user, action="change", what=f"Indlæste {len(findings)} fund")
                messages.success(
                    request, _("%(count)d fund er indlæst.") % {"count": len(findings)}
                )
                return redirect("wagtailsnippets_findings_finding:list")
        else:
            form = FindingsUploadForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                upload = form.cleaned_data["file"]
                if upload.size > MAX_BYTES:
                    context["errors"] = [_("Filen er for stor (højst 2 MB).")]
                else:
                    data = upload.read()
                    result = findings_file_read(data=data, by=user)
                    if result.errors:
                        logger.info(
                            "findings file refused user=%s errors=%d", user.pk, len(result.errors)
                        )
                        context["errors"] = result.errors
                    else:
                        context["drafts"] = result.drafts
                        context["payload"] = signing.dumps(
                            data.decode("latin-1"), salt=SALT, compress=True
                        )
    return TemplateResponse(request, "findings/admin/bulk.html", context)


@never_cache
def followup(request: HttpRequest) -> HttpResponse:
    """A targeted requirement from the findings chosen (``?fund=<id>``, several allowed)."""
    user = cast(User, request.user)
    if not may_follow_up(user):
        raise PermissionDenied
    units = units_visible(user=user)
    findings = findings_in(unit=None).filter(
        pk__in=Finding.units.through.objects.filter(orgunit__in=units).values("finding_id")
    )
    chosen_ids = [int(v) for v in request.GET.getlist("fund") if v.isdigit() and len(v) < 19]
    chosen = list(findings.filter(pk__in=chosen_ids).prefetch_related("units"))
    recent = list(findings.values_list("pk", flat=True)[:50])
    shown = findings.filter(pk__in=[f.pk for f in chosen] if chosen else recent)
    cited = list(
        FindingCitation.objects.filter(finding__in=shown)
        .values_list("provision_id", "section_id")
        .distinct()
    )
    targets = [("provision", p) if p else ("section", s) for p, s in cited]
    choices = [(f"{kind}-{pk}", target_label([(kind, pk)])) for kind, pk in targets]
    initial_unit = chosen[0].units.all()[0] if chosen and chosen[0].units.all() else None
    form = FollowUpForm(
        request.POST or None,
        findings=shown,
        units=units,
        targets=choices,
        initial={
            "findings": [f.pk for f in chosen],
            "targets": [value for value, _label in choices],
            "unit": initial_unit,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            requirement, assignments = followup_create(
                findings=list(form.cleaned_data["findings"]),
                targets=form.cleaned_targets(),
                unit=form.cleaned_data["unit"],
                due_days=form.cleaned_data["due_days"],
                by=user,
                title=form.cleaned_data["title"],
                job_titles=form.cleaned_job_titles(),
            )
        except FindingRefused as refused:
            logger.info("finding followup refused user=%s reason=%r", user.pk, str(refused))
            messages.error(request, refused.message)
        else:
            audit_log(
                actor=user,
                action="change",
                what=f"Opfølgning på fund: {requirement.name}",
                subject_unit=form.cleaned_data["unit"],
            )
            messages.success(
                request,
                _("%(name)s er tildelt %(count)d medarbejdere.")
                % {"name": requirement.name, "count": len(assignments)},
            )
            return redirect("wagtailsnippets_findings_finding:list")
    return TemplateResponse(
        request,
        "findings/admin/followup.html",
        {"form": form},
    )
