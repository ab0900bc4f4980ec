""" "Læst og forstået": recording that a person has read the live revision of an
administrationsgrundlag, completing their open cycles of acknowledgement requirements, and
asking again — a new cycle — when a jurist decides that a published change is material.

An acknowledgement requirement is a ``Requirement`` of kind "acknowledge": audience, trigger,
due days, grace and reminders are those of course requirements, so HR's rollup, lists and
exports count it without a special case. What differs is how a cycle is completed (a press of
"Jeg har læst og forstået" on the live revision, not a course run) and what opens the next one
(a material change, not the calendar).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from guidelines.models import GuidelineChange, GuidelinePage
from people.models import User

from .models import OPEN_STATUSES, Acknowledgement, Assignment, Requirement, Status
from .services import assignment_complete, counts_apply, current_cycles, requirement_audience
from .signals import guideline_acknowledged

logger = logging.getLogger(__name__)


class AcknowledgementRefused(Exception):
    """Nothing was recorded; ``message`` says why in Danish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class AcknowledgeResult:
    acknowledgement: Acknowledgement
    created: bool
    completed: int


def open_acknowledgement_cycles(*, user: User, guideline_id: int) -> list[Assignment]:
    """The person's open cycles of acknowledgement requirements for the guideline (one query)."""
    return list(
        Assignment.objects.filter(
            person=user,
            requirement__kind=Requirement.Kind.ACKNOWLEDGE,
            requirement__guideline_id=guideline_id,
            status__in=OPEN_STATUSES,
        )
        .select_related("requirement")
        .order_by("due_at", "pk")
    )


def acknowledgement_record(
    *, user: User, guideline_id: int, revision_id: int | None, assignment_id: int | None = None
) -> AcknowledgeResult:
    """Record that ``user`` has read and understood revision ``revision_id`` of the guideline
    and complete their open acknowledgement cycles of it.

    Refused (nothing written) when the guideline is not published or not public, when the
    revision is not the live one, when ``assignment_id`` names a cycle that is not the person's
    open cycle of this guideline, or when the person has no such cycle and has not acknowledged
    this revision before. A second press records nothing: the (person, revision) pair is unique.
    """
    guideline = GuidelinePage.objects.live().public().filter(pk=guideline_id).first()
    if guideline is None:
        logger.warning(
            "acknowledgement refused user=%s guideline=%s reason=not-live", user.pk, guideline_id
        )
        raise AcknowledgementRefused(_("Administrationsgrundlaget er ikke offentliggjort."))
    if revision_id is None or revision_id != guideline.live_revision_id:
        logger.warning(
            "acknowledgement refused user=%s guideline=%s revision=%s live=%s reason=stale",
            user.pk, guideline.pk, revision_id, guideline.live_revision_id,
        )  # fmt: skip
        raise AcknowledgementRefused(
            _(
                "Der er kommet en ny version af grundlaget, siden du åbnede siden. Læs den nye "
                "version, og bekræft igen."
            )
        )
    cycles = open_acknowledgement_cycles(user=user, guideline_id=guideline.pk)
    if assignment_id is not None and assignment_id not in {a.pk for a in cycles}:
        logger.warning(
            "acknowledgement refused user=%s guideline=%s assignment=%s reason=not-own-open-cycle",
            user.pk, guideline.pk, assignment_id,
        )  # fmt: skip
        raise AcknowledgementRefused(
            _("Kravet er ikke dit, eller det er allerede opfyldt. Intet er registreret.")
        )
    existing = Acknowledgement.objects.filter(person=user, revision_id=revision_id).first()
    if not cycles and existing is None:
        logger.warning(
            "acknowledgement refused user=%s guideline=%s reason=no-requirement",
            user.pk, guideline.pk,
        )  # fmt: skip
        raise AcknowledgementRefused(
            _("Du har intet krav om at bekræfte dette administrationsgrundlag.")
        )
    with transaction.atomic():
        acknowledgement, created = Acknowledgement.objects.get_or_create(
            person=user,
            revision_id=revision_id,
            defaults={
                "guideline": guideline,
                "version_label": guideline.version_label[:40],
                "acknowledged_at": timezone.now(),
            },
        )
        if created:
            guideline_acknowledged.send(sender=Acknowledgement, acknowledgement=acknowledgement)
        completed = sum(
            assignment_complete(assignment=a, completed_at=acknowledgement.acknowledged_at)
            for a in cycles
        )
    logger.info(
        "guideline acknowledged user=%s guideline=%s revision=%s created=%s cycles_completed=%d",
        user.pk, guideline.pk, revision_id, created, completed,
    )  # fmt: skip
    return AcknowledgeResult(acknowledgement=acknowledgement, created=created, completed=completed)


def acknowledgement_of(*, user: User, guideline_id: int) -> Acknowledgement | None:
    """The person's newest acknowledgement of the guideline, or None (one query)."""
    return (
        Acknowledgement.objects.filter(person=user, guideline_id=guideline_id)
        .order_by("-revision_id")
        .first()
    )


def acknowledgements_reopen(*, change: GuidelineChange, today: dt.date | None = None) -> int:
    """After a material change: a new cycle, due in the requirement's due days, for exactly the
    people in the audience whose current cycle is completed by an acknowledgement of a revision
    older than the change (open cycles are met by acknowledging the live revision anyway;
    exemptions stand). Counts follow in the same transaction. Running it twice opens nothing."""
    if change.revision_id is None:
        return 0
    today = today or timezone.localdate()
    requirements = Requirement.objects.filter(
        kind=Requirement.Kind.ACKNOWLEDGE, guideline_id=change.page_id, is_active=True
    )
    acknowledged_since = Acknowledgement.objects.filter(
        person_id=OuterRef("person_id"),
        guideline_id=change.page_id,
        revision_id__gte=change.revision_id,
    )
    deltas: dict[tuple[int | None, int, str], int] = defaultdict(int)
    rows: list[Assignment] = []
    with transaction.atomic():
        for requirement in requirements:
            stale = (
                current_cycles()
                .filter(requirement=requirement, status=Status.COMPLETED)
                .exclude(Exists(acknowledged_since))
                .filter(person__in=requirement_audience(requirement=requirement))
                .values_list("person_id", "unit_id", "cycle")
            )
            for person_id, unit_id, cycle in stale:
                rows.append(
                    Assignment(
                        person_id=person_id,
                        requirement=requirement,
                        unit_id=unit_id,
                        cycle=cycle + 1,
                        assigned_at=today,
                        due_at=today + dt.timedelta(days=requirement.due_days),
                        status=Status.NOT_STARTED,
                    )
                )
                deltas[(unit_id, requirement.pk, Status.COMPLETED)] -= 1
                deltas[(unit_id, requirement.pk, Status.NOT_STARTED)] += 1
        Assignment.objects.bulk_create(rows, batch_size=2000)
        counts_apply(deltas)
    logger.info(
        "acknowledgements reopened change=%s guideline=%s revision=%s cycles=%d",
        change.pk, change.page_id, change.revision_id, len(rows),
    )  # fmt: skip
    return len(rows)
