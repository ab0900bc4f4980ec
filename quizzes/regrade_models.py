"""The grade history of attempts and the regrade runs that wrote most of it.

A regrade or an override never overwrites a grade without a trace: each change of an attempt's
result (and, for an override or a regraded answer key, of one item) is one ``AttemptGradeChange``
row with the old and the new values. A ``QuizRegrade`` row records one run over a quiz: who asked,
what was dropped from scoring, its status and what it changed, so HR can read it later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuizRegrade(models.Model):
    """One regrade of every finished attempt of a quiz against the questions' live answer keys."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("I gang")
        DONE = "done", _("Færdig")

    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="regrades",
    )
    quiz_title = models.CharField(_("quiz"), max_length=255)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bestilt af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("bestilt"), default=timezone.now)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    #: Question ids that no longer count (weight 0) in this quiz's attempts.
    dropped = models.JSONField(_("udeladte spørgsmål"), default=list, blank=True)
    changed = models.PositiveIntegerField(_("forsøg ændret"), default=0)
    now_passed = models.PositiveIntegerField(_("består nu"), default=0)
    now_failed = models.PositiveIntegerField(_("dumper nu"), default=0)
    skipped_in_progress = models.PositiveIntegerField(_("sprunget over: i gang"), default=0)
    skipped_own = models.PositiveIntegerField(_("sprunget over: eget forsøg"), default=0)
    #: People whose attempt now fails: ``{"user", "attempt", "passed_otherwise",
    #: "course_completed", "certificate"}`` each (ids, no names: a leaver's name is not kept
    #: here), for HR to follow up by hand.
    flipped_to_fail = models.JSONField(_("har nu ikke bestået"), default=list, blank=True)

    class Meta:
        verbose_name = _("genberegning")
        verbose_name_plural = _("genberegninger")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.quiz_title} · {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def needs_follow_up(self) -> list[dict]:
        """Those who now fail but already completed the course or hold a certificate."""
        return [
            row
            for row in self.flipped_to_fail
            if (row.get("course_completed") or row.get("certificate"))
            and not row.get("passed_otherwise")
        ]


class AttemptGradeChange(models.Model):
    """One change of an attempt's grade by a regrade or a jurist's override, old and new."""

    class Kind(models.TextChoices):
        REGRADE = "regrade", _("Genberegning")
        OVERRIDE = "override", _("Overstyring")

    attempt = models.ForeignKey(
        "quizzes.Attempt", on_delete=models.CASCADE, related_name="grade_changes"
    )
    item = models.ForeignKey(
        "quizzes.AttemptQuestion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="grade_changes",
    )
    regrade = models.ForeignKey(
        QuizRegrade, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    old_score = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    new_score = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    old_percent = models.DecimalField(max_digits=5, decimal_places=1, null=True)
    new_percent = models.DecimalField(max_digits=5, decimal_places=1, null=True)
    old_passed = models.BooleanField(null=True)
    new_passed = models.BooleanField(null=True)
    #: Per item: position, old/new points (fraction), old/new answer key and weight.
    detail = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("ændring af bedømmelse")
        verbose_name_plural = _("ændringer af bedømmelser")
        ordering = ["attempt", "at", "id"]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.get_kind_display()} · {self.at:%Y-%m-%d}"
