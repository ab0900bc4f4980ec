"""The package files (same origin, own path, own CSP), the full-screen player and the JSON
endpoint the runtime commits to.

Why same origin with ``sandbox allow-scripts allow-same-origin``: SCORM content finds its
runtime by walking ``window.parent`` for ``API`` / ``API_1484_11``, which only works when the
package and the page holding the runtime share an origin. That also means a package *could*
read the step page that frames it, so sandboxing alone does not isolate it; what the policy
does is keep it from going anywhere else: no top-level navigation (no ``allow-top-navigation``),
no plugins, nothing loaded from or sent to another origin (every fetch directive is 'self',
and Paragraf's own pages allow no other origin either), and it may only be framed by us
(``frame-ancestors 'self'``). Packages are uploaded by jurists only, like documents. A package
from an untrusted source would need its own origin (a separate host name with scorm-again's
cross-frame API); see docs/scorm.md.
"""

from __future__ import annotations

import json
import logging
import mimetypes
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from people.models import User

from .models import ScormAttempt, ScormPackageVersion
from .packages import safe_name
from .selectors import attempt_runtime, package_url
from .services import attempt_commit

logger = logging.getLogger(__name__)

PACKAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Authoring tools (Storyline, Rise, Captivate) write inline scripts and styles and use
        # eval; the package runs in its own sandbox and may load nothing from elsewhere.
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
        "sandbox allow-scripts allow-same-origin allow-forms allow-popups allow-modals "
        "allow-downloads",
    ]
)


@login_required
@require_GET
@xframe_options_sameorigin
def package_file(
    request: HttpRequest, package_id: int, version: int, path: str
) -> HttpResponseBase:
    """A file of a stored package version, to signed-in people only, with the package policy."""
    row = ScormPackageVersion.objects.filter(package_id=package_id, number=version).first()
    name = safe_name(path)
    if row is None or name is None:
        raise Http404(_("Filen findes ikke."))
    stored = row.storage_prefix + name
    try:
        # Object storage opens lazily: ask first, so a missing file is a 404 and not a 500.
        if not default_storage.exists(stored):
            raise FileNotFoundError(stored)
        handle = default_storage.open(stored, "rb")
    except (FileNotFoundError, OSError) as error:
        logger.info("scorm file missing package=%s version=%s path=%r", package_id, version, name)
        raise Http404(_("Filen findes ikke.")) from error
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Content-Security-Policy"] = PACKAGE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _own_attempt(request: HttpRequest, attempt_id: int) -> ScormAttempt:
    attempt = (
        ScormAttempt.objects.filter(pk=attempt_id, user_id=cast(User, request.user).pk)
        .select_related("version")
        .first()
    )
    if attempt is None:
        logger.warning("scorm attempt refused user=%s attempt=%s", request.user.pk, attempt_id)
        raise Http404(_("Forsøget findes ikke."))
    return attempt


@login_required
@require_POST
def attempt_commit_view(request: HttpRequest, attempt_id: int) -> JsonResponse:
    """The runtime's LMSCommit / Commit: the person's own attempt only (another person's id is
    a 404), CSRF-checked by Django's middleware. Answers in scorm-again's result format."""
    attempt = _own_attempt(request, attempt_id)
    try:
        if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            payload = request.POST.dict()  # scorm-again's "params" format, or a plain form
        else:  # JSON, also as text/plain (a beacon sent while the page closes)
            payload = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        logger.warning("scorm commit not json attempt=%s user=%s", attempt.pk, request.user.pk)
        return JsonResponse({"result": False, "errorCode": 101}, status=400)
    if not isinstance(payload, dict):
        logger.warning("scorm commit not an object attempt=%s", attempt.pk)
        return JsonResponse({"result": False, "errorCode": 101}, status=400)
    attempt = attempt_commit(
        attempt=attempt, payload=payload, session_key=request.GET.get("session", "")
    )
    return JsonResponse({"result": True, "errorCode": 0, "completed": bool(attempt.completed_at)})


@login_required
@require_GET
def player_view(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """The package alone on the screen (the step page's full-screen link): the same runtime and
    attempt, nothing else of Paragraf around it."""
    attempt = _own_attempt(request, attempt_id)
    user = cast(User, request.user)
    page = attempt.page.specific if attempt.page is not None else None
    return render(
        request,
        "scorm/player.html",
        {
            "attempt": attempt,
            "page": page,
            "launch_url": package_url(attempt.version, attempt.version.launch),
            "runtime": attempt_runtime(attempt=attempt, user=user),
        },
    )
