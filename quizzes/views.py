"""Learner endpoints: start or resume an attempt, answer one question, submit an attempt.

The quiz page itself is ``QuizPage.serve``; these views only accept POSTs and redirect back.
"""

from __future__ import annotations

import logging
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.views import page_open_to
from people.models import User

from .models import Attempt, QuizPage
from .services import QuizRefused, attempt_answer_one, attempt_start, attempt_submit

logger = logging.getLogger(__name__)


def _refused(request: HttpRequest, exc: QuizRefused, quiz: QuizPage | None) -> HttpResponse:
    return render(
        request,
        "quizzes/refused.html",
        {"message": exc.message, "quiz": quiz},
        status=exc.status,
    )


@login_required
@require_POST
def attempt_start_view(request: HttpRequest, page_id: int) -> HttpResponse:
    quiz = QuizPage.objects.live().filter(pk=page_id).first()
    if quiz is None:
        logger.warning("quiz start for missing quiz user=%s page=%s", request.user.pk, page_id)
        return _refused(request, QuizRefused("not_live", status=404), None)
    if not page_open_to(request, quiz):
        logger.warning("quiz start refused user=%s page=%s: restricted", request.user.pk, page_id)
        raise PermissionDenied(_("Du har ikke adgang til dette kursus."))
    try:
        attempt_start(user=cast(User, request.user), quiz=quiz)
    except QuizRefused as exc:
        return _refused(request, exc, quiz)
    return redirect(f"{quiz.url}#quiz")


@login_required
@require_POST
def attempt_submit_view(request: HttpRequest, attempt_id: int) -> HttpResponse:
    data = {key: request.POST.getlist(key) for key in request.POST}
    quiz = (
        QuizPage.objects.filter(attempts__pk=attempt_id, attempts__user=cast(User, request.user))
        .live()
        .first()
    )
    try:
        item = request.POST.get("question")
        if item:
            try:
                item_id = int(item)
            except ValueError:
                raise QuizRefused("not_served") from None
            attempt = attempt_answer_one(
                attempt_id=attempt_id, user=cast(User, request.user), item_id=item_id, data=data
            )
        else:
            attempt = attempt_submit(
                attempt_id=attempt_id, user=cast(User, request.user), data=data
            )
    except QuizRefused as exc:
        return _refused(request, exc, quiz)
    if attempt.state != Attempt.State.IN_PROGRESS:
        messages.success(request, _("Din besvarelse er afleveret."))
    target = quiz.url if quiz is not None else "/"
    return redirect(f"{target}#{'resultat' if attempt.state != 'in_progress' else 'quiz'}")
