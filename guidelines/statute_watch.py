"""Statute freshness: read retsinformation.dk's ELI Atom feed since the stored cursor, fetch the
metadata of the cited acts that appear in it (every cited act on the first run), and turn newer
acts into review items in Gennemsyn and a "ny version siden" mark on the provisions.

Network first, database second: every answer is fetched and parsed before one transaction writes
the changes, the validators and the feed cursor, so a failed pass writes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from . import eli as eli_format
from .eli import ActMetadata, EliError, FeedEntry, Response
from .models import (
    Citation,
    GuidelinePage,
    GuidelineSection,
    ReviewItem,
    StatuteAct,
    StatuteChange,
    StatuteProvision,
    StatuteWatch,
)

if TYPE_CHECKING:
    from people.models import User

logger = logging.getLogger(__name__)

#: Feed pages read at most in one pass (RFC 5005 ``rel="next"`` links).
MAX_FEED_PAGES = 20
CONFIRM_ACTION = "guidelines.statute_confirm"
DISMISS_ACTION = "guidelines.statute_dismiss"


@dataclass(frozen=True)
class Config:
    base_url: str
    feed_path: str
    timeout: float
    retries: int
    backoff: float

    @classmethod
    def from_settings(cls, *, base_url: str | None = None) -> Config:
        return cls(
            base_url=(base_url or settings.PARAGRAF_RETSINFORMATION_URL).rstrip("/"),
            feed_path=settings.PARAGRAF_RETSINFORMATION_FEED_PATH,
            timeout=settings.PARAGRAF_RETSINFORMATION_TIMEOUT,
            retries=settings.PARAGRAF_RETSINFORMATION_RETRIES,
            backoff=settings.PARAGRAF_RETSINFORMATION_BACKOFF,
        )

    def get(self, url: str, **validators: str) -> Response:
        return eli_format.fetch(
            url, timeout=self.timeout, retries=self.retries, backoff=self.backoff, **validators
        )


@dataclass
class CheckResult:
    first_run: bool = False
    feed_entries: int = 0
    acts_checked: list[str] = field(default_factory=list)
    acts_unchanged: list[str] = field(default_factory=list)
    changes: list[StatuteChange] = field(default_factory=list)
    provisions_flagged: int = 0
    review_items: int = 0


@dataclass(frozen=True)
class _Found:
    """A newer act of a cited act, fetched and parsed, not yet written."""

    act: str
    metadata: ActMetadata
    kind: str


# --- Reading ----------------------------------------------------------------------------------


def cited_acts() -> dict[str, list[int]]:
    """ELI path → ids of the provisions written against it (one query)."""
    acts: dict[str, list[int]] = defaultdict(list)
    for pk, eli in StatuteProvision.objects.exclude(eli="").values_list("pk", "eli"):
        acts[eli].append(pk)
    return dict(acts)


def _feed_since(config: Config, cursor: dt.datetime | None) -> list[FeedEntry]:
    """Feed entries newer than ``cursor`` (all of the first page when there is no cursor)."""
    url = config.base_url + config.feed_path
    entries: list[FeedEntry] = []
    for _page in range(MAX_FEED_PAGES):
        page = eli_format.parse_atom_feed(config.get(url).body)
        fresh = [e for e in page.entries if cursor is None or e.updated > cursor]
        entries.extend(fresh)
        if cursor is None or not page.next_url or len(fresh) < len(page.entries):
            break
        url = page.next_url
    return entries


def _newer_acts(
    config: Config, act: str, metadata: ActMetadata, recorded: set[str]
) -> list[_Found]:
    found = []
    for new_eli in metadata.newer_acts:
        if new_eli in recorded:
            continue
        new_metadata = eli_format.parse_metadata_json(
            config.get(f"{config.base_url}{new_eli}.json").body, eli=new_eli
        )
        is_consolidation = new_metadata.type_code in eli_format.CONSOLIDATION_TYPES or new_eli in {
            eli_format.eli_path(u) for u in metadata.consolidated_by
        }
        kind = StatuteChange.Kind.CONSOLIDATION if is_consolidation else StatuteChange.Kind.AMENDING
        found.append(_Found(act=act, metadata=new_metadata, kind=kind))
    return found


# --- The check --------------------------------------------------------------------------------


def statutes_check(*, now: dt.datetime, base_url: str | None = None) -> CheckResult:
    """One pass of the statute check; returns what it found. Raises EliError (after logging it)
    when the feed or a metadata answer cannot be fetched or parsed; nothing is written then and
    the cursor stays where it was, so the next pass reads the same entries again."""
    config = Config.from_settings(base_url=base_url)
    watch = StatuteWatch.load()
    acts = cited_acts()
    result = CheckResult(first_run=watch.feed_cursor is None)
    try:
        entries = _feed_since(config, watch.feed_cursor)
        result.feed_entries = len(entries)
        if result.first_run:
            candidates = sorted(acts)
        else:
            candidates = sorted({e.eli for e in entries} & set(acts))
        validators = {a.eli: a for a in StatuteAct.objects.filter(eli__in=candidates)}
        already = _recorded_pairs()
        answers: dict[str, Response] = {}
        found: list[_Found] = []
        for act in candidates:
            known = validators.get(act)
            answer = config.get(
                f"{config.base_url}{act}.json",
                etag=known.etag if known else "",
                last_modified=known.last_modified if known else "",
            )
            answers[act] = answer
            if answer.status == 304:
                result.acts_unchanged.append(act)
                continue
            metadata = eli_format.parse_metadata_json(answer.body, eli=act)
            found.extend(_newer_acts(config, act, metadata, already.get(act, set())))
    except EliError as exc:
        logger.error(
            "statute check failed base_url=%s cursor=%s: %s; nothing written, cursor kept",
            config.base_url,
            watch.feed_cursor,
            exc,
        )
        raise
    result.acts_checked = list(candidates)
    cursor = max((e.updated for e in entries), default=None)
    with transaction.atomic():
        for item in found:
            change, flagged, items = _record(item, provisions=acts[item.act], now=now)
            if change not in result.changes:
                result.changes.append(change)
            result.provisions_flagged += flagged
            result.review_items += items
        for act, answer in answers.items():
            defaults: dict[str, object] = {"checked_at": now}
            if answer.status == 200:
                defaults.update(etag=answer.etag, last_modified=answer.last_modified)
            StatuteAct.objects.update_or_create(eli=act, defaults=defaults)
        watch = StatuteWatch.objects.select_for_update().get(pk=watch.pk)
        if cursor is not None and (watch.feed_cursor is None or cursor > watch.feed_cursor):
            watch.feed_cursor = cursor
        elif watch.feed_cursor is None:
            watch.feed_cursor = now
        watch.last_success_at = now
        watch.save(update_fields=["feed_cursor", "last_success_at"])
    logger.info(
        "statute check done first_run=%s feed_entries=%d acts=%s unchanged=%s new_acts=%s "
        "provisions_flagged=%d review_items=%d cursor=%s",
        result.first_run,
        result.feed_entries,
        ",".join(result.acts_checked) or "-",
        ",".join(result.acts_unchanged) or "-",
        ",".join(c.new_eli for c in result.changes) or "-",
        result.provisions_flagged,
        result.review_items,
        watch.feed_cursor.isoformat() if watch.feed_cursor else None,
    )
    return result


def _recorded_pairs() -> dict[str, set[str]]:
    """Cited act → the newer acts already recorded for it."""
    pairs: dict[str, set[str]] = defaultdict(set)
    for new_eli, acts in StatuteChange.objects.values_list("new_eli", "acts"):
        for act in acts or []:
            pairs[act].add(new_eli)
    return pairs


def _record(
    item: _Found, *, provisions: list[int], now: dt.datetime
) -> tuple[StatuteChange, int, int]:
    """Write one (cited act, newer act) pair: the change, the mark on the act's provisions and a
    review item per citing lesson or question. Returns (change, provisions marked, items made)."""
    metadata = item.metadata
    change, _created = StatuteChange.objects.select_for_update().get_or_create(
        new_eli=metadata.eli,
        defaults={
            "kind": item.kind,
            "title": (metadata.title or metadata.title_short or metadata.eli)[:255],
            "title_short": metadata.title_short[:80],
            "date": metadata.date_document,
            "url": f"https://www.retsinformation.dk{metadata.eli}",
        },
    )
    if item.act not in change.acts:
        change.acts = [*change.acts, item.act]
        change.save(update_fields=["acts"])
    since = change.date or now.date()
    rows = list(StatuteProvision.objects.select_for_update().filter(pk__in=provisions))
    for provision in rows:
        provision.pending_change = change
        if provision.changed_since is None or since < provision.changed_since:
            provision.changed_since = since
    StatuteProvision.objects.bulk_update(rows, ["pending_change", "changed_since"])
    references: dict[tuple[int, int], list[str]] = defaultdict(list)
    first: dict[tuple[int, int], Citation] = {}
    by_id = {p.pk: p for p in rows}
    for citation in Citation.objects.filter(provision_id__in=provisions).order_by("pk"):
        key = (citation.source_content_type_id, citation.source_object_id)
        first.setdefault(key, citation)
        references[key].append(by_id[cast(int, citation.provision_id)].reference)
    existing = set(
        ReviewItem.objects.filter(statute_change=change).values_list(
            "source_content_type_id", "source_object_id"
        )
    )
    new_items = [
        ReviewItem(
            statute_change=change,
            source_content_type_id=key[0],
            source_object_id=key[1],
            source_title=citation.source_title,
            source_revision_id=citation.source_revision_id,
            section_key=", ".join(sorted(set(references[key])))[:40],
            reason=ReviewItem.Reason.STATUTE,
        )
        for key, citation in first.items()
        if key not in existing
    ]
    ReviewItem.objects.bulk_create(new_items, ignore_conflicts=True)
    logger.info(
        "statute change recorded act=%s new_act=%s kind=%s date=%s provisions=%d review_items=%d",
        item.act,
        change.new_eli,
        change.kind,
        change.date,
        len(rows),
        len(new_items),
    )
    return change, len(rows), len(new_items)


# --- A jurist's answer ------------------------------------------------------------------------


class NothingPending(Exception):
    """The provision has no newer act waiting (already confirmed or dismissed)."""


def provision_confirm(
    *, provision: StatuteProvision, eli: str, eli_date: dt.date, user: User
) -> StatuteProvision:
    """The jurist checked the provision against the newer act: it now cites ``eli`` of
    ``eli_date`` and the mark goes. Logged in the provision's history."""
    with transaction.atomic():
        locked = StatuteProvision.objects.select_for_update().get(pk=provision.pk)
        if locked.pending_change_id is None:
            raise NothingPending(provision.pk)
        change = locked.pending_change
        before = {"eli": locked.eli, "eli_date": str(locked.eli_date or "")}
        locked.eli, locked.eli_date = eli, eli_date
        locked.changed_since = None
        locked.pending_change = None
        locked.save(update_fields=["eli", "eli_date", "changed_since", "pending_change"])
        log(
            instance=locked,
            action=CONFIRM_ACTION,
            user=user,
            data={
                "change": change.new_eli if change else "",
                "before": before,
                "after": {"eli": eli, "eli_date": str(eli_date)},
            },
        )
    logger.info(
        "statute provision confirmed provision=%s change=%s eli=%s->%s user=%s",
        locked.pk,
        change.new_eli if change else None,
        before["eli"],
        eli,
        user.pk,
    )
    return locked


def provision_dismiss(*, provision: StatuteProvision, user: User) -> StatuteProvision:
    """The jurist found that the newer act does not affect the provision: the mark goes, the ELI
    stays, and review items that only this provision caused are closed. Logged."""
    with transaction.atomic():
        locked = StatuteProvision.objects.select_for_update().get(pk=provision.pk)
        if locked.pending_change_id is None:
            raise NothingPending(provision.pk)
        change = locked.pending_change
        locked.changed_since = None
        locked.pending_change = None
        locked.save(update_fields=["changed_since", "pending_change"])
        closed = _close_unaffected(change) if change else 0
        log(
            instance=locked,
            action=DISMISS_ACTION,
            user=user,
            data={"change": change.new_eli if change else "", "closed": closed},
        )
    logger.info(
        "statute provision dismissed provision=%s change=%s user=%s review_items_closed=%d",
        locked.pk,
        change.new_eli if change else None,
        user.pk,
        closed,
    )
    return locked


def _close_unaffected(change: StatuteChange) -> int:
    """Close the change's open items whose source cites no provision still marked by it."""
    still = Citation.objects.filter(provision__pending_change=change).values_list(
        "source_content_type_id", "source_object_id"
    )
    keep = set(still)
    ids = [
        item.pk
        for item in ReviewItem.objects.filter(statute_change=change, status=ReviewItem.Status.OPEN)
        if (item.source_content_type_id, item.source_object_id) not in keep
    ]
    return ReviewItem.objects.filter(pk__in=ids).update(
        status=ReviewItem.Status.CLOSED,
        resolution=ReviewItem.Resolution.STATUTE_NOT_AFFECTED,
        closed_at=timezone.now(),
    )


# --- Where a provision is named in guideline text ---------------------------------------------


def _provision_pattern(provision: StatuteProvision) -> re.Pattern[str]:
    act = re.escape(provision.act.lower().rstrip("n").rstrip("e"))  # "forvaltningslov"
    names = [rf"{act}(?:en|ens|s)?", re.escape(provision.act_short)]
    sign = r"art(?:ikel|\.)" if provision.is_article else "§"
    number = re.escape(provision.number).replace(r"\ ", r"\s*")
    return re.compile(rf"(?:{'|'.join(names)})\s+{sign}\s*{number}(?![0-9a-zæøå])", re.IGNORECASE)


def sections_citing_provision(*, provision: StatuteProvision) -> list[GuidelineSection]:
    """Sections of live guidelines whose heading or text names the provision, e.g.
    "forvaltningsloven § 19" or "FVL § 19" (guideline text cites statutes in prose).
    Two queries; the match runs in Python over the live guidelines' sections."""
    live = GuidelinePage.objects.live().values_list("pk", flat=True)
    pattern = _provision_pattern(provision)
    sections = GuidelineSection.objects.filter(page_id__in=list(live)).filter(
        Q(body__icontains="§") | Q(heading__icontains="§") | Q(body__icontains="art")
    )
    return [
        section
        for section in sections.select_related("page").order_by("page__title", "sort_order")
        if pattern.search(re.sub(r"<[^>]+>", "", f"{section.heading} {section.body}"))
    ]
