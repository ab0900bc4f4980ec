"""Public verification of a certificate code, and the holder's own PDF download."""

from __future__ import annotations

import logging

from axes.helpers import get_client_ip_address
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from people.audit import audit_log
from people.models import AuditEvent
from people.ratelimit import window_count

from .models import Certificate
from .selectors import certificate_by_code
from .services import certificate_pdf_outdated, certificate_render

logger = logging.getLogger(__name__)

#: Lookups allowed per client IP per window; enough for an HR desk, too few to enumerate codes.
VERIFY_LIMIT = 30
VERIFY_WINDOW_SECONDS = 600


def _over_limit(request: HttpRequest) -> bool:
    """Count this lookup for the client IP (fixed window in Django's cache)."""
    # The client's address as every limit takes it (PARAGRAF_BEHIND_PROXY, through axes).
    ip = get_client_ip_address(request) or "unknown"
    count = window_count(f"certificates:verify:{ip}", VERIFY_WINDOW_SECONDS)
    if count > VERIFY_LIMIT:
        if count == VERIFY_LIMIT + 1:
            logger.warning("certificate verification rate limit reached ip=%s", ip)
        return True
    return False


@require_safe
def lookup(request: HttpRequest) -> HttpResponse:
    """A form to type the code from a paper certificate; sends you to its verification page."""
    raw = request.GET.get("kode", "")
    typed = "".join(char for char in raw[:40] if char.isascii() and (char.isalnum() or char == "-"))
    if typed:
        return redirect("certificates:verify", code=typed)
    return TemplateResponse(
        request, "certificates/lookup.html", {"error": bool(raw.strip()), "value": raw[:40]}
    )


@require_safe
@never_cache
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: name, course, date, valid until and status; unknown and malformed codes look the
    same (404), and each client IP gets VERIFY_LIMIT lookups per window (then 429)."""
    if _over_limit(request):
        response = TemplateResponse(request, "certificates/rate_limited.html", status=429)
        response["Retry-After"] = str(VERIFY_WINDOW_SECONDS)
        return response
    certificate = certificate_by_code(raw_code=code)
    if certificate is None:
        logger.info("certificate verification: no match for %r", code[:40])
        return TemplateResponse(request, "certificates/not_found.html", status=404)
    status = certificate.status_on(timezone.localdate())
    return TemplateResponse(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "status": status,
            "status_label": Certificate.Status(status).label,
        },
    )


@login_required
@require_safe
def download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The PDF for its holder or HR; anyone else gets 404 (not 403: no hint it exists)."""
    certificate = Certificate.objects.select_related("holder").filter(pk=pk).first()
    own = certificate is not None and certificate.holder_id == request.user.pk
    if certificate is None or not (own or request.user.has_perm("certificates.view_certificate")):
        logger.info("certificate download refused user=%s id=%s", request.user.pk, pk)
        raise Http404(_("Kursusbeviset findes ikke."))
    if certificate_pdf_outdated(certificate=certificate) or not certificate.pdf.storage.exists(
        certificate.pdf.name
    ):
        logger.info("certificate pdf missing or outdated id=%s, rendering it now", certificate.pk)
        certificate_render(certificate=certificate)
    if not own:
        audit_log(
            actor=request.user,  # type: ignore[arg-type]  # login_required: a User
            action=AuditEvent.Action.VIEW,
            what=f"kursusbevis {certificate.code_display} (PDF)",
            subject=certificate.holder,
        )
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"kursusbevis-{certificate.code_display}.pdf",
        content_type="application/pdf",
    )
