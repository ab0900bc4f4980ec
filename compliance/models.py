"""Mandatory training: requirements, the assignment cycles they create, reminders sent, and the
materialised status counts the reports read."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Requirement(models.Model):
    """Who must take which course, or read and acknowledge which guideline, counted from which
    date, by when and how often."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Kursus")
        ACKNOWLEDGE = "acknowledge", _("Læst og forstået (administrationsgrundlag)")

    class Trigger(models.TextChoices):
        START_DATE = "start", _("Ansættelsesdato")
        BECAME_MANAGER = "manager", _("Dato for at blive leder")
        ASSIGNED = "assigned", _("Tildelingsdato")

    class Recurrence(models.TextChoices):
        NONE = "none", _("Ingen (én gang)")
        MONTHS = "months", _("Hver N. måned efter gennemførelse")
        YEARLY = "yearly", _("Hvert år i et fast vindue")

    name = models.CharField(_("navn"), max_length=255)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.COURSE)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kursus"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kun for krav af typen kursus."),
    )
    guideline = models.ForeignKey(
        "guidelines.GuidelinePage",
        verbose_name=_("administrationsgrundlag"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kun for krav af typen læst og forstået."),
    )
    sections = models.CharField(
        _("afsnit"),
        max_length=255,
        blank=True,
        help_text=_(
            "Kun for læst og forstået: citationsnøglerne på de afsnit, der skal læses, adskilt "
            "af komma (fx AG-UDE-1, AG-UDE-3). Tom: hele grundlaget."
        ),
    )
    managers_only = models.BooleanField(_("kun ledere"), default=False)
    units = models.ManyToManyField(
        "people.OrgUnit",
        verbose_name=_("enheder (med underenheder)"),
        blank=True,
        related_name="+",
        help_text=_("Tom: alle enheder."),
    )
    job_titles = models.TextField(
        _("stillingsbetegnelser"),
        blank=True,
        help_text=_(
            "Én pr. linje; stillingen skal indeholde en af dem (store/små bogstaver er ligegyldige). Tom: alle."
        ),
    )
    trigger = models.CharField(
        _("regnes fra"), max_length=10, choices=Trigger.choices, default=Trigger.ASSIGNED
    )
    due_days = models.PositiveIntegerField(_("frist i dage"), default=30)
    grace_days = models.PositiveIntegerField(_("henstand i dage"), default=0)
    recurrence = models.CharField(
        _("gentagelse"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    recurrence_months = models.PositiveIntegerField(
        _("gentag efter antal måneder"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    window_month = models.PositiveSmallIntegerField(
        _("vindue åbner måned"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    window_day = models.PositiveSmallIntegerField(
        _("vindue åbner dag"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    renewal_window_days = models.PositiveIntegerField(
        _("fornyelsesvindue i dage"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "Kun for gentagne krav. Den nye runde åbner så mange dage før det gamle beviss "
            "udløb, og gennemføres den senest på udløbsdagen, regnes den nye gyldighed fra den "
            "gamle udløbsdato – ikke fra gennemførelsesdagen. Tom eller 0: den nye runde åbner "
            "'frist i dage' før udløb, og gyldigheden regnes fra gennemførelsen."
        ),
    )
    applies_from = models.DateField(
        _("gælder fra"),
        default=timezone.localdate,
        help_text=_(
            "Kun ansættelser og lederudnævnelser fra denne dato udløser kravet; "
            "krav, der regnes fra tildelingsdatoen, gælder alle."
        ),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("krav")
        verbose_name_plural = _("krav")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="compliance_requirement_one_target",
                check=(
                    models.Q(kind="course", course__isnull=False, guideline__isnull=True)
                    | models.Q(kind="acknowledge", course__isnull=True, guideline__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_acknowledgement(self) -> bool:
        return self.kind == self.Kind.ACKNOWLEDGE

    @property
    def target(self):
        """The page the requirement is about: the course, or the guideline to acknowledge."""
        return self.guideline if self.is_acknowledgement else self.course

    @property
    def target_title(self) -> str:
        """How the learner sees it: the course's title, or "Læst og forstået: <guideline>"."""
        target = self.target
        if target is None:
            return self.name
        if self.is_acknowledgement:
            return str(_("Læst og forstået: %(title)s")) % {"title": target.title}
        return target.title

    def section_keys(self) -> list[str]:
        return [key.strip() for key in self.sections.split(",") if key.strip()]

    def clean(self) -> None:
        self._clean_target()
        if self.recurrence == self.Recurrence.MONTHS and not self.recurrence_months:
            raise ValidationError({"recurrence_months": _("Angiv antal måneder.")})
        if self.recurrence == self.Recurrence.YEARLY and not (
            self.window_month and self.window_day
        ):
            raise ValidationError({"window_month": _("Angiv måned og dag, hvor vinduet åbner.")})
        if self.renewal_window_days and self.recurrence == self.Recurrence.NONE:
            raise ValidationError(
                {"renewal_window_days": _("Et fornyelsesvindue kræver et gentaget krav.")}
            )
        if (
            self.renewal_window_days
            and self.recurrence == self.Recurrence.MONTHS
            and self.recurrence_months
            and self.renewal_window_days >= self.recurrence_months * 28
        ):
            raise ValidationError(
                {"renewal_window_days": _("Fornyelsesvinduet skal være kortere end gentagelsen.")}
            )

    def _clean_target(self) -> None:
        if self.kind == self.Kind.COURSE:
            if not self.course_id:
                raise ValidationError({"course": _("Vælg det kursus, kravet gælder.")})
            if self.guideline_id or self.sections.strip():
                raise ValidationError(
                    {
                        "guideline": _(
                            "Et kursuskrav har hverken administrationsgrundlag eller afsnit."
                        )
                    }
                )
            return
        if not self.guideline_id:
            raise ValidationError(
                {"guideline": _("Vælg det administrationsgrundlag, der skal læses.")}
            )
        if self.course_id:
            raise ValidationError({"course": _("Et krav om læst og forstået har intet kursus.")})
        if self.recurrence != self.Recurrence.NONE:
            raise ValidationError(
                {
                    "recurrence": _(
                        "Læst og forstået gentages ikke efter tid: en væsentlig ændring af "
                        "grundlaget beder om en ny bekræftelse."
                    )
                }
            )
        keys = self.section_keys()
        if keys:
            from guidelines.models import GuidelineSection

            known = set(
                GuidelineSection.objects.filter(
                    page_id=self.guideline_id, key__in=keys
                ).values_list("key", flat=True)
            )
            unknown = [key for key in keys if key not in known]
            if unknown:
                raise ValidationError(
                    {
                        "sections": _("Grundlaget har ikke afsnittene: %(keys)s.")
                        % {"keys": ", ".join(unknown)}
                    }
                )

    def job_title_list(self) -> list[str]:
        return [line.strip().lower() for line in self.job_titles.splitlines() if line.strip()]


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke startet")
    IN_PROGRESS = "in_progress", _("I gang")
    COMPLETED = "completed", _("Gennemført")
    OVERDUE = "overdue", _("Overskredet")
    EXEMPT = "exempt", _("Fritaget")
    SUPERSEDED = "superseded", _("Afløst")


OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.OVERDUE)
COMPLIANT_STATUSES = (Status.COMPLETED, Status.EXEMPT)


class Assignment(models.Model):
    """One cycle of one requirement for one person. A new cycle is a new row; old rows stay."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medarbejder"),
        on_delete=models.CASCADE,
        related_name="assignments",
        db_index=False,  # the unique (person, requirement, cycle) index serves it
    )
    requirement = models.ForeignKey(
        Requirement,
        verbose_name=_("krav"),
        on_delete=models.CASCADE,
        related_name="assignments",
        # Django cascades a deleted requirement itself. The database's own check would lock
        # one of a dozen requirement rows once per inserted assignment: 3.3 of 10.2 s when
        # an evaluation writes 540,000 of them (bench/compliance.py).
        db_constraint=False,
    )
    #: The person's unit, kept in step with people.User.org_unit by the import signal (for counts).
    unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("enhed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # the (unit, status, due_at) index serves it
        # A denormalised copy of the person's unit: Django still sets it to NULL when a unit is
        # deleted, and skipping the database's per-row check keeps bulk evaluation fast.
        db_constraint=False,
    )
    cycle = models.PositiveIntegerField(_("runde"), default=1)
    assigned_at = models.DateField(_("tildelt"))
    due_at = models.DateField(_("frist"))
    completed_at = models.DateTimeField(_("gennemført"), null=True, blank=True)
    #: Set when the cycle was completed as an early renewal: the previous cycle's expiry, from
    #: which this cycle's validity counts (compliance.validity). Empty: the completion date.
    valid_from = models.DateField(
        _("gyldighed regnes fra"),
        null=True,
        blank=True,
        help_text=_("Ved fornyelse i fornyelsesvinduet: det tidligere udløb. Tom: gennemførelsen."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    exempt_reason = models.CharField(_("begrundelse for fritagelse"), max_length=255, blank=True)
    exempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # a partial index below: almost every row is NULL
    )
    #: The notice log's keys on this cycle: Django deletes them with it.
    notice_keys = GenericRelation("notices.NoticeKey", related_query_name="assignment")

    class Meta:
        verbose_name = _("tildeling")
        verbose_name_plural = _("tildelinger")
        permissions = [
            ("view_evidence", _("Kan se dokumentation for, hvad en medarbejder har set")),
            ("plan_retraining", _("Kan planlægge genopfriskning efter en ændring")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "requirement", "cycle"], name="compliance_one_row_per_cycle"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at", "id"], name="compliance_status_due"),
            models.Index(fields=["unit", "status", "due_at"], name="compliance_unit_status"),
            models.Index(
                fields=["exempted_by"],
                condition=models.Q(exempted_by__isnull=False),
                name="compliance_exempted_by",
            ),
            # The latest cycle of a person × requirement is read backwards from the unique index;
            # fewer indexes keep a 540,000-row evaluation fast.
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.requirement} · {self.cycle}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class StatusCount(models.Model):
    """How many current cycles of a requirement are in a status in a unit *and its subtree*.

    Changed in the same transaction as every assignment change, so reports never aggregate
    the assignment table per request.
    """

    unit = models.ForeignKey("people.OrgUnit", on_delete=models.CASCADE, related_name="+")
    depth = models.PositiveIntegerField()
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "requirement", "status"], name="compliance_count_once"
            ),
        ]
        indexes = [models.Index(fields=["depth", "unit"], name="compliance_count_depth")]

    def __str__(self) -> str:
        return f"{self.unit_id} · {self.requirement_id} · {self.status}: {self.count}"


from .acknowledgement_models import Acknowledgement as Acknowledgement  # noqa: E402
from .history_models import ImportedCompletion as ImportedCompletion  # noqa: E402
