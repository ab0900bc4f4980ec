"""Draft answers: what a learner has answered so far, saved as they go (autosave).

A draft lives on the served item: ``AttemptQuestion.answer`` with ``saved_at``, while
``answered_at`` stays empty until the answer counts (submission, or the time running out:
``services.attempt_expire`` submits the drafts). The quiz page renders the drafts, so a reload or
another device resumes the attempt as it was left.

Saving is idempotent (an unchanged draft is not written again) and limited per attempt in
Django's cache (shared by every worker when ``CACHE_URL`` is set).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from people.ratelimit import window_count

from .models import Attempt, AttemptQuestion
from .services import (
    QuizRefused,
    _attempt_for,
    _closed_refusal,
    _expired,
    answer_or_none,
    answers_parse,
    attempt_expire,
)

if TYPE_CHECKING:
    from people.models import User

logger = logging.getLogger(__name__)

#: Saves allowed per attempt per window: a save on every change, debounced, stays well below.
AUTOSAVE_LIMIT = 60
AUTOSAVE_WINDOW_SECONDS = 60


@dataclass(frozen=True)
class DraftsSaved:
    """The outcome of a save: how many items changed, and when the answers as they now stand
    were saved (None when nothing has been saved yet)."""

    written: int
    saved_at: dt.datetime | None


def attempt_drafts_save(
    *,
    attempt_id: int,
    user: User,
    data: Mapping[str, Sequence[str]],
    item_id: int | None = None,
    now: dt.datetime | None = None,
) -> DraftsSaved:
    """Save the posted answers of the person's own open attempt as drafts, without submitting.

    ``data`` is the whole quiz form: an item missing from it has no answer (a cleared
    checkbox); with ``item_id`` (one question at a time) only that item is saved. Refuses
    another person's attempt, a closed attempt, an item already answered, anything not served
    (validated by ``answers_parse``) and more than ``AUTOSAVE_LIMIT`` saves a minute, writing
    nothing. Past the deadline and its grace the draft is refused and the attempt is submitted
    with what was saved before. Queries: the attempt (locked), its items, and one bulk update
    when a draft changed.
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _attempt_for(attempt_id=attempt_id, user=user, lock=True)
        _autosave_count(attempt)
        if attempt.state != Attempt.State.IN_PROGRESS:
            logger.warning(
                "quiz autosave of a closed attempt attempt=%s user=%s", attempt.pk, user.pk
            )
            raise _closed_refusal(attempt)
        expired = _expired(attempt, now)
        if not expired:
            return _drafts_save_locked(attempt=attempt, data=data, item_id=item_id, now=now)
    logger.warning("quiz autosave after time limit attempt=%s user=%s", attempt.pk, user.pk)
    attempt_expire(attempt=attempt, now=now)
    raise QuizRefused("timed_out", status=409)


def _drafts_save_locked(
    *,
    attempt: Attempt,
    data: Mapping[str, Sequence[str]],
    item_id: int | None,
    now: dt.datetime,
) -> DraftsSaved:
    items = list(attempt.items.all())
    if item_id is None:
        scope = [item for item in items if item.answered_at is None]
    else:
        scope = [item for item in items if item.pk == item_id]
        if not scope:
            logger.warning("quiz autosave of unserved item attempt=%s item=%s", attempt.pk, item_id)
            raise QuizRefused("not_served")
        if scope[0].answered_at is not None:
            raise QuizRefused("already_answered", status=409)
    try:
        answers = answers_parse(items=scope, data=data)
    except QuizRefused:
        logger.warning("quiz autosave with unserved input attempt=%s", attempt.pk)
        raise
    changed: list[AttemptQuestion] = []
    for item in scope:
        draft = answer_or_none(answers.get(item.pk))
        if draft != item.answer:
            item.answer, item.saved_at = draft, now
            changed.append(item)
    if changed:
        AttemptQuestion.objects.bulk_update(changed, ["answer", "saved_at"])
        logger.info(
            "quiz drafts saved attempt=%s user=%s items=%s",
            attempt.pk,
            attempt.user_id,
            len(changed),
        )
    saved = [item.saved_at for item in scope if item.saved_at is not None]
    return DraftsSaved(written=len(changed), saved_at=max(saved, default=None))


def _autosave_count(attempt: Attempt) -> None:
    """Count this save for the attempt (a fixed window in Django's cache); refuse it over the
    limit."""
    count = window_count(f"quizzes:autosave:{attempt.pk}", AUTOSAVE_WINDOW_SECONDS)
    if count > AUTOSAVE_LIMIT:
        if count == AUTOSAVE_LIMIT + 1:
            logger.warning(
                "quiz autosave rate limit reached attempt=%s user=%s", attempt.pk, attempt.user_id
            )
        raise QuizRefused("autosave_rate", status=429)
