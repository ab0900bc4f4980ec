"""The learner's search index: one row per guideline section, lesson and statute provision that
a logged-in person may find, with its plain text and (on PostgreSQL) its Danish ``tsvector``."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What a search hit shows and links to. Rows are replaced when their page is published and
    removed when it is unpublished or deleted (``search.indexing``)."""

    class Kind(models.TextChoices):
        SECTION = "section", _("Afsnit i administrationsgrundlag")
        PROVISION = "provision", _("Lovbestemmelser")
        LESSON = "lesson", _("Lektioner")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    #: The page the entry is on (the guideline of a section, the lesson); none for provisions.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    #: The page's tree path, so a view restriction on it or an ancestor hides the entry.
    path = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=300)
    context = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    #: to_tsvector('danish', …) of title (A), context (C) and body (B); PostgreSQL only.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("søgeindgang")
        verbose_name_plural = _("søgeindgange")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")
        ]
        indexes = [models.Index(fields=["page"], name="search_entry_page")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
