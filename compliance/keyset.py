"""Keyset pagination and a total that never counts millions of rows.

A page is the rows after (or before) the last (first) row of the page the reader came from,
read with a row comparison on the listing's ordering — ``(status, due_at, id) > (…)`` — so
PostgreSQL starts at that place in the index instead of skipping an OFFSET. Page 2,000 costs
what page 1 costs.

The total is exact when the caller knows it (the materialised counts) or when it is small:
a count bounded by ``EXACT_LIMIT`` reads at most that many index entries. Above it, the total
is PostgreSQL's planner estimate for the same query, shown as "ca. 5,4 mio.".
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.utils.formats import number_format
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: Up to this many rows the total is counted exactly (a bounded count: cheap at any size).
EXACT_LIMIT = 10_000
#: The GET parameters: the rows after a key, the rows before a key, or the last page.
AFTER, BEFORE, LAST = "efter", "foer", "sidste"
SEPARATOR = "."


@dataclass(frozen=True)
class Total:
    value: int
    exact: bool

    def label(self) -> str:
        """The total as shown: 1.234 when exact; ca. 120.000 or ca. 5,4 mio. when estimated."""
        if self.exact:
            return number_format(self.value, force_grouping=True)
        if self.value >= 1_000_000:
            millions = number_format(round(self.value / 1_000_000, 1), decimal_pos=1)
            return _("ca. %(millions)s mio.") % {"millions": millions}
        rounded = int(float(f"{self.value:.2g}"))
        return _("ca. %(count)s") % {"count": number_format(rounded, force_grouping=True)}


@dataclass(frozen=True)
class Keyset:
    """The listing's ordering: field names, each with the parser of its cursor text. The last
    field must be unique (the id), so a key names exactly one row."""

    fields: tuple[str, ...]
    parsers: tuple[Callable[[str], object], ...]

    def encode(self, row) -> str:
        values = (getattr(row, name) for name in self.fields)
        return SEPARATOR.join(v.isoformat() if isinstance(v, dt.date) else str(v) for v in values)

    def decode(self, raw: str) -> tuple | None:
        parts = raw.split(SEPARATOR)
        if len(parts) != len(self.fields):
            return None
        try:
            return tuple(parse(part) for parse, part in zip(self.parsers, parts, strict=True))
        except (TypeError, ValueError):
            return None

    def columns(self) -> Tuple:
        return Tuple(*(F(name) for name in self.fields))


@dataclass
class KeysetPage:
    object_list: list
    next_key: str | None
    previous_key: str | None
    #: The request named a key that could not be read; the first page is shown instead.
    bad_key: bool = False

    def __len__(self) -> int:
        return len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)

    @property
    def has_next(self) -> bool:
        return self.next_key is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_key is not None

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def keyset_page(queryset: QuerySet, keyset: Keyset, params, per_page: int) -> KeysetPage:
    """The page of ``queryset`` that ``params`` (the request's GET) names: ``efter=KEY``,
    ``foer=KEY``, ``side=sidste``, or nothing for the first page. One query (two when the
    key's neighbours have gone since, and the first or last page is shown instead)."""
    text = params.get(AFTER) or params.get(BEFORE)
    key = keyset.decode(text) if text else None
    if text and key is None:
        logger.warning("keyset: unreadable page key %r, showing the first page", text)
        page = _forward(queryset, keyset, None, per_page)
        page.bad_key = True
        return page
    if params.get(AFTER):
        page = _forward(queryset, keyset, key, per_page)
        return page if page.object_list else _backward(queryset, keyset, None, per_page)
    if params.get(BEFORE):
        page = _backward(queryset, keyset, key, per_page)
        return page if page.object_list else _forward(queryset, keyset, None, per_page)
    if params.get("side") == LAST:
        return _backward(queryset, keyset, None, per_page)
    return _forward(queryset, keyset, None, per_page)


def _forward(queryset, keyset: Keyset, key: tuple | None, per_page: int) -> KeysetPage:
    """The rows after ``key`` (from the start without one)."""
    if key is not None:
        queryset = queryset.filter(TupleGreaterThan(keyset.columns(), key))
    rows = list(queryset.order_by(*keyset.fields)[: per_page + 1])
    more, rows = len(rows) > per_page, rows[:per_page]
    return KeysetPage(
        rows,
        next_key=keyset.encode(rows[-1]) if more else None,
        previous_key=keyset.encode(rows[0]) if key is not None and rows else None,
    )


def _backward(queryset, keyset: Keyset, key: tuple | None, per_page: int) -> KeysetPage:
    """The rows before ``key`` (the end without one), in the listing's order."""
    if key is not None:
        queryset = queryset.filter(TupleLessThan(keyset.columns(), key))
    rows = list(queryset.order_by(*(f"-{name}" for name in keyset.fields))[: per_page + 1])
    more, rows = len(rows) > per_page, rows[:per_page][::-1]
    return KeysetPage(
        rows,
        next_key=keyset.encode(rows[-1]) if key is not None and rows else None,
        previous_key=keyset.encode(rows[0]) if more else None,
    )


def bounded_total(queryset: QuerySet, limit: int | None = None) -> Total:
    """The number of rows of ``queryset``: exact up to ``limit`` (EXACT_LIMIT), else the
    planner's estimate, never below what the bounded count saw. Without PostgreSQL (a
    developer's SQLite) the rows are counted."""
    limit = EXACT_LIMIT if limit is None else limit
    seen = queryset.order_by().values("pk")[: limit + 1].count()
    if seen <= limit:
        return Total(seen, exact=True)
    if connection.vendor != "postgresql":
        return Total(queryset.order_by().count(), exact=True)
    return Total(max(planner_rows(queryset), limit + 1), exact=False)


def planner_rows(queryset: QuerySet) -> int:
    """PostgreSQL's estimate of the rows ``queryset`` returns (``EXPLAIN``, nothing run)."""
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


@dataclass
class KeysetPaginator:
    """What Wagtail's listing context reads from a paginator: the total, and no page numbers
    (a keyset page has none)."""

    total: Total

    @property
    def count(self) -> int:
        return self.total.value

    def get_elided_page_range(self, number) -> tuple:
        return ()
