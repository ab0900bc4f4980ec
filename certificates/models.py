"""Issued certificates (kursusbeviser) and the site-wide certificate template."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .codes import code_display

if TYPE_CHECKING:
    from wagtail.images.models import Image


class Certificate(models.Model):
    """One certificate per completed course run; the compliance cycle it completed attaches to it
    and sets ``valid_until``; a cycle completed without a course run gets no certificate.

    Holder name and course title are copied at issue time: the certificate states what was true
    when it was issued, even if the course page is later renamed or deleted.
    """

    class Status(models.TextChoices):
        VALID = "valid", _("gyldig")
        EXPIRED = "expired", _("udløbet")
        REVOKED = "revoked", _("tilbagekaldt")

    code = models.CharField(_("kode"), max_length=12, unique=True, editable=False)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indehaver"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    holder_name = models.CharField(_("indehaverens navn"), max_length=255)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kursus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    course_title = models.CharField(_("kursustitel"), max_length=255)
    course_run = models.OneToOneField(
        "courses.CourseRun",
        verbose_name=_("kursusforløb"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
    )
    assignment = models.OneToOneField(
        "compliance.Assignment",
        verbose_name=_("tildeling (runde)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
    )
    completed_at = models.DateTimeField(_("gennemført"))
    valid_until = models.DateField(_("gyldigt til"), null=True, blank=True)
    issued_at = models.DateTimeField(_("udstedt"), default=timezone.now)
    pdf = models.FileField(_("PDF"), upload_to="kursusbeviser/", blank=True)
    pdf_rendered_at = models.DateTimeField(_("PDF dannet"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tilbagekaldt af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_reason = models.TextField(_("begrundelse for tilbagekaldelse"), blank=True)

    class Meta:
        verbose_name = _("kursusbevis")
        verbose_name_plural = _("kursusbeviser")
        ordering = ["-completed_at", "-id"]
        indexes = [
            models.Index(fields=["holder", "-completed_at"], name="certificates_holder_latest")
        ]

    def __str__(self) -> str:
        return f"{self.course_title} · {self.holder_name} · {self.code_display}"

    @property
    def code_display(self) -> str:
        return code_display(self.code)

    def status_on(self, day: datetime.date) -> str:
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.valid_until is not None and self.valid_until < day:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return str(self.Status(self.status).label)

    def get_verification_path(self) -> str:
        return reverse("certificates:verify", args=[self.code_display])

    def get_verification_url(self) -> str:
        base_url: str = settings.PARAGRAF_BASE_URL  # type: ignore[misc]  # project setting
        return base_url + self.get_verification_path()

    def get_download_url(self) -> str:
        return reverse("certificates:download", args=[self.pk])


#: How long a bundle (and its ZIP file) is kept after it was asked for.
BUNDLE_KEEP_DAYS = 7


def _bundle_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=BUNDLE_KEEP_DAYS)


class CertificateBundle(models.Model):
    """One ZIP of certificate PDFs and an index, asked for by one HR person for a unit subtree,
    a course and a period of issue dates. Built by a task; the file holds personal data, so only
    the person who asked may fetch it, and bundle and file are deleted after BUNDLE_KEEP_DAYS.

    Unit and course names are copied when asked for: the status page says what was asked even
    if the unit or the course page is later renamed or deleted.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("i kø")
        RUNNING = "running", _("dannes")
        DONE = "done", _("klar")
        FAILED = "failed", _("fejlet")

    #: the public handle in URLs; the file's storage name is a different random value
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bestilt af"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("enhed (med underenheder)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit_name = models.CharField(_("enhedens navn"), max_length=255)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kursus"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    course_title = models.CharField(_("kursustitel"), max_length=255)
    issued_from = models.DateField(_("udstedt fra"))
    issued_to = models.DateField(_("udstedt til og med"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveIntegerField(_("beviser lagt i filen"), default=0)
    total = models.PositiveIntegerField(_("beviser i alt"), default=0)
    file = models.FileField(_("ZIP-fil"), upload_to="kursusbevis-zip/", blank=True)
    size = models.PositiveBigIntegerField(_("filstørrelse (bytes)"), default=0)
    created_at = models.DateTimeField(_("bestilt"), default=timezone.now)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    expires_at = models.DateTimeField(_("slettes"), default=_bundle_expiry, db_index=True)

    class Meta:
        verbose_name = _("kursusbeviser som ZIP")
        verbose_name_plural = _("kursusbeviser som ZIP")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"certificate bundle {self.pk} ({self.status})"

    @property
    def is_working(self) -> bool:
        """True while a task is on it (or about to be): the status page refreshes itself."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


@register_setting(icon="doc-full")
class CertificateTemplate(BaseSiteSetting):
    """What every certificate PDF says besides the facts: texts, logo, signature."""

    heading: models.CharField[str, str] = models.CharField(
        _("overskrift"), max_length=100, default="Kursusbevis"
    )
    intro: models.CharField[str, str] = models.CharField(
        _("indledning"),
        max_length=255,
        default="Det bekræftes hermed, at",
        help_text=_("Står over indehaverens navn."),
    )
    body: models.TextField[str, str] = models.TextField(
        _("tekst"),
        default="har gennemført kurset",
        help_text=_("Står mellem indehaverens navn og kursets titel."),
    )
    footer: models.TextField[str, str] = models.TextField(
        _("fodnote"),
        blank=True,
        help_text=_("Fx forvaltningens navn og adresse. Vises nederst på beviset."),
    )
    logo: models.ForeignKey[Image | None, Image | None] = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signature: models.ForeignKey[Image | None, Image | None] = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("underskrift"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatory_name: models.CharField[str, str] = models.CharField(
        _("underskriverens navn"), max_length=255, blank=True
    )
    signatory_title: models.CharField[str, str] = models.CharField(
        _("underskriverens titel"), max_length=255, blank=True
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("heading"), FieldPanel("intro"), FieldPanel("body"), FieldPanel("footer")],
            heading=_("Tekster"),
        ),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("signature"), FieldPanel("signatory_name"), FieldPanel("signatory_title")],
            heading=_("Underskrift"),
        ),
    ]

    class Meta:
        verbose_name = _("kursusbevis-skabelon")
        verbose_name_plural = _("kursusbevis-skabeloner")
