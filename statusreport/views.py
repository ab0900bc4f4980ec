"""The status report in the admin: the page for a unit and period, and its PDF and Word
downloads (``?format=pdf|docx``), each download audited."""

from __future__ import annotations

import base64
import logging
from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from overview.views import form_errors, may_see_dashboard
from people.audit import audit_log
from people.models import User

from .build import status_report_build
from .charts import chart_png
from .forms import StatusReportForm
from .pdf import status_report_pdf
from .word import status_report_docx

logger = logging.getLogger(__name__)

DOWNLOADS = {
    "pdf": ("application/pdf", status_report_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        status_report_docx,
    ),
}


def may_see_status_report(user) -> bool:
    """HR: whoever may see the compliance reports and the dashboard."""
    return may_see_dashboard(user)


@never_cache
def status_report(request: HttpRequest) -> HttpResponse:
    """The report for the chosen unit and period; ``?format=pdf|docx`` downloads it."""
    if not may_see_status_report(request.user):
        raise PermissionDenied
    user = cast(User, request.user)
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in DOWNLOADS:
        logger.warning("status report refused user=%s format=%r", user.pk, fmt)
        return HttpResponseBadRequest(
            _("Ukendt format. Vælg PDF eller Word."), content_type="text/plain; charset=utf-8"
        )
    form = StatusReportForm(request.GET, user=user)
    context = {
        "form": form,
        "page_title": _("Statusrapport til udvalget"),
        "header_icon": "doc-full",
    }
    if not form.is_valid():
        errors = form_errors(form)
        logger.warning(
            "status report refused user=%s query=%s errors=%s",
            user.pk,
            request.GET.urlencode(),
            form.errors.as_json(),
        )
        if fmt:
            return HttpResponseBadRequest(
                " ".join(errors), content_type="text/plain; charset=utf-8"
            )
        return render(request, "statusreport/report.html", context | {"errors": errors})
    unit, start, end = (form.cleaned_data[k] for k in ("unit", "start", "end"))
    report = status_report_build(unit=unit, date_from=start, date_to=end)
    if fmt:
        content_type, render_file = DOWNLOADS[fmt]
        audit_log(
            actor=user,
            action="export",
            what=f"Statusrapport {start}–{end} ({fmt.upper()})",
            subject_unit=unit,
        )
        logger.info(
            "status report downloaded user=%s unit=%s from=%s to=%s format=%s",
            user.pk,
            unit.pk,
            start,
            end,
            fmt,
        )
        response = HttpResponse(render_file(report), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{report.stem}.{fmt}"'
        return response
    query = {"unit": unit.pk, "start": start.isoformat(), "end": end.isoformat()}
    sections = [
        {
            "section": section,
            "charts": [
                {
                    "chart": chart,
                    "src": "data:image/png;base64," + base64.b64encode(chart_png(chart)).decode(),
                }
                for chart in section.charts
            ],
        }
        for section in report.sections
    ]
    return render(
        request,
        "statusreport/report.html",
        context
        | {
            "report": report,
            "sections": sections,
            "pdf_url": "?" + urlencode({**query, "format": "pdf"}),
            "docx_url": "?" + urlencode({**query, "format": "docx"}),
        },
    )
