"""The notice log: every e-mail Paragraf sends, and the keys that make each one go out once.

A ``Notice`` is one e-mail to one person. Its ``NoticeKey`` rows name what it is about (an
assignment, a review item …) × kind × cycle; their unique constraint is the only record of
"already sent", so two runs that race for the same reminder leave one notice, never two.
No address is stored: the recipient's current e-mail is read when the notice is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DUE_SOON = "due_soon", _("Påmindelse før fristen")
    OVERDUE = "overdue", _("Fristen er overskredet")
    MANAGER_OVERDUE = "manager_overdue", _("Overskredne frister til leder")
    REVIEW_DIGEST = "review_digest", _("Indhold til gennemsyn")


class Notice(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        SENT = "sent", _("Sendt")
        RETRYING = "retrying", _("Nyt forsøg")
        FAILED = "failed", _("Fejlet")

    class Failure(models.TextChoices):
        NONE = "", _("Ingen")
        TEMPORARY = "temporary", _("Mailserveren svarede ikke; der prøves igen")
        GAVE_UP = "gave_up", _("Mailserveren svarede ikke efter flere forsøg")
        REFUSED = "refused", _("Mailserveren afviste beskeden")
        NO_ADDRESS = "no_address", _("Modtageren har ingen e-mailadresse")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modtager"),
        # Kept when an account is deleted outright, as the record that the notice went out;
        # retention (notices.privacy) deletes a leaver's notices with their other records.
        null=True,
        on_delete=models.SET_NULL,
        related_name="notices",
        db_index=False,  # the (recipient, queued_at) index below serves it
    )
    kind = models.CharField(_("slags"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("emne"), max_length=255)
    #: The message until it has been sent or has failed for good, then emptied: the log keeps
    #: what was sent to whom and when, not a second copy of every mailbox.
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    queued_at = models.DateTimeField(_("sat i kø"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    failure = models.CharField(
        _("fejl"), max_length=12, choices=Failure.choices, default=Failure.NONE, blank=True
    )
    #: The SMTP server's answer or the exception, in English, for the operator.
    last_error = models.CharField(_("fejldetalje"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("besked")
        verbose_name_plural = _("beskeder")
        indexes = [
            models.Index(fields=["recipient", "-queued_at"], name="notices_recipient_queued"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.kind} · {self.subject}"


class NoticeKey(models.Model):
    """One thing a notice is about: ``obj`` × ``kind`` × ``cycle``, unique. A reminder has one
    key (its assignment); a manager's digest has one per overdue assignment it lists."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="keys")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    #: The period the notice belongs to: an assignment's cycle, an ISO week and recipient …
    cycle = models.CharField(max_length=40)
    #: Whose record the object is (the employee of an assignment), so deleting a person's data
    #: deletes the keys about them too, and HR's log of a person shows their manager's digests.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "cycle"], name="notices_key_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} · {self.kind} · {self.cycle}"
