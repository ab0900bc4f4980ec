"""The item analysis's running sums (writes): kept up to date as attempts are graded, and
rebuilt from the answers when in doubt.

``quizzes.item_analysis`` needs, per question and set of chosen choices, the number of scored
answers, Σx and the sums of the pairs (x, y) — x the item's score fraction, y the rest of the
test. Adding them up from every answer takes about a second for a quiz with 45,000 attempts;
sums add, so they are kept in ``ItemTotal`` rows instead, per question × quiz × unit ×
revision × set of chosen choices:

- an attempt is **added** when it is graded (``_finish``, the last essay marked) and
- **removed, changed and added again** when its grade changes (a regrade, an override), inside
  the same transaction as the change, so a rollback undoes both;
- a deleted attempt is removed (``pre_delete``); an anonymised one stays, without a name;
- ``item_totals_rebuild`` recomputes them from the answers (nightly, and by
  ``manage.py quiz_statistics --rebuild``), so nothing can drift for long.

An attempt counts in the unit its person belonged to when it closed (``closed_unit_id``): a
transfer later moves neither their answers nor the sums. Only closed attempts count (graded or
expired), and every scored item of them, as in the attempt's own score.

The upsert (``INSERT … ON CONFLICT DO UPDATE``) adds in the database, so two attempts graded at
once both count; rows are written in key order, so two such transactions cannot deadlock.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.db.models.fields.json import KT, KeyTransform

from .item_totals_models import ItemTotal
from .models import Attempt, AttemptQuestion

logger = logging.getLogger(__name__)

#: The states whose attempts count.
COUNTED = (Attempt.State.GRADED, Attempt.State.EXPIRED)
SUMS = ("n", "blank", "sx", "pairs", "px", "py", "pxx", "pyy", "pxy")
#: question, quiz, unit, revision, chosen
Key = tuple[int, int, int, int, str]

_ROW = (
    "question_id",
    "revision_id",
    "points",
    "weight",
    "choices",
    "answered_at",
    "pk",
    "attempt__quiz_id",
    "attempt__closed_unit_id",
    "attempt__score",
    "attempt__max_score",
)


def chosen_key(choices: Iterable[Any] | None) -> str:
    """The set of chosen choice ids as the text of a sorted JSON array."""
    return json.dumps(sorted(str(c) for c in choices or []))


def chosen_ids(key: str) -> list[str]:
    return json.loads(key) if key else []


def _rows(items: QuerySet[AttemptQuestion]) -> QuerySet[AttemptQuestion, tuple[Any, ...]]:
    """The scored items of ``items`` (a queryset) as plain tuples: what the sums need."""
    return (
        items.filter(points__isnull=False, question__isnull=False)
        .annotate(weight=KT("snapshot__weight"), choices=KeyTransform("choices", "answer"))
        .values_list(*_ROW)
        .order_by()
    )


def totals_from_rows(rows: Iterable[tuple[Any, ...]]) -> dict[Key, list[float]]:
    """Add up item rows (as ``_rows`` gives them) per key: the sums in ``SUMS`` order and, last,
    the newest item's id."""
    totals: dict[Key, list[float]] = {}
    for (
        question,
        revision,
        points,
        weight,
        choices,
        answered_at,
        pk,
        quiz,
        unit,
        score,
        top,
    ) in rows:
        x = float(points)
        w = float(weight) if weight not in (None, "") else 1.0
        key = (question, quiz or 0, unit or 0, revision or 0, chosen_key(choices))
        sums = totals.get(key)
        if sums is None:
            sums = totals[key] = [0, 0, 0.0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0]
        sums[0] += 1
        sums[1] += answered_at is None
        sums[2] += x
        rest = float(top) - w
        if rest > 0:
            y = (float(score or 0) - w * x) / rest
            sums[3] += 1
            sums[4] += x
            sums[5] += y
            sums[6] += x * x
            sums[7] += y * y
            sums[8] += x * y
        sums[9] = max(sums[9], pk)
    return totals


def _upsert(totals: dict[Key, list[float]], *, sign: int) -> None:
    table = connection.ops.quote_name(ItemTotal._meta.db_table)
    keys = ("question_id", "quiz_key", "unit_key", "revision_key", "chosen")
    columns = (*keys, *SUMS, "newest")
    adds = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in SUMS)
    # Every name here is one of ours (the table and the constant column names); values are bound.
    values = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {adds}, newest = CASE WHEN "
        f"excluded.newest > {table}.newest THEN excluded.newest ELSE {table}.newest END"
    )
    params = [
        (*key, *(sign * v for v in sums[:-1]), sums[-1] if sign > 0 else 0)
        for key, sums in sorted(totals.items())
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def item_totals_add(*, attempt_id: int, sign: int = 1) -> int:
    """Add (``sign`` −1: take away) a closed attempt's scored items to the sums; an attempt in
    another state adds nothing. Call it inside the transaction that grades or changes the
    attempt, after the change (to add) or before it (to take away). Returns rows touched."""
    with transaction.atomic():
        items = AttemptQuestion.objects.filter(attempt_id=attempt_id, attempt__state__in=COUNTED)
        totals = totals_from_rows(_rows(items))
        if not totals:
            return 0
        _upsert(totals, sign=sign)
        if sign < 0:
            ItemTotal.objects.filter(n__lte=0, question_id__in={key[0] for key in totals}).delete()
    return len(totals)


def item_totals_remove(*, attempt_id: int) -> int:
    return item_totals_add(attempt_id=attempt_id, sign=-1)


def attempt_totals_remove(sender: type, instance: Attempt, **kwargs: Any) -> None:
    """``pre_delete`` of an attempt: its answers leave the sums with it."""
    item_totals_remove(attempt_id=instance.pk)


def item_totals_rebuild(*, quiz_id: int | None = None) -> int:
    """Recompute the sums from the answers (of one quiz, or all), replacing what was kept;
    returns the rows written. One pass over the items, in the database's order."""
    items = AttemptQuestion.objects.filter(attempt__state__in=COUNTED)
    kept = ItemTotal.objects.all()
    if quiz_id is not None:
        items = items.filter(attempt__quiz_id=quiz_id)
        kept = kept.filter(quiz_key=quiz_id)
    totals = totals_from_rows(_rows(items).iterator(chunk_size=5000))
    with transaction.atomic():
        removed, _ = kept.delete()
        ItemTotal.objects.bulk_create(
            [
                ItemTotal(
                    question_id=key[0],
                    quiz_key=key[1],
                    unit_key=key[2],
                    revision_key=key[3],
                    chosen=key[4],
                    **dict(zip(SUMS, sums[:-1], strict=True)),
                    newest=sums[-1],
                )
                for key, sums in sorted(totals.items())
            ],
            batch_size=1000,
        )
    logger.info("item totals rebuilt quiz=%s rows=%s replaced=%s", quiz_id, len(totals), removed)
    return len(totals)


def totals_for(
    *, quiz_id: int | None = None, unit_ids: Any = None, question_id: int | None = None
) -> Q:
    """The filter on ``ItemTotal`` for a quiz, a set of unit ids (a queryset of them) and a
    question."""
    where = Q()
    if quiz_id is not None:
        where &= Q(quiz_key=quiz_id)
    if unit_ids is not None:
        where &= Q(unit_key__in=unit_ids)
    if question_id is not None:
        where &= Q(question_id=question_id)
    return where
