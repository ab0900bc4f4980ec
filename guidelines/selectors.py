"""Reads over the citation index and the review queue. Query counts do not grow with the
number of citations."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, PageLogEntry

from .models import Citation, GuidelineChange, GuidelinePage, ReviewItem, StatuteProvision


@dataclass
class SourceRef:
    """A lesson, quiz or question citing something, with where to read or edit it."""

    content_type: ContentType
    object_id: int
    title: str
    url: str | None = None
    edit_url: str | None = None
    revision_id: int | None = None

    @property
    def is_page(self) -> bool:
        model = self.content_type.model_class()
        return model is not None and issubclass(model, Page)

    @property
    def kind(self) -> str:
        return str(self.content_type.name)


@dataclass
class CitedBy:
    """Who teaches and who tests one section or provision."""

    taught_in: list[SourceRef] = field(default_factory=list)
    tested_in: list[SourceRef] = field(default_factory=list)


def _refs(citations: Iterable[Citation], request=None) -> dict[int, SourceRef]:
    """One SourceRef per citation row, resolving page URLs in one query."""
    citations = list(citations)
    page_ids = set()
    types: dict[int, ContentType] = {}
    for c in citations:
        content_type = ContentType.objects.get_for_id(c.source_content_type_id)
        types[c.pk] = content_type
        model = content_type.model_class()
        if model is not None and issubclass(model, Page):
            page_ids.add(c.source_object_id)
    pages = {
        p.pk: p
        for p in Page.objects.filter(pk__in=page_ids, live=True).only(
            "id", "url_path", "path", "depth", "live"
        )
    }
    finder = AdminURLFinder()
    refs = {}
    for c in citations:
        content_type = types[c.pk]
        model = content_type.model_class()
        page = pages.get(c.source_object_id) if c.source_object_id in page_ids else None
        edit_url = finder.get_edit_url(model(pk=c.source_object_id)) if model else None
        refs[c.pk] = SourceRef(
            content_type=content_type,
            object_id=c.source_object_id,
            title=c.source_title,
            url=page.get_url(request) if page is not None else None,
            edit_url=edit_url,
            revision_id=c.source_revision_id,
        )
    return refs


def _teaches(ref: SourceRef) -> bool:
    """Pages (lessons, quiz pages) teach; snippets (questions) test."""
    return ref.is_page


def _group(citations: list[Citation], key, request=None) -> dict[int, CitedBy]:
    refs = _refs(citations, request)
    result: dict[int, CitedBy] = defaultdict(CitedBy)
    seen: set[tuple[int, int, int]] = set()
    for citation in citations:
        target = key(citation)
        ref = refs[citation.pk]
        marker = (target, ref.content_type.pk, ref.object_id)
        if marker in seen:
            continue
        seen.add(marker)
        (result[target].taught_in if _teaches(ref) else result[target].tested_in).append(ref)
    return dict(result)


def guideline_cited_by(*, page: GuidelinePage, request=None) -> dict[int, CitedBy]:
    """Section id → lessons teaching it and questions testing it (two queries)."""
    citations = list(
        Citation.objects.filter(guideline=page, section__isnull=False).order_by("source_title")
    )
    return _group(citations, lambda c: c.section_id, request)


def provision_cited_by(*, provision: StatuteProvision, request=None) -> CitedBy:
    citations = list(Citation.objects.filter(provision=provision).order_by("source_title"))
    return _group(citations, lambda c: c.provision_id, request).get(provision.pk, CitedBy())


def source_content_type(source: Model) -> ContentType:
    """Pages are indexed under their specific type (lesson, quiz) without loading it."""
    content_type_id = getattr(source, "content_type_id", None)
    if isinstance(source, Page) and content_type_id:
        return ContentType.objects.get_for_id(content_type_id)
    return ContentType.objects.get_for_model(source)


def review_items_open_for_source(*, source: Model) -> list[ReviewItem]:
    return list(
        ReviewItem.objects.filter(
            source_content_type=source_content_type(source),
            source_object_id=source.pk,
            status=ReviewItem.Status.OPEN,
        )
        .select_related("change", "change__page")
        .order_by("-opened_at")
    )


def withheld_source_ids(*, content_type: ContentType) -> set[int]:
    """Ids of sources of ``content_type`` (e.g. questions) that cite a section a *material*
    guideline change altered or removed and that have not been revised since (one query)."""
    return set(
        ReviewItem.objects.filter(
            source_content_type=content_type,
            status=ReviewItem.Status.OPEN,
            change__kind=GuidelineChange.Kind.MATERIAL,
        ).values_list("source_object_id", flat=True)
    )


#: Wagtail log actions that make a revision the live one.
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled", "wagtail.revert")


def guideline_publications(
    *, guideline_ids: Iterable[int], until: dt.datetime | None = None
) -> dict[int, list[tuple[dt.datetime, int]]]:
    """Guideline page id → every (moment, revision id) at which a revision went live, oldest
    first, up to ``until``, from Wagtail's publishing log (one query). With
    ``revision_live_at`` this answers "which revision was live at time T" for evidence (no
    revision recorded at completion) and change detection (the revision live before this one)."""
    ids = list(guideline_ids)
    if not ids:
        return {}
    entries = PageLogEntry.objects.filter(
        page_id__in=ids, action__in=PUBLISH_ACTIONS, revision__isnull=False
    )
    if until is not None:
        entries = entries.filter(timestamp__lte=until)
    history: dict[int, list[tuple[dt.datetime, int]]] = defaultdict(list)
    for page_id, timestamp, revision_id in entries.order_by("timestamp", "id").values_list(
        "page_id", "timestamp", "revision_id"
    ):
        history[page_id].append((timestamp, revision_id))
    return dict(history)


def revision_live_at(publications: list[tuple[dt.datetime, int]], at: dt.datetime) -> int | None:
    """The revision live at ``at`` among one guideline's ``publications`` (oldest first)."""
    live = None
    for timestamp, revision_id in publications:
        if timestamp > at:
            break
        live = revision_id
    return live
