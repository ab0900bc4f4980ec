"""A real OpenID provider for the SSO tests: django-oauth-toolkit, served by the live server
next to Paragraf (test-only URLconf), signing ID tokens with an RS256 key made per test."""

from __future__ import annotations

from django.urls import include, path
from oauth2_provider.oauth2_validators import OAuth2Validator

from paragraf.urls import urlpatterns as paragraf_urlpatterns

#: The provider's directory: IdP account username → the claims it releases about that person.
DIRECTORY: dict[str, dict[str, str]] = {}


class DirectoryValidator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "employee_number": "profile",
    }

    def get_additional_claims(self, request):
        return dict(DIRECTORY.get(request.user.username, {}))


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    *paragraf_urlpatterns,
]
