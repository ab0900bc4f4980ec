"""The outbox of xAPI statements: written in the transaction of the event it describes, sent to
the Learning Record Store by a Celery task, kept (with when it was sent) for the record."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatement(models.Model):
    """One xAPI 1.0.3 statement. ``id`` is the statement's own id (a UUID5 of the event), so a
    statement queued twice is one row and a statement sent twice is one statement in the LRS."""

    id = models.UUIDField(primary_key=True, editable=False)
    statement = models.JSONField(_("udsagn"))
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("forsøg"), default=0)
    next_attempt_at = models.DateTimeField(_("næste forsøg"), default=timezone.now)
    last_error = models.CharField(_("seneste fejl"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("xAPI-udsagn")
        verbose_name_plural = _("xAPI-udsagn")
        indexes = [
            models.Index(
                fields=["next_attempt_at", "created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="xapi_outbox_unsent",
            )
        ]

    def __str__(self) -> str:
        return str(self.id)
