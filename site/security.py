"""Content Security Policy for the learner-facing site.

The front end loads only its own CSS and a little of its own JavaScript, so the policy allows
nothing inline and nothing from other origins. Wagtail's admin (under /admin/) relies on inline
scripts and styles and is left to Django's own headers (X-Frame-Options, nosniff, referrer).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

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


logger = logging.getLogger(__name__)


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


class PersonalPagesNotCachedMiddleware:
    """Every response to a signed-in person says ``Cache-Control: no-store, private``: their
    pages name them and often others (team view, reports, records, exports), and no browser,
    proxy or shared cache may keep a copy. Anonymous pages (login, the public certificate check)
    keep their own headers; static files never reach this middleware (WhiteNoise answers them
    first)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


#: Session keys of the idle and absolute limits.
SIGNED_IN_AT = "paragraf_signed_in_at"
LAST_SEEN_AT = "paragraf_last_seen_at"
#: Seconds between writes of the last-seen time (not one session write per request).
SEEN_RESOLUTION = 60


class SessionIdleTimeoutMiddleware:
    """Signs a person out after ``PARAGRAF_SESSION_IDLE_SECONDS`` without a request, and at the
    latest ``SESSION_COOKIE_AGE`` after signing in however active they are; for the learner's
    pages and the Wagtail admin alike. The next page then asks them to sign in again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in = session.setdefault(SIGNED_IN_AT, now)
            seen = session.get(LAST_SEEN_AT, now)
            idle = now - seen > settings.PARAGRAF_SESSION_IDLE_SECONDS
            if idle or now - signed_in > settings.SESSION_COOKIE_AGE:
                logger.info(
                    "session ended user=%s reason=%s", user.pk, "idle" if idle else "absolute"
                )
                logout(request)
            elif now - seen >= SEEN_RESOLUTION or LAST_SEEN_AT not in session:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)
