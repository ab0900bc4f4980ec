"""The learner's "Beskeder" page: the e-mails Paragraf has sent to the person signed in (an
employee's reminders, a manager's escalations), newest first."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from people.models import User

from .selectors import notices_received

PER_PAGE = 25


@never_cache
@login_required
def my_notices(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # login_required
    page = Paginator(notices_received(user=user), PER_PAGE).get_page(request.GET.get("side"))
    return TemplateResponse(request, "notices/my_notices.html", {"page": page})
