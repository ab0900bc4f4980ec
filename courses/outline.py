"""A course's outline as a lesson page needs it: the course, its modules and live steps as
plain rows, and its variants with their modules. The same for every learner, so it is read
once and kept in the shared cache until a page in the course or one of its variants changes.

Kept only with a cache every worker shares (``PARAGRAF_OUTLINE_CACHE``, on when ``CACHE_URL`` is
set): with a per-process cache, one worker could not tell the others that an outline changed.
Forgotten after the transaction that changed it commits, on publish, unpublish, delete, move
and slug change of any page in or above the course (before and after a move), and on any change to a variant; kept at
most ``TIMEOUT`` seconds in any case, which bounds a read that raced a change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from .models import CoursePage, CourseVariant

KEY = "paragraf:outline:"
TIMEOUT = 300
#: The page fields the outline keeps: enough for titles, links and the pager.
LIGHT_FIELDS = ("id", "path", "depth", "title", "slug", "url_path", "content_type_id", "live")


@dataclass(frozen=True)
class Outline:
    #: The course, then its modules and live steps, in tree order, as LIGHT_FIELDS tuples.
    rows: tuple[tuple, ...]
    #: (variant id, module id or None), in the variants' order.
    variants: tuple[tuple[int, int | None], ...]


def outline_of(*, course_path: str) -> Outline | None:
    """The outline of the course at ``course_path``; None when no page is there. From the cache
    when it holds it; otherwise two queries."""
    enabled = settings.PARAGRAF_OUTLINE_CACHE
    if enabled:
        kept = cache.get(KEY + course_path)
        if kept is not None:
            return kept
    outline = _read(course_path)
    if enabled and outline is not None:
        cache.set(KEY + course_path, outline, TIMEOUT)
    return outline


def _read(course_path: str) -> Outline | None:
    depth = len(course_path) // Page.steplen
    rows = tuple(
        Page.objects.filter(
            Q(path=course_path, depth=depth)
            | Q(path__startswith=course_path, depth__in=[depth + 1, depth + 2], live=True)
        )
        .order_by("path")
        .values_list(*LIGHT_FIELDS)
    )
    if not rows or rows[0][1] != course_path:
        return None
    variants = tuple(
        CourseVariant.objects.filter(course_id=rows[0][0])
        .order_by("sort_order", "id")
        .values_list("id", "modules")
    )
    return Outline(rows=rows, variants=variants)


def outlines_forget(paths: Iterable[str]) -> None:
    """Forget the outlines of the courses at or above any of ``paths`` (tree paths), once the
    current transaction commits."""
    if not settings.PARAGRAF_OUTLINE_CACHE:
        return
    step = Page.steplen
    keys = {KEY + path[:n] for path in paths for n in range(step, len(path) + 1, step)}
    if keys:
        transaction.on_commit(partial(cache.delete_many, sorted(keys)))


def _page_changed(sender, instance, **kwargs) -> None:
    outlines_forget([instance.path])


def _page_moved(sender, instance, **kwargs) -> None:
    """A move or a new slug changes the paths or URLs of every course under the page: before
    a move (the old paths) and after it (the new ones)."""
    below = CoursePage.objects.descendant_of(instance, inclusive=True).values_list(
        "path", flat=True
    )
    before = kwargs.get("parent_page_before")
    outlines_forget([instance.path, *below, *([before.path] if before is not None else [])])


def _variant_changed(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):  # a module's variants changed from the module's side
        outlines_forget([instance.path])
        return
    course = CoursePage.objects.filter(pk=instance.course_id).values_list("path", flat=True)
    outlines_forget(course)


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="courses_outline_published")
    page_unpublished.connect(_page_changed, dispatch_uid="courses_outline_unpublished")
    # Page, not every model: a receiver for all senders would stop Django's fast bulk deletes
    # everywhere. Deleting a specific page deletes its Page row too, which sends this.
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="courses_outline_deleted")
    pre_page_move.connect(_page_moved, dispatch_uid="courses_outline_moving")
    post_page_move.connect(_page_moved, dispatch_uid="courses_outline_moved")
    page_slug_changed.connect(_page_moved, dispatch_uid="courses_outline_slug")
    post_save.connect(_variant_changed, sender=CourseVariant, dispatch_uid="courses_outline_v")
    post_delete.connect(_variant_changed, sender=CourseVariant, dispatch_uid="courses_outline_vd")
    m2m_changed.connect(
        _variant_changed, sender=CourseVariant.modules.through, dispatch_uid="courses_outline_vm"
    )
