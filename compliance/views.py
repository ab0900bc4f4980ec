"""The manager's team view and the learner's "Jeg har læst og forstået". HR's screens live in
the Wagtail admin (wagtail_hooks, reports)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from guidelines.models import GuidelinePage
from people.audit import audit_log

from .acknowledgements import AcknowledgementRefused, acknowledgement_record
from .selectors import managed_unit, team_status

ACKNOWLEDGE_ANCHOR = "#laest-og-forstaaet"

#: Apps above compliance add panels to /mit-team/ through this hook: ``fn(request, unit)``
#: returns a component with ``render_html(context)`` (Wagtail's ``Component``) or None.
TEAM_PANELS_HOOK = "paragraf_team_panels"


@login_required
def my_team(request: HttpRequest) -> HttpResponse:
    """A manager's unit subtree: each person's status per requirement, overdue first."""
    unit = managed_unit(user=request.user)
    if unit is None:
        raise PermissionDenied
    status = team_status(unit=unit, exclude=request.user)
    audit_log(
        actor=request.user,
        action="view",
        what="Mit team: status for obligatorisk uddannelse",
        subject_unit=unit,
    )
    panels = [fn(request, unit) for fn in hooks.get_hooks(TEAM_PANELS_HOOK)]
    context = {"request": request}
    return TemplateResponse(
        request,
        "compliance/my_team.html",
        {"team": status, "team_panels": [p.render_html(context) for p in panels if p]},
    )


def _posted_int(request: HttpRequest, name: str) -> int | None:
    value = request.POST.get(name, "").strip()
    return int(value) if value.isdigit() and len(value) < 19 else None


@login_required
@require_POST
def acknowledge(request: HttpRequest, guideline_id: int) -> HttpResponse:
    """ "Jeg har læst og forstået": records the person × live revision once and completes their
    open acknowledgement cycles; a refusal records nothing and says why on the guideline page."""
    guideline = get_object_or_404(GuidelinePage.objects.live().public(), pk=guideline_id)
    try:
        result = acknowledgement_record(
            user=request.user,
            guideline_id=guideline.pk,
            revision_id=_posted_int(request, "revision"),
            assignment_id=_posted_int(request, "assignment"),
        )
    except AcknowledgementRefused as refused:
        messages.error(request, refused.message)
    else:
        if result.created:
            messages.success(
                request,
                _(
                    "Tak. Du har bekræftet, at du har læst og forstået %(title)s, version %(version)s."
                )
                % {"title": guideline.title, "version": result.acknowledgement.version_display},
            )
        else:
            messages.info(
                request, _("Du har allerede bekræftet denne version. Intet nyt er registreret.")
            )
    return redirect((guideline.get_url(request) or "/") + ACKNOWLEDGE_ANCHOR)
