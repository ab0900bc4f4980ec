"""Fund (findings): where the administration actually erred, according to the Borgerrådgiver,
the Ombudsman, a FOKUS evaluation, an own case review or a complaint, tied to the provisions and
guideline sections it concerns, to the units concerned and to the training it led to.

A finding holds no personal data about citizens: the summary is checked for CPR-like numbers
(``findings.cpr``) and the form says so.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField

from guidelines.blocks import CitationBlock


class Finding(models.Model):
    """One finding from a review of the administration's case processing."""

    class Source(models.TextChoices):
        BORGERRAADGIVER = "borgerraadgiver", _("Borgerrådgiveren")
        OMBUDSMAND = "ombudsmand", _("Folketingets Ombudsmand")
        FOKUS = "fokus", _("FOKUS-evaluering")
        REVIEW = "review", _("Egen sagsgennemgang / kortlægning")
        COMPLAINT = "complaint", _("Klagesag")

    class Severity(models.TextChoices):
        KRITIK = "kritik", _("Kritik")
        HENSTILLING = "henstilling", _("Henstilling")
        BEMAERKNING = "bemaerkning", _("Bemærkning")

    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices)
    found_on = models.DateField(_("dato"), help_text=_("Datoen for udtalelsen eller gennemgangen."))
    units = models.ManyToManyField(
        "people.OrgUnit",
        verbose_name=_("enheder"),
        related_name="+",
        help_text=_("De enheder, fundet angår (med underenheder)."),
    )
    citations = StreamField(
        [("citation", CitationBlock())],
        verbose_name=_("bestemmelser og afsnit"),
        # "at least one" is the form's rule (services.finding_problems), with its own message
        blank=True,
        help_text=_("De lovbestemmelser eller afsnit i administrationsgrundlag, fundet angår."),
    )
    severity = models.CharField(_("alvor"), max_length=12, choices=Severity.choices)
    summary = models.TextField(
        _("resumé"),
        max_length=2000,
        help_text=_(
            "Kort og generelt: hvad gik galt i sagsbehandlingen. Ingen oplysninger om borgere – "
            "hverken navne, adresser eller CPR-numre."
        ),
    )
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("Valgfri: sagsnummer eller FOB-nummer."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Valgfrit: udtalelsen eller rapporten."),
    )
    #: The targeted requirements made from this finding (``findings.followup``).
    requirements = models.ManyToManyField(
        "compliance.Requirement",
        verbose_name=_("opfølgende krav"),
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    panels = [
        HelpPanel(
            content=_(
                "<p><strong>Ingen personoplysninger om borgere.</strong> Et fund beskriver, hvad "
                "der gik galt i sagsbehandlingen – ikke hvem sagen angik. Skriv ikke navne, "
                "adresser eller CPR-numre; resuméet afvises, hvis det indeholder et CPR-nummer.</p>"
            )
        ),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("found_on"), FieldPanel("severity")],
            heading=_("Fundet"),
        ),
        FieldPanel("units"),
        FieldPanel("citations"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("reference"), FieldPanel("document")], heading=_("Kilde og dokument")
        ),
    ]

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("fund")
        ordering = ["-found_on", "-pk"]
        indexes = [models.Index(fields=["found_on"], name="findings_found_on")]

    def __str__(self) -> str:
        text = f"{self.found_on:%d-%m-%Y} · {self.get_severity_display()}: {self.summary}"
        return text if len(text) <= 80 else text[:79] + "…"


class FindingCitation(models.Model):
    """One provision or section a finding cites: rebuilt from the StreamField whenever the
    finding is saved, so reports read rows instead of parsing StreamFields per request."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="cited")
    provision = models.ForeignKey(
        "guidelines.StatuteProvision",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    section = models.ForeignKey(
        "guidelines.GuidelineSection",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("henvisning fra fund")
        verbose_name_plural = _("henvisninger fra fund")
        constraints = [
            models.CheckConstraint(
                name="findings_citation_one_target",
                check=(
                    models.Q(provision__isnull=False, section__isnull=True)
                    | models.Q(provision__isnull=True, section__isnull=False)
                ),
            )
        ]
        indexes = [
            models.Index(fields=["provision"], name="findings_cit_provision"),
            models.Index(fields=["section"], name="findings_cit_section"),
        ]

    def __str__(self) -> str:
        return f"{self.finding_id} → {self.provision_id or self.section_id}"
