"""Course pages (course → module → lesson) and the learner's progress through them."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Revision
from wagtail.search import index

from people.models import JuristReview

from .blocks import LessonBodyBlock


class CourseIndexPage(Page):
    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["paragraf.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("kursusoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().order_by("title")
        return context


class CoursePage(Page, JuristReview):  # type: ignore[django-manager-missing]  # stubs: two bases
    class Family(models.TextChoices):
        SHORT = "kort-og-godt", _("Jura – Kort og Godt")
        ONBOARDING = "onboarding", _("Obligatorisk onboarding")
        MANAGER = "leder", _("Obligatorisk lederkursus")
        RETRAINING = "genopfriskning", _("Genopfriskning")
        OTHER = "andet", _("Andet")

    family = models.CharField(
        _("kursusfamilie"), max_length=20, choices=Family.choices, default=Family.SHORT
    )
    intro = RichTextField(_("introduktion"), features=["bold", "italic", "link", "ul"])
    duration_minutes = models.PositiveIntegerField(_("varighed i minutter"), default=30)
    owner_unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("ansvarlig enhed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("family"),
        FieldPanel("intro"),
        FieldPanel("duration_minutes"),
        MultiFieldPanel(
            [
                FieldPanel("responsible"),
                FieldPanel("owner_unit"),
                FieldPanel("review_interval_months"),
                FieldPanel("next_review_date"),
            ],
            heading=_("Ejerskab og gennemsyn"),
        ),
        InlinePanel(
            "variants",
            heading=_("Skiftende varianter"),
            label=_("variant"),
            help_text=_(
                "Til genopfriskning, der gentages: hver ny runde får den næste variant i "
                "rækkefølgen (1, 2, 1, 2 …). Moduler, der ikke er valgt i nogen variant, er med "
                "i alle runder; et modul valgt i en variant er kun med i den variants runder."
            ),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kurser")

    def clean(self) -> None:
        super().clean()
        for variant in self.variants.all():
            for module in variant.modules.all():
                if not self.path or not module.path.startswith(self.path):
                    raise ValidationError(
                        _("Modulet “%(module)s” i varianten “%(variant)s” hører ikke til kurset.")
                        % {"module": module.title, "variant": variant.name}
                    )

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(course=self, user=request.user)
        return context


class CourseVariant(Orderable, ClusterableModel):
    """One of a recurring course's alternating versions: the modules only its runs include."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(_("navn"), max_length=100, help_text=_("Fx “Case 2025”."))
    modules = ParentalManyToManyField(
        "courses.ModulePage",
        verbose_name=_("moduler kun i denne variant"),
        related_name="variants",
        blank=True,
    )

    panels = [FieldPanel("name"), FieldPanel("modules", widget=forms.CheckboxSelectMultiple)]

    class Meta(Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("varianter")

    def __str__(self) -> str:
        return self.name


class ModulePage(Page):
    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.CoursePage"]
    # Lessons, and step types other apps register (e.g. quizzes), which name ModulePage as parent.

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("moduler")

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: its course page shows the outline.
        from django.shortcuts import redirect

        return redirect(self.get_parent().url)


class LessonPage(Page):
    summary = models.CharField(_("kort beskrivelse"), max_length=255, blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("indhold"))
    reading_minutes = models.PositiveIntegerField(_("læsetid i minutter"), default=5)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("reading_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lektion")
        verbose_name_plural = _("lektioner")

    def get_context(self, request, *args, **kwargs):
        from .selectors import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(lesson=self, user=request.user))
        return context


class CourseRun(models.Model):
    """One pass of a person through a course. A new run starts when a new cycle requires it.

    An *imported* run (``source``) is a completion brought over from an earlier system: it has
    no steps and no certificate of its own; the importing app keeps its details."""

    class Source(models.TextChoices):
        PARAGRAF = "paragraf", _("Paragraf")
        IMPORT = "import", _("importeret")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_runs"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="runs")
    #: The variant this run takes (CourseVariant), chosen when the run starts; None for a course
    #: without variants.
    variant = models.ForeignKey(
        CourseVariant,
        verbose_name=_("variant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A default rather than auto_now_add: an imported run starts on its historical date.
    started_at = models.DateTimeField(_("startet"), default=timezone.now, editable=False)
    completed_at = models.DateTimeField(_("gennemført"), null=True, blank=True)
    source = models.CharField(
        _("kilde"), max_length=10, choices=Source.choices, default=Source.PARAGRAF
    )

    class Meta:
        verbose_name = _("kursusforløb")
        verbose_name_plural = _("kursusforløb")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["user", "course", "-started_at"], name="courses_run_latest")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.course}"


class StepCompletion(models.Model):
    """A finished lesson or quiz in a run, with the page revision the person actually saw."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="completions")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(_("gennemført"), auto_now_add=True)

    class Meta:
        verbose_name = _("gennemført trin")
        verbose_name_plural = _("gennemførte trin")
        constraints = [
            models.UniqueConstraint(fields=["run", "page"], name="courses_step_once_per_run"),
        ]

    def __str__(self) -> str:
        return f"{self.run} · {self.page_id}"
