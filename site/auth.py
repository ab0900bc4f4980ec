"""Single sign-on with OpenID Connect (mozilla-django-oidc) that maps the identity to an existing
employee.

Only ``AUTHENTICATION_BACKENDS`` names this module, and only when OIDC is configured: importing
mozilla-django-oidc pulls in PyJWT and cryptography (about 10 MB per web process), so nothing on
the ordinary request path imports it. The dotted path ``paragraf.auth.ParagrafOIDCBackend`` is kept
because Django stores it in every SSO session."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from people.models import User

logger = logging.getLogger(__name__)


class ParagrafOIDCBackend(OIDCAuthenticationBackend):
    """Signs in an existing, active employee found by the employee-number claim (setting
    ``OIDC_EMPLOYEE_NUMBER_CLAIM``) or else by e-mail. Never creates a user."""

    def filter_users_by_claims(self, claims):
        active = User.objects.filter(is_active=True)
        number_claim = getattr(settings, "OIDC_EMPLOYEE_NUMBER_CLAIM", "employee_number")
        number = str(claims.get(number_claim) or "").strip()
        if number:
            return active.filter(employee_number=number)
        email = str(claims.get("email") or "").strip()
        if email:
            return active.filter(email__iexact=email)
        return active.none()

    def verify_claims(self, claims) -> bool:
        number_claim = getattr(settings, "OIDC_EMPLOYEE_NUMBER_CLAIM", "employee_number")
        return bool(claims.get(number_claim) or claims.get("email"))

    def create_user(self, claims):
        # OIDC_CREATE_USER is off in settings; this is the belt to those braces.
        return None

    def update_user(self, user, claims):
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            logger.warning("OIDC login refused: no active employee for sub=%s", payload.get("sub"))
            self.request.session["paragraf_oidc_failure"] = "unknown"
            # Counted by django-axes like a wrong password, per (identity, client address).
            user_login_failed.send(
                sender=type(self),
                credentials={"username": f"sso:{payload.get('sub') or '?'}"[:150]},
                request=self.request,
            )
        return user
