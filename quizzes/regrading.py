"""Pure regrade rules: a served attempt against the questions' live answer keys.

- The new key of an item comes from its question's live content (a published revision), mapped
  onto the choices the attempt served by their stable StreamField block ids: a choice added later
  was never served and cannot count; a served choice that was removed cannot be correct any more.
  A question that is deleted, unpublished or now of another type keeps the key it was served
  with.
- A dropped question no longer counts: its weight in the attempt becomes 0 (the served weight is
  kept in the snapshot as ``served_weight``, so undropping restores it).
- Points a person gave (an essay mark, an override) stand; only automatic points are recomputed.
- An attempt's result is recomputed from its items with ``grading.items_score``; an attempt
  closed as EXPIRED (a time-out from before time-outs were graded) still fails, and one awaiting
  marking gets its result when marked.

Nothing here queries the database: callers pass loaded items and questions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .grading import item_grade, items_score

#: The snapshot fields that make up an item's answer key.
KEY_FIELDS = ("correct", "correct_outcome", "correct_basis", "partial")
GRADED = "graded"
EXPIRED = "expired"


def live_key(*, kind: str, question: Any, served: Sequence[Mapping[str, Any]]) -> dict | None:
    """The answer key of ``question``'s live content for an item of ``kind`` that served the
    choices ``served``; ``None`` when the served key stands (no live question of that type, or an
    essay, which has no key)."""
    if question is None or not question.live or question.kind != kind or kind == "essay":
        return None
    if kind == "truefalse":
        return {"correct": ["sand" if question.true_is_correct else "falsk"]}
    served_ids = {c["id"] for c in served}
    key: dict[str, Any] = {"correct": [], "partial": question.partial_credit_percent}
    if kind == "cite_rule":
        key |= {"correct_outcome": None, "correct_basis": None}
    for child in question.choices.raw_data:
        if child["value"].get("correct") and child["id"] in served_ids:
            key["correct"].append(child["id"])
            if child["type"] in ("outcome", "basis"):
                key[f"correct_{child['type']}"] = child["id"]
    return key


def served_key(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """The answer key frozen in an item's snapshot."""
    return {name: snapshot[name] for name in KEY_FIELDS if name in snapshot}


@dataclass
class ItemRegrade:
    """An item after a regrade: its new snapshot, points (fraction 0–1) and correctness."""

    item: Any
    snapshot: dict[str, Any]
    points: Decimal | None
    is_correct: bool | None

    @property
    def changed(self) -> bool:
        item = self.item
        return (
            self.snapshot != item.snapshot
            or self.points != item.points
            or self.is_correct != item.is_correct
        )

    def detail(self) -> dict[str, Any]:
        """What changed, for the attempt's history (JSON)."""
        old, new = self.item.snapshot, self.snapshot
        return {
            "item": self.item.pk,
            "position": self.item.position,
            "old_points": _text(self.item.points),
            "new_points": _text(self.points),
            "old_key": served_key(old),
            "new_key": served_key(new),
            "old_weight": old.get("weight", 1),
            "new_weight": new.get("weight", 1),
        }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def item_regrade(*, item: Any, key: dict[str, Any] | None, dropped: bool) -> ItemRegrade:
    """``item`` (anything with ``kind``, ``snapshot``, ``answer``, ``points``, ``is_correct`` and
    ``marked_by_id``) graded against ``key`` (None: its served key), dropped or not."""
    snapshot = dict(item.snapshot)
    if key is not None:
        snapshot.update(key)
    if dropped:
        snapshot["served_weight"] = snapshot.get("served_weight", snapshot.get("weight", 1))
        snapshot["weight"] = 0
    elif "served_weight" in snapshot:
        snapshot["weight"] = snapshot.pop("served_weight")
    decided_by_person = item.kind == "essay" or item.marked_by_id is not None
    if decided_by_person or item.points is None:
        points, is_correct = item.points, item.is_correct
    else:
        points, is_correct = item_grade(kind=item.kind, snapshot=snapshot, answer=item.answer)
    return ItemRegrade(item=item, snapshot=snapshot, points=points, is_correct=is_correct)


def attempt_result(
    *, state: str, pass_mark: int, items: Sequence[Any], current: tuple = (None, 0, None, None)
) -> tuple[Decimal | None, int, Decimal | None, bool | None]:
    """``(score, max_score, percent, passed)`` of a closed attempt's items (with ``points`` and
    ``snapshot``). An attempt awaiting marking keeps ``current`` (it is graded when marked); one
    closed as EXPIRED fails whatever its score."""
    if state not in (GRADED, EXPIRED):
        return current
    score, max_score, percent = items_score(items)
    return score, max_score, percent, state == GRADED and percent >= pass_mark


@dataclass
class AttemptRegrade:
    """One attempt before and after a regrade."""

    attempt: Any
    items: list[ItemRegrade]
    result: tuple[Decimal | None, int, Decimal | None, bool | None]
    old: tuple[Decimal | None, int, Decimal | None, bool | None] = field(init=False)

    def __post_init__(self) -> None:
        a = self.attempt
        self.old = (a.score, a.max_score, a.percent, a.passed)

    @property
    def changed_items(self) -> list[ItemRegrade]:
        return [i for i in self.items if i.changed]

    @property
    def changed(self) -> bool:
        """Something is written: an item or the attempt's result."""
        return bool(self.changed_items) or self.result != self.old

    @property
    def score_changed(self) -> bool:
        return self.result != self.old

    @property
    def now_passes(self) -> bool:
        return self.old[3] is False and self.result[3] is True

    @property
    def now_fails(self) -> bool:
        return self.old[3] is True and self.result[3] is False

    @property
    def all_dropped(self) -> bool:
        return bool(self.items) and all(i.snapshot.get("weight", 1) == 0 for i in self.items)


def attempt_regrade(
    *,
    attempt: Any,
    items: Sequence[Any],
    questions: Mapping[int, Any],
    dropped: set[int],
) -> AttemptRegrade:
    """``attempt`` and its ``items`` regraded against the live ``questions`` (by pk), with the
    question ids in ``dropped`` no longer counting. An attempt in which every question would be
    dropped keeps its result (``all_dropped``; the caller refuses such a regrade)."""
    regraded = [
        item_regrade(
            item=item,
            key=live_key(
                kind=item.kind,
                question=questions.get(item.question_id),
                served=item.snapshot.get("choices", []),
            ),
            dropped=item.question_id in dropped,
        )
        for item in items
    ]
    current = (attempt.score, attempt.max_score, attempt.percent, attempt.passed)
    if regraded and all(i.snapshot.get("weight", 1) == 0 for i in regraded):
        result = current
    else:
        result = attempt_result(
            state=attempt.state, pass_mark=attempt.pass_mark, items=regraded, current=current
        )
    return AttemptRegrade(attempt=attempt, items=regraded, result=result)
