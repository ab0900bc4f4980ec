"""Item analysis (reads): how hard each question is, whether it tells the stronger learners from
the weaker ones, and which choices people pick; per question of a quiz and per cited guideline
section or statute provision.

- **facility**: the mean score fraction of the item (``AttemptQuestion.points``, 0–1), so a
  partly right answer counts with its partial credit;
- **discrimination**: Pearson's r between the item's fraction and the rest of the test, i.e.
  the attempt's weighted score minus this item, as a fraction of the points left
  (``(score − w·x) / (max_score − w)``, ``w`` the weight frozen in the snapshot);
- **distribution**: for every choice served, how many chose it.

Only closed attempts count (graded or expired), and every scored item of them: a question left
blank scores 0 and counts, as in the attempt's own score.

The sums the figures are made of (n, Σx, Σx², and over the pairs Σx, Σy, Σxy, Σx², Σy²) are
kept as attempts are graded (``quizzes.item_totals``), per question, quiz, unit, revision and
set of chosen choices; a report adds up the few hundred rows it selects in one ``GROUP BY``,
Python folds them per question and expands each set into per-choice counts (never a row per
attempt). A second query reads the newest snapshots, which say what each revision served and
cited. Sums add up, so the per-citation figures are the per-question sums folded over the
questions citing a section: facility and discrimination are **pooled** over every answer to
those questions (not an average of the questions' figures), and with no quiz chosen the same
pooling runs over all quizzes, each item against the rest of its own attempt. A unit's figures
are those of the answers given while the person belonged to its subtree.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from guidelines.models import GuidelineSection, StatuteProvision
from people.models import OrgUnit

from .item_totals import SUMS, chosen_ids, totals_for
from .models import AttemptQuestion, ItemTotal, Question

if TYPE_CHECKING:
    from .models import QuizPage

#: Facility above this: nearly everyone gets it right, so it tells nobody apart.
TOO_EASY = 0.95
#: Facility below this: nearly everyone gets it wrong (a wrong key, or a rule not taught).
TOO_HARD = 0.2


# --- Pure arithmetic on the sums -----------------------------------------------------------


@dataclass
class Sums:
    """What the database adds up for a group of scored items. Adding two ``Sums`` gives the
    figures of the two groups together (used to fold revisions and questions)."""

    n: int = 0  # scored items
    blank: int = 0  # of which left unanswered (scored 0)
    sx: float = 0.0  # Σ item fraction
    pairs: int = 0  # items with a rest of the test (the attempt had other points)
    px: float = 0.0
    py: float = 0.0
    pxx: float = 0.0
    pyy: float = 0.0
    pxy: float = 0.0

    def __add__(self, other: Sums) -> Sums:
        return Sums(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def facility(self) -> float | None:
        return self.sx / self.n if self.n else None

    @property
    def discrimination(self) -> float | None:
        return pearson(
            n=self.pairs, sx=self.px, sy=self.py, sxx=self.pxx, syy=self.pyy, sxy=self.pxy
        )


def pearson(*, n: int, sx: float, sy: float, sxx: float, syy: float, sxy: float) -> float | None:
    """Pearson's r from the sums of x, y, x², y² and xy over ``n`` pairs; ``None`` when it is
    undefined (fewer than two pairs, or x or y the same in every pair)."""
    if n < 2:
        return None
    var_x = n * sxx - sx * sx
    var_y = n * syy - sy * sy
    # Sums of floats leave a tiny remainder where the true variance is 0.
    if var_x <= 1e-9 * max(1.0, n * sxx) or var_y <= 1e-9 * max(1.0, n * syy):
        return None
    r = (n * sxy - sx * sy) / math.sqrt(var_x * var_y)
    return max(-1.0, min(1.0, r))


def item_warnings(*, facility: float | None, discrimination: float | None) -> list[str]:
    """The Danish warnings for an item's figures (empty when it looks sound)."""
    warnings = []
    if facility is not None and facility > TOO_EASY:
        warnings.append(_("for let"))
    if facility is not None and facility < TOO_HARD:
        warnings.append(_("for svær"))
    if discrimination is not None and discrimination < 0:
        warnings.append(_("skiller forkert"))
    return warnings


class Figures:
    """Facility, discrimination and warnings of something with ``sums``."""

    sums: Sums

    @property
    def answers(self) -> int:
        return self.sums.n

    @property
    def blank(self) -> int:
        return self.sums.blank

    @property
    def facility(self) -> float | None:
        return self.sums.facility

    @property
    def facility_percent(self) -> float | None:
        facility = self.facility
        return None if facility is None else round(100 * facility, 1)

    @property
    def wrong_percent(self) -> float | None:
        """100 − facility: the share of the points not scored, partial credit counted."""
        facility = self.facility
        return None if facility is None else round(100 * (1 - facility), 1)

    @property
    def discrimination(self) -> float | None:
        return self.sums.discrimination

    @property
    def discrimination_rounded(self) -> float | None:
        r = self.discrimination
        return None if r is None else round(r, 2)

    @property
    def warnings(self) -> list[str]:
        return item_warnings(facility=self.facility, discrimination=self.discrimination)

    @property
    def warning(self) -> str:
        return "; ".join(self.warnings)


@dataclass
class ChoiceStat:
    id: str
    text: str
    group: str  # "choice", "outcome" or "basis"
    correct: bool
    chosen: int = 0
    share: float = 0.0  # of the answered items, in per cent


@dataclass
class ItemStat(Figures):
    question_id: int
    text: str
    category: str
    kind: str
    sums: Sums = field(default_factory=Sums)
    choices: list[ChoiceStat] = field(default_factory=list)

    @property
    def distribution(self) -> str:
        """The choices as one line for exports: ``text (✓): chosen``."""
        return "; ".join(f"{c.text}{' (✓)' if c.correct else ''}: {c.chosen}" for c in self.choices)


@dataclass
class CitationItemStat(Figures):
    kind: str  # "section" or "provision"
    key: str
    title: str
    source: str
    questions: int = 0
    sums: Sums = field(default_factory=Sums)


# --- Queries --------------------------------------------------------------------------------


def _where(
    *,
    quiz: QuizPage | None = None,
    unit: OrgUnit | None = None,
    question_id: int | None = None,
    question_ids: Iterable[int] | None = None,
) -> Q:
    """The running sums of one quiz (or all), people of ``unit``'s subtree and one question
    (or some)."""
    unit_ids = None
    if unit is not None:
        unit_ids = OrgUnit.objects.filter(path__startswith=unit.path).values("pk")
    where = totals_for(
        quiz_id=None if quiz is None else quiz.pk, unit_ids=unit_ids, question_id=question_id
    )
    return where if question_ids is None else where & Q(question_id__in=list(question_ids))


@dataclass
class _Group:
    """One (question, revision) of the sums: its sums, how often each choice was chosen, and
    the snapshot of its newest item (what that revision served and cited)."""

    question_id: int
    sums: Sums = field(default_factory=Sums)
    chosen: dict[str, int] = field(default_factory=dict)
    newest: int = 0
    snapshot: dict[str, Any] = field(default_factory=dict)


def _groups(where: Q) -> list[_Group]:
    """The running sums per question, revision and set of chosen choices, added up over the
    quizzes and units ``where`` selects in one query, folded per question and revision; and one
    query for the newest item of each."""
    rows = (
        ItemTotal.objects.filter(where)
        .values("question_id", "revision_key", "chosen")
        .annotate(**{name: Sum(name) for name in SUMS}, newest_item=Max("newest"))
        .order_by()
    )
    groups: dict[tuple[int, int], _Group] = {}
    for row in rows:
        if not row["n"]:
            continue
        key = (row["question_id"], row["revision_key"])
        group = groups.setdefault(key, _Group(question_id=row["question_id"]))
        group.sums += Sums(**{name: row[name] or 0 for name in SUMS})
        for choice in chosen_ids(row["chosen"]):
            group.chosen[choice] = group.chosen.get(choice, 0) + row["n"]
        group.newest = max(group.newest, row["newest_item"])
    snapshots = dict(
        AttemptQuestion.objects.filter(pk__in=[g.newest for g in groups.values()]).values_list(
            "pk", "snapshot"
        )
    )
    for group in groups.values():
        group.snapshot = snapshots.get(group.newest) or {}
    return list(groups.values())


def _choices(groups: list[_Group], *, answered: int) -> list[ChoiceStat]:
    """Every choice served for the question in any revision (newest text and key win), with how
    many chose it; a choice nobody chose is listed with 0."""
    served: dict[str, ChoiceStat] = {}
    chosen: dict[str, int] = {}
    for group in sorted(groups, key=lambda g: g.newest):
        correct = set(group.snapshot.get("correct") or [])
        for choice in group.snapshot.get("choices") or []:
            served[choice["id"]] = ChoiceStat(
                id=choice["id"],
                text=choice["text"],
                group=choice["group"],
                correct=choice["id"] in correct,
            )
        for choice_id, count in group.chosen.items():
            chosen[choice_id] = chosen.get(choice_id, 0) + count
    for choice_id in chosen:
        if choice_id not in served:
            served[choice_id] = ChoiceStat(
                id=choice_id, text=_("(svarmulighed findes ikke længere)"), group="", correct=False
            )
    for choice in served.values():
        choice.chosen = chosen.get(choice.id, 0)
        choice.share = round(100 * choice.chosen / answered, 1) if answered else 0.0
    # Served orders are shuffled per attempt: list outcomes before bases, the right choice
    # first, then the distractors by how often they were chosen.
    order = {"outcome": 0, "choice": 0, "basis": 1}
    return sorted(
        served.values(), key=lambda c: (order.get(c.group, 2), not c.correct, -c.chosen, c.text)
    )


def item_analysis(
    *,
    quiz: QuizPage | None = None,
    unit: OrgUnit | None = None,
    question_id: int | None = None,
    question_ids: Iterable[int] | None = None,
) -> list[ItemStat]:
    """Per question (of ``quiz``, or pooled over all quizzes): answers, facility,
    discrimination, warnings and the distribution over every choice; hardest first. Three
    queries (the aggregate, the newest snapshots, the questions)."""
    by_question: dict[int, list[_Group]] = defaultdict(list)
    where = _where(quiz=quiz, unit=unit, question_id=question_id, question_ids=question_ids)
    for group in _groups(where):
        by_question[group.question_id].append(group)
    if not by_question:
        return []
    questions = Question.objects.filter(pk__in=by_question).select_related("category")
    result = []
    for question in questions:
        groups = by_question[question.pk]
        sums = sum((g.sums for g in groups), Sums())
        newest = max(groups, key=lambda g: g.newest)
        result.append(
            ItemStat(
                question_id=question.pk,
                text=newest.snapshot.get("text") or question.text,
                category=str(question.category),
                kind=question.kind,
                sums=sums,
                choices=_choices(groups, answered=sums.n - sums.blank),
            )
        )
    return sorted(result, key=lambda s: (s.facility if s.facility is not None else 2, s.text))


def citation_analysis(
    *, quiz: QuizPage | None = None, unit: OrgUnit | None = None
) -> list[CitationItemStat]:
    """Per guideline section and statute provision cited by the questions as served: the
    figures pooled over every answer to a question citing it; hardest first. Four queries."""
    sums: dict[tuple[str, int], Sums] = defaultdict(Sums)
    questions: dict[tuple[str, int], set[int]] = defaultdict(set)
    for group in _groups(_where(quiz=quiz, unit=unit)):
        for ref in group.snapshot.get("citations") or []:
            for kind, pk in ref.items():
                sums[(kind, pk)] += group.sums
                questions[(kind, pk)].add(group.question_id)
    result = []
    section_ids = [pk for kind, pk in sums if kind == "section"]
    for s in GuidelineSection.objects.filter(pk__in=section_ids).select_related("page"):
        ref = ("section", s.pk)
        result.append(
            CitationItemStat(
                kind="section",
                key=s.key,
                title=s.heading,
                source=s.page.title,
                questions=len(questions[ref]),
                sums=sums[ref],
            )
        )
    provision_ids = [pk for kind, pk in sums if kind == "provision"]
    for p in StatuteProvision.objects.filter(pk__in=provision_ids):
        ref = ("provision", p.pk)
        result.append(
            CitationItemStat(
                kind="provision",
                key=p.key,
                title=p.title,
                source=p.reference,
                questions=len(questions[ref]),
                sums=sums[ref],
            )
        )
    return sorted(result, key=lambda s: (s.facility if s.facility is not None else 2, s.key))


@dataclass
class ThemeStat(Figures):
    """The answers to questions citing one act (its abbreviation) or one guideline (its title)."""

    theme: str
    questions: int = 0
    sums: Sums = field(default_factory=Sums)


def theme_analysis(*, unit: OrgUnit | None = None) -> list[ThemeStat]:
    """Per legal theme (the cited act's abbreviation, or the guideline's title) the figures
    pooled over every answer to a question citing it, each answer counted once per theme
    however many of its provisions the question cites; hardest first. Four queries."""
    groups = _groups(_where(unit=unit))
    provision_ids, section_ids = set(), set()
    for group in groups:
        for ref in group.snapshot.get("citations") or []:
            provision_ids.update(pk for kind, pk in ref.items() if kind == "provision")
            section_ids.update(pk for kind, pk in ref.items() if kind == "section")
    acts = dict(
        StatuteProvision.objects.filter(pk__in=provision_ids).values_list("pk", "act_short")
    )
    guidelines = dict(
        GuidelineSection.objects.filter(pk__in=section_ids).values_list("pk", "page__title")
    )
    stats: dict[str, ThemeStat] = {}
    questions: dict[str, set[int]] = defaultdict(set)
    for group in groups:
        themes = set()
        for ref in group.snapshot.get("citations") or []:
            for kind, pk in ref.items():
                theme = acts.get(pk) if kind == "provision" else guidelines.get(pk)
                if theme:
                    themes.add(theme)
        for theme in themes:
            stat = stats.setdefault(theme, ThemeStat(theme=theme))
            stat.sums += group.sums
            questions[theme].add(group.question_id)
    for theme, stat in stats.items():
        stat.questions = len(questions[theme])
    return sorted(
        stats.values(), key=lambda s: (s.facility if s.facility is not None else 2, s.theme)
    )
