"""Pure grading rules: one question's points (0–1) from its frozen answer key and the answer.

- single choice, true/false: 1 when the one chosen choice is a correct one (a jurist may accept
  more than one), else 0;
- multiple response: 1 when exactly the correct choices are chosen, else 0;
- cite the rule: 1 for the right outcome and the right basis; the question's partial credit
  (e.g. 0.5) for the right outcome with a wrong or missing basis; 0 otherwise;
- essay: ``None`` (a person marks it) unless left empty, which scores 0.

An item's fraction is then worth the question's weight in points (frozen in the attempt's
snapshot); the pass mark is a percentage of the points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

ONE = Decimal("1")
ZERO = Decimal("0")


def item_grade(*, kind: str, snapshot: dict[str, Any], answer: dict[str, Any] | None):
    """Return ``(points, is_correct)``; ``(None, None)`` when a person has to mark it."""
    if kind == "essay":
        if answer and (answer.get("text") or "").strip():
            return None, None
        return ZERO, False
    chosen = set((answer or {}).get("choices") or [])
    if kind == "cite_rule":
        outcome_ok = snapshot["correct_outcome"] in chosen
        basis_ok = snapshot["correct_basis"] in chosen
        if outcome_ok and basis_ok:
            return ONE, True
        if outcome_ok:
            return (Decimal(snapshot.get("partial", 50)) / 100).quantize(Decimal("0.001")), False
        return ZERO, False
    correct = set(snapshot["correct"])
    if kind == "multiple":
        right = bool(chosen) and chosen == correct
    else:
        right = len(chosen) == 1 and chosen <= correct
    return (ONE, True) if right else (ZERO, False)


def attempt_score(
    points: Sequence[Decimal | None], weights: Sequence[int] | None = None
) -> tuple[Decimal, int, Decimal]:
    """``(score, max_score, percent)`` for the items' fractions (0–1, unmarked counted as 0),
    each worth its weight in points (1 when no weights are given)."""
    weights = weights if weights is not None else [1] * len(points)
    score = sum(((p or ZERO) * w for p, w in zip(points, weights, strict=True)), ZERO)
    max_score = sum(weights)
    percent = (score * 100 / max_score).quantize(Decimal("0.1")) if max_score else ZERO
    return score.quantize(Decimal("0.01")), max_score, percent


def item_weight(snapshot: dict[str, Any]) -> int:
    """The points a served question is worth (attempts from before weights: 1)."""
    return int(snapshot.get("weight", 1))


def items_score(items: Sequence[Any]) -> tuple[Decimal, int, Decimal]:
    """``attempt_score`` for served items (anything with ``points`` and ``snapshot``)."""
    return attempt_score([i.points for i in items], [item_weight(i.snapshot) for i in items])


@dataclass(frozen=True)
class CategoryScore:
    category: str
    score: Decimal
    max_score: int
    percent: Decimal


def category_scores(
    items: Sequence[Any], *, fallback: Mapping[int, str] | None = None, other: str = ""
) -> list[CategoryScore]:
    """``items_score`` per question category of the served items, in the order the categories
    were first served. The category is the name frozen in the snapshot; for attempts from
    before that, ``fallback`` maps the item's ``question_id`` to it, and ``other`` names the
    rest (a question since deleted)."""
    fallback = fallback or {}
    groups: dict[str, list[Any]] = {}
    for item in items:
        name = item.snapshot.get("category") or fallback.get(item.question_id) or other
        groups.setdefault(name, []).append(item)
    return [CategoryScore(name, *items_score(group)) for name, group in groups.items()]
