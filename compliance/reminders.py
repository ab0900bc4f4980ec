"""Reminder e-mails: 7 days before the deadline and on the day it is missed (to the employee),
and a digest of overdue cycles to the manager. The ReminderLog row is written in the same
transaction as the send, and its unique constraint stops a second send of the same reminder."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Assignment, ReminderLog, Status

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 7


@dataclass
class ReminderResult:
    due_soon: int = 0
    overdue: int = 0
    manager_digests: int = 0


def _not_sent(kind: str):
    return ~Exists(ReminderLog.objects.filter(assignment_id=OuterRef("pk"), kind=kind))


def _course_url(assignment: Assignment) -> str:
    return settings.PARAGRAF_BASE_URL + (assignment.requirement.course.get_url() or "/mine-kurser/")


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    context = {**context, "base_url": settings.PARAGRAF_BASE_URL}
    text = render_to_string(f"compliance/email/{template}.txt", context)
    html = render_to_string(f"compliance/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def _log_and_send(*, assignments: list[Assignment], kind: str, recipient, send) -> bool:
    """Claim the reminders, then send, in one transaction; False if another run got there first."""
    try:
        with transaction.atomic():
            ReminderLog.objects.bulk_create(
                [ReminderLog(assignment=a, kind=kind, recipient=recipient) for a in assignments]
            )
            send()
    except IntegrityError:
        logger.info("reminder already sent kind=%s recipient=%s", kind, recipient.pk)
        return False
    return True


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
            .filter(_not_sent(ReminderLog.Kind.DUE_SOON))
            .select_related("person", "requirement__course")
        )
        for a in soon.iterator(chunk_size=500):
            sent = _log_and_send(
                assignments=[a],
                kind=ReminderLog.Kind.DUE_SOON,
                recipient=a.person,
                send=lambda a=a: _send(
                    to=a.person.email,
                    subject=_("Husk: %(course)s skal være gennemført senest %(date)s")
                    % {"course": a.requirement.course.title, "date": a.due_at.strftime("%d-%m-%Y")},
                    template="due_soon",
                    context={"assignment": a, "person": a.person, "course_url": _course_url(a)},
                ),
            )
            result.due_soon += sent
        overdue = (
            Assignment.objects.filter(status=Status.OVERDUE, person__is_active=True)
            .exclude(person__email="")
            .filter(_not_sent(ReminderLog.Kind.OVERDUE))
            .select_related("person", "requirement__course")
        )
        for a in overdue.iterator(chunk_size=500):
            sent = _log_and_send(
                assignments=[a],
                kind=ReminderLog.Kind.OVERDUE,
                recipient=a.person,
                send=lambda a=a: _send(
                    to=a.person.email,
                    subject=_("Fristen for %(course)s er overskredet")
                    % {"course": a.requirement.course.title},
                    template="overdue",
                    context={"assignment": a, "person": a.person, "course_url": _course_url(a)},
                ),
            )
            result.overdue += sent
        digest = (
            Assignment.objects.filter(
                status=Status.OVERDUE, person__is_active=True, person__manager__isnull=False
            )
            .exclude(person__manager__email="")
            .filter(_not_sent(ReminderLog.Kind.MANAGER_DIGEST))
            .select_related("person__manager", "requirement__course")
            .order_by("person__manager_id", "person__last_name", "due_at")
        )
        by_manager: dict[int, list[Assignment]] = defaultdict(list)
        for a in digest:
            by_manager[a.person.manager_id].append(a)
        for items in by_manager.values():
            manager = items[0].person.manager
            sent = _log_and_send(
                assignments=items,
                kind=ReminderLog.Kind.MANAGER_DIGEST,
                recipient=manager,
                send=lambda items=items, manager=manager: _send(
                    to=manager.email,
                    subject=_("%(n)d i dit team har overskredet en frist")
                    % {"n": len({a.person_id for a in items})},
                    template="manager_overdue",
                    context={
                        "manager": manager,
                        "assignments": items,
                        "team_url": settings.PARAGRAF_BASE_URL + "/mit-team/",
                    },
                ),
            )
            result.manager_digests += sent
    logger.info("reminders sent: %s", result)
    return result
