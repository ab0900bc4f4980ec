"""Accommodations (særlige vilkår): extra attempts and extra time for one person, at one quiz or
at all quizzes, set by HR or a jurist for a documented need (equal treatment).

Which one applies: the accommodation for the quiz, if there is one; otherwise the one for all
quizzes. They are never added up, so a quiz-specific accommodation can also grant *less* than
the general one. The terms that applied are frozen on the attempt when it starts (``terms``),
so changing or deleting an accommodation never alters a running or finished attempt.

This module holds the model, the pure rules (deadline, attempt limit, summary text) and the
writes; the read is ``quizzes.selectors.accommodation_for``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from people.audit import audit_log

if TYPE_CHECKING:
    from people.models import User

logger = logging.getLogger(__name__)

#: The longest extension: the attempt may last at most ten times the quiz's time.
MAX_EXTRA_PERCENT = 900
MAX_EXTRA_TIMES = 9
#: Extra minutes for all quizzes, or for a quiz without a time limit (ten times a 60-minute quiz).
MAX_EXTRA_MINUTES_ANY_QUIZ = 600
MAX_EXTRA_ATTEMPTS = 20

Terms = Mapping[str, int]


class Accommodation(models.Model):
    """Extra attempts and extra time for one person at one quiz (or, without a quiz, at all)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("medarbejder"),
        on_delete=models.CASCADE,
        related_name="quiz_accommodations",
    )
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=gettext_lazy("quiz"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="accommodations",
        help_text=gettext_lazy(
            "Tom: alle quizzer. Har medarbejderen også særlige vilkår for en bestemt quiz, "
            "gælder de i stedet for (de lægges ikke sammen)."
        ),
    )
    extra_attempts = models.PositiveSmallIntegerField(
        gettext_lazy("ekstra forsøg"),
        default=0,
        validators=[
            MaxValueValidator(MAX_EXTRA_ATTEMPTS, message=gettext_lazy("Højst 20 ekstra forsøg."))
        ],
        help_text=gettext_lazy("Lægges til quizzens antal forsøg. Ingen virkning ved ubegrænset."),
    )
    extra_time_percent = models.PositiveSmallIntegerField(
        gettext_lazy("ekstra tid (%)"),
        default=0,
        validators=[
            MaxValueValidator(
                MAX_EXTRA_PERCENT,
                message=gettext_lazy(
                    # %% because Django formats the message with the limit (%(limit_value)s).
                    "Højst 900 %% ekstra tid (i alt ti gange quizzens tidsgrænse)."
                ),
            )
        ],
        help_text=gettext_lazy("Fx 50: en quiz på 30 minutter varer 45 minutter."),
    )
    extra_time_minutes = models.PositiveSmallIntegerField(
        gettext_lazy("ekstra tid (minutter)"),
        default=0,
        help_text=gettext_lazy(
            "Lægges til efter procenten. Virker kun på quizzer med en tidsgrænse."
        ),
    )
    reason = models.CharField(
        gettext_lazy("begrundelse"),
        max_length=200,
        help_text=gettext_lazy(
            "Skriv kun det dokumenterede behov og hvor dokumentationen ligger, fx "
            "“Dokumenteret behov for ekstra tid, aftalt med HR 3.2.2026”. Skriv ingen diagnoser "
            "eller helbredsoplysninger."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("oprettet af"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(gettext_lazy("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("ændret"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("særlige vilkår")
        verbose_name_plural = gettext_lazy("særlige vilkår")
        ordering = ["user__last_name", "user__first_name", "quiz_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"],
                name="quizzes_accommodation_one_per_quiz",
                violation_error_message=gettext_lazy(
                    "Medarbejderen har allerede særlige vilkår for denne quiz. Ret dem i stedet."
                ),
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(quiz__isnull=True),
                name="quizzes_accommodation_one_for_all",
                violation_error_message=gettext_lazy(
                    "Medarbejderen har allerede særlige vilkår for alle quizzer. Ret dem i stedet."
                ),
            ),
            models.CheckConstraint(
                condition=Q(extra_attempts__gt=0)
                | Q(extra_time_percent__gt=0)
                | Q(extra_time_minutes__gt=0),
                name="quizzes_accommodation_grants_something",
                violation_error_message=gettext_lazy(
                    "Angiv ekstra forsøg eller ekstra tid. Uden det er der ingen særlige vilkår."
                ),
            ),
        ]

    def __str__(self) -> str:
        # No reason here: Wagtail's history log and lists show this text.
        return f"{self.user} · {self.scope}"

    @property
    def scope(self) -> str:
        return self.quiz.title if self.quiz_id and self.quiz else _("Alle quizzer")

    def clean(self) -> None:
        super().clean()
        cap = extra_minutes_cap(
            time_limit_minutes=self.quiz.time_limit_minutes if self.quiz_id and self.quiz else None
        )
        if self.extra_time_minutes is not None and self.extra_time_minutes > cap:
            raise ValidationError(
                {
                    "extra_time_minutes": _(
                        "Højst %(cap)s minutters ekstra tid (i alt ti gange quizzens tidsgrænse)."
                    )
                    % {"cap": cap}
                }
            )

    @property
    def terms(self) -> dict[str, int]:
        return {
            "extra_attempts": self.extra_attempts,
            "extra_time_percent": self.extra_time_percent,
            "extra_time_minutes": self.extra_time_minutes,
        }

    @property
    def summary(self) -> str:
        return terms_summary(self.terms)


# --- Rules (pure) ------------------------------------------------------------------------------


def extra_minutes_cap(*, time_limit_minutes: int | None) -> int:
    """The most extra minutes allowed: nine times the quiz's limit (so ten times in all), or
    600 for all quizzes and for a quiz without a time limit."""
    if time_limit_minutes:
        return MAX_EXTRA_TIMES * time_limit_minutes
    return MAX_EXTRA_MINUTES_ANY_QUIZ


def terms_effective(
    terms: Terms, *, time_limit_minutes: int | None, attempt_limit: int | None
) -> dict[str, int]:
    """The part of ``terms`` that changes anything at a quiz (extra time only with a time limit,
    extra attempts only with an attempt limit); empty when nothing applies. Frozen on attempts."""
    effective = {}
    if time_limit_minutes:
        for key in ("extra_time_percent", "extra_time_minutes"):
            if terms.get(key):
                effective[key] = int(terms[key])
    if attempt_limit is not None and terms.get("extra_attempts"):
        effective["extra_attempts"] = int(terms["extra_attempts"])
    return effective


def time_allowed_seconds(*, time_limit_minutes: int | None, terms: Terms) -> int | None:
    """The time for an attempt: limit × (1 + percent/100) + minutes, in whole seconds (halves
    rounded up); None without a time limit."""
    if not time_limit_minutes:
        return None
    percent = int(terms.get("extra_time_percent", 0))
    minutes = int(terms.get("extra_time_minutes", 0))
    return (time_limit_minutes * 60 * (100 + percent) + 50) // 100 + minutes * 60


def attempt_limit_with(*, attempt_limit: int | None, terms: Terms) -> int | None:
    """The quiz's attempt limit plus extra attempts; None (unlimited) stays unlimited."""
    if attempt_limit is None:
        return None
    return attempt_limit + int(terms.get("extra_attempts", 0))


def duration_text(seconds: int) -> str:
    """“45 minutter”, “39 minutter og 54 sekunder”."""
    minutes, rest = divmod(seconds, 60)
    text = ngettext("%(n)s minut", "%(n)s minutter", minutes) % {"n": minutes}
    if rest:
        text += " " + ngettext("og %(n)s sekund", "og %(n)s sekunder", rest) % {"n": rest}
    return text


def terms_summary(terms: Terms) -> str:
    """“+50 % tid, +10 min. tid, +1 forsøg” (empty when nothing is granted)."""
    parts = []
    if terms.get("extra_time_percent"):
        parts.append(_("+%(n)s %% tid") % {"n": terms["extra_time_percent"]})
    if terms.get("extra_time_minutes"):
        parts.append(_("+%(n)s min. tid") % {"n": terms["extra_time_minutes"]})
    if terms.get("extra_attempts"):
        parts.append(
            ngettext("+%(n)s forsøg", "+%(n)s forsøg", terms["extra_attempts"])
            % {"n": terms["extra_attempts"]}
        )
    return ", ".join(parts)


# --- Writes ------------------------------------------------------------------------------------


def accommodation_save(*, accommodation: Accommodation, by: User) -> Accommodation:
    """Create or change an accommodation (already validated) and write an audit line about the
    person: the terms, never the reason. One INSERT or UPDATE and one audit INSERT."""
    created = accommodation.pk is None
    with transaction.atomic():
        if created:
            accommodation.created_by = by
        accommodation.save()
        audit_log(
            actor=by,
            action="change",
            what=(
                f"{'oprettede' if created else 'ændrede'} særlige vilkår "
                f"({accommodation.scope}): {terms_summary(accommodation.terms)}"
            ),
            subject=accommodation.user,
        )
    logger.info(
        "accommodation %s id=%s user=%s quiz=%s by=%s terms=%s",
        "created" if created else "changed",
        accommodation.pk,
        accommodation.user_id,
        accommodation.quiz_id,
        by.pk,
        accommodation.terms,
    )
    return accommodation


def accommodation_delete(*, accommodation: Accommodation, by: User) -> None:
    """Delete an accommodation and write an audit line about the person. Attempts already
    started keep the terms frozen on them."""
    pk, user_id, quiz_id = accommodation.pk, accommodation.user_id, accommodation.quiz_id
    with transaction.atomic():
        what = f"slettede særlige vilkår ({accommodation.scope})"
        subject = accommodation.user
        accommodation.delete()
        audit_log(actor=by, action="change", what=what, subject=subject)
    logger.info("accommodation deleted id=%s user=%s quiz=%s by=%s", pk, user_id, quiz_id, by.pk)
