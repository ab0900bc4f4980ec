"""A completion brought over from an earlier system (the historical completions import)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedCompletion(models.Model):
    """What the old system said about one completion, beside the imported course run it became.

    The run (``courses.CourseRun`` with source "import") is what requirements and reports count;
    this row keeps the file it came from, the old certificate number, score and valid-until. A cycle
    it completed has the run's ``completed_at`` (the match certificates use too). Unique per
    person × course × date, so loading the same file twice adds nothing.
    """

    run = models.OneToOneField(
        "courses.CourseRun",
        verbose_name=_("kursusforløb"),
        on_delete=models.CASCADE,
        related_name="imported",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medarbejder"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique (person, course, completed_on) index serves it
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("kursus"), on_delete=models.CASCADE, related_name="+"
    )
    completed_on = models.DateField(_("gennemført"))
    score = models.DecimalField(
        _("point (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    old_certificate_number = models.CharField(
        _("tidligere kursusbevis nr."), max_length=60, blank=True
    )
    valid_until = models.DateField(_("gyldigt til (ifølge filen)"), null=True, blank=True)
    file_name = models.CharField(_("fil"), max_length=255)
    line = models.PositiveIntegerField(_("række i filen"))
    hr_import = models.ForeignKey(
        "people.HRImport",
        verbose_name=_("indlæsning"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # uploads are purged after a day; the file name stays
        related_name="+",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("indlæst af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    imported_at = models.DateTimeField(_("indlæst"))

    class Meta:
        verbose_name = _("importeret gennemførelse")
        verbose_name_plural = _("importerede gennemførelser")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course", "completed_on"], name="compliance_imported_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.course_id} · {self.completed_on}"
