"""The figures of the status report, each added up by the database (never per person in
Python): compliance's materialised counts (``StatusCount``), grouped aggregates over the
cycles whose deadline fell in the period, the quiz items' running sums, and the findings.

Each selector takes the unit whose subtree the report covers and the period (both ends
included) and returns plain rows; ``statusreport.build`` turns them into the report's text."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import Substr

from compliance.models import OPEN_STATUSES, Assignment, Requirement, Status, StatusCount
from courses.models import CoursePage, CourseRun, StepCompletion
from findings.models import Finding
from findings.selectors import (
    FollowUp,
    SourceThemeRow,
    findings_by_source_and_theme,
    findings_in,
    followups_for,
)
from guidelines.models import GuidelineChange
from people.models import OrgUnit, User
from quizzes.item_analysis import ThemeStat, theme_analysis
from quizzes.item_totals import COUNTED
from quizzes.models import Attempt

#: The course families whose requirements are the mandatory courses for new staff.
MANDATORY = (CoursePage.Family.ONBOARDING, CoursePage.Family.MANAGER)


def _share(part: int, whole: int) -> float | None:
    return None if not whole else 100.0 * part / whole


@dataclass
class DeadlineRow:
    """The cycles of one mandatory requirement whose deadline fell in the period."""

    requirement: str
    due: int = 0
    in_time: int = 0
    late: int = 0
    open: int = 0
    exempt: int = 0
    #: Today's current cycles of the requirement in the subtree (the materialised counts).
    now_total: int = 0
    now_compliant: int = 0

    @property
    def in_time_share(self) -> float | None:
        return _share(self.in_time, self.due - self.exempt)

    @property
    def now_share(self) -> float | None:
        return _share(self.now_compliant, self.now_total)


def mandatory_deadlines(
    *, unit: OrgUnit, date_from: dt.date, date_to: dt.date
) -> list[DeadlineRow]:
    """Per active mandatory requirement (onboarding and manager courses): the cycles of people
    now in the subtree whose deadline fell in the period — completed by the deadline, after it,
    still open, exempted — and today's compliance from the materialised counts. Three queries."""
    requirements = list(
        Requirement.objects.filter(
            kind=Requirement.Kind.COURSE, is_active=True, course__family__in=MANDATORY
        ).order_by("course__family", "name")
    )
    if not requirements:
        return []
    rows = {r.pk: DeadlineRow(requirement=r.name) for r in requirements}
    completed = Q(status=Status.COMPLETED, completed_at__isnull=False)
    figures = (
        Assignment.objects.filter(
            requirement_id__in=list(rows),
            due_at__gte=date_from,
            due_at__lte=date_to,
            unit__path__startswith=unit.path,
        )
        .exclude(status=Status.SUPERSEDED)
        .values("requirement_id")
        .annotate(
            due=Count("pk"),
            in_time=Count("pk", filter=completed & Q(completed_at__date__lte=F("due_at"))),
            late=Count("pk", filter=completed & Q(completed_at__date__gt=F("due_at"))),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            exempt=Count("pk", filter=Q(status=Status.EXEMPT)),
        )
        .order_by()
    )
    for figure in figures:
        row = rows[figure.pop("requirement_id")]
        for name, value in figure.items():
            setattr(row, name, value)
    counts = StatusCount.objects.filter(unit=unit, requirement_id__in=list(rows)).values_list(
        "requirement_id", "status", "count"
    )
    for requirement_id, status, count in counts:
        if status == Status.SUPERSEDED:
            continue
        rows[requirement_id].now_total += count
        if status in (Status.COMPLETED, Status.EXEMPT):
            rows[requirement_id].now_compliant += count
    return list(rows.values())


@dataclass
class Participation:
    """Jura – Kort og Godt in the period, for the subtree or one of its child units."""

    name: str
    people: int = 0  # active people in the unit today
    participants: int = 0  # of whom completed at least one step in the period
    steps: int = 0
    courses_completed: int = 0

    @property
    def share(self) -> float | None:
        return _share(self.participants, self.people)


def short_course_participation(
    *, unit: OrgUnit, date_from: dt.date, date_to: dt.date
) -> tuple[Participation, list[Participation]]:
    """Jura – Kort og Godt (every course of that family): people of the subtree who completed
    a step of it in the period, the steps and the courses completed — for the subtree and per
    child unit. Five queries."""
    depth = len(unit.path) + OrgUnit.steplen
    children = list(unit.get_children().values_list("path", "name"))
    people = User.objects.filter(is_active=True, org_unit__path__startswith=unit.path)
    steps = StepCompletion.objects.filter(
        run__course__family=CoursePage.Family.SHORT,
        completed_at__date__gte=date_from,
        completed_at__date__lte=date_to,
        run__user__org_unit__path__startswith=unit.path,
    )
    runs = CourseRun.objects.filter(
        course__family=CoursePage.Family.SHORT,
        completed_at__date__gte=date_from,
        completed_at__date__lte=date_to,
        user__org_unit__path__startswith=unit.path,
    )
    whole = Participation(
        name=unit.name,
        people=people.count(),
        courses_completed=runs.count(),
        **steps.aggregate(participants=Count("run__user", distinct=True), steps=Count("pk")),
    )
    per_child = {path: Participation(name=name) for path, name in children}
    for path, n in (
        people.annotate(child=Substr("org_unit__path", 1, depth))
        .values_list("child")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if path in per_child:
            per_child[path].people = n
    for path, participants, n in (
        steps.annotate(child=Substr("run__user__org_unit__path", 1, depth))
        .values_list("child")
        .annotate(participants=Count("run__user", distinct=True), n=Count("pk"))
        .order_by()
    ):
        if path in per_child:
            per_child[path].participants, per_child[path].steps = participants, n
    return whole, [p for p in per_child.values() if p.people]


@dataclass
class QuizResults:
    themes: list[ThemeStat]
    attempts: int = 0  # closed in the period by people of the subtree
    passed: int = 0

    @property
    def pass_share(self) -> float | None:
        return _share(self.passed, self.attempts)


def quiz_results(*, unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> QuizResults:
    """Per legal theme the share of points scored on questions citing it (every answer to
    date: the running sums hold no dates), and the attempts closed in the period with how many
    passed. Five queries."""
    attempts = Attempt.objects.filter(
        state__in=COUNTED,
        submitted_at__date__gte=date_from,
        submitted_at__date__lte=date_to,
        closed_unit_id__in=OrgUnit.objects.filter(path__startswith=unit.path).values("pk"),
    ).aggregate(n=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
    return QuizResults(
        themes=theme_analysis(unit=unit), attempts=attempts["n"], passed=attempts["passed"]
    )


@dataclass
class FindingFigures:
    by_source_and_theme: list[SourceThemeRow]
    #: source label → number of findings (each finding once)
    by_source: dict[str, int] = field(default_factory=dict)
    #: severity → number of findings
    by_severity: dict[str, int] = field(default_factory=dict)
    followed_up: int = 0
    followup: FollowUp = field(default_factory=FollowUp)

    @property
    def total(self) -> int:
        return sum(self.by_source.values())


def finding_figures(*, unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> FindingFigures:
    """The findings concerning the subtree dated in the period: per source and theme, per
    source, per severity, and the state of their follow-up (compliance's materialised counts).
    About eight queries."""
    findings = findings_in(unit=unit, date_from=date_from, date_to=date_to)
    sources = dict(Finding.Source.choices)
    result = FindingFigures(
        by_source_and_theme=findings_by_source_and_theme(
            unit=unit, date_from=date_from, date_to=date_to
        )
    )
    for source, n in findings.values_list("source").annotate(n=Count("pk")).order_by():
        result.by_source[str(sources.get(source, source))] = n
    result.by_severity = dict(
        findings.values_list("severity").annotate(n=Count("pk")).order_by()  # type: ignore[arg-type]
    )
    followups = followups_for(finding_ids=findings.values_list("pk", flat=True))
    result.followed_up = len(followups)
    for follow in followups.values():
        result.followup.requirements += follow.requirements
        result.followup.total += follow.total
        result.followup.completed += follow.completed
        result.followup.overdue += follow.overdue
    return result


@dataclass
class ChangeRow:
    guideline: str
    changes: int = 0
    material: int = 0
    editorial: int = 0
    pending: int = 0


@dataclass
class RetrainingRow:
    """A targeted course assigned in the period (after a guideline change or a finding), with
    its cycles in the subtree today (the materialised counts)."""

    name: str
    from_finding: bool
    assigned_on: dt.date | None
    total: int = 0
    completed: int = 0
    overdue: int = 0

    @property
    def completed_share(self) -> float | None:
        return _share(self.completed, self.total)


def guideline_changes(*, date_from: dt.date, date_to: dt.date) -> list[ChangeRow]:
    """The guidelines changed in the period (a published revision that changed sections), with
    how the changes were decided. One query."""
    kinds = GuidelineChange.Kind
    rows = (
        GuidelineChange.objects.filter(
            published_at__date__gte=date_from, published_at__date__lte=date_to
        )
        .values_list("page__title")
        .annotate(
            n=Count("pk"),
            material=Count("pk", filter=Q(kind=kinds.MATERIAL)),
            editorial=Count("pk", filter=Q(kind=kinds.EDITORIAL)),
            pending=Count("pk", filter=Q(kind=kinds.PENDING)),
        )
        .order_by("page__title")
    )
    return [
        ChangeRow(guideline=title, changes=n, material=m, editorial=e, pending=p)
        for title, n, m, e, p in rows
    ]


def retraining_done(*, unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> list[RetrainingRow]:
    """Every re-training course (family "genopfriskning") assigned in the period, whether a
    finding asked for it, and its state in the subtree today. Three queries."""
    requirements = list(
        Requirement.objects.filter(
            course__family=CoursePage.Family.RETRAINING,
            applies_from__gte=date_from,
            applies_from__lte=date_to,
        )
        .order_by("applies_from", "name")
        .values_list("pk", "name", "applies_from")
    )
    if not requirements:
        return []
    ids = [pk for pk, _name, _day in requirements]
    from_findings = set(
        Finding.requirements.through.objects.filter(requirement_id__in=ids).values_list(
            "requirement_id", flat=True
        )
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for requirement_id, status, count in StatusCount.objects.filter(
        unit=unit, requirement_id__in=ids
    ).values_list("requirement_id", "status", "count"):
        counts[requirement_id][status] = count
    rows = []
    for pk, name, day in requirements:
        figures = counts.get(pk, {})
        total = sum(n for status, n in figures.items() if status != Status.SUPERSEDED)
        if not total:
            continue  # nobody in this subtree was assigned it
        rows.append(
            RetrainingRow(
                name=name,
                from_finding=pk in from_findings,
                assigned_on=day,
                total=total,
                completed=figures.get(Status.COMPLETED, 0),
                overdue=figures.get(Status.OVERDUE, 0),
            )
        )
    return rows
