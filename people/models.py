"""Employees and the organisation tree. No CPR numbers, addresses or pay data are stored."""

from __future__ import annotations

import uuid
from typing import ClassVar, Self

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class OrgUnit(MP_Node):
    """A unit in the organisation: area (serviceområde), centre, team. A subtree is a path prefix."""

    code = models.CharField(_("enhedskode"), max_length=40, unique=True)
    name = models.CharField(_("enhedsnavn"), max_length=255)
    unit_type = models.CharField(_("enhedstype"), max_length=60, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisatorisk enhed")
        verbose_name_plural = _("organisatoriske enheder")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person with a login; for employees it carries the HR fields Paragraf needs."""

    employee_number = models.CharField(
        _("medarbejdernummer"), max_length=40, unique=True, null=True, blank=True
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("enhed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    job_title = models.CharField(_("stilling"), max_length=255, blank=True)
    is_manager = models.BooleanField(_("leder"), default=False)
    manager_since = models.DateField(_("leder siden"), null=True, blank=True)
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    #: The day Paragraf first had the person: start-date requirements count from it when HR
    #: gives no start date.
    first_seen = models.DateField(_("først indlæst"), default=timezone.localdate)
    #: OPUS ``lastChanged`` of the newest record loaded: an older record is never applied.
    hr_last_changed = models.DateField(_("senest ændret i HR-systemet"), null=True, blank=True)
    manager = models.ForeignKey(
        "self",
        verbose_name=_("nærmeste leder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )

    objects: ClassVar[UserManager[Self]] = UserManager()

    class Meta:
        verbose_name = _("medarbejder")
        verbose_name_plural = _("medarbejdere")
        indexes = [models.Index(fields=["org_unit", "is_active"], name="people_user_unit_active")]
        permissions = [
            ("export_personal_data", _("Kan udlevere en medarbejders data (indsigtsret)")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AuditEvent(models.Model):
    """Who viewed or exported whose personal data, and when (GDPR accountability)."""

    class Action(models.TextChoices):
        VIEW = "view", _("så")
        EXPORT = "export", _("eksporterede")
        CHANGE = "change", _("ændrede")
        ANONYMISE = "anonymise", _("anonymiserede")
        IMPORT = "import", _("importerede")

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("udført af"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        User,
        verbose_name=_("vedrører"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("vedrører enhed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("handling"), max_length=20, choices=Action.choices)
    what = models.CharField(_("hvad"), max_length=255)

    class Meta:
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()} {self.what}"


class HRImport(models.Model):
    """One uploaded HR file on its way from preview to load. The file and the preview hold
    personal data: only the uploader sees them, and unconfirmed ones are purged after a day."""

    class Status(models.TextChoices):
        PENDING = "pending", _("venter")
        PREVIEW = "preview", _("forhåndsvisning klar")
        REFUSED = "refused", _("afvist")
        CONFIRMED = "confirmed", _("bekræftet")
        DONE = "done", _("indlæst")
        FAILED = "failed", _("fejlet")
        CANCELLED = "cancelled", _("annulleret")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        OPUS = "opus", "KMD OPUS XML"
        XLSX = "xlsx", "Excel (XLSX)"

    class Kind(models.TextChoices):
        EMPLOYEES = "employees", _("medarbejdere og enheder")
        HISTORY = "history", _("historiske gennemførelser")

    #: the public handle in URLs; the file's storage name is a different random value
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        User, verbose_name=_("uploadet af"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("fil i lageret"), max_length=255, blank=True)
    #: the name the file had on the uploader's machine (shown on what it imported)
    original_name = models.CharField(_("filnavn"), max_length=255, blank=True)
    kind = models.CharField(
        _("indhold"), max_length=20, choices=Kind.choices, default=Kind.EMPLOYEES
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    lines = models.JSONField(_("opsummering"), default=list, blank=True)
    notes = models.JSONField(_("bemærkninger"), default=list, blank=True)
    errors = models.JSONField(_("fejl"), default=list, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("HR-indlæsning")
        verbose_name_plural = _("HR-indlæsninger")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"HR import {self.pk} ({self.status})"

    @property
    def is_working(self) -> bool:
        """True while a task is on it: the page polls."""
        return self.status in (self.Status.PENDING, self.Status.CONFIRMED)


class JuristReview(models.Model):
    """Who answers for a piece of legal content and when it is next due for review: the same three
    fields on courses, guidelines and question categories (the review queue reads them all)."""

    responsible = models.ForeignKey(
        "people.User",
        verbose_name=_("ansvarlig jurist"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_interval_months = models.PositiveIntegerField(_("gennemsyn hver (måneder)"), default=12)
    next_review_date = models.DateField(_("næste gennemsyn"), null=True, blank=True)

    class Meta:
        abstract = True


@register_setting(icon="lock")
class PrivacySettings(BaseGenericSetting):
    """Who is responsible for the data, how long learning records are kept, and where the
    accessibility statement lives. Edited by administrators under Indstillinger in the admin."""

    controller = models.CharField(
        _("dataansvarlig"),
        max_length=255,
        default="Københavns Kommune, Teknik- og Miljøforvaltningen",
    )
    controller_address = models.CharField(
        _("adresse"), max_length=255, default="Njalsgade 13, 2300 København S", blank=True
    )
    contact_email = models.EmailField(_("kontakt-e-mail"), default="paragraf@tmf.kk.dk")
    dpo_email = models.EmailField(_("databeskyttelsesrådgiver (DPO)"), default="dpo@kk.dk")
    retention_years = models.PositiveSmallIntegerField(
        _("opbevaring efter fratræden (år)"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_(
            "Så mange år efter slutdatoen anonymiseres en fratrådt medarbejders læringsdata."
        ),
    )
    accessibility_statement_url = models.URLField(
        _("tilgængelighedserklæring (adresse)"),
        default="https://www.was.digst.dk/",
        help_text=_(
            "Adressen på tilgængelighedserklæringen i Digitaliseringsstyrelsens WAS-værktøj."
        ),
    )

    panels = [
        FieldPanel("controller"),
        FieldPanel("controller_address"),
        FieldPanel("contact_email"),
        FieldPanel("dpo_email"),
        FieldPanel("retention_years"),
        FieldPanel("accessibility_statement_url"),
    ]

    class Meta:
        verbose_name = _("privatliv og tilgængelighed")
