"""Login: Django's password login, with django-axes refusing a (username, client address) after
repeated failures, and the page an unsuccessful single sign-on lands on (the OpenID Connect
backend itself is in ``paragraf.auth``)."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .clientip import client_ip

logger = logging.getLogger(__name__)

#: How long one login attempt may hold its turn, and how long a parallel one waits for it.
TURN_SECONDS = 10


class LoginBusy(Exception):
    """Another attempt for the same username and address did not finish in time."""


@contextmanager
def login_turn(username: str, request: HttpRequest | None) -> Iterator[None]:
    """Attempts for one (username, client address) take turns, in every process (the lock is an
    atomic ``cache.add`` in the shared cache): django-axes then sees each failure before the
    next attempt is checked, so with the limit at 5 exactly 5 of 12 parallel guesses reach
    the password check."""
    ip = client_ip(request) if request is not None else "-"
    digest = hashlib.sha256(f"{username.strip().lower()}|{ip}".encode()).hexdigest()
    key = f"paragraf:login-turn:{digest}"
    deadline = time.monotonic() + TURN_SECONDS
    while not cache.add(key, 1, TURN_SECONDS):
        if time.monotonic() > deadline:
            logger.warning("login turn timed out username=%r ip=%s", username, ip)
            raise LoginBusy
        time.sleep(0.02)
    try:
        yield
    finally:
        cache.delete(key)


class TurnTakingLoginMixin:
    """For any authentication form: the check runs in its (username, address) turn."""

    request: HttpRequest | None
    cleaned_data: dict
    error_messages: dict

    def clean(self):
        username = (self.cleaned_data.get("username") or "")[:150]
        try:
            with login_turn(username, self.request):
                return super().clean()  # type: ignore[misc]
        except LoginBusy:
            raise forms.ValidationError(self.error_messages["busy"], code="busy") from None


BUSY = _("Der er mange forsøg på at logge ind med dette brugernavn lige nu. Prøv igen om lidt.")


class ParagrafAuthenticationForm(TurnTakingLoginMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Brugernavn eller adgangskode er forkert. Prøv igen."),
        "inactive": _("Din bruger er ikke aktiv. Kontakt HR."),
        "busy": BUSY,
    }


class AdminLoginForm(TurnTakingLoginMixin, WagtailLoginForm):
    """Wagtail's admin login form (``WAGTAILADMIN_USER_LOGIN_FORM``), taking turns as ours."""

    error_messages = {**WagtailLoginForm.error_messages, "busy": BUSY}


class LoginView(auth_views.LoginView):
    form_class = ParagrafAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = getattr(settings, "OIDC_ENABLED", False)
        return context


def sso_failure(request: HttpRequest) -> HttpResponse:
    """Where an unsuccessful single sign-on lands: a clear Danish page, never a new account."""
    reason = request.session.pop("paragraf_oidc_failure", "")
    logger.warning("SSO login failed reason=%s ip=%s", reason or "callback", client_ip(request))
    return TemplateResponse(
        request,
        "registration/sso_failure.html",
        {"unknown_person": reason == "unknown"},
        status=403,
    )


def locked_out(
    request: HttpRequest, credentials: dict | None = None, *args, **kwargs
) -> HttpResponse:
    """django-axes' lockout response (``AXES_LOCKOUT_CALLABLE``): a Danish page, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    logger.warning(
        "login locked out username=%r ip=%s",
        (credentials or {}).get("username", ""),
        client_ip(request),
    )
    return TemplateResponse(
        request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429
    ).render()


#: Django's username field holds 150 characters; axes stores what it is given (255 at most).
USERNAME_MAX = 150


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username django-axes counts by (``AXES_USERNAME_CALLABLE``): as axes reads it (the
    credentials, else the form), cut to what a username can be, so a 20,000-character "name"
    is counted rather than breaking the failure record."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "POST", {}).get("username")
    return None if username is None else str(username)[:USERNAME_MAX]
