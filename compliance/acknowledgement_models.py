""" "Læst og forstået": a person's acknowledgement of one revision of an administrationsgrundlag."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Acknowledgement(models.Model):
    """Person × guideline revision × time, recorded once when the person presses "Jeg har læst
    og forstået" on the live revision. A second press records nothing (unique per person and
    revision). A cycle of an acknowledgement requirement that it completed has its
    ``acknowledged_at`` as ``completed_at`` — the match the reports use to name the revision.

    The revision is protected: it is the evidence of what was read.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medarbejder"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique (person, revision) index serves it
    )
    guideline = models.ForeignKey(
        "guidelines.GuidelinePage",
        verbose_name=_("administrationsgrundlag"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: The guideline's version label as it read in that revision ("3", "2025-1"), for reports.
    version_label = models.CharField(_("versionsbetegnelse"), max_length=40, blank=True)
    acknowledged_at = models.DateTimeField(_("læst og forstået"))

    class Meta:
        verbose_name = _("læst og forstået")
        verbose_name_plural = _("læst og forstået")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "revision"], name="compliance_acknowledge_revision_once"
            ),
        ]
        indexes = [
            models.Index(fields=["guideline", "person"], name="compliance_ack_guideline"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.guideline_id} · {self.revision_id}"

    @property
    def version_display(self) -> str:
        """The guideline's version label ("2024.1"), or "rev. 812" when it has none."""
        return self.version_label or f"rev. {self.revision_id}"
