"""Demo step for seed_demo: the three demo requirements, evaluated, and a realistic mix in
leder's team (someone overdue, someone completed). Idempotent."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from compliance.models import Assignment, Requirement, Status
from compliance.services import assignment_complete, counts_rebuild, requirements_evaluate

logger = logging.getLogger(__name__)


def seed_compliance(context: dict) -> None:
    courses = context.get("courses", {})
    units = context.get("units", {})
    people = context.get("people", {})
    onboarding = courses.get("onboarding-nye-medarbejdere")
    managers = courses.get("jurakursus-nye-ledere")
    jura = courses.get("jura-kort-og-godt")
    if not (onboarding and managers and jura):
        logger.warning("compliance demo skipped: the demo courses are missing")
        return
    today = timezone.localdate()
    applies = today - dt.timedelta(days=365)
    specs = [
        (
            "Onboarding for nye medarbejdere",
            onboarding,
            {"trigger": Requirement.Trigger.START_DATE, "due_days": 30},
        ),
        (
            "Jurakursus for nye ledere",
            managers,
            {
                "trigger": Requirement.Trigger.BECAME_MANAGER,
                "due_days": 90,
                "managers_only": True,
                # Catches leder, who became a manager a little over a year ago and is late.
                "applies_from": today - dt.timedelta(days=730),
            },
        ),
        (
            "Jura – Kort og Godt for sagsbehandlere i Byens Anvendelse",
            jura,
            {
                "trigger": Requirement.Trigger.ASSIGNED,
                "due_days": 60,
                "job_titles": "sagsbehandler",
                "recurrence": Requirement.Recurrence.MONTHS,
                "recurrence_months": 24,
                # Renewable from 60 days before expiry, counted from the old expiry.
                "renewal_window_days": 60,
            },
        ),
    ]
    created = False
    for name, course, fields in specs:
        requirement, new = Requirement.objects.get_or_create(
            name=name, defaults={"course": course, "applies_from": applies} | fields
        )
        created |= new
        if new and "job_titles" in fields and "BA" in units:
            requirement.units.set([units["BA"]])
    _jura_variants(jura)
    created_acknowledgement = _acknowledgement_requirement(units, applies)
    requirements_evaluate()
    if created:
        _team_mix(people, today)
    if created_acknowledgement:
        _acknowledged_already(people)


#: "Læst og forstået" in the demo (issue 19): Byliv's caseworkers must confirm that they have
#: read the current Administrationsgrundlag for udeservering.
ACKNOWLEDGEMENT_NAME = "Læst og forstået: Administrationsgrundlag for udeservering"
#: Byliv caseworkers who confirmed the current version before the demo starts (medarbejder has
#: not: that is the demo's journey).
ACKNOWLEDGED_ALREADY = ("sara", "birgitte")


def _acknowledgement_requirement(units: dict, applies: dt.date) -> bool:
    """The udeservering acknowledgement for Center for Byliv's caseworkers; True if created."""
    from guidelines.models import GuidelinePage

    guideline = GuidelinePage.objects.filter(slug="udeservering").first()
    if guideline is None or "BA-BYLIV" not in units:
        logger.warning("acknowledgement demo skipped: the udeservering guideline is missing")
        return False
    requirement, created = Requirement.objects.get_or_create(
        name=ACKNOWLEDGEMENT_NAME,
        defaults={
            "kind": Requirement.Kind.ACKNOWLEDGE,
            "guideline": guideline,
            "trigger": Requirement.Trigger.ASSIGNED,
            "due_days": 30,
            "job_titles": "sagsbehandler",
            "applies_from": applies,
        },
    )
    if created:
        requirement.units.set([units["BA-BYLIV"]])
    return created


def _acknowledged_already(people: dict) -> None:
    from compliance.acknowledgements import AcknowledgementRefused, acknowledgement_record
    from guidelines.models import GuidelinePage

    guideline = GuidelinePage.objects.get(slug="udeservering")
    for username in ACKNOWLEDGED_ALREADY:
        person = people.get(username)
        if person is None:
            continue
        try:
            acknowledgement_record(
                user=person, guideline_id=guideline.pk, revision_id=guideline.live_revision_id
            )
        except AcknowledgementRefused as refused:
            logger.warning("demo acknowledgement skipped user=%s: %s", username, refused.message)


#: The demo's rotating refresher: each 24-month cycle of Jura – Kort og Godt alternates between
#: module 4 and module 5 (modules 1–3 are in every run). Module slugs from demo.content.
JURA_VARIANTS = [
    ("Årgang A: åbenhed, frister og dokumentation", "aabenhed-frister-og-dokumentation"),
    ("Årgang B: tavshedspligt og databeskyttelse", "tavshedspligt-og-databeskyttelse"),
]


def _jura_variants(jura) -> None:
    """Two variants on the recurring course, once (idempotent: skipped when it has any)."""
    from courses.models import CourseVariant, ModulePage

    if CourseVariant.objects.filter(course=jura).exists():
        return
    modules = {m.slug: m for m in ModulePage.objects.child_of(jura)}
    if not all(slug in modules for _name, slug in JURA_VARIANTS):
        logger.warning("jura variants skipped: modules missing")
        return
    for order, (name, slug) in enumerate(JURA_VARIANTS):
        variant = CourseVariant.objects.create(course=jura, name=name, sort_order=order)
        variant.modules.set([modules[slug]])
        variant.save()


def _team_mix(people: dict, today: dt.date) -> None:
    """Make leder's team realistic: one overdue, one completed (first seeding only)."""
    from people.models import User

    leder = people.get("leder")
    if leder is None:
        return
    from people.models import OrgUnit

    unit = OrgUnit.objects.get(pk=leder.org_unit_id)  # sorted inserts may have moved its path
    team = list(
        User.objects.filter(org_unit__path__startswith=unit.path, is_active=True).exclude(
            pk=leder.pk
        )
    )
    open_cycles = list(
        Assignment.objects.filter(
            person__in=team,
            status__in=[Status.NOT_STARTED, Status.IN_PROGRESS],
            requirement__kind=Requirement.Kind.COURSE,
        )
        .select_related("person")
        .order_by("person_id", "id")
    )
    if not open_cycles:
        return
    # The demo learner keeps a clean slate; someone else in the team is late.
    others = [a for a in open_cycles if a.person.username != "medarbejder"] or open_cycles
    overdue = others[0]
    Assignment.objects.filter(pk=overdue.pk).update(
        status=Status.OVERDUE,
        due_at=today - dt.timedelta(days=5),
        assigned_at=today - dt.timedelta(days=35),
    )
    # The demo learner's onboarding cycle falls due within the week, so that
    # `manage.py send_reminders` sends them a reminder: their Beskeder page and HR's notice log
    # of them then show it.
    mine = next(
        (
            a
            for a in open_cycles
            if a.person.username == "medarbejder"
            and a.requirement.trigger == Requirement.Trigger.START_DATE
        ),
        None,
    )
    if mine is not None:
        Assignment.objects.filter(pk=mine.pk).update(due_at=today + dt.timedelta(days=5))
    done = next((a for a in others if a.person_id != overdue.person_id), None)
    if done is not None:
        assignment_complete(assignment=done, completed_at=timezone.now() - dt.timedelta(days=3))
    counts_rebuild()
