"""The learner's search (reads): Danish full-text search over guideline sections, statute
provisions and lessons, grouped by kind, with highlighted snippets.

On PostgreSQL the query goes through ``websearch_to_tsquery('danish', …)``, which accepts any
text (operators, quotes and ``:*`` are read as words, never as syntax) and stems it like the
index, so "partshøringen" finds "partshøring"; hits are ranked by ``ts_rank`` and the snippet is
``ts_headline`` over the hit's text, computed only for the hits shown. SQLite (development)
matches every word as a substring instead and cuts the snippet around the first one.

What is never found: an unpublished page (it has no entry), a page behind a view restriction
(its tree path is excluded), and a lesson withheld because a guideline section it cites changed
materially and it has not been revised since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import PageViewRestriction

from courses.models import LessonPage
from guidelines.models import Citation
from guidelines.selectors import withheld_source_ids

from .indexing import CONFIG
from .models import SearchEntry

#: Characters of the query that are used; the rest is ignored (and the page says so).
MAX_QUERY = 200
PER_KIND = 5
PER_PAGE = 20
ORDER = [SearchEntry.Kind.SECTION, SearchEntry.Kind.PROVISION, SearchEntry.Kind.LESSON]
# Private-use characters mark the matches in ts_headline's output until it is escaped.
_START, _STOP = "\ue000", "\ue001"
_SNIPPET = 220


@dataclass
class Hit:
    kind: str
    title: str
    context: str
    url: str
    snippet: SafeString
    #: For a provision: the lessons that cite it (title, url), as far as the reader may see them.
    lessons: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class KindResult:
    kind: str
    label: str
    count: int
    hits: list[Hit]
    page: PaginatorPage | None = None


@dataclass
class SearchResult:
    query: str
    truncated: bool
    groups: list[KindResult]

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)


def query_clean(raw: str | None) -> tuple[str, bool]:
    """The query as searched: whitespace collapsed, at most ``MAX_QUERY`` characters, control
    characters dropped; and whether it was cut."""
    text = re.sub(r"[\x00-\x1f\x7f\ue000-\uf8ff]", " ", raw or "")
    text = " ".join(text.split())
    return text[:MAX_QUERY].strip(), len(text) > MAX_QUERY


def _visible() -> QuerySet[SearchEntry]:
    """Entries the reader may find: not behind a view restriction, not a withheld lesson."""
    entries = SearchEntry.objects.all()
    restricted = Q()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        restricted |= Q(path__startswith=path)
    if restricted:
        entries = entries.exclude(restricted)
    withheld = withheld_source_ids(content_type=ContentType.objects.get_for_model(LessonPage))
    if withheld:
        entries = entries.exclude(kind=SearchEntry.Kind.LESSON, object_id__in=withheld)
    return entries


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _matches(entries: QuerySet[SearchEntry], query: str) -> QuerySet[SearchEntry]:
    """The entries matching ``query``, best first."""
    if _postgres():
        tsquery = SearchQuery(query, search_type="websearch", config=CONFIG)
        return (
            entries.filter(vector=tsquery)
            .annotate(rank=SearchRank(F("vector"), tsquery))
            .order_by(*_BEST)
        )
    for word in query.split():
        entries = entries.filter(
            Q(title__icontains=word) | Q(body__icontains=word) | Q(context__icontains=word)
        )
    return entries.order_by(*_BEST[1:])


#: Best first: the rank (PostgreSQL only), then alphabetically.
_BEST = ("-rank", "title", "pk")


def _top_per_kind(matches: QuerySet[SearchEntry]) -> list[dict]:
    """The first ``PER_KIND`` matches of each kind with the kind's count, in one query: the
    matches are ranked once and numbered per kind by window functions."""
    best = [
        F(name[1:]).desc() if name.startswith("-") else F(name).asc()
        for name in (_BEST if _postgres() else _BEST[1:])
    ]
    return list(
        matches.order_by()
        .annotate(
            count=Window(Count("pk"), partition_by=[F("kind")]),
            position=Window(RowNumber(), partition_by=[F("kind")], order_by=best),
        )
        .filter(position__lte=PER_KIND)
        .values("pk", "kind", "object_id", "title", "context", "url", "count", "position")
        .order_by("kind", "position")
    )


def _marked(text: str) -> SafeString:
    """ts_headline's output, escaped, with its markers turned into ``<mark>``."""
    return mark_safe(  # noqa: S308 - escaped first, then only our own tags added
        escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def _cut(body: str, query: str) -> SafeString:
    """SQLite: the text around the first word found, each word marked."""
    words = [w for w in query.split() if w]
    lowered = body.casefold()
    first = min((i for w in words if (i := lowered.find(w.casefold())) >= 0), default=0)
    start = max(0, first - _SNIPPET // 3)
    part = body[start : start + _SNIPPET]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    marked = pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", part) if pattern else part
    prefix = "… " if start else ""
    suffix = " …" if start + _SNIPPET < len(body) else ""
    return _marked(f"{prefix}{marked}{suffix}")


_FIELDS = ("pk", "kind", "object_id", "title", "context", "url")


def _snippets(ids: list[int], query: str) -> dict[int, SafeString]:
    """The highlighted snippet of each entry, in one query: ``ts_headline`` on PostgreSQL,
    computed for these entries only; the text around the first word on SQLite."""
    if not _postgres():
        bodies = SearchEntry.objects.filter(pk__in=ids).values_list("pk", "body")
        return {pk: _cut(body, query) for pk, body in bodies}
    tsquery = SearchQuery(query, search_type="websearch", config=CONFIG)
    headline = SearchHeadline(
        "body",
        tsquery,
        config=CONFIG,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    rows = SearchEntry.objects.filter(pk__in=ids).annotate(headline=headline)
    return {pk: _marked(text or "") for pk, text in rows.values_list("pk", "headline")}


def _hits(rows: list[dict], query: str, visible: QuerySet[SearchEntry]) -> list[Hit]:
    """The hits for the entries shown, with their snippets (one query) and, for provisions,
    the lessons citing them that the reader may find (two queries)."""
    if not rows:
        return []
    snippets = _snippets([r["pk"] for r in rows], query)
    provisions = [r["object_id"] for r in rows if r["kind"] == SearchEntry.Kind.PROVISION]
    lessons = _citing_lessons(provisions, visible)
    return [
        Hit(
            kind=r["kind"],
            title=r["title"],
            context=r["context"],
            url=r["url"],
            snippet=snippets.get(r["pk"], SafeString("")),
            lessons=lessons.get(r["object_id"], [])
            if r["kind"] == SearchEntry.Kind.PROVISION
            else [],
        )
        for r in rows
    ]


def _citing_lessons(
    provision_ids: list[int], visible: QuerySet[SearchEntry]
) -> dict[int, list[tuple[str, str]]]:
    if not provision_ids:
        return {}
    cites = list(
        Citation.objects.filter(
            provision_id__in=provision_ids,
            source_content_type=ContentType.objects.get_for_model(LessonPage),
        )
        .values_list("provision_id", "source_object_id")
        .distinct()
    )
    if not cites:
        return {}
    found_lessons = {
        pk: (title, url)
        for pk, title, url in visible.filter(
            kind=SearchEntry.Kind.LESSON, object_id__in={c[1] for c in cites}
        ).values_list("object_id", "title", "url")
    }
    found: dict[int, list[tuple[str, str]]] = {}
    for provision_id, lesson_id in cites:
        if lesson_id in found_lessons:
            found.setdefault(provision_id, []).append(found_lessons[lesson_id])
    return {k: sorted(v) for k, v in found.items()}


def search(*, query: str, kind: str | None = None, page: int | str | None = 1) -> SearchResult:
    """Search for ``query`` (already cleaned): per kind its count and first ``PER_KIND`` hits,
    or with ``kind`` one kind's hits ``PER_PAGE`` at a time. About six queries either way."""
    visible = _visible()
    matches = _matches(visible, query)
    labels = dict(SearchEntry.Kind.choices)
    if kind in labels:
        paginator = Paginator(matches.filter(kind=kind).values(*_FIELDS), PER_PAGE)
        shown = paginator.get_page(page)
        group = KindResult(
            kind=kind,
            label=str(labels[kind]),
            count=paginator.count,
            hits=_hits(list(shown.object_list), query, visible),
            page=shown,
        )
        return SearchResult(query=query, truncated=False, groups=[group])
    rows = _top_per_kind(matches)
    hits = _hits(rows, query, visible)
    counts = {r["kind"]: r["count"] for r in rows}
    groups = [
        KindResult(
            kind=each,
            label=str(labels[each]),
            count=counts[each],
            hits=[h for h in hits if h.kind == each],
        )
        for each in ORDER
        if each in counts
    ]
    return SearchResult(query=query, truncated=False, groups=groups)
