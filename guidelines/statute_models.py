"""Statute freshness: the state of the retsinformation.dk check and the new acts it found.

Imported by ``guidelines.models`` so Django registers them with the app.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: An act in Lovtidende A as retsinformation.dk names it: ``/eli/lta/<year>/<number>``.
ELI_PATTERN = r"^/eli/lta/[0-9]{4}/[0-9]{1,6}$"

eli_validator = RegexValidator(
    ELI_PATTERN,
    _("Skriv ELI-identifikatoren som /eli/lta/<år>/<nummer>, fx /eli/lta/2014/433."),
)


class StatuteWatch(models.Model):
    """The one row that remembers how far the ELI Atom feed has been read."""

    feed_cursor = models.DateTimeField(
        _("feed læst til og med"), null=True, blank=True, help_text=_("Tom før første kørsel.")
    )
    last_success_at = models.DateTimeField(_("sidste vellykkede kørsel"), null=True, blank=True)

    class Meta:
        verbose_name = _("overvågning af love")
        verbose_name_plural = _("overvågning af love")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="guidelines_statutewatch_single")
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def load(cls) -> StatuteWatch:
        watch, _created = cls.objects.get_or_create(pk=1)
        return watch


class StatuteAct(models.Model):
    """What Paragraf last heard about one cited act: validators for conditional requests."""

    eli = models.CharField(_("ELI"), max_length=60, unique=True, validators=[eli_validator])
    etag = models.CharField(_("ETag"), max_length=255, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=64, blank=True)
    checked_at = models.DateTimeField(_("sidst tjekket"), null=True, blank=True)

    class Meta:
        verbose_name = _("overvåget lov")
        verbose_name_plural = _("overvågede love")

    def __str__(self) -> str:
        return self.eli


class StatuteChange(models.Model):
    """A newer act (an amending act or a new consolidation) of one or more cited acts."""

    class Kind(models.TextChoices):
        AMENDING = "amending", _("ændringslov")
        CONSOLIDATION = "consolidation", _("ny lovbekendtgørelse")

    new_eli = models.CharField(
        _("ny akt (ELI)"), max_length=60, unique=True, validators=[eli_validator]
    )
    kind = models.CharField(_("art"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=255)
    title_short = models.CharField(_("kort titel"), max_length=80, blank=True)
    date = models.DateField(_("dato"), null=True, blank=True)
    url = models.URLField(_("link"))
    #: The cited acts (ELI paths) this act changes or consolidates.
    acts = models.JSONField(_("berørte love"), default=list)
    detected_at = models.DateTimeField(_("fundet"), auto_now_add=True)

    class Meta:
        verbose_name = _("lovændring")
        verbose_name_plural = _("lovændringer")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title_short or self.title
