"""Writes for authoring: moving review dates on publish and sending the weekly review digest."""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from wagtail.models import PageLogEntry, Workflow

from notices.models import Kind, NoticeKey
from notices.services import About, notice_queue
from people.models import User
from quizzes.models import QuestionCategory

from .selectors import (
    DUE_WITHIN_DAYS,
    ReviewItem,
    review_items,
    review_recipients,
    unit_managers_by_unit,
)

logger = logging.getLogger(__name__)


def months_add(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months on, clamped to the month's last day (31/1 + 1 = 28/2)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_date_next(
    *,
    current: dt.date | None,
    previous: dt.date | None,
    interval_months: int,
    published_on: dt.date,
) -> dt.date | None:
    """The review date an item should get when it is published, or None to leave it alone.

    A date the editor changed in this very edit is theirs, even if it lies in the past (it will
    then show as overdue). Otherwise publishing an item that is due (no date, overdue, or due
    within ``DUE_WITHIN_DAYS``) counts as its review and moves the date ``interval_months`` on.
    """
    if current is not None and current != previous:
        return None
    if current is None or current <= published_on + dt.timedelta(days=DUE_WITHIN_DAYS):
        return months_add(published_on, interval_months or 12)
    return None


def _revision_review_date(revision) -> dt.date | None:
    if revision is None:
        return None
    value = (revision.content or {}).get("next_review_date")
    return dt.date.fromisoformat(value) if value else None


def _previously_published_revision(*, page, revision):
    """The revision that was live before ``revision`` was published (one query), from the log."""
    entries = PageLogEntry.objects.filter(page=page, action="wagtail.publish").exclude(
        revision__isnull=True
    )
    if revision is not None:
        entries = entries.exclude(revision=revision)
    entry = entries.select_related("revision").order_by("-timestamp", "-pk").first()
    return entry.revision if entry else None


def review_date_advance_page(*, page, revision, published_on: dt.date) -> dt.date | None:
    """After ``revision`` of a course or guideline page went live, move its review date if due.

    Writes the page row and the published revision's stored copy (so the editor shows the new
    date and a later publish of that revision keeps it); two UPDATEs, or none when not due.
    """
    previous_revision = _previously_published_revision(page=page, revision=revision)
    new_date = review_date_next(
        current=page.next_review_date,
        previous=_revision_review_date(previous_revision),
        interval_months=page.review_interval_months,
        published_on=published_on,
    )
    if new_date is None:
        return None
    type(page).objects.filter(pk=page.pk).update(next_review_date=new_date)
    page.next_review_date = new_date
    if revision is not None:
        revision.content["next_review_date"] = new_date.isoformat()
        revision.save(update_fields=["content"])
    logger.info("review date of page %s moved to %s on publish", page.pk, new_date)
    return new_date


def review_date_advance_object(
    *, obj: QuestionCategory, previous: dt.date | None, published_on: dt.date
) -> dt.date | None:
    """The same for a snippet without drafts (a question category) after it was saved."""
    new_date = review_date_next(
        current=obj.next_review_date,
        previous=previous,
        interval_months=obj.review_interval_months,
        published_on=published_on,
    )
    if new_date is None:
        return None
    type(obj).objects.filter(pk=obj.pk).update(next_review_date=new_date)
    obj.next_review_date = new_date
    logger.info("review date of %s %s moved to %s", obj._meta.label, obj.pk, new_date)
    return new_date


def iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def review_digest_send(*, today: dt.date) -> int:
    """E-mail each owner one Danish digest of their items due for review; return mails sent.

    Each item goes to each recipient once per ISO week: the digest is queued through the notice
    log with one key per item (cycle "<week>/<recipient id>"), so a repeated or concurrent run
    queues nothing twice, and the notice task retries a send the mail server refused for now.
    Queries: one per content family, one for unit managers, one for the week's keys, then two
    inserts per digest.
    """
    items = review_items(today=today)
    week = iso_week(today)
    managers = unit_managers_by_unit(items=items)
    by_recipient: dict[int, tuple[User, list[ReviewItem]]] = {}
    for item in items:
        for recipient in review_recipients(item=item, unit_managers=managers):
            by_recipient.setdefault(recipient.pk, (recipient, []))[1].append(item)
    already = defaultdict(set)
    for ct_id, object_id, cycle in NoticeKey.objects.filter(
        kind=Kind.REVIEW_DIGEST, cycle__startswith=f"{week}/"
    ).values_list("content_type_id", "object_id", "cycle"):
        already[int(cycle.rsplit("/", 1)[1])].add((ct_id, object_id))
    report_url = settings.PARAGRAF_BASE_URL + reverse("authoring_review_report")
    sent = 0
    for recipient, recipient_items in by_recipient.values():
        fresh = [
            item
            for item in recipient_items
            if (ContentType.objects.get_for_model(item.obj).pk, item.obj.pk)
            not in already[recipient.pk]
        ]
        if not fresh:
            continue
        with translation.override("da"):
            subject = ngettext(
                "Paragraf: %(count)d punkt skal gennemses (uge %(week)s)",
                "Paragraf: %(count)d punkter skal gennemses (uge %(week)s)",
                len(fresh),
            ) % {"count": len(fresh), "week": week.split("W")[1]}
            body = render_to_string(
                "authoring/review_digest.txt",
                {
                    "recipient": recipient,
                    "items": fresh,
                    "base_url": settings.PARAGRAF_BASE_URL,
                    "report_url": report_url,
                    "today": today,
                },
            )
        notice = notice_queue(
            recipient=recipient,
            kind=Kind.REVIEW_DIGEST,
            subject=subject,
            body_text=body,
            about=[About(obj=item.obj, cycle=f"{week}/{recipient.pk}") for item in fresh],
        )
        if notice is None:  # another run queued it first
            continue
        sent += 1
        logger.info(
            "review digest week=%s queued to user=%s items=%d", week, recipient.pk, len(fresh)
        )
    if not sent:
        logger.info("review digest week=%s: nothing new to send (%d items due)", week, len(items))
    return sent


# --- The four-eyes workflow (production configuration, like the roles) -----------------------

#: The workflow's and its task's name in Wagtail's admin.
WORKFLOW_NAME = "Juridisk godkendelse"


def four_eyes_workflow_ensure() -> Workflow:
    """The "Juridisk godkendelse" workflow: one four-eyes task for the Juridisk godkender role,
    on the whole page tree (the root page, so every course and guideline below it; it replaces
    Wagtail's default "Moderators approval" there) and on questions. Idempotent: a second run
    changes nothing, and a group an administrator added to the task stays."""
    from django.contrib.auth.models import Group
    from wagtail.models import Page, WorkflowContentType, WorkflowPage, WorkflowTask

    from people.roles import APPROVER
    from quizzes.models import Question

    from .models import FourEyesApprovalTask

    task = FourEyesApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = FourEyesApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(Group.objects.get_or_create(name=APPROVER)[0])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.get_first_root_node()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Question), defaults={"workflow": workflow}
    )
    return workflow
