"""Pages about personal data: the person's own export, the privacy notice, the accessibility page,
and HR's export of one person's data in the admin."""

from __future__ import annotations

import logging

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from people.audit import audit_log
from people.models import AuditEvent, User
from people.spreadsheets import dated_name

from .privacy_data import (
    personal_data_collect,
    personal_data_csv,
    personal_data_json,
    privacy_settings,
)

logger = logging.getLogger(__name__)


def _me(request: HttpRequest) -> User:
    """The signed-in person (the views below are behind login_required or an HR check)."""
    user = request.user
    assert isinstance(user, User)
    return user


FORMATS = {"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def _download(data: dict, fmt: str, *, stem: str) -> HttpResponse:
    body = personal_data_json(data) if fmt == "json" else personal_data_csv(data)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{dated_name(stem)}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    """What Paragraf holds about the signed-in person, with download links."""
    data = personal_data_collect(user=_me(request))
    categories = [(name, len(rows)) for name, rows in data.items()]
    return TemplateResponse(
        request,
        "people/privacy/my_data.html",
        {"profile": data["profil"][0], "categories": categories},
    )


@login_required
@require_GET
def my_data_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    me = _me(request)
    data = personal_data_collect(user=me)
    audit_log(actor=me, action=AuditEvent.Action.EXPORT, what=f"egne data ({fmt})", subject=me)
    return _download(data, fmt, stem="mine-data")


@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "people/privacy/privacy_notice.html", {"privacy": privacy_settings()}
    )


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "people/privacy/accessibility.html", {"privacy": privacy_settings()}
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Medarbejdernummer, brugernavn, navn eller e-mail"),
        max_length=100,
        required=True,
    )


def _require_hr(request: HttpRequest) -> None:
    if not request.user.has_perm("people.export_personal_data"):
        logger.warning("refused personal-data admin user=%s path=%s", request.user.pk, request.path)
        raise PermissionDenied


def hr_person_search(request: HttpRequest) -> HttpResponse:
    """HR finds a person and downloads everything Paragraf holds about them."""
    _require_hr(request)
    form = PersonSearchForm(request.GET or None)
    people: list[User] = []
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        parts = q.split()
        name_q = Q()
        if len(parts) >= 2:
            name_q = Q(first_name__icontains=parts[0], last_name__icontains=parts[-1])
        people = list(
            User.objects.filter(
                Q(employee_number=q)
                | Q(username__iexact=q)
                | Q(email__iexact=q)
                | Q(first_name__icontains=q)
                | Q(last_name__icontains=q)
                | name_q
            )
            .select_related("org_unit")
            .order_by("last_name", "first_name")[:50]
        )
    return TemplateResponse(
        request,
        "people/privacy/hr_person_search.html",
        {"form": form, "people": people, "header_title": _("Persondata")},
    )


def hr_person_export(request: HttpRequest, user_id: int, fmt: str) -> HttpResponse:
    _require_hr(request)
    if fmt not in FORMATS:
        raise Http404
    person = get_object_or_404(User, pk=user_id)
    data = personal_data_collect(user=person)
    audit_log(
        actor=_me(request),
        action=AuditEvent.Action.EXPORT,
        what=f"persondata ({fmt})",
        subject=person,
    )
    return _download(data, fmt, stem=f"persondata-{person.pk}")
