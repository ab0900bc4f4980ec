"""Learner endpoints: start or resume an attempt, save answers as drafts, answer one question,
submit an attempt.

The quiz page itself is ``QuizPage.serve``; these views only accept POSTs and redirect back
(saving answers from the page's script answers JSON).
"""

from __future__ import annotations

import logging
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.views import page_open_to
from people.models import User

from .drafts import attempt_drafts_save
from .models import Attempt, QuizPage
from .services import (
    MESSAGES,
    QuizRefused,
    attempt_answer_one,
    attempt_past_grace,
    attempt_start,
    attempt_submit,
)

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


def _own_quiz(attempt_id: int, user: User) -> QuizPage | None:
    """The live quiz of the person's attempt (None for someone else's attempt). One query."""
    return QuizPage.objects.filter(attempts__pk=attempt_id, attempts__user=user).live().first()


def _posted_item(request: HttpRequest) -> int | None:
    """The one question a form answers (quizzes with feedback after each question)."""
    item = request.POST.get("question")
    if not item:
        return None
    try:
        return int(item)
    except ValueError:
        raise QuizRefused("not_served") from None


@login_required
@require_POST
def attempt_submit_view(request: HttpRequest, attempt_id: int) -> HttpResponse:
    user = cast(User, request.user)
    data = {key: request.POST.getlist(key) for key in request.POST}
    quiz = _own_quiz(attempt_id, user)
    now = timezone.now()
    try:
        item_id = _posted_item(request)
        if item_id is not None:
            attempt = attempt_answer_one(
                attempt_id=attempt_id, user=user, item_id=item_id, data=data, now=now
            )
        else:
            attempt = attempt_submit(attempt_id=attempt_id, user=user, data=data, now=now)
    except QuizRefused as exc:
        if exc.code == "timed_out" and quiz is not None:
            messages.warning(request, exc.message)
            return redirect(f"{quiz.url}#resultat")
        return _refused(request, exc, quiz)
    if attempt.state != Attempt.State.IN_PROGRESS:
        if attempt.timed_out and attempt_past_grace(attempt=attempt, now=now):
            messages.warning(request, str(MESSAGES["late_answers"]))
        else:
            messages.success(request, _("Din besvarelse er afleveret."))
    target = quiz.url if quiz is not None else "/"
    return redirect(f"{target}#{'resultat' if attempt.state != 'in_progress' else 'quiz'}")


@login_required
@require_POST
def attempt_save_view(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """Save the answers so far without submitting: the page's script (JSON) on every change,
    and the "Gem mine svar" button without JavaScript (redirected back to the quiz)."""
    user = cast(User, request.user)
    wants_json = "application/json" in request.headers.get("Accept", "")
    data = {key: request.POST.getlist(key) for key in request.POST}
    quiz = _own_quiz(attempt_id, user)
    try:
        saved = attempt_drafts_save(
            attempt_id=attempt_id, user=user, data=data, item_id=_posted_item(request)
        )
    except QuizRefused as exc:
        closed = exc.code in ("already_submitted", "timed_out")
        if wants_json:
            return JsonResponse({"message": exc.message, "closed": closed}, status=exc.status)
        if closed and quiz is not None:
            messages.warning(request, exc.message)
            return redirect(f"{quiz.url}#resultat")
        return _refused(request, exc, quiz)
    at = timezone.localtime(saved.saved_at or timezone.now())
    time = dateformat.format(at, "H:i")
    if wants_json:
        status = _("Gemt kl. %(time)s") % {"time": time}
        return JsonResponse({"message": status, "saved_at": at.isoformat()})
    messages.success(
        request,
        _(
            "Dine svar er gemt kl. %(time)s. Du kan fortsætte nu eller senere, også fra en "
            "anden enhed. Husk at aflevere."
        )
        % {"time": time},
    )
    target = quiz.url if quiz is not None else "/"
    return redirect(f"{target}#quiz")
