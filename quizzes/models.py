"""Question bank (snippets with revisions), quiz pages placed in course modules, and attempts.

An attempt freezes what was served: the questions, their revisions, their order, the choice
order and a snapshot of texts and answer key taken from those revisions. Grading and the
learner's result read only the attempt, so editing a question later never changes a record.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    Revision,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from people.models import JuristReview

# Accommodations live in their own module (one feature, STYLE 12); re-exported so Django loads
# the model with the app's models.
from .accommodations import Accommodation as Accommodation
from .blocks import QuestionChoicesBlock, QuestionCitationsBlock


class QuestionCategory(JuristReview):
    """A group of questions (optionally a sub-category of another), with a responsible jurist."""

    name = models.CharField(_("navn"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overkategori"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("beskrivelse"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("parent"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("responsible"),
                FieldPanel("review_interval_months"),
                FieldPanel("next_review_date"),
            ],
            heading=_("Ejerskab og gennemsyn"),
        ),
    ]

    class Meta:
        verbose_name = _("spørgsmålskategori")
        verbose_name_plural = _("spørgsmålskategorier")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent is not None else self.name

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("En kategori kan ikke ligge under sig selv.")})
            ancestor = ancestor.parent

    def subtree_ids(self) -> list[int]:
        """This category and all below it (one query over the small category table)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in QuestionCategory.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        result, todo = [], [self.pk]
        while todo:
            pk = todo.pop()
            result.append(pk)
            todo.extend(children.get(pk, []))
        return result


class Question(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A question in the bank. Only live (published) questions are served to learners."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Ét rigtigt svar")
        MULTIPLE = "multiple", _("Flere rigtige svar")
        TRUEFALSE = "truefalse", _("Sandt eller falsk")
        ESSAY = "essay", _("Fritekst (bedømmes af en jurist)")
        CITE_RULE = "cite_rule", _("Find reglen (afgørelse og hjemmel)")

    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("spørgsmål"))
    explanation = RichTextField(
        _("forklaring"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Vises efter aflevering, hvis quizzen viser forklaringer."),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("billede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Valgfrit, fx et udsnit af en lokalplan eller et foto fra en besigtigelse."),
    )
    image_alt = models.CharField(
        _("alternativ tekst til billedet"),
        max_length=255,
        blank=True,
        help_text=_(
            "Kræves, når der er et billede: beskriv det, deltageren skal se for at kunne svare "
            "(læses op af skærmlæsere)."
        ),
    )
    true_is_correct = models.BooleanField(
        _("udsagnet er sandt"),
        null=True,
        blank=True,
        help_text=_("Kun for sandt/falsk-spørgsmål."),
    )
    partial_credit_percent = models.PositiveSmallIntegerField(
        _("delvis point for rigtig afgørelse med forkert hjemmel (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Kun for 'find reglen'-spørgsmål."),
    )
    points = models.PositiveSmallIntegerField(
        _("point (vægt)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Hvor mange point et helt rigtigt svar giver. Beståelseskravet er en procentdel af "
            "quizzens samlede point."
        ),
    )
    keep_choice_order = models.BooleanField(
        _("behold svarmulighedernes rækkefølge"),
        default=False,
        help_text=_(
            "Svarmulighederne blandes for hvert forsøg, når quizzen blander dem. Sæt hak, hvis "
            "rækkefølgen betyder noget, fx ved “Ingen af ovenstående”."
        ),
    )
    choices = StreamField(
        QuestionChoicesBlock(),
        verbose_name=_("svarmuligheder"),
        blank=True,
        help_text=_(
            "Ét/flere svar: svarmuligheder. Find reglen: afgørelser og hjemler. "
            "Sandt/falsk og fritekst: ingen."
        ),
    )
    citations = StreamField(
        QuestionCitationsBlock(),
        verbose_name=_("henvisninger"),
        blank=True,
        help_text=_("De afsnit og bestemmelser, spørgsmålet tester."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="quizzes_question")
    # Four-eyes approval ("Juridisk godkendelse", set up by authoring.services.four_eyes_workflow_ensure).
    _workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="quizzes_question",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("category"),
        FieldPanel("kind"),
        FieldPanel("text"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Billede")),
        FieldPanel("true_is_correct"),
        FieldPanel("choices"),
        FieldPanel("keep_choice_order"),
        FieldPanel("partial_credit_percent"),
        FieldPanel("points"),
        FieldPanel("explanation"),
        FieldPanel("citations"),
    ]
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("kind"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")
        ordering = ["category__name", "pk"]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    @property
    def revisions(self):
        return self._revisions

    def clean(self) -> None:
        super().clean()
        errors = question_choice_errors(self)
        if errors:
            raise ValidationError({"choices": errors})
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Skriv en alternativ tekst til billedet (WCAG 1.1.1).")}
            )

    def get_preview_template(self, request, mode_name):
        return "quizzes/question_preview.html"


def question_choice_errors(question: Question) -> list[Any]:
    """What is wrong with the choices for the question's type (empty when they fit)."""
    by_type: dict[str, list[dict]] = {"choice": [], "outcome": [], "basis": []}
    for child in question.choices:
        by_type[child.block_type].append(child.value)
    kind = question.kind
    errors: list[Any] = []  # lazy translation strings

    def correct(values):
        return sum(1 for v in values if v.get("correct"))

    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if by_type["outcome"] or by_type["basis"]:
            errors.append(_("Afgørelser og hjemler bruges kun i 'find reglen'-spørgsmål."))
        if len(by_type["choice"]) < 2:
            errors.append(_("Angiv mindst to svarmuligheder."))
        if correct(by_type["choice"]) < 1:
            errors.append(_("Markér mindst én svarmulighed som korrekt."))
    elif kind == Question.Kind.CITE_RULE:
        if by_type["choice"]:
            errors.append(_("Brug afgørelser og hjemler, ikke almindelige svarmuligheder."))
        if len(by_type["outcome"]) < 2 or correct(by_type["outcome"]) != 1:
            errors.append(_("Angiv mindst to afgørelser, og markér præcis én som korrekt."))
        if len(by_type["basis"]) < 2 or correct(by_type["basis"]) != 1:
            errors.append(_("Angiv mindst to hjemler, og markér præcis én som korrekt."))
    elif any(by_type.values()):
        errors.append(_("Denne spørgsmålstype har ingen svarmuligheder."))
    if kind == Question.Kind.TRUEFALSE and question.true_is_correct is None:
        errors.append(_("Angiv, om udsagnet er sandt eller falsk."))
    return errors


class ReviewTiming(models.TextChoices):
    """When a learner may see one kind of feedback on an attempt (as Moodle's review options)."""

    DURING = "during", _("Under forsøget")
    IMMEDIATELY = "immediately", _("Lige efter forsøget")
    LATER = "later", _("Senere, mens quizzen er åben")
    CLOSED = "closed", _("Når quizzen er lukket, eller efter sidste forsøg")


#: Every moment: the default, so a new quiz shows everything as soon as it can.
REVIEW_ALWAYS = [t.value for t in ReviewTiming]


def review_always() -> list[str]:
    return list(REVIEW_ALWAYS)


def review_timing_valid(value: Any) -> None:
    if not isinstance(value, list) or any(v not in REVIEW_ALWAYS for v in value):
        raise ValidationError(_("Vælg tidspunkter fra listen."))


class ReviewTimingForm(forms.MultipleChoiceField):
    """The admin form field: checkboxes for the moments; stored as a JSON list."""

    def __init__(self, **kwargs: Any) -> None:
        for name in ("encoder", "decoder", "max_length"):
            kwargs.pop(name, None)
        kwargs["choices"] = ReviewTiming.choices
        kwargs["required"] = False
        kwargs["widget"] = forms.CheckboxSelectMultiple
        super().__init__(**kwargs)


class ReviewTimingField(models.JSONField):
    """The moments at which one kind of feedback is shown (a list of ``ReviewTiming`` values)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", review_always)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [review_timing_valid])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> forms.Field:  # type: ignore[override]
        return ReviewTimingForm(label=capfirst(self.verbose_name), help_text=self.help_text)


class QuizPage(Page):
    """A quiz placed as a step in a course module. Passing it completes the step."""

    class Feedback(models.TextChoices):
        AT_END = "end", _("Svar og resultat efter aflevering")
        EACH = "each", _("Feedback efter hvert spørgsmål")

    description = RichTextField(
        _("beskrivelse"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("kategori"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Uden valgte spørgsmål trækkes spørgsmålene fra denne kategori og dens underkategorier."
        ),
    )
    random_order = models.BooleanField(
        _("tilfældig rækkefølge af spørgsmål"),
        default=False,
        help_text=_("Bland spørgsmålenes rækkefølge for hvert forsøg."),
    )
    shuffle_choices = models.BooleanField(
        _("bland svarmuligheder"),
        default=True,
        help_text=_(
            "Bland svarmulighederne inden for hvert spørgsmål for hvert forsøg, så det rigtige "
            "svar ikke altid står samme sted. Et spørgsmål kan undtages."
        ),
    )
    max_questions = models.PositiveSmallIntegerField(
        _("højst antal spørgsmål"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Tom: alle. Ellers et tilfældigt udvalg for hvert forsøg."),
    )
    feedback_mode = models.CharField(
        _("feedback"), max_length=10, choices=Feedback.choices, default=Feedback.AT_END
    )
    single_attempt = models.BooleanField(_("kun ét forsøg"), default=False)
    max_attempts = models.PositiveSmallIntegerField(
        _("højst antal forsøg"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Tom: ubegrænset."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("beståelseskrav (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("tidsgrænse (minutter)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Tom: ingen tidsgrænse."),
    )
    success_text = RichTextField(
        _("tekst ved bestået"), blank=True, features=["bold", "italic", "link"]
    )
    fail_text = RichTextField(
        _("tekst ved ikke bestået"), blank=True, features=["bold", "italic", "link"]
    )
    closes_at = models.DateTimeField(
        _("lukker"),
        null=True,
        blank=True,
        help_text=_("Tom: quizzen lukker ikke. Efter lukning kan ingen starte et nyt forsøg."),
    )
    review_correctness = ReviewTimingField(_("om svaret var rigtigt eller forkert"))
    review_answers = ReviewTimingField(_("de rigtige svar"))
    review_explanations = ReviewTimingField(_("forklaringer og henvisninger"))
    review_points = ReviewTimingField(_("point"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                InlinePanel("quiz_questions", label=_("Spørgsmål")),
                InlinePanel("draws", label=_("Tilfældige spørgsmål fra en kategori")),
            ],
            heading=_("Spørgsmål"),
            help_text=_(
                "Et forsøg får de valgte spørgsmål og derefter hver tilfældige trækning, "
                "fx 3 fra kategori A og 2 fra kategori B. Uden begge dele trækkes der fra "
                "quizzens kategori."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("random_order"),
                FieldPanel("shuffle_choices"),
                FieldPanel("max_questions"),
                FieldPanel("feedback_mode"),
                FieldPanel("single_attempt"),
                FieldPanel("max_attempts"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("pass_mark"),
            ],
            heading=_("Afvikling"),
            help_text=_("Alle forsøg gemmes altid (eksamensbesvarelser)."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("success_text"),
                FieldPanel("fail_text"),
            ],
            heading=_("Efter aflevering"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_correctness"),
                FieldPanel("review_answers"),
                FieldPanel("review_explanations"),
                FieldPanel("review_points"),
                FieldPanel("closes_at"),
            ],
            heading=_("Hvad deltageren ser hvornår"),
            help_text=_(
                "Vælg for hver ting, hvornår den vises. 'Under forsøget' gælder kun feedback "
                "efter hvert spørgsmål. 'Lige efter' er de første 2 minutter efter aflevering. "
                "'Når quizzen er lukket' er efter lukketidspunktet, eller når deltageren har "
                "bestået eller brugt alle sine forsøg. Obligatoriske quizzer bør først vise de "
                "rigtige svar da, så ingen kan dumpe én gang, læse facit og bestå."
            ),
        ),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzer")

    @property
    def attempt_limit(self) -> int | None:
        return 1 if self.single_attempt else self.max_attempts

    def get_context(self, request, *args, **kwargs):
        from .selectors import quiz_page_context
        from .services import attempt_expire_if_overdue

        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated:
            attempt_expire_if_overdue(user=request.user, quiz=self)
        context.update(quiz_page_context(quiz=self, user=request.user))
        return context


class QuizPageQuestion(Orderable):
    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(
        Question, verbose_name=_("spørgsmål"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("spørgsmål i quiz")
        verbose_name_plural = _("spørgsmål i quiz")


class QuizDraw(Orderable):
    """A random draw: ``count`` live questions from a category (and its sub-categories), new for
    every attempt. A question already served in the attempt is not drawn twice."""

    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="draws")
    category = models.ForeignKey(
        QuestionCategory, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveSmallIntegerField(
        _("antal"), default=1, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )

    panels = [FieldPanel("category"), FieldPanel("count")]

    class Meta(Orderable.Meta):
        verbose_name = _("tilfældig trækning")
        verbose_name_plural = _("tilfældige trækninger")

    def __str__(self) -> str:
        return f"{self.count} × {self.category}"


class Attempt(models.Model):
    """One person's attempt at a quiz. Every attempt is kept.

    When the time runs out the attempt is submitted with the answers saved until then and
    graded like any other (``timed_out`` tells it apart). ``EXPIRED`` is the state of attempts
    closed by time-out before answers were saved as the learner went: failed, whatever they had.
    """

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("I gang")
        AWAITING_MARKING = "awaiting_marking", _("Afventer bedømmelse")
        GRADED = "graded", _("Bedømt")
        EXPIRED = "expired", _("Tiden udløb")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deltager"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="quiz_attempts",
    )
    quiz = models.ForeignKey(
        QuizPage,
        verbose_name=_("quiz"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="attempts",
    )
    quiz_title = models.CharField(_("quiz"), max_length=255)
    quiz_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("forsøg nr."), default=1)
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.IN_PROGRESS
    )
    pass_mark = models.PositiveSmallIntegerField(_("beståelseskrav (%)"))
    started_at = models.DateTimeField(_("startet"), auto_now_add=True)
    deadline_at = models.DateTimeField(_("frist"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("afleveret"), null=True, blank=True)
    graded_at = models.DateTimeField(_("bedømt"), null=True, blank=True)
    score = models.DecimalField(_("point"), max_digits=7, decimal_places=2, null=True)
    max_score = models.PositiveSmallIntegerField(_("maks. point"), default=0)
    percent = models.DecimalField(_("procent"), max_digits=5, decimal_places=1, null=True)
    passed = models.BooleanField(_("bestået"), null=True)
    timed_out = models.BooleanField(
        _("afleveret automatisk"),
        default=False,
        help_text=_("Tiden udløb, og forsøget blev afleveret med de svar, der var gemt."),
    )
    #: The accommodation's terms that applied when the attempt started (quizzes.accommodations
    #: ``terms_effective``); empty without one. A later change never alters the attempt.
    accommodation = models.JSONField(_("særlige vilkår"), default=dict, blank=True)
    #: The person's unit when the attempt closed: the item analysis counts the answers there
    #: (a plain id, so a later transfer or a deleted unit moves nothing).
    closed_unit_id = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("quizforsøg")
        verbose_name_plural = _("quizforsøg")
        ordering = ["-started_at", "-id"]
        permissions = [
            ("mark_attempt", _("Kan bedømme fritekstsvar")),
            ("regrade_attempt", _("Kan genberegne og overstyre quizresultater")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(state="in_progress"),
                name="quizzes_one_open_attempt",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "user", "state"], name="quizzes_attempt_lookup")]

    def __str__(self) -> str:
        return f"{self.user} · {self.quiz_title} · {self.number}"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.GRADED, self.State.EXPIRED)


class AttemptQuestion(models.Model):
    """A question as served in an attempt: frozen revision, position, choice order and texts."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(
        Question, null=True, on_delete=models.SET_NULL, related_name="attempt_items"
    )
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Question.Kind.choices)
    #: Served texts, choice order (with ids and labels), answer key and citations of the revision.
    snapshot = models.JSONField()
    #: The learner's answer: a draft while ``answered_at`` is empty, then the answer that counts.
    answer = models.JSONField(null=True, blank=True)
    #: When the draft was last saved (autosave); the answer that counts is stamped ``answered_at``.
    saved_at = models.DateTimeField(_("gemt"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    points = models.DecimalField(max_digits=4, decimal_places=3, null=True)
    is_correct = models.BooleanField(null=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bedømt af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("bedømt"), null=True, blank=True)
    marker_comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("besvaret spørgsmål")
        verbose_name_plural = _("besvarede spørgsmål")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="quizzes_item_position"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.position}"

    @property
    def awaiting_marking(self) -> bool:
        return (
            self.kind == Question.Kind.ESSAY
            and self.answered_at is not None
            and (self.points is None)
        )


# The grade history, regrade runs and item-analysis sums live in modules of their own; Django
# finds the models here.
from .item_totals_models import ItemTotal  # noqa: E402, F401
from .regrade_models import AttemptGradeChange, QuizRegrade  # noqa: E402, F401
