"""Writes for the citation index, guideline change impact and the review queue.

Other apps call ``citation_index_replace`` / ``citation_index_remove`` when their content is
published, unpublished or deleted; this app never imports them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify
from wagtail import blocks
from wagtail.models import Revision

from .blocks import CitationBlock
from .events import change_decided
from .models import (
    Citation,
    GuidelineChange,
    GuidelinePage,
    GuidelineRevisionSeen,
    GuidelineSection,
    ReviewItem,
    StatuteProvision,
)
from .selectors import guideline_publications, source_content_type

if TYPE_CHECKING:
    from people.models import User

logger = logging.getLogger(__name__)

#: Fields whose change means a section says something else (sort_order only moves it).
SECTION_TEXT_FIELDS = ("key", "heading", "body")


@dataclass(frozen=True)
class CitationTarget:
    """What one citation points at: a guideline section or a statute provision (ids)."""

    section_id: int | None = None
    provision_id: int | None = None


def citations_from_stream(value: Any) -> list[CitationTarget]:
    """Every citation in a StreamField value (nested in structs and lists too), in order,
    without duplicates. Reads the raw block data, so no query per cited section."""
    targets: list[CitationTarget] = []
    stream_block = value.stream_block
    for child in value.raw_data:
        block = stream_block.child_blocks.get(child.get("type"))
        if block is None:
            continue
        for raw in _walk_raw(block, child.get("value")):
            target = CitationTarget(
                section_id=_as_int(raw.get("section")), provision_id=_as_int(raw.get("provision"))
            )
            if (target.section_id or target.provision_id) and target not in targets:
                targets.append(target)
    return targets


def _as_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, Model):
        return int(value.pk)
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _walk_raw(block: blocks.Block, raw: Any) -> Iterator[dict]:
    """Like ``_walk`` but over JSON data as stored, so choosers are not resolved one by one."""
    if isinstance(block, CitationBlock):
        if isinstance(raw, dict):
            yield raw
    elif isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            child_block = (
                block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            )
            if child_block is not None:
                yield from _walk_raw(child_block, child.get("value"))
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child_block in block.child_blocks.items():
                yield from _walk_raw(child_block, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            # ListBlock items are stored as {"type": "item", "value": ..., "id": ...}.
            item_value = item.get("value") if isinstance(item, dict) and "type" in item else item
            yield from _walk_raw(block.child_block, item_value)


def citation_index_replace(
    *,
    source: Model,
    revision: Revision | None,
    targets: Iterable[CitationTarget],
    title: str | None = None,
) -> list[Citation]:
    """Replace the index rows of ``source`` with ``targets`` for its just-published
    ``revision`` and close the source's open review items (it has been revised and
    re-published). Citations to sections or provisions that no longer exist are skipped.
    A few queries regardless of the number of targets.
    """
    source_type = source_content_type(source)
    targets = list(targets)
    section_ids = {t.section_id for t in targets if t.section_id}
    provision_ids = {t.provision_id for t in targets if t.provision_id}
    sections = {
        s.pk: s for s in GuidelineSection.objects.filter(pk__in=section_ids).select_related("page")
    }
    provisions = set(
        StatuteProvision.objects.filter(pk__in=provision_ids).values_list("pk", flat=True)
    )
    rows = []
    for target in targets:
        if target.section_id in sections:
            section = sections[target.section_id]
            rows.append(
                Citation(
                    section=section,
                    guideline_id=section.page_id,
                    section_anchor=section.anchor,
                    guideline_revision_id=section.page.live_revision_id,
                )
            )
        elif target.provision_id in provisions:
            rows.append(Citation(provision_id=target.provision_id))
        else:
            logger.warning(
                "citation to a missing target skipped source=%s:%s target=%s",
                source_type.model,
                source.pk,
                target,
            )
    label = (title or str(source))[:255]
    with transaction.atomic():
        Citation.objects.filter(
            source_content_type=source_type, source_object_id=source.pk
        ).delete()
        for row in rows:
            row.source_content_type = source_type
            row.source_object_id = source.pk
            row.source_revision = revision
            row.source_title = label
        Citation.objects.bulk_create(rows)
        closed = review_items_close(
            source=source, resolution=ReviewItem.Resolution.REVISED, before=revision
        )
    logger.info(
        "citations indexed source=%s:%s revision=%s rows=%d reviews_closed=%d",
        source_type.model,
        source.pk,
        getattr(revision, "pk", None),
        len(rows),
        closed,
    )
    return rows


def citation_index_remove(*, source: Model) -> int:
    """Remove the index rows of an unpublished or deleted source and close its open review
    items (nothing left to review). Returns the number of rows removed."""
    source_type = source_content_type(source)
    with transaction.atomic():
        deleted, _ = Citation.objects.filter(
            source_content_type=source_type, source_object_id=source.pk
        ).delete()
        review_items_close(source=source, resolution=ReviewItem.Resolution.SOURCE_GONE)
    logger.info("citations removed source=%s:%s rows=%d", source_type.model, source.pk, deleted)
    return deleted


def review_items_close(*, source: Model, resolution: str, before: Revision | None = None) -> int:
    """Close the source's open review items. With ``before``, only items opened against an
    older revision of the source (so a publish of the very revision reviewed does not count
    twice). Returns how many were closed."""
    items = ReviewItem.objects.filter(
        source_content_type=source_content_type(source),
        source_object_id=source.pk,
        status=ReviewItem.Status.OPEN,
    )
    if before is not None:
        items = items.exclude(source_revision=before)
    return items.update(
        status=ReviewItem.Status.CLOSED, resolution=resolution, closed_at=timezone.now()
    )


# --- Change impact ------------------------------------------------------------------------------


def _section_text(data: dict) -> dict[str, str]:
    return {name: str(data.get(name) or "") for name in SECTION_TEXT_FIELDS}


def _section_identity(data: dict) -> str:
    if data.get("pk"):
        return str(data["pk"])
    return "anchor:" + (data.get("anchor") or slugify(data.get("key") or ""))


def guideline_previous_live_revision(*, page: GuidelinePage, revision: Revision) -> Revision | None:
    """The revision that was live before ``revision`` was published, from Wagtail's own
    publishing log (two queries)."""
    earlier = [
        revision_id
        for _moment, revision_id in guideline_publications(guideline_ids=[page.pk]).get(page.pk, [])
        if revision_id != revision.pk
    ]
    return Revision.objects.filter(pk=earlier[-1]).first() if earlier else None


def sections_compare(*, before: list[dict], after: list[dict]) -> dict[str, dict]:
    """Compare two lists of serialised sections (dicts with pk, key, heading, body, anchor,
    sort_order). Sections are matched by pk; returns identity → change description for every
    section that was changed, added, removed or only moved."""
    old = {_section_identity(s): s for s in before}
    new = {_section_identity(s): s for s in after}
    old_order = {
        k: i for i, k in enumerate(sorted(old, key=lambda k: old[k].get("sort_order") or 0))
    }
    new_order = {
        k: i for i, k in enumerate(sorted(new, key=lambda k: new[k].get("sort_order") or 0))
    }
    result: dict[str, dict] = {}
    for identity, data in old.items():
        entry = {
            "key": data.get("key") or "",
            "anchor": data.get("anchor") or slugify(data.get("key") or ""),
            "before": _section_text(data),
        }
        if identity not in new:
            result[identity] = {**entry, "status": "removed", "after": None}
            continue
        after_data = new[identity]
        entry["after"] = _section_text(after_data)
        entry["anchor"] = after_data.get("anchor") or entry["anchor"]
        if entry["before"] != entry["after"]:
            result[identity] = {**entry, "status": "changed"}
        elif old_order[identity] != new_order[identity]:
            result[identity] = {**entry, "status": "moved"}
    for identity, data in new.items():
        if identity not in old:
            result[identity] = {
                "status": "added",
                "key": data.get("key") or "",
                "anchor": data.get("anchor") or slugify(data.get("key") or ""),
                "before": None,
                "after": _section_text(data),
            }
    return result


def _current_sections(page: GuidelinePage) -> list[dict]:
    return list(
        GuidelineSection.objects.filter(page=page).values(
            "pk", "key", "heading", "body", "anchor", "sort_order"
        )
    )


def guideline_change_record(
    *, page: GuidelinePage, revision: Revision, user: User | None = None
) -> GuidelineChange | None:
    """Compare the just-published ``revision`` of a guideline with the previously live one,
    close review items whose section is back to its old text, and, when sections were changed,
    removed or added, record a GuidelineChange with one open ReviewItem per lesson or question
    citing a changed or removed section. Returns the change, or None when no section changed,
    was removed or was added."""
    previous = guideline_previous_live_revision(page=page, revision=revision)
    if previous is None:
        return None
    before = previous.content.get("sections", [])
    after = _current_sections(page)
    diff = sections_compare(before=before, after=after)
    with transaction.atomic():
        reverted = _review_items_close_reverted(page=page, after=after)
        # A section put back to the text the open items were about is a revert, not a change.
        review = {
            k: d
            for k, d in diff.items()
            if d["status"] in ("changed", "removed") and d["anchor"] not in reverted
        }
        # A new section asks nobody to revise what cites the guideline, but it may be a new
        # rule that readers must acknowledge: recorded, so a jurist can decide it material.
        added = [d for d in diff.values() if d["status"] == "added"]
        if not review and not added:
            if reverted:
                logger.info("guideline reverted page=%s sections=%s", page.pk, sorted(reverted))
            return None
        change = GuidelineChange.objects.create(
            page=page,
            previous_revision=previous,
            revision=revision,
            published_by=user if user is not None and user.is_authenticated else None,
            diff=diff,
        )
        anchors = {d["anchor"]: d for d in review.values()}
        sections = {s["anchor"]: s["pk"] for s in after}
        citations = Citation.objects.filter(guideline=page, section_anchor__in=list(anchors))
        items = {}
        for citation in citations:
            data = anchors[citation.section_anchor]
            key = (citation.source_content_type_id, citation.source_object_id, data["anchor"])
            items[key] = ReviewItem(
                change=change,
                source_content_type_id=citation.source_content_type_id,
                source_object_id=citation.source_object_id,
                source_title=citation.source_title,
                source_revision_id=citation.source_revision_id,
                section_id=sections.get(data["anchor"]) if data["status"] == "changed" else None,
                section_key=data["key"],
                section_anchor=data["anchor"],
                reason=(
                    ReviewItem.Reason.REMOVED
                    if data["status"] == "removed"
                    else ReviewItem.Reason.CHANGED
                ),
            )
        ReviewItem.objects.bulk_create(items.values())
    logger.info(
        "guideline change recorded page=%s revision=%s previous=%s sections=%s review_items=%d",
        page.pk,
        revision.pk,
        previous.pk,
        ",".join(sorted(d["key"] for d in [*review.values(), *added])),
        len(items),
    )
    return change


def _review_items_close_reverted(*, page: GuidelinePage, after: list[dict]) -> set[str]:
    """Close open items whose section now reads as it did before the change that opened them;
    returns the anchors of those sections."""
    current = {s["anchor"]: _section_text(s) for s in after}
    open_items = ReviewItem.objects.filter(
        change__page=page, status=ReviewItem.Status.OPEN
    ).select_related("change")
    reverted_ids = []
    anchors: set[str] = set()
    for item in open_items:
        if item.change is None:  # a statute review item (change__page filters them out anyway)
            continue
        entry = next(
            (d for d in item.change.diff.values() if d.get("anchor") == item.section_anchor), None
        )
        if entry and entry.get("before") and current.get(item.section_anchor) == entry["before"]:
            reverted_ids.append(item.pk)
            anchors.add(item.section_anchor)
    if reverted_ids:
        ReviewItem.objects.filter(pk__in=reverted_ids).update(
            status=ReviewItem.Status.CLOSED,
            resolution=ReviewItem.Resolution.REVERTED,
            closed_at=timezone.now(),
        )
    return anchors


class ChangeAlreadyDecided(Exception):
    """The change was already marked; a decision is not changed silently."""


def guideline_change_decide(*, change: GuidelineChange, kind: str, user: User) -> GuidelineChange:
    """Mark a change material or editorial. Editorial closes its open review items; material
    keeps them open until the citing content is re-published."""
    if kind not in (GuidelineChange.Kind.MATERIAL, GuidelineChange.Kind.EDITORIAL):
        raise ValueError(f"unknown kind {kind!r}")
    with transaction.atomic():
        locked = GuidelineChange.objects.select_for_update().get(pk=change.pk)
        if locked.kind != GuidelineChange.Kind.PENDING and locked.kind != kind:
            raise ChangeAlreadyDecided(change.pk)
        already = locked.kind == kind  # the same decision again: nothing new happens
        locked.kind = kind
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.save(update_fields=["kind", "decided_by", "decided_at"])
        closed = 0
        if kind == GuidelineChange.Kind.EDITORIAL:
            closed = locked.review_items.filter(status=ReviewItem.Status.OPEN).update(
                status=ReviewItem.Status.CLOSED,
                resolution=ReviewItem.Resolution.EDITORIAL,
                closed_at=timezone.now(),
            )
        if not already:
            change_decided.send(sender=GuidelineChange, change=locked, kind=kind, user=user)
    logger.info(
        "guideline change decided change=%s kind=%s user=%s closed=%d",
        change.pk,
        kind,
        user.pk,
        closed,
    )
    return locked


# --- Evidence -----------------------------------------------------------------------------------


def guideline_revisions_seen_record(
    *,
    user: User,
    record: Model,
    source: Model,
    seen_at: Any,
) -> list[GuidelineRevisionSeen]:
    """Record, for a completion ``record`` of ``source`` by ``user``, the live revision of each
    guideline the source cites at ``seen_at``. Idempotent (one row per record and guideline)."""
    guideline_ids = set(
        Citation.objects.filter(
            source_content_type=source_content_type(source),
            source_object_id=source.pk,
            guideline__isnull=False,
        ).values_list("guideline_id", flat=True)
    )
    if not guideline_ids:
        return []
    live = dict(
        GuidelinePage.objects.filter(pk__in=guideline_ids).values_list("pk", "live_revision_id")
    )
    record_type = ContentType.objects.get_for_model(record)
    rows = [
        GuidelineRevisionSeen(
            user=user,
            record_content_type=record_type,
            record_object_id=record.pk,
            guideline_id=guideline_id,
            guideline_revision_id=revision_id,
            seen_at=seen_at,
        )
        for guideline_id, revision_id in live.items()
    ]
    return GuidelineRevisionSeen.objects.bulk_create(rows, ignore_conflicts=True)


# --- Rebuilding the index -----------------------------------------------------------------------

_index_rebuilders: dict[str, Any] = {}


def citation_source_register(name: str, rebuild: Any) -> None:
    """Register ``rebuild()`` (re-indexes every live source of one kind and returns how many);
    apps that cite guidelines call this from their AppConfig.ready."""
    _index_rebuilders[name] = rebuild


def citation_index_rebuild() -> dict[str, int]:
    """Re-index every live lesson, question, … through the registered rebuilders. Idempotent:
    rows are replaced with the same content and no review item changes state."""
    return {name: rebuild() for name, rebuild in _index_rebuilders.items()}
