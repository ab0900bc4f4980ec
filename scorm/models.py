"""SCORM packages (uploaded zips, one row per version) and the course step that shows one.

A package's files live in Django's default storage under ``scorm/<storage_key>/``, written only
when the whole zip was checked and unpacked (scorm/packages.py). A learner's run of a package is
a ``ScormAttempt`` on one version: the CMI data the package commits, kept per person × version,
so a run started on an old version finishes on it after a new upload.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ScormPackage(models.Model):
    title = models.CharField(_("titel"), max_length=255)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("SCORM-pakke")
        verbose_name_plural = _("SCORM-pakker")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> ScormPackageVersion | None:
        return self.versions.order_by("-number").first()


class ScormPackageVersion(models.Model):
    class Standard(models.TextChoices):
        SCORM_12 = "1.2", "SCORM 1.2"
        SCORM_2004 = "2004", "SCORM 2004"

    package = models.ForeignKey(ScormPackage, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    standard = models.CharField(_("standard"), max_length=8, choices=Standard.choices)
    #: "3rd Edition", "4th Edition" from the manifest's schemaversion (2004 only).
    edition = models.CharField(_("udgave"), max_length=40, blank=True)
    launch = models.CharField(_("startfil"), max_length=1000)
    #: adlcp:masteryscore (SCORM 1.2), 0–100; None when the manifest gives none.
    mastery_score = models.DecimalField(
        _("beståelsesgrænse"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    #: imsss:minNormalizedMeasure with satisfiedByMeasure (SCORM 2004), -1–1.
    scaled_passing_score = models.DecimalField(
        _("beståelsesgrænse (skaleret)"), max_digits=8, decimal_places=7, null=True, blank=True
    )
    storage_key = models.CharField(max_length=64, unique=True)
    file_count = models.PositiveIntegerField(_("antal filer"))
    size_bytes = models.BigIntegerField(_("størrelse (byte)"))
    file_name = models.CharField(_("filnavn"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("indlæst"), auto_now_add=True)

    class Meta:
        verbose_name = _("SCORM-pakkeversion")
        verbose_name_plural = _("SCORM-pakkeversioner")
        constraints = [
            models.UniqueConstraint(fields=["package", "number"], name="scorm_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.package} · version {self.number}"

    @property
    def storage_prefix(self) -> str:
        return f"scorm/{self.storage_key}/"


class ScormLessonPage(Page):
    """A bought e-learning package as a step in a course module. A passed or completed run of
    the package completes the step (its proof in ScormConfig.ready)."""

    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])
    package = models.ForeignKey(
        ScormPackage, verbose_name=_("SCORM-pakke"), on_delete=models.PROTECT, related_name="+"
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("package")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("SCORM-lektion")
        verbose_name_plural = _("SCORM-lektioner")

    def get_context(self, request, *args, **kwargs):
        from .selectors import scorm_page_context

        context = super().get_context(request, *args, **kwargs)
        attempt = getattr(request, "scorm_attempt", None)
        context.update(scorm_page_context(page=self, user=request.user, attempt=attempt))
        return context

    def serve(self, request, *args, **kwargs):
        # Opening the step opens (or resumes) the person's attempt: a write, so here and not in
        # get_context, which previews call too.
        from .services import attempt_open

        if request.user.is_authenticated and self.live:
            request.scorm_attempt = attempt_open(user=request.user, page=self)
        return super().serve(request, *args, **kwargs)


class ScormAttempt(models.Model):
    """One person's run of one package version: the CMI data as last committed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorm_attempts"
    )
    version = models.ForeignKey(
        ScormPackageVersion, on_delete=models.PROTECT, related_name="attempts"
    )
    page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(_("startet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest gemt"), auto_now=True)
    #: When the package first reported passed/completed (per its mastery rules); None before.
    completed_at = models.DateTimeField(_("gennemført"), null=True, blank=True)
    lesson_status = models.CharField(max_length=20, blank=True)  # SCORM 1.2
    completion_status = models.CharField(max_length=20, blank=True)  # SCORM 2004
    success_status = models.CharField(max_length=20, blank=True)  # SCORM 2004
    score_raw = models.FloatField(null=True, blank=True)
    score_min = models.FloatField(null=True, blank=True)
    score_max = models.FloatField(null=True, blank=True)
    score_scaled = models.FloatField(null=True, blank=True)
    location = models.CharField(max_length=1000, blank=True)
    suspend_data = models.TextField(blank=True)
    exit = models.CharField(max_length=20, blank=True)
    #: The session time as last reported, verbatim, and in seconds for the open session.
    session_time = models.CharField(max_length=40, blank=True)
    session_key = models.CharField(max_length=40, blank=True)
    session_seconds = models.FloatField(default=0)
    #: Seconds of the sessions before the open one (total time = this + session_seconds).
    closed_seconds = models.FloatField(default=0)
    commits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("SCORM-forsøg")
        verbose_name_plural = _("SCORM-forsøg")
        indexes = [models.Index(fields=["user", "version"])]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.version}"

    @property
    def total_seconds(self) -> float:
        return self.closed_seconds + self.session_seconds
