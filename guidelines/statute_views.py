"""Admin actions on a provision whose act has a newer version: confirm it against the new
version (new ELI and date) or mark the change as not affecting it. Jurists only; each shows a
Danish confirmation page first and is logged in the provision's history."""

from __future__ import annotations

import logging
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from people.models import User

from .models import StatuteProvision
from .selectors import provision_cited_by
from .statute_models import eli_validator
from .statute_watch import (
    NothingPending,
    provision_confirm,
    provision_dismiss,
    sections_citing_provision,
)

logger = logging.getLogger(__name__)


def may_confirm(user) -> bool:
    return user.has_perm("guidelines.change_statuteprovision")


class ConfirmForm(forms.Form):
    eli = forms.CharField(
        label=gettext_lazy("Ny ELI-identifikator"),
        max_length=60,
        validators=[eli_validator],
        help_text=gettext_lazy("Den version, bestemmelsen nu er gennemgået efter."),
    )
    eli_date = forms.DateField(
        label=gettext_lazy("Versionens dato"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def _pending_provision(request: HttpRequest, provision_id: int) -> StatuteProvision | None:
    if not may_confirm(request.user):
        logger.warning("refused statute action user=%s path=%s", request.user.pk, request.path)
        raise PermissionDenied
    provision = get_object_or_404(
        StatuteProvision.objects.select_related("pending_change"), pk=provision_id
    )
    if provision.pending_change_id is None:
        messages.info(request, _("Der er ingen ny version at tage stilling til."))
        return None
    return provision


def _list_url() -> str:
    return reverse("wagtailsnippets_guidelines_statuteprovision:list")


def _context(request: HttpRequest, provision: StatuteProvision, **extra) -> dict:
    return {
        "provision": provision,
        "change": provision.pending_change,
        "sections": sections_citing_provision(provision=provision),
        "cited_by": provision_cited_by(provision=provision, request=request),
        "header_icon": "openquote",
        **extra,
    }


@never_cache
def confirm(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = _pending_provision(request, provision_id)
    if provision is None:
        return redirect(_list_url())
    change = provision.pending_change
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                provision_confirm(
                    provision=provision,
                    eli=form.cleaned_data["eli"],
                    eli_date=form.cleaned_data["eli_date"],
                    user=cast(User, request.user),
                )
            except NothingPending:
                messages.info(request, _("En anden har allerede taget stilling til ændringen."))
                return redirect(_list_url())
            messages.success(
                request,
                _("%(ref)s er bekræftet efter %(eli)s.")
                % {"ref": provision.reference, "eli": form.cleaned_data["eli"]},
            )
            return redirect(_list_url())
        logger.warning(
            "invalid statute confirmation provision=%s errors=%s",
            provision.pk,
            form.errors.as_json(),
        )
    else:
        form = ConfirmForm(
            initial={
                "eli": change.new_eli if change else provision.eli,
                "eli_date": change.date if change else None,
            }
        )
    return render(
        request,
        "guidelines/admin/statute_confirm.html",
        _context(
            request,
            provision,
            form=form,
            page_title=_("Bekræft %(ref)s efter den nye version") % {"ref": provision.reference},
        ),
    )


@never_cache
def dismiss(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = _pending_provision(request, provision_id)
    if provision is None:
        return redirect(_list_url())
    if request.method == "POST":
        try:
            provision_dismiss(provision=provision, user=cast(User, request.user))
        except NothingPending:
            messages.info(request, _("En anden har allerede taget stilling til ændringen."))
            return redirect(_list_url())
        messages.success(
            request,
            _("Ændringen er markeret som uden betydning for %(ref)s.")
            % {"ref": provision.reference},
        )
        return redirect(_list_url())
    return render(
        request,
        "guidelines/admin/statute_dismiss.html",
        _context(
            request,
            provision,
            page_title=_("Påvirker den nye version ikke %(ref)s?") % {"ref": provision.reference},
        ),
    )
