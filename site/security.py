"""Content Security Policy for the learner-facing site.

The front end loads only its own CSS and a little of its own JavaScript, so the policy allows
nothing inline and nothing from other origins. Wagtail's admin (under /admin/) relies on inline
scripts and styles and is left to Django's own headers (X-Frame-Options, nosniff, referrer).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        exempt = getattr(settings, "PARAGRAF_CSP_EXEMPT_PREFIXES", ("/admin/",))
        if request.path.startswith(tuple(exempt)) or "Content-Security-Policy" in response:
            return response
        response["Content-Security-Policy"] = getattr(settings, "PARAGRAF_CSP", DEFAULT_POLICY)
        return response
