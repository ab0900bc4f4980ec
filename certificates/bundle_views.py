"""HR's "Hent som ZIP" screens under Kursusbeviser: ask for the certificates of a unit subtree,
a course and a period; follow the task on a status page; fetch the ZIP (only the person who
asked, audited). Registered as a Wagtail viewset by ``wagtail_hooks``."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from functools import partial
from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.admin.viewsets.base import ViewSet

from compliance.filters import FastSelect
from courses.models import CoursePage
from people.admin_menu import RoleMenuItem
from people.audit import audit_log
from people.models import AuditEvent, OrgUnit, User
from people.roles import may
from people.scope import unit_visible, units_visible

from .bundles import PERMISSION, BundleEmpty, BundleRefused, bundle_request
from .models import BUNDLE_KEEP_DAYS, CertificateBundle
from .selectors import bundles_of
from .tasks import bundle_build_task

logger = logging.getLogger(__name__)

#: The URL namespace of CertificateBundleViewSet under /admin/.
NAMESPACE = "kursusbevis_zip"


def _indented(unit: OrgUnit) -> str:
    return "\u2003" * max(unit.depth - 1, 0) + unit.name


class BundleForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Enhed (med underenheder)"),
        queryset=OrgUnit.objects.none(),
        widget=FastSelect,
        empty_label=None,
    )
    course = forms.ModelChoiceField(
        label=gettext_lazy("Kursus"), queryset=CoursePage.objects.order_by("title")
    )
    issued_from = forms.DateField(
        label=gettext_lazy("Udstedt fra"), widget=forms.DateInput(attrs={"type": "date"})
    )
    issued_to = forms.DateField(
        label=gettext_lazy("Udstedt til og med"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["unit"])
        field.queryset = units_visible(user=user)
        field.label_from_instance = _indented  # type: ignore[method-assign,assignment]  # Django's documented way

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("issued_from"), cleaned.get("issued_to")
        if start and end and start > end:
            raise forms.ValidationError(_("Periodens startdato ligger efter slutdatoen."))
        return cleaned


def _hr_only(request: HttpRequest) -> User:
    if not may(PERMISSION)(request.user):
        raise PermissionDenied
    return cast(User, request.user)


def _forged_unit(request: HttpRequest, user: User) -> bool:
    """A unit id the person may not see is a forged form (the select never offers it)."""
    raw = request.POST.get("unit", "")
    unit = OrgUnit.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if unit is not None and not unit_visible(user=user, unit=unit):
        logger.warning(
            "certificate bundle refused user=%s unit=%s: unit out of scope", user.pk, unit.pk
        )
        return True
    return False


def _refused(request: HttpRequest) -> HttpResponse:
    """403 with a Danish page (Wagtail's admin would turn PermissionDenied into a redirect)."""
    return TemplateResponse(request, "certificates/admin/bundle_refused.html", status=403)


def _own_bundle(request: HttpRequest, token: str) -> CertificateBundle:
    """The bundle named by ``token`` if this person asked for it and it is not deleted yet;
    404 otherwise (also for a token that is not a UUID): nobody learns of another's bundle."""
    try:
        key = uuid.UUID(str(token))
    except ValueError:
        raise Http404 from None
    bundle = CertificateBundle.objects.filter(
        token=key, requested_by=cast(User, request.user), expires_at__gt=timezone.now()
    ).first()
    if bundle is None:
        logger.info("certificate bundle not found user=%s token=%s", request.user.pk, token[:40])
        raise Http404
    return bundle


@never_cache
def bundle_index(request: HttpRequest) -> HttpResponse:
    """The request form and the person's own bundles of the last BUNDLE_KEEP_DAYS days."""
    user = _hr_only(request)
    today = timezone.localdate()
    if request.method == "POST" and _forged_unit(request, user):
        return _refused(request)
    form = BundleForm(
        request.POST or None,
        user=user,
        initial={"issued_from": dt.date(today.year, 1, 1), "issued_to": today},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                bundle = bundle_request(
                    by=user,
                    unit=data["unit"],
                    course=data["course"],
                    issued_from=data["issued_from"],
                    issued_to=data["issued_to"],
                )
                transaction.on_commit(partial(bundle_build_task.delay, bundle.pk))
        except BundleRefused:
            return _refused(request)
        except BundleEmpty:
            form.add_error(
                None,
                _(
                    "Der er ingen kursusbeviser for %(course)s i %(unit)s udstedt i perioden. "
                    "Der er ikke dannet nogen ZIP-fil."
                )
                % {"course": data["course"].title, "unit": data["unit"].name},
            )
        else:
            return redirect(f"{NAMESPACE}:status", bundle.token)
    elif request.method == "POST":
        logger.info("certificate bundle form refused user=%s: %s", user.pk, form.errors.as_json())
    return TemplateResponse(
        request,
        "certificates/admin/bundle_index.html",
        {"form": form, "bundles": bundles_of(user=user), "keep_days": BUNDLE_KEEP_DAYS},
    )


@never_cache
@require_safe
def bundle_status(request: HttpRequest, token: str) -> HttpResponse:
    """Progress ("x af y") while the task works (the page refreshes itself), then the link."""
    _hr_only(request)
    bundle = _own_bundle(request, token)
    return TemplateResponse(request, "certificates/admin/bundle_status.html", {"bundle": bundle})


@never_cache
@require_safe
def bundle_download(request: HttpRequest, token: str) -> HttpResponseBase:
    """The ZIP, streamed from storage, for the person who asked; audited."""
    user = _hr_only(request)
    bundle = _own_bundle(request, token)
    if bundle.status != CertificateBundle.Status.DONE or not bundle.file:
        return redirect(f"{NAMESPACE}:status", bundle.token)
    try:
        handle = bundle.file.open("rb")
    except OSError:
        logger.warning("certificate bundle file missing id=%s name=%s", bundle.pk, bundle.file.name)
        raise Http404 from None
    audit_log(
        actor=user,
        action=AuditEvent.Action.EXPORT,
        what=(
            f"kursusbeviser som ZIP: {bundle.course_title}, {bundle.unit_name}, "
            f"udstedt {bundle.issued_from:%d-%m-%Y}–{bundle.issued_to:%d-%m-%Y} "
            f"({bundle.total} beviser)"
        ),
        subject_unit=bundle.unit,
    )
    name = slugify(f"kursusbeviser {bundle.unit_name} {bundle.issued_from} {bundle.issued_to}")
    return FileResponse(
        handle, as_attachment=True, filename=f"{name}.zip", content_type="application/zip"
    )


class CertificateBundleViewSet(ViewSet):
    """The three screens under /admin/kursusbeviser-zip/, and their menu item for HR."""

    icon = "download"
    menu_label = gettext_lazy("Hent som ZIP")
    url_prefix = "kursusbeviser-zip"

    def get_urlpatterns(self):
        return [
            path("", bundle_index, name="index"),
            path("<str:token>/", bundle_status, name="status"),
            path("<str:token>/hent/", bundle_download, name="download"),
        ]

    def get_menu_item(self, order=None):
        return RoleMenuItem(
            self.menu_label,
            reverse(f"{NAMESPACE}:index"),
            icon_name=self.icon,
            order=order if order is not None else self.menu_order,
            check=may(PERMISSION),
        )


certificate_bundle_viewset = CertificateBundleViewSet(NAMESPACE)
