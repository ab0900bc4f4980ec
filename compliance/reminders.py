"""Reminder e-mails: 7 days before the deadline and on the day it is missed (to the employee),
and a digest of overdue cycles to the manager. Each goes through the notice log
(``notices.services.notice_queue``), whose unique key per assignment × kind × cycle is the only
record of "sent once": a second run, or two at once, queue nothing new."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notices.models import Kind, NoticeKey
from notices.services import About, notice_queue
from people.models import User

from .models import Assignment, Status

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 7


@dataclass
class ReminderResult:
    due_soon: int = 0
    overdue: int = 0
    manager_digests: int = 0


def _not_sent(kind: str):
    return ~Exists(
        NoticeKey.objects.filter(
            content_type=ContentType.objects.get_for_model(Assignment),
            object_id=OuterRef("pk"),
            kind=kind,
        )
    )


def _course_url(assignment: Assignment) -> str:
    target = assignment.requirement.target
    return settings.PARAGRAF_BASE_URL + ((target and target.get_url()) or "/mine-kurser/")


def _queue(
    *, recipient: User, kind: str, subject: str, template: str, context: dict, items: list
) -> bool:
    """Render the reminder and queue it about ``items``; False if it was queued before."""
    context = {**context, "base_url": settings.PARAGRAF_BASE_URL}
    notice = notice_queue(
        recipient=recipient,
        kind=kind,
        subject=subject,
        body_text=render_to_string(f"compliance/email/{template}.txt", context),
        body_html=render_to_string(f"compliance/email/{template}.html", context),
        about=[About(obj=a, cycle=str(a.cycle), person=a.person) for a in items],
    )
    return notice is not None


def reminders_send(*, today: dt.date | None = None) -> ReminderResult:
    """Send every reminder that is due and not yet sent; safe to run twice or in parallel."""
    today = today or timezone.localdate()
    result = ReminderResult()
    with translation.override("da"):
        soon = (
            Assignment.objects.filter(
                status__in=(Status.NOT_STARTED, Status.IN_PROGRESS),
                due_at__gte=today,
                due_at__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
                person__is_active=True,
            )
            .exclude(person__email="")
            .filter(_not_sent(Kind.DUE_SOON))
            .select_related("person", "requirement__course", "requirement__guideline")
        )
        for a in soon.iterator(chunk_size=500):
            sent = _queue(
                recipient=a.person,
                kind=Kind.DUE_SOON,
                subject=_("Husk: %(course)s skal være gennemført senest %(date)s")
                % {"course": a.requirement.target_title, "date": a.due_at.strftime("%d-%m-%Y")},
                template="due_soon",
                context={"assignment": a, "person": a.person, "course_url": _course_url(a)},
                items=[a],
            )
            result.due_soon += sent
        overdue = (
            Assignment.objects.filter(status=Status.OVERDUE, person__is_active=True)
            .exclude(person__email="")
            .filter(_not_sent(Kind.OVERDUE))
            .select_related("person", "requirement__course", "requirement__guideline")
        )
        for a in overdue.iterator(chunk_size=500):
            sent = _queue(
                recipient=a.person,
                kind=Kind.OVERDUE,
                subject=_("Fristen for %(course)s er overskredet")
                % {"course": a.requirement.target_title},
                template="overdue",
                context={"assignment": a, "person": a.person, "course_url": _course_url(a)},
                items=[a],
            )
            result.overdue += sent
        digest = (
            Assignment.objects.filter(
                status=Status.OVERDUE, person__is_active=True, person__manager__isnull=False
            )
            .exclude(person__manager__email="")
            .filter(_not_sent(Kind.MANAGER_OVERDUE))
            .select_related("person__manager", "requirement__course", "requirement__guideline")
            .order_by("person__manager_id", "person__last_name", "due_at")
        )
        by_manager: dict[int, list[Assignment]] = defaultdict(list)
        for a in digest:
            by_manager[a.person.manager_id].append(a)
        for items in by_manager.values():
            manager = items[0].person.manager
            sent = _queue(
                recipient=manager,
                kind=Kind.MANAGER_OVERDUE,
                subject=_("%(n)d i dit team har overskredet en frist")
                % {"n": len({a.person_id for a in items})},
                template="manager_overdue",
                context={
                    "manager": manager,
                    "assignments": items,
                    "team_url": settings.PARAGRAF_BASE_URL + "/mit-team/",
                },
                items=items,
            )
            result.manager_digests += sent
    logger.info("reminders queued: %s", result)
    return result
