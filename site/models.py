from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site root: a welcome and the way into courses and guidelines."""

    intro = RichTextField(_("introduktion"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage", "guidelines.GuidelineIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("forside")

    def route(self, request, path_components):
        """Resolve a deep URL (course → module → lesson) with one lookup instead of two queries per
        level. No page type below the home page routes sub-paths itself, so the page whose
        ``url_path`` matches is the page Wagtail's level-by-level walk would find."""
        if not path_components:
            return super().route(request, path_components)
        target = self.url_path + "/".join(path_components) + "/"
        page = (
            Page.objects.filter(
                depth=self.depth + len(path_components), path__startswith=self.path, url_path=target
            )
            .only("id", "content_type_id")
            .first()
        )
        if page is None:
            raise Http404
        return page.specific.route(request, [])


# The authoring tables live in their own module; importing them here registers them with Django.
from .authoring.models import FourEyesApprovalTask, ReviewDigestLog  # noqa: E402, F401


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
