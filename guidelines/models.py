"""Administrationsgrundlag (guideline pages with numbered sections) and statute provisions."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from people.models import OrgUnit


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


class GuidelinePage(Page):
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
    journal_document_number = models.CharField(
        _("eDoc-dokumentnummer"), max_length=60, blank=True
    )
    approved_by = models.CharField(
        _("godkendt af"), max_length=255, blank=True, help_text=_("Fx Teknik- og Miljøudvalget.")
    )
    approved_date = models.DateField(_("godkendt den"), null=True, blank=True)
    responsible = models.ForeignKey(
        "people.User",
        verbose_name=_("ansvarlig jurist"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_interval_months = models.PositiveIntegerField(
        _("gennemsyn hver (måneder)"), default=12
    )
    next_review_date = models.DateField(_("næste gennemsyn"), null=True, blank=True)

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
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = list(self.sections.all())
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
