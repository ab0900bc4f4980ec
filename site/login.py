"""Login: Django's password login with throttling of repeated failures, and the page an
unsuccessful single sign-on lands on (the OpenID Connect backend itself is in ``paragraf.auth``)."""

from __future__ import annotations

import hashlib
import logging

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

#: failures per username and client address before the login is refused for a while
LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW = 15 * 60  # seconds


def _client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "-")


def _throttle_key(username: str, ip: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}|{ip}".encode()).hexdigest()
    return f"paragraf:login-failures:{digest}"


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form that refuses a username from one address after
    ``LOGIN_FAILURE_LIMIT`` failures within ``LOGIN_FAILURE_WINDOW`` (counted in Django's cache,
    so it holds across gunicorn workers when the cache is shared)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Brugernavn eller adgangskode er forkert. Prøv igen."),
        "inactive": _("Din bruger er ikke aktiv. Kontakt HR."),
        "throttled": _(
            "Der har været for mange mislykkede forsøg på at logge ind. Vent 15 minutter, og "
            "prøv igen."
        ),
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "")[:150]
        key = _throttle_key(username, _client_ip(self.request))
        failures = cache.get(key, 0)
        if failures >= LOGIN_FAILURE_LIMIT:
            logger.warning(
                "login throttled username=%r ip=%s failures=%s",
                username,
                _client_ip(self.request),
                failures,
            )
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, LOGIN_FAILURE_WINDOW)
            logger.info("login failed username=%r ip=%s", username, _client_ip(self.request))
            raise
        cache.delete(key)
        return cleaned


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = getattr(settings, "OIDC_ENABLED", False)
        return context


def sso_failure(request: HttpRequest) -> HttpResponse:
    """Where an unsuccessful single sign-on lands: a clear Danish page, never a new account."""
    reason = request.session.pop("paragraf_oidc_failure", "")
    return TemplateResponse(
        request,
        "registration/sso_failure.html",
        {"unknown_person": reason == "unknown"},
        status=403,
    )
