"""HR's certificate screens in the Wagtail admin: list, inspect, re-issue and revoke."""

from __future__ import annotations

import logging

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.widgets.button import HeaderButton, MenuItem
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import Certificate
from .services import certificate_reissue, certificate_revoke

logger = logging.getLogger(__name__)


class HRPermissionPolicy(BasePermissionPolicy):
    """HR (and superusers) may view, re-issue and revoke; nobody adds, edits or deletes."""

    actions = frozenset({"view", "reissue", "revoke"})

    def user_has_permission(self, user, action: str) -> bool:
        needed = (
            "certificates.view_certificate"
            if action == "view"
            else "certificates.change_certificate"
        )
        return action in self.actions and user.is_active and user.has_perm(needed)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions) -> QuerySet:
        users = get_user_model().objects.filter(is_active=True)
        if not self.actions.intersection(actions):
            return users.none()
        return users.filter(
            Q(is_superuser=True) | Q(groups__permissions=_view_permission())
        ).distinct()


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy("Vises ikke offentligt, men gemmes på beviset og i loggen."),
    )


#: The URL namespace of CertificateViewSet (wagtail_hooks) under /admin/.
NAMESPACE = "kursusbeviser"


def _url(name: str, certificate: Certificate) -> str:
    return reverse(f"{NAMESPACE}:{name}", args=[certificate.pk])


def _action_buttons(certificate: Certificate) -> list[MenuItem]:
    buttons = [
        MenuItem(
            _("Hent PDF"), url=certificate.get_download_url(), icon_name="download", priority=30
        ),
        MenuItem(
            _("Genudsted PDF"),
            url=_url("reissue", certificate),
            icon_name="resubmit",
            priority=40,
        ),
    ]
    if certificate.revoked_at is None:
        buttons.append(
            MenuItem(
                _("Tilbagekald"),
                url=_url("revoke", certificate),
                icon_name="cross",
                priority=50,
            )
        )
    return buttons


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().only(
            "id", "code", "holder_name", "course_title", "completed_at", "valid_until",
            "revoked_at",
        )  # fmt: skip

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *_action_buttons(instance)]


class CertificateInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "status_label":
            return _("Status")
        if field_name == "code_display":
            return _("Kode")
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name in ("status_label", "code_display"):
            return getattr(self.object, field_name)
        if field_name == "valid_until" and self.object.valid_until is None:
            return _("Uden udløbsdato")
        if field_name in ("revoked_at", "revoked_by") and getattr(self.object, field_name) is None:
            return "–"
        return super().get_field_display_value(field_name, field)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for item in _action_buttons(self.object):
            buttons.append(HeaderButton(item.label, url=item.url, icon_name=item.icon_name))
        return buttons


def _view_permission() -> Permission:
    return Permission.objects.get(
        content_type__app_label="certificates", codename="view_certificate"
    )


def _certificate_for_hr(request: HttpRequest, pk: int) -> Certificate:
    if not request.user.has_perm("certificates.change_certificate"):
        raise Http404
    certificate = Certificate.objects.select_related("holder").filter(pk=pk).first()
    if certificate is None:
        raise Http404
    return certificate


def revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate_for_hr(request, pk)
    inspect_url = _url("inspect", certificate)
    if certificate.revoked_at is not None:
        messages.warning(request, _("Beviset er allerede tilbagekaldt. Intet er ændret."))
        return redirect(inspect_url)
    form = RevokeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            changed = certificate_revoke(
                certificate=certificate,
                by=request.user,  # type: ignore[arg-type]  # admin views: a User
                reason=form.cleaned_data["reason"],
            )
            if changed:
                messages.success(request, _("Beviset er tilbagekaldt."))
            else:
                messages.warning(request, _("Beviset er allerede tilbagekaldt. Intet er ændret."))
            return redirect(inspect_url)
        logger.info("certificate revoke refused id=%s: %s", pk, form.errors.as_json())
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form, "cancel_url": inspect_url},
    )


def reissue_view(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate_for_hr(request, pk)
    inspect_url = _url("inspect", certificate)
    if request.method == "POST":
        certificate_reissue(certificate=certificate, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Der er dannet en ny PDF. Koden er den samme."))
        return redirect(inspect_url)
    return TemplateResponse(
        request,
        "certificates/admin/reissue.html",
        {"certificate": certificate, "cancel_url": inspect_url},
    )
