"""Låste logins: HR (and superusers) see which (username, client address) pairs django-axes has
locked out after repeated failed logins, and unlock one before its quarter of an hour is up."""

from __future__ import annotations

import logging
from typing import cast

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks

from people.admin_menu import RoleMenuItem
from people.audit import audit_log
from people.models import User

logger = logging.getLogger(__name__)


def may_unlock(user) -> bool:
    return user.has_perm("axes.delete_accessattempt")


def lockouts(request: HttpRequest) -> HttpResponse:
    """The pairs that are locked out now, newest first (one query)."""
    if not may_unlock(request.user):
        raise PermissionDenied
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
    return TemplateResponse(
        request,
        "paragraf/admin/lockouts.html",
        {"rows": rows[:500], "page_title": _("Låste logins"), "header_icon": "lock"},
    )


@require_POST
def unlock(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Unlock one (username, address) pair; audit-logged."""
    if not may_unlock(request.user):
        raise PermissionDenied
    attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
    reset(username=attempt.username, ip=attempt.ip_address)
    logger.info(
        "login unlocked username=%r ip=%s by=%s",
        attempt.username,
        attempt.ip_address,
        request.user.pk,
    )
    audit_log(
        actor=cast(User, request.user),  # may_unlock: signed in
        action="change",
        what=f"låste login op for {attempt.username} fra {attempt.ip_address}",
    )
    messages.success(
        request, _("%(username)s kan logge ind igen.") % {"username": attempt.username}
    )
    return redirect("paragraf_lockouts")


@hooks.register("register_admin_urls")
def lockout_urls():
    return [
        path("laaste-logins/", lockouts, name="paragraf_lockouts"),
        path("laaste-logins/<int:attempt_id>/laas-op/", unlock, name="paragraf_lockout_unlock"),
    ]


@hooks.register("register_admin_menu_item")
def lockout_menu_item():
    return RoleMenuItem(
        gettext_lazy("Låste logins"),
        reverse("paragraf_lockouts"),
        icon_name="lock",
        order=950,
        check=may_unlock,
    )
