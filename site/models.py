from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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
