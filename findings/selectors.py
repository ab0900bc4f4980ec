"""Reads of findings: "Jura i praksis" (findings, training and quiz results side by side per
provision and guideline section, for a period and a unit subtree), findings per source and theme
for a period, and the follow-up status of findings' targeted requirements.

Every selector runs a fixed number of queries, whatever the number of findings, people or rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Min, QuerySet
from django.utils.translation import gettext as _

from compliance.models import Status, StatusCount
from courses.models import CourseRun, LessonPage, StepCompletion
from guidelines.models import Citation, GuidelineSection, StatuteProvision
from people.models import OrgUnit, User
from quizzes.item_analysis import citation_analysis

from .models import Finding, FindingCitation

#: A cited target: ("provision", pk) or ("section", pk).
Target = tuple[str, int]
SEVERITIES = tuple(Finding.Severity.values)
#: The period of the managers' panel on /mit-team/: the last twelve months.
DEFAULT_PANEL_DAYS = 365


@dataclass
class PracticeRow:
    """One provision or guideline section: its findings by severity in the period and subtree,
    the share of the subtree's active people trained in it, and the quiz facility on it."""

    kind: str
    pk: int
    key: str
    reference: str
    title: str
    findings: dict[str, int] = field(default_factory=dict)
    people: int = 0
    trained: int = 0
    facility: float | None = None
    answers: int = 0

    @property
    def target(self) -> str:
        return f"{self.kind}-{self.pk}"

    @property
    def findings_total(self) -> int:
        return sum(self.findings.values())

    @property
    def kritik(self) -> int:
        return self.findings.get(Finding.Severity.KRITIK, 0)

    @property
    def henstilling(self) -> int:
        return self.findings.get(Finding.Severity.HENSTILLING, 0)

    @property
    def bemaerkning(self) -> int:
        return self.findings.get(Finding.Severity.BEMAERKNING, 0)

    @property
    def trained_share(self) -> float | None:
        """Trained people as a share (0–1) of the subtree's active people; None without people."""
        return self.trained / self.people if self.people else None

    @property
    def trained_percent(self) -> float | None:
        share = self.trained_share
        return None if share is None else round(100 * share, 1)

    @property
    def facility_percent(self) -> float | None:
        return None if self.facility is None else round(100 * self.facility, 1)

    def sort_key(self) -> tuple:
        """Findings high, training low: most findings (then the gravest) first; among equals the
        least trained, then the lowest quiz facility."""
        return (
            -self.findings_total,
            -self.kritik,
            -self.henstilling,
            self.trained_share if self.trained_share is not None else 2.0,
            self.facility if self.facility is not None else 2.0,
            self.reference,
        )


def findings_in(
    *, unit: OrgUnit | None, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> QuerySet[Finding]:
    """The findings concerning a unit of ``unit``'s subtree (all units when None), dated in the
    period (both ends included). A queryset: no query until evaluated."""
    findings = Finding.objects.all()
    if unit is not None:
        findings = findings.filter(
            pk__in=Finding.units.through.objects.filter(orgunit__path__startswith=unit.path).values(
                "finding_id"
            )
        )
    if date_from is not None:
        findings = findings.filter(found_on__gte=date_from)
    if date_to is not None:
        findings = findings.filter(found_on__lte=date_to)
    return findings


def _finding_counts(findings: QuerySet[Finding]) -> dict[Target, dict[str, int]]:
    """(kind, pk) → severity → number of findings citing it. One query."""
    rows = (
        FindingCitation.objects.filter(finding__in=findings)
        .values_list("provision_id", "section_id", "finding__severity")
        .annotate(n=Count("finding_id", distinct=True))
        .order_by()
    )
    counts: dict[Target, dict[str, int]] = defaultdict(dict)
    for provision_id, section_id, severity, n in rows:
        target = ("provision", provision_id) if provision_id else ("section", section_id)
        counts[target][severity] = counts[target].get(severity, 0) + n
    return counts


def _people_in(unit: OrgUnit | None) -> QuerySet[User]:
    people = User.objects.filter(is_active=True, org_unit__isnull=False)
    return people if unit is None else people.filter(org_unit__path__startswith=unit.path)


def _trained_counts(unit: OrgUnit | None) -> dict[Target, int]:
    """(kind, pk) → active people of the subtree who completed the *current* revision of a live
    lesson citing it (the revision the citation index holds). One query."""
    citation = Citation._meta.db_table
    completion = StepCompletion._meta.db_table
    run = CourseRun._meta.db_table
    person = User._meta.db_table
    org_unit = OrgUnit._meta.db_table
    lesson_type = ContentType.objects.get_for_model(LessonPage).pk
    params: list = [lesson_type, True]
    where_unit = ""
    if unit is not None:
        where_unit = " AND o.path LIKE %s"
        params.append(unit.path + "%")
    # Every name in the statement is one of our own tables; values are bound.
    sql = (
        "SELECT c.provision_id, c.section_id, COUNT(DISTINCT r.user_id) "  # noqa: S608
        f"FROM {citation} c "
        f"JOIN {completion} s ON s.page_id = c.source_object_id "
        "AND s.revision_id = c.source_revision_id "
        f"JOIN {run} r ON r.id = s.run_id "
        f"JOIN {person} u ON u.id = r.user_id "
        f"JOIN {org_unit} o ON o.id = u.org_unit_id "
        "WHERE c.source_content_type_id = %s AND u.is_active = %s" + where_unit + " "
        "GROUP BY c.provision_id, c.section_id"
    )
    trained: dict[Target, int] = defaultdict(int)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for provision_id, section_id, n in cursor.fetchall():
            if provision_id:
                trained[("provision", provision_id)] += n
            elif section_id:
                trained[("section", section_id)] += n
    return trained


def practice_rows(
    *,
    unit: OrgUnit | None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    targets: Iterable[Target] | None = None,
) -> list[PracticeRow]:
    """ "Jura i praksis": a row per provision and section with at least one finding in the
    period and subtree (or exactly ``targets``), sorted findings high, training low.

    About ten queries: the findings' counts, the subtree's active people, the trained per
    target, the quiz sums (``quizzes.item_analysis.citation_analysis``, four) and the names."""
    counts = _finding_counts(findings_in(unit=unit, date_from=date_from, date_to=date_to))
    wanted = set(counts) if targets is None else set(targets)
    if not wanted:
        return []
    people = _people_in(unit).count()
    trained = _trained_counts(unit)
    quiz = {(stat.kind, stat.key): stat for stat in citation_analysis(unit=unit)}
    rows: list[PracticeRow] = []
    provision_ids = [pk for kind, pk in wanted if kind == "provision"]
    for p in StatuteProvision.objects.filter(pk__in=provision_ids):
        rows.append(
            PracticeRow(kind="provision", pk=p.pk, key=p.key, reference=p.reference, title=p.title)
        )
    section_ids = [pk for kind, pk in wanted if kind == "section"]
    for s in GuidelineSection.objects.filter(pk__in=section_ids).select_related("page"):
        rows.append(
            PracticeRow(
                kind="section",
                pk=s.pk,
                key=s.key,
                reference=_("%(key)s (%(guideline)s)") % {"key": s.key, "guideline": s.page.title},
                title=s.heading,
            )
        )
    for row in rows:
        row.findings = counts.get((row.kind, row.pk), {})
        row.people = people
        row.trained = trained.get((row.kind, row.pk), 0)
        stat = quiz.get((row.kind, row.key))
        if stat is not None:
            row.facility = stat.sums.facility
            row.answers = stat.sums.n
    return sorted(rows, key=PracticeRow.sort_key)


@dataclass
class SourceThemeRow:
    """Findings of one source citing one act (or guideline), by severity."""

    source: str
    source_label: str
    theme: str
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.findings.values())


def findings_by_source_and_theme(
    *, unit: OrgUnit | None, date_from: dt.date | None, date_to: dt.date | None
) -> list[SourceThemeRow]:
    """Per source and theme (the cited act's abbreviation, or the guideline's title): findings by
    severity, a finding counted once per theme. Two queries (for the status report too)."""
    findings = findings_in(unit=unit, date_from=date_from, date_to=date_to)
    rows = (
        FindingCitation.objects.filter(finding__in=findings)
        .values_list(
            "finding__source", "provision__act_short", "section__page__title", "finding__severity"
        )
        .annotate(n=Count("finding_id", distinct=True))
        .order_by()
    )
    labels = dict(Finding.Source.choices)
    table: dict[tuple[str, str], SourceThemeRow] = {}
    for source, act, guideline, severity, n in rows:
        theme = act or guideline or "–"
        row = table.setdefault(
            (source, theme),
            SourceThemeRow(
                source=source, source_label=str(labels.get(source, source)), theme=theme
            ),
        )
        row.findings[severity] = row.findings.get(severity, 0) + n
    return sorted(table.values(), key=lambda r: (r.source_label, -r.total, r.theme))


@dataclass
class FollowUp:
    """The state of the targeted requirements made from a finding (materialised counts)."""

    requirements: int = 0
    total: int = 0
    completed: int = 0
    overdue: int = 0

    def __str__(self) -> str:
        if not self.requirements:
            return _("Ingen opfølgning")
        return _("%(done)d af %(total)d gennemført, %(overdue)d overskredet") % {
            "done": self.completed,
            "total": self.total,
            "overdue": self.overdue,
        }


def followups_for(*, finding_ids: Iterable[int]) -> dict[int, FollowUp]:
    """finding id → FollowUp, read from compliance's materialised counts at the top unit each
    requirement reaches (every assignment of a targeted requirement lies in that subtree, so
    any ancestor holds the same figures). Three queries."""
    links = list(
        Finding.requirements.through.objects.filter(finding_id__in=list(finding_ids)).values_list(
            "finding_id", "requirement_id"
        )
    )
    requirement_ids = {r for _f, r in links}
    if not requirement_ids:
        return {}
    top = dict(
        StatusCount.objects.filter(requirement_id__in=requirement_ids)
        .values_list("requirement_id")
        .annotate(depth=Min("depth"))
        .order_by()
    )
    per_requirement: dict[int, dict[str, int]] = defaultdict(dict)
    rows = StatusCount.objects.filter(requirement_id__in=requirement_ids).values_list(
        "requirement_id", "depth", "unit_id", "status", "count"
    )
    seen_unit: dict[int, int] = {}
    for requirement_id, depth, unit_id, status, count in rows.order_by("unit_id"):
        if depth != top.get(requirement_id):
            continue
        # several units may share the top depth (a root with no subtree assigned): keep one
        if seen_unit.setdefault(requirement_id, unit_id) != unit_id:
            continue
        per_requirement[requirement_id][status] = count
    result: dict[int, FollowUp] = {}
    for finding_id, requirement_id in links:
        follow = result.setdefault(finding_id, FollowUp())
        counts = per_requirement.get(requirement_id, {})
        follow.requirements += 1
        follow.total += sum(n for s, n in counts.items() if s != Status.SUPERSEDED)
        follow.completed += counts.get(Status.COMPLETED, 0)
        follow.overdue += counts.get(Status.OVERDUE, 0)
    return result
