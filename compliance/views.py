"""The manager's team view. HR's screens live in the Wagtail admin (wagtail_hooks, reports)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail import hooks

from people.audit import audit_log

from .selectors import managed_unit, team_status

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
