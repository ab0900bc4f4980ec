"""Writes of findings: the rules a finding must meet (one place, used by the admin form and the
CSV import), the citation index rebuilt on save, the all-or-nothing bulk entry, and the targeted
requirement ("opfølgning") made from one or more findings."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models import Assignment, Requirement
from compliance.retraining import retraining_course_assign
from compliance.services import audience_people
from courses.models import CourseIndexPage, CoursePage, LessonPage
from guidelines.models import Citation, GuidelineSection, StatuteProvision
from guidelines.services import citations_from_stream
from people.models import OrgUnit, User
from people.scope import unit_visible
from quizzes.models import Question

from .cpr import cpr_like_count
from .models import Finding, FindingCitation
from .selectors import Target

logger = logging.getLogger(__name__)

#: Questions at most in a follow-up's quiz.
FOLLOWUP_QUESTIONS = 10


class FindingRefused(Exception):
    """A finding or a follow-up cannot be written; ``message`` says why in Danish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def finding_problems(
    *,
    found_on: dt.date | None,
    units: Sequence[OrgUnit],
    targets: Sequence[Target],
    summary: str,
    by: User,
    today: dt.date | None = None,
) -> dict[str, str]:
    """The Danish problem per field (``found_on``, ``units``, ``citations``, ``summary``) of a
    finding as entered; empty when it may be saved. No queries beyond the author's unit. A
    CPR-like number is logged as counted, never echoed."""
    today = today or timezone.localdate()
    problems: dict[str, str] = {}
    if found_on is not None and found_on > today:
        problems["found_on"] = _("Datoen må ikke ligge i fremtiden.")
    if not units:
        problems["units"] = _("Vælg mindst én enhed.")
    else:
        outside = [u for u in units if not unit_visible(user=by, unit=u)]
        if outside:
            problems["units"] = _("Du kan ikke registrere fund for %(units)s.") % {
                "units": ", ".join(u.name for u in outside)
            }
    if not targets:
        problems["citations"] = _("Henvis til mindst én lovbestemmelse eller ét afsnit.")
    found = cpr_like_count(summary)
    if found:
        logger.warning("finding refused: cpr_like_numbers=%d user=%s", found, by.pk)
        problems["summary"] = _(
            "Resuméet ser ud til at indeholde et CPR-nummer. Fjern det – fund må ikke indeholde "
            "personoplysninger om borgere."
        )
    return problems


def targets_of_stream(value) -> list[Target]:
    """The provisions and sections a citations StreamField cites, in order. No queries."""
    return [
        ("provision", t.provision_id) if t.provision_id else ("section", t.section_id)  # type: ignore[misc]
        for t in citations_from_stream(value)
    ]


def finding_citations_index(*, finding: Finding) -> int:
    """Replace the finding's rows in the citation index with what its StreamField cites; returns
    the number of rows. Two queries."""
    targets = targets_of_stream(finding.citations)
    with transaction.atomic():
        FindingCitation.objects.filter(finding=finding).delete()
        FindingCitation.objects.bulk_create(
            [
                FindingCitation(
                    finding=finding,
                    provision_id=pk if kind == "provision" else None,
                    section_id=pk if kind == "section" else None,
                )
                for kind, pk in targets
            ]
        )
    return len(targets)


def citations_stream_data(targets: Iterable[Target]) -> list[dict]:
    """The raw StreamField data citing ``targets`` (for findings written by code)."""
    return [
        {
            "type": "citation",
            "value": {
                "section": pk if kind == "section" else None,
                "provision": pk if kind == "provision" else None,
                "note": "",
            },
        }
        for kind, pk in targets
    ]


@dataclass
class FindingDraft:
    """A finding as read from a file row, checked but not written."""

    line: int
    source: str
    found_on: dt.date
    severity: str
    summary: str
    reference: str = ""
    units: list[OrgUnit] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


def findings_create(*, drafts: Sequence[FindingDraft], by: User) -> list[Finding]:
    """Write checked drafts all at once (one transaction: all or nothing), with their units and
    citation index."""
    with transaction.atomic():
        findings = []
        for draft in drafts:
            finding = Finding.objects.create(
                source=draft.source,
                found_on=draft.found_on,
                severity=draft.severity,
                summary=draft.summary,
                reference=draft.reference,
                citations=citations_stream_data(draft.targets),
                created_by=by,
            )
            finding.units.set(draft.units)
            finding_citations_index(finding=finding)
            findings.append(finding)
    logger.info("findings created count=%d user=%s", len(findings), by.pk)
    return findings


# -- from finding to training --------------------------------------------------------------------


@dataclass
class FollowUpPlan:
    """What a targeted requirement from findings would hold and whom it would reach."""

    targets: list[Target]
    lessons: list[LessonPage] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    people: list[User] = field(default_factory=list)


def _citing(model, targets: Sequence[Target]):
    source_type = ContentType.objects.get_for_model(model)
    provisions = [pk for kind, pk in targets if kind == "provision"]
    sections = [pk for kind, pk in targets if kind == "section"]
    citations = Citation.objects.filter(source_content_type=source_type)
    from django.db.models import Q

    return citations.filter(Q(provision_id__in=provisions) | Q(section_id__in=sections)).values(
        "source_object_id"
    )


def followup_plan(
    *, targets: Sequence[Target], unit: OrgUnit, job_titles: Sequence[str] = ()
) -> FollowUpPlan:
    """The live lessons and questions citing ``targets`` (lessons already copied into a
    re-training course left out) and the active people of ``unit``'s subtree, those whose job
    title contains one of ``job_titles`` when any are given (as a requirement's audience).
    Five queries."""
    plan = FollowUpPlan(targets=list(targets))
    retraining_paths = list(
        CoursePage.objects.filter(family=CoursePage.Family.RETRAINING).values_list(
            "path", flat=True
        )
    )
    plan.lessons = [
        lesson
        for lesson in LessonPage.objects.live()
        .filter(pk__in=_citing(LessonPage, targets))
        .order_by("path")
        if not any(lesson.path.startswith(p) for p in retraining_paths)
    ]
    plan.questions = list(
        Question.objects.filter(live=True, pk__in=_citing(Question, targets)).order_by("pk")[
            :FOLLOWUP_QUESTIONS
        ]
    )
    plan.people = list(
        audience_people(unit_paths=[unit.path], job_titles=list(job_titles)).order_by(
            "last_name", "first_name", "pk"
        )
    )
    return plan


def target_label(targets: Sequence[Target]) -> str:
    """ "FVL § 19, stk. 1, AG-UDE-3" for ``targets`` (two queries)."""
    provisions = StatuteProvision.objects.in_bulk([pk for k, pk in targets if k == "provision"])
    sections = GuidelineSection.objects.in_bulk([pk for k, pk in targets if k == "section"])
    labels = []
    for kind, pk in targets:
        if kind == "provision" and pk in provisions:
            labels.append(provisions[pk].reference)
        elif kind == "section" and pk in sections:
            labels.append(sections[pk].key)
    return ", ".join(labels)


def followup_create(
    *,
    findings: Sequence[Finding],
    targets: Sequence[Target],
    unit: OrgUnit,
    due_days: int,
    by: User,
    title: str = "",
    job_titles: Sequence[str] = (),
) -> tuple[Requirement, list[Assignment]]:
    """A targeted requirement: the active people of ``unit``'s subtree (with one of
    ``job_titles``, when given) take copies of the lessons (and a quiz of the questions) citing
    ``targets`` within ``due_days``; linked back to the findings. Raises FindingRefused, writing nothing, when there are no findings or targets,
    the unit is outside the author's scope, nothing cites the targets or nobody is in the unit.
    """
    if not findings:
        raise FindingRefused(_("Vælg mindst ét fund."))
    if not targets:
        raise FindingRefused(_("Vælg mindst én bestemmelse eller ét afsnit."))
    if not unit_visible(user=by, unit=unit):
        raise FindingRefused(_("Enheden ligger uden for det, du har adgang til."))
    if not 1 <= due_days <= 365:
        raise FindingRefused(_("Fristen skal være mellem 1 og 365 dage."))
    titles = [t.strip().lower() for t in job_titles if t.strip()]
    plan = followup_plan(targets=targets, unit=unit, job_titles=titles)
    if not plan.lessons:
        raise FindingRefused(
            _("Ingen offentliggjorte lektioner henviser til de valgte bestemmelser eller afsnit.")
        )
    if not plan.people and titles:
        raise FindingRefused(
            _("Der er ingen aktive medarbejdere i enheden med de valgte stillingsbetegnelser.")
        )
    if not plan.people:
        raise FindingRefused(_("Der er ingen aktive medarbejdere i enheden."))
    index = CourseIndexPage.objects.first()
    if index is None:
        raise FindingRefused(_("Der er ingen kursusoversigt at oprette kurset i."))
    label = target_label(targets)
    title = (title or _("Opfølgning: %(targets)s") % {"targets": label})[:200]
    with transaction.atomic():
        requirement, assignments = retraining_course_assign(
            title=title,
            intro=_(
                "<p>En gennemgang af sagsbehandlingen har vist, at vi kan blive bedre til "
                "%(targets)s. Her er det, du skal kunne.</p>"
            )
            % {"targets": label},
            module_title=_("Det skal du kunne"),
            lessons=plan.lessons,
            questions=plan.questions,
            people=plan.people,
            due_at=timezone.localdate() + dt.timedelta(days=due_days),
            by=by,
            index=index,
        )
        requirement.units.set([unit])
        if titles:
            # the requirement names its audience as HR's own requirements do
            requirement.job_titles = "\n".join(titles)
            requirement.save(update_fields=["job_titles"])
        for finding in findings:
            finding.requirements.add(requirement)
    logger.info(
        "finding followup created findings=%s requirement=%s unit=%s people=%d lessons=%d",
        ",".join(str(f.pk) for f in findings),
        requirement.pk,
        unit.pk,
        len(assignments),
        len(plan.lessons),
    )
    return requirement, assignments
