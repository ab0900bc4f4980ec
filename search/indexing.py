"""Keeps the search index in step with what is published (writes).

A guideline's sections and a lesson are (re)indexed when the page is published and removed
when it is unpublished, deleted or moved out of sight; a statute provision when it is saved or
deleted. ``search_reindex`` rebuilds everything (nightly, and after a bulk load). On
PostgreSQL each row also gets its ``tsvector`` in the ``danish`` configuration (stemming, Danish
stop words), title weighted above the body."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from courses.models import CoursePage, LessonPage
from guidelines.models import GuidelinePage, StatuteProvision

from .models import SearchEntry

logger = logging.getLogger(__name__)

CONFIG = "danish"
_SPACE = re.compile(r"\s+")


def plain(text: str | None) -> str:
    """Rich text or HTML as one line of plain text."""
    return _SPACE.sub(" ", html.unescape(strip_tags(text or ""))).strip()


def _vectors(entries: Iterable[int] | None = None) -> None:
    """Compute the ``tsvector`` of the given entry ids (all when None); PostgreSQL only."""
    if connection.vendor != "postgresql":
        return
    rows = SearchEntry.objects.all()
    if entries is not None:
        rows = rows.filter(pk__in=list(entries))
    rows.update(
        vector=SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("body", weight="B", config=CONFIG)
        + SearchVector("context", weight="C", config=CONFIG)
    )


def _section_entries(guideline: GuidelinePage) -> list[SearchEntry]:
    url = guideline.url or guideline.url_path
    return [
        SearchEntry(
            kind=SearchEntry.Kind.SECTION,
            object_id=section.pk,
            page_id=guideline.pk,
            path=guideline.path,
            title=f"{section.number}. {section.heading}",
            context=guideline.title,
            url=f"{url}#{section.anchor}",
            body=plain(section.body),
        )
        for section in guideline.sections.all()
    ]


def _lesson_text(lesson: LessonPage) -> str:
    field = LessonPage._meta.get_field("body")
    parts = [lesson.summary, *field.get_searchable_content(lesson.body)]  # type: ignore[attr-defined]
    return plain(" ".join(str(p) for p in parts if p))


def _lesson_entry(lesson: LessonPage, course_title: str) -> SearchEntry:
    return SearchEntry(
        kind=SearchEntry.Kind.LESSON,
        object_id=lesson.pk,
        page_id=lesson.pk,
        path=lesson.path,
        title=lesson.title,
        context=course_title,
        url=lesson.url or lesson.url_path,
        body=_lesson_text(lesson),
    )


def _provision_entry(provision: StatuteProvision) -> SearchEntry:
    return SearchEntry(
        kind=SearchEntry.Kind.PROVISION,
        object_id=provision.pk,
        title=f"{provision.reference} {provision.title}",
        context=provision.act,
        url=provision.url,
        body=plain(provision.summary),
    )


def _replace(
    kind: str, *, entries: list[SearchEntry], page_id: int = 0, object_id: int = 0
) -> None:
    """Replace the entries of ``kind`` on page ``page_id`` (or of object ``object_id``)."""
    with transaction.atomic():
        old = SearchEntry.objects.filter(kind=kind)
        old = old.filter(page_id=page_id) if page_id else old.filter(object_id=object_id)
        old.delete()
        created = SearchEntry.objects.bulk_create(entries)
        _vectors(e.pk for e in created)


def page_index(page: Page) -> None:
    """Index a published guideline's sections or a published lesson (other pages: nothing)."""
    specific = page.specific
    if not specific.live:
        page_remove(page)
        return
    if isinstance(specific, GuidelinePage):
        _replace(SearchEntry.Kind.SECTION, page_id=page.pk, entries=_section_entries(specific))
    elif isinstance(specific, LessonPage):
        course = CoursePage.objects.ancestor_of(specific).first()
        entry = _lesson_entry(specific, course.title if course else "")
        _replace(SearchEntry.Kind.LESSON, page_id=page.pk, entries=[entry])


def page_remove(page: Page) -> None:
    SearchEntry.objects.filter(page_id=page.pk).delete()


def provision_index(provision: StatuteProvision) -> None:
    _replace(
        SearchEntry.Kind.PROVISION, object_id=provision.pk, entries=[_provision_entry(provision)]
    )


def search_reindex() -> int:
    """Rebuild the whole index from the live guidelines and lessons and every provision;
    returns the rows written. One transaction: a search meanwhile sees the old index."""
    entries: list[SearchEntry] = []
    for guideline in GuidelinePage.objects.live().prefetch_related("sections"):
        entries += _section_entries(guideline)
    courses = dict(CoursePage.objects.values_list("path", "title"))
    for lesson in LessonPage.objects.live():
        # A lesson sits in a module in a course: the course's path is two steps up.
        course_path = lesson.path[: (lesson.depth - 2) * Page.steplen]
        entries.append(_lesson_entry(lesson, courses.get(course_path, "")))
    entries += [_provision_entry(p) for p in StatuteProvision.objects.all()]
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        _vectors()
    logger.info("search index rebuilt entries=%s", len(entries))
    return len(entries)


# --- Signals ----------------------------------------------------------------------------------


def _published(sender, instance, **kwargs) -> None:
    page_index(instance)


def _gone(sender, instance, **kwargs) -> None:
    page_remove(instance)


def _moved(sender, instance, **kwargs) -> None:
    # The URLs (and after a move the tree paths) of the guidelines and lessons under it changed.
    for model in (GuidelinePage, LessonPage):
        for page in model.objects.descendant_of(instance, inclusive=True).live():
            page_index(page)


def _provision_saved(sender, instance, **kwargs) -> None:
    provision_index(instance)


def _provision_deleted(sender, instance, **kwargs) -> None:
    SearchEntry.objects.filter(kind=SearchEntry.Kind.PROVISION, object_id=instance.pk).delete()


def connect() -> None:
    for model in (GuidelinePage, LessonPage):
        uid = model.__name__
        page_published.connect(_published, sender=model, dispatch_uid=f"search_pub_{uid}")
        page_unpublished.connect(_gone, sender=model, dispatch_uid=f"search_unpub_{uid}")
        post_delete.connect(_gone, sender=model, dispatch_uid=f"search_delete_{uid}")
    post_page_move.connect(_moved, dispatch_uid="search_moved")
    page_slug_changed.connect(_moved, dispatch_uid="search_slug_changed")
    post_save.connect(_provision_saved, sender=StatuteProvision, dispatch_uid="search_prov_save")
    post_delete.connect(
        _provision_deleted, sender=StatuteProvision, dispatch_uid="search_prov_delete"
    )
