"""Admin screen for version-pinned evidence: HR and jurists pick a person and a date, see what
was completed with which revisions, and export CSV or PDF. Every view and export is audited.

Imported by this app's ``wagtail_hooks`` module, which Wagtail loads at start.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from people.admin_menu import RoleMenuItem
from people.audit import audit_log
from people.models import User

from .evidence import evidence_csv, evidence_for, evidence_pdf

logger = logging.getLogger(__name__)


def may_see_evidence(user) -> bool:
    return user.has_perm("compliance.view_evidence")


class EvidenceForm(forms.Form):
    person = forms.CharField(label=gettext_lazy("Medarbejdernr. eller brugernavn"), max_length=150)
    on = forms.DateField(
        label=gettext_lazy("Til og med dato"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_person(self) -> User:
        value = self.cleaned_data["person"].strip()
        person = User.objects.filter(Q(employee_number=value) | Q(username=value)).first()
        if person is None:
            raise forms.ValidationError(
                _("Der findes ingen medarbejder med det nummer eller navn.")
            )
        return person


def evidence_view(request: HttpRequest) -> HttpResponse:
    if not may_see_evidence(request.user):
        logger.warning("refused evidence view user=%s", request.user.pk)
        raise PermissionDenied
    actor = cast(User, request.user)
    form = EvidenceForm(request.GET or None, initial={"on": timezone.localdate()})
    evidence = None
    if request.GET and form.is_valid():
        person = form.cleaned_data["person"]
        on: dt.date = form.cleaned_data["on"]
        evidence = evidence_for(person=person, on=on)
        export = request.GET.get("export")
        what = f"dokumentation for uddannelse til og med {on.isoformat()}"
        if export in ("csv", "pdf"):
            audit_log(actor=actor, action="export", what=f"{what} ({export})", subject=person)
            stem = f"dokumentation-{person.employee_number}-{on.isoformat()}"
            if export == "csv":
                response = HttpResponse(
                    "\ufeff" + evidence_csv(evidence), content_type="text/csv; charset=utf-8"
                )
                response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
                return response
            response = HttpResponse(evidence_pdf(evidence), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
            return response
        audit_log(actor=actor, action="view", what=what, subject=person)
    elif request.GET:
        logger.info(
            "evidence form invalid user=%s errors=%s", request.user.pk, form.errors.as_json()
        )
    return render(
        request,
        "compliance/evidence.html",
        {
            "form": form,
            "evidence": evidence,
            "query": request.GET.urlencode(),
            "page_title": _("Dokumentation for uddannelse"),
            "header_icon": "doc-full",
        },
    )


@hooks.register("register_admin_urls")
def evidence_urls():
    return [path("dokumentation/", evidence_view, name="paragraf_evidence")]


@hooks.register("register_admin_menu_item")
def evidence_menu_item():
    return RoleMenuItem(
        gettext_lazy("Dokumentation"),
        reverse("paragraf_evidence"),
        icon_name="doc-full",
        order=955,
        check=may_see_evidence,
    )
