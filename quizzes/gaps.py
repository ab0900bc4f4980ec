"""Gaps by rule (reads): for each guideline section and statute provision cited by the questions
as served, the share of wrong answers to those questions, per unit — the jurists' heat map.

A cell is a unit's subtree (a child of the chosen unit, or a top unit); the share wrong is
``1 − facility`` pooled over every scored answer to a question citing the rule, partial credit
counted as partly right. It is read from the item analysis's running sums (``ItemTotal``), so
the whole table is four queries whatever the number of units, answers or rules: the sums per
question, revision and unit; the newest snapshots (what each revision cited); the units; the
sections and provisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Max, Q, Sum

from guidelines.models import GuidelineSection, StatuteProvision
from people.models import OrgUnit

from .models import AttemptQuestion, ItemTotal, QuizPage

#: Shade steps of the heat map: a share wrong at or above each bound gets the next shade.
SHADE_BOUNDS = (0.1, 0.2, 0.35, 0.5)
#: Fewer answers than this in a cell: shown, but not shaded (too few to say anything).
MIN_ANSWERS = 5


@dataclass
class Cell:
    answers: int = 0
    right: float = 0.0  # Σ item fraction

    @property
    def wrong_share(self) -> float | None:
        return None if not self.answers else 1 - self.right / self.answers

    @property
    def wrong_percent(self) -> float | None:
        share = self.wrong_share
        return None if share is None else round(100 * share, 1)

    @property
    def shade(self) -> int:
        """0 (no data or too few answers) to 5 (half or more wrong)."""
        share = self.wrong_share
        if share is None or self.answers < MIN_ANSWERS:
            return 0
        return 1 + sum(share >= bound for bound in SHADE_BOUNDS)

    def add(self, answers: int, right: float) -> None:
        self.answers += answers
        self.right += right


@dataclass
class RuleRow:
    kind: str  # "section" or "provision"
    pk: int
    key: str
    title: str
    source: str
    questions: set[int] = field(default_factory=set)
    cells: dict[int, Cell] = field(default_factory=dict)  # column unit id → cell
    total: Cell = field(default_factory=Cell)

    def cell_list(self, columns: list[OrgUnit]) -> list[tuple[OrgUnit, Cell]]:
        return [(unit, self.cells.get(unit.pk, Cell())) for unit in columns]


@dataclass
class GapTable:
    columns: list[OrgUnit]
    rows: list[RuleRow]


def _columns(parent: OrgUnit | None) -> list[OrgUnit]:
    if parent is not None:
        children = list(parent.get_children().order_by("name"))
        return children or [parent]
    return list(OrgUnit.get_root_nodes().order_by("name"))


def gaps_by_rule(*, parent: OrgUnit | None = None, quiz: QuizPage | None = None) -> GapTable:
    """The heat map's rows (rules, most wrong first) and columns (units)."""
    columns = _columns(parent)
    where = Q(quiz_key=quiz.pk) if quiz is not None else Q()
    sums = list(
        ItemTotal.objects.filter(where)
        .values("question_id", "revision_key", "unit_key")
        .annotate(n=Sum("n"), sx=Sum("sx"), newest=Max("newest"))
        .order_by()
    )
    newest: dict[tuple[int, int], int] = {}
    for row in sums:
        key = (row["question_id"], row["revision_key"])
        newest[key] = max(newest.get(key, 0), row["newest"])
    snapshots = dict(
        AttemptQuestion.objects.filter(pk__in=set(newest.values())).values_list("pk", "snapshot")
    )
    cited = {
        key: [
            (kind, pk)
            for ref in (snapshots.get(item) or {}).get("citations") or []
            for kind, pk in ref.items()
        ]
        for key, item in newest.items()
    }
    paths = dict(
        OrgUnit.objects.filter(pk__in={r["unit_key"] for r in sums}).values_list("pk", "path")
    )
    column_of: dict[int, int | None] = {
        unit_id: next((c.pk for c in columns if path.startswith(c.path)), None)
        for unit_id, path in paths.items()
    }
    rules: dict[tuple[str, int], RuleRow] = {}
    for row in sums:
        refs = cited.get((row["question_id"], row["revision_key"]), [])
        column = column_of.get(row["unit_key"])
        if column is None and parent is not None:
            continue  # answered outside the chosen unit
        for ref in refs:
            rule = rules.get(ref)
            if rule is None:
                rule = rules[ref] = RuleRow(kind=ref[0], pk=ref[1], key="", title="", source="")
            rule.questions.add(row["question_id"])
            rule.total.add(row["n"], row["sx"])
            if column is not None:
                rule.cells.setdefault(column, Cell()).add(row["n"], row["sx"])
    _label(rules)
    rows = [r for r in rules.values() if r.key]
    rows.sort(key=lambda r: (-(r.total.wrong_share or 0), r.key))
    return GapTable(columns=columns, rows=rows)


def _label(rules: dict[tuple[str, int], RuleRow]) -> None:
    """Key, title and source of each rule (two queries); a rule since deleted keeps no key."""
    section_ids = [pk for kind, pk in rules if kind == "section"]
    for s in GuidelineSection.objects.filter(pk__in=section_ids).select_related("page"):
        rule = rules[("section", s.pk)]
        rule.key, rule.title, rule.source = s.key, s.heading, s.page.title
    provision_ids = [pk for kind, pk in rules if kind == "provision"]
    for p in StatuteProvision.objects.filter(pk__in=provision_ids):
        rule = rules[("provision", p.pk)]
        rule.key, rule.title, rule.source = p.reference, p.title, p.act


def rule_question_ids(*, kind: str, pk: int, quiz: QuizPage | None = None) -> set[int]:
    """The questions that cited the rule as served (in the running sums' newest snapshots)."""
    where = Q(quiz_key=quiz.pk) if quiz is not None else Q()
    newest = (
        ItemTotal.objects.filter(where)
        .values("question_id", "revision_key")
        .annotate(item=Max("newest"))
        .values_list("question_id", "item")
    )
    items = dict(newest)
    found = set()
    for question_id, snapshot in AttemptQuestion.objects.filter(
        pk__in=set(items.values())
    ).values_list("question_id", "snapshot"):
        refs = (snapshot or {}).get("citations") or []
        if any(ref.get(kind) == pk for ref in refs):
            found.add(question_id)
    return found
