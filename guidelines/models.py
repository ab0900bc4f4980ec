"""Administrationsgrundlag (guideline pages with numbered sections) and statute provisions."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from people.models import JuristReview, OrgUnit

from .statute_models import StatuteAct, StatuteChange, StatuteWatch, eli_validator

__all__ = ["StatuteAct", "StatuteChange", "StatuteWatch"]


class StatuteProvision(index.Indexed, models.Model):
    """A provision of a statute, e.g. forvaltningslovens § 19, stk. 1 (key ``FVL-19-1``)."""

    key = models.CharField(
        _("citationsnøgle"),
        max_length=40,
        unique=True,
        help_text=_("Kort, stabil nøgle, fx FVL-19-1 eller GDPR-33."),
    )
    act = models.CharField(_("lov"), max_length=120, help_text=_("Fx Forvaltningsloven."))
    act_short = models.CharField(_("forkortelse"), max_length=20, help_text=_("Fx FVL."))
    is_article = models.BooleanField(
        _("artikel i stedet for paragraf"), default=False, help_text=_("Fx for GDPR.")
    )
    number = models.CharField(_("§ eller artikel"), max_length=20)
    subsection = models.CharField(_("stk."), max_length=20, blank=True)
    item = models.CharField(_("nr."), max_length=20, blank=True)
    title = models.CharField(_("titel"), max_length=255)
    summary = models.TextField(_("resumé"), blank=True, help_text=_("Med egne ord, ikke lovtekst."))
    url = models.URLField(_("link til retsinformation.dk"), blank=True)
    eli = models.CharField(
        _("ELI-identifikator"),
        max_length=60,
        blank=True,
        validators=[eli_validator],
        help_text=_(
            "Den version af loven, bestemmelsen er skrevet efter, fx /eli/lta/2014/433 "
            "(LBK nr. 433 af 22/04/2014). Tom for EU-retsakter."
        ),
    )
    eli_date = models.DateField(
        _("versionens dato"), null=True, blank=True, help_text=_("Fx 22/04/2014.")
    )
    changed_since = models.DateField(
        _("ny version siden"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Sat af lovtjekket; nulstilles når en jurist bekræfter eller afviser."),
    )
    pending_change = models.ForeignKey(
        StatuteChange,
        verbose_name=_("seneste lovændring"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("key"),
        MultiFieldPanel(
            [
                FieldPanel("act"),
                FieldPanel("act_short"),
                FieldPanel("is_article"),
                FieldPanel("number"),
                FieldPanel("subsection"),
                FieldPanel("item"),
            ],
            heading=_("Bestemmelse"),
        ),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("url"),
        MultiFieldPanel(
            [FieldPanel("eli"), FieldPanel("eli_date")], heading=_("Version på retsinformation.dk")
        ),
    ]
    search_fields = [
        index.SearchField("key"),
        index.SearchField("title"),
        index.SearchField("act"),
        index.AutocompleteField("key"),
        index.AutocompleteField("title"),
    ]

    class Meta:
        verbose_name = _("lovbestemmelse")
        verbose_name_plural = _("lovbestemmelser")
        ordering = ["act_short", "key"]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    @property
    def freshness_label(self) -> str:
        """ "ny version siden <dato>" while a newer act awaits a jurist, else empty."""
        if self.changed_since is None:
            return ""
        from django.utils.formats import date_format

        return str(_("ny version siden %(date)s")) % {
            "date": date_format(self.changed_since, "j. F Y")
        }

    @property
    def reference(self) -> str:
        """The provision in Danish citation style, e.g. "FVL § 19, stk. 1" or "GDPR art. 33"."""
        text = f"{self.act_short} {'art.' if self.is_article else '§'} {self.number}"
        if self.subsection:
            text += f", stk. {self.subsection}"
        if self.item:
            text += f", nr. {self.item}"
        return text


class GuidelineIndexPage(Page):
    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["paragraf.HomePage"]
    subpage_types = ["guidelines.GuidelinePage"]
    max_count = 1

    class Meta:
        verbose_name = _("oversigt over administrationsgrundlag")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guidelines"] = (
            GuidelinePage.objects.child_of(self)
            .live()
            .select_related("owner_unit")
            .order_by("title")
        )
        return context


class GuidelinePage(Page, JuristReview):  # type: ignore[django-manager-missing]  # stubs: two bases
    """One administrationsgrundlag. Its sections keep their identity and anchor across revisions."""

    code = models.CharField(
        _("kode"), max_length=20, unique=True, help_text=_("Fx AG-UDE. Bruges i citationsnøgler.")
    )
    owner_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("ansvarlig enhed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_basis = models.CharField(_("hjemmel"), max_length=255, blank=True)
    effective_date = models.DateField(_("gældende fra"), null=True, blank=True)
    version_label = models.CharField(_("version"), max_length=40, blank=True)
    effective_until = models.DateField(_("gældende til"), null=True, blank=True)
    summary = RichTextField(_("resumé"), blank=True, features=["bold", "italic", "link", "ul"])
    journal_case_number = models.CharField(
        _("eDoc-sagsnummer"), max_length=60, blank=True, help_text=_("Fx 2024-0123456.")
    )
    journal_document_number = models.CharField(_("eDoc-dokumentnummer"), max_length=60, blank=True)
    approved_by = models.CharField(
        _("godkendt af"), max_length=255, blank=True, help_text=_("Fx Teknik- og Miljøudvalget.")
    )
    approved_date = models.DateField(_("godkendt den"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("code"),
        MultiFieldPanel(
            [
                FieldPanel("owner_unit"),
                FieldPanel("legal_basis"),
                FieldPanel("effective_date"),
                FieldPanel("effective_until"),
                FieldPanel("version_label"),
            ],
            heading=_("Om grundlaget"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("journal_case_number"),
                FieldPanel("journal_document_number"),
                FieldPanel("approved_by"),
                FieldPanel("approved_date"),
            ],
            heading=_("Journalisering og godkendelse"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible"),
                FieldPanel("review_interval_months"),
                FieldPanel("next_review_date"),
            ],
            heading=_("Ejerskab og gennemsyn"),
        ),
        FieldPanel("summary"),
        InlinePanel("sections", heading=_("Afsnit"), label=_("Afsnit"), min_num=1),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["guidelines.GuidelineIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("administrationsgrundlag")
        verbose_name_plural = _("administrationsgrundlag")

    def get_context(self, request, *args, **kwargs):
        from .selectors import CitedBy, guideline_cited_by

        context = super().get_context(request, *args, **kwargs)
        sections = list(self.sections.all())
        cited_by = guideline_cited_by(page=self, request=request)
        for section in sections:
            section.cited_by = cited_by.get(section.pk, CitedBy())
        context["sections"] = sections
        context["show_tested_in"] = request.user.has_perm("guidelines.change_reviewitem")
        # Panels other apps add for the reader (compliance: "Læst og forstået"); this app does
        # not import them (layers), they register a hook.
        context["reader_panels"] = [
            html
            for panel in hooks.get_hooks("paragraf_guideline_panels")
            if (html := panel(request, self))
        ]
        return context


class GuidelineSection(Orderable):
    """A numbered section. ``anchor`` is fixed when the section is created and never changes."""

    page = ParentalKey(GuidelinePage, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(
        _("citationsnøgle"),
        max_length=40,
        help_text=_("Fx AG-UDE-3. Bruges når lektioner og spørgsmål citerer afsnittet."),
    )
    heading = models.CharField(_("overskrift"), max_length=255)
    body = RichTextField(_("tekst"), features=["bold", "italic", "link", "ul", "ol"])
    anchor = models.SlugField(_("anker"), max_length=60, editable=False, blank=True)

    panels = [FieldPanel("key"), FieldPanel("heading"), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("afsnit")
        verbose_name_plural = _("afsnit")
        constraints = [
            models.UniqueConstraint(fields=["key"], name="guidelines_section_key_unique"),
        ]

    @property
    def number(self) -> int:
        """The section's number as shown to readers: its position in the guideline, from 1."""
        return (self.sort_order or 0) + 1

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = slugify(self.key) or f"afsnit-{self.pk or ''}"
        super().save(*args, **kwargs)

    def get_url(self) -> str:
        return f"{self.page.url}#{self.anchor}"

    def __str__(self) -> str:
        return f"{self.key} {self.heading}"


# --- Citation index, change impact and review queue -------------------------------------------
# Sources (lessons, questions) are named by content type and id so this app never imports the
# apps that cite it.


class Citation(models.Model):
    """One citation in the live revision of a source (a lesson page or a question snippet).

    Rows are replaced whenever the source is published and removed when it is unpublished or
    deleted. ``section`` becomes NULL when the cited section is deleted from its guideline; the
    guideline and anchor stay so the change can still be traced to the content citing it.
    """

    source_content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    source_object_id = models.PositiveBigIntegerField()
    source_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_title = models.CharField(_("titel"), max_length=255)
    section = models.ForeignKey(
        GuidelineSection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citations",
    )
    guideline = models.ForeignKey(
        GuidelinePage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    section_anchor = models.SlugField(max_length=60, blank=True)
    guideline_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    provision = models.ForeignKey(
        StatuteProvision,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    indexed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("henvisning")
        verbose_name_plural = _("henvisninger")
        indexes = [
            models.Index(
                fields=["source_content_type", "source_object_id"], name="guidelines_cit_source"
            ),
            models.Index(fields=["guideline", "section_anchor"], name="guidelines_cit_anchor"),
        ]

    def __str__(self) -> str:
        return f"{self.source_title} → {self.section_anchor or self.provision_id}"


class GuidelineChange(models.Model):
    """A published revision of a guideline that changed or removed sections others cite."""

    class Kind(models.TextChoices):
        PENDING = "pending", _("afventer vurdering")
        MATERIAL = "material", _("væsentlig")
        EDITORIAL = "editorial", _("redaktionel")

    page = models.ForeignKey(
        GuidelinePage,
        verbose_name=_("administrationsgrundlag"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    previous_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("forrige version"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("ny version"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("offentliggjort"), auto_now_add=True)
    published_by = models.ForeignKey(
        "people.User",
        verbose_name=_("offentliggjort af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Section pk (as text) → {"status": changed|removed|added|moved, "key", "anchor",
    #: "before": {key, heading, body} | None, "after": {...} | None}.
    diff = models.JSONField(_("ændringer"), default=dict)
    kind = models.CharField(
        _("vurdering"), max_length=20, choices=Kind.choices, default=Kind.PENDING
    )
    decided_by = models.ForeignKey(
        "people.User",
        verbose_name=_("vurderet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("vurderet"), null=True, blank=True)

    class Meta:
        verbose_name = _("ændring af administrationsgrundlag")
        verbose_name_plural = _("ændringer af administrationsgrundlag")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.page.title} · {self.published_at:%Y-%m-%d %H:%M}"


class ReviewItem(models.Model):
    """A lesson or question that cites a section a guideline change altered or removed."""

    class Status(models.TextChoices):
        OPEN = "open", _("åben")
        CLOSED = "closed", _("lukket")

    class Reason(models.TextChoices):
        CHANGED = "changed", _("ændret")
        REMOVED = "removed", _("fjernet")
        STATUTE = "statute", _("lovændring")

    class Resolution(models.TextChoices):
        NONE = "", _("—")
        EDITORIAL = "editorial", _("redaktionel ændring")
        REVISED = "revised", _("indholdet er revideret")
        REVERTED = "reverted", _("grundlaget er ført tilbage")
        SOURCE_GONE = "source-gone", _("indholdet er afpubliceret eller slettet")
        STATUTE_NOT_AFFECTED = "statute-not-affected", _("lovændringen berører ikke bestemmelsen")

    change = models.ForeignKey(
        GuidelineChange,
        verbose_name=_("ændring"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_items",
    )
    statute_change = models.ForeignKey(
        StatuteChange,
        verbose_name=_("lovændring"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_items",
    )
    source_content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("indholdstype"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    source_object_id = models.PositiveBigIntegerField()
    source_title = models.CharField(_("indhold"), max_length=255)
    source_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    section = models.ForeignKey(
        GuidelineSection,
        verbose_name=_("afsnit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    section_key = models.CharField(_("afsnit"), max_length=40)
    section_anchor = models.SlugField(max_length=60, blank=True)
    reason = models.CharField(_("årsag"), max_length=20, choices=Reason.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    resolution = models.CharField(
        _("afsluttet fordi"), max_length=20, choices=Resolution.choices, blank=True
    )
    opened_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)

    class Meta:
        verbose_name = _("gennemsyn")
        verbose_name_plural = _("gennemsyn")
        ordering = ["status", "-opened_at", "-id"]
        indexes = [
            models.Index(
                fields=["source_content_type", "source_object_id", "status"],
                name="guidelines_review_source",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["change", "source_content_type", "source_object_id", "section_anchor"],
                name="guidelines_review_once",
            ),
            # One item per lesson or question and new act, however many provisions it cites.
            models.UniqueConstraint(
                fields=["statute_change", "source_content_type", "source_object_id"],
                condition=models.Q(statute_change__isnull=False),
                name="guidelines_review_statute_once",
            ),
            models.CheckConstraint(
                condition=models.Q(change__isnull=False) | models.Q(statute_change__isnull=False),
                name="guidelines_review_has_cause",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_title} · {self.section_key} ({self.get_reason_display()})"


class GuidelineRevisionSeen(models.Model):
    """Which guideline revisions were live when a person completed content citing them.

    ``record`` names the completion (a step completion or a quiz attempt) by content type and id.
    """

    user = models.ForeignKey("people.User", on_delete=models.CASCADE, related_name="+")
    record_content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    record_object_id = models.PositiveBigIntegerField()
    guideline = models.ForeignKey(GuidelinePage, on_delete=models.CASCADE, related_name="+")
    guideline_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("set version af administrationsgrundlag")
        verbose_name_plural = _("sete versioner af administrationsgrundlag")
        constraints = [
            models.UniqueConstraint(
                fields=["record_content_type", "record_object_id", "guideline"],
                name="guidelines_seen_once",
            )
        ]
        indexes = [models.Index(fields=["user", "seen_at"], name="guidelines_seen_user")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.guideline_id} · {self.guideline_revision_id}"
