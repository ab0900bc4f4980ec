from __future__ import annotations

import logging
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from people.models import User

from .services import StepNotCompletable, step_complete_by_learner

logger = logging.getLogger(__name__)


def page_open_to(request: HttpRequest, page: Page) -> bool:
    """Whether the request passes every Wagtail view restriction (login, groups, shared
    password) on the page and its ancestors, as Wagtail checks before serving the page."""
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


@login_required
@require_POST
def step_complete_view(request: HttpRequest, page_id: int) -> HttpResponse:
    """Mark a lesson as done for the signed-in person and go on to the next step. Lessons only:
    a quiz is completed by its passed attempt; any other page is a 404, and a course behind a
    view restriction the person does not pass is a 403. Nothing is recorded when refused."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404(_("Lektionen findes ikke."))
    if not page_open_to(request, page):
        logger.warning(
            "refused step completion user=%s page=%s: restricted", request.user.pk, page_id
        )
        raise PermissionDenied(_("Du har ikke adgang til dette kursus."))
    try:
        step_complete_by_learner(user=cast(User, request.user), page=page)  # login_required
    except StepNotCompletable as exc:
        logger.warning("refused step completion user=%s page=%s", request.user.pk, page_id)
        raise Http404(_("Lektionen kan ikke markeres som gennemført.")) from exc
    messages.success(request, _("Lektionen er markeret som gennemført."))
    target = request.POST.get("next") or page.url
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = page.url
    return redirect(target)
