"""Running sums of the item analysis: what ``quizzes.item_analysis`` adds up, kept per question,
quiz, unit, revision and set of chosen choices, so the report reads a few hundred rows instead
of every answer ever given (see ``quizzes.item_totals``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemTotal(models.Model):
    """The sums of the scored answers to one question in one quiz by people of one unit (the
    unit they belonged to when the attempt closed), served in one revision, choosing one set of
    choices. The keys are plain numbers (0: none), not foreign keys: a deleted quiz, unit or
    revision must neither drop nor move the sums, and a unique key must not contain NULL."""

    question = models.ForeignKey("quizzes.Question", on_delete=models.CASCADE, related_name="+")
    quiz_key = models.PositiveIntegerField(default=0)
    unit_key = models.PositiveIntegerField(default=0)
    revision_key = models.PositiveIntegerField(default=0)
    #: The chosen choice ids, sorted and joined by ",": a question has few distinct sets.
    chosen = models.TextField(blank=True, default="")
    n = models.IntegerField(default=0)
    blank = models.IntegerField(default=0)
    sx = models.FloatField(default=0.0)
    pairs = models.IntegerField(default=0)
    px = models.FloatField(default=0.0)
    py = models.FloatField(default=0.0)
    pxx = models.FloatField(default=0.0)
    pyy = models.FloatField(default=0.0)
    pxy = models.FloatField(default=0.0)
    #: The newest item counted here: its snapshot says what the revision served and cited.
    newest = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("delsum til spørgsmålsanalyse")
        verbose_name_plural = _("delsummer til spørgsmålsanalyse")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "quiz_key", "unit_key", "revision_key", "chosen"],
                name="quizzes_item_total_key",
            )
        ]
        indexes = [models.Index(fields=["quiz_key", "unit_key"], name="quizzes_item_total_quiz")]

    def __str__(self) -> str:
        return f"{self.question_id} · {self.quiz_key} · {self.unit_key}: {self.n}"
