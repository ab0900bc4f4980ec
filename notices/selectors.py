"""Reads of the notice log, and who may read whose."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from people.models import User
from people.scope import unit_visible

from .models import Notice, NoticeKey

#: The permission that opens HR's notice log (granted to HR in people.roles.ROLE_GRANTS).
VIEW_PERMISSION = "notices.view_notice"


def notices_received(*, user: User) -> models.QuerySet[Notice]:
    """The notices sent to ``user``, newest first (one indexed query per page)."""
    return Notice.objects.filter(recipient=user).order_by("-queued_at", "-pk")


def notices_about_person(*, person: User) -> models.QuerySet[Notice]:
    """What ``person`` received and what was sent to others about their records (their
    manager's digests), newest first."""
    about = NoticeKey.objects.filter(person=person).values("notice_id")
    return (
        Notice.objects.filter(models.Q(recipient=person) | models.Q(pk__in=about))
        .select_related("recipient")
        .order_by("-queued_at", "-pk")
    )


def notices_about_object(*, obj: models.Model) -> models.QuerySet[Notice]:
    """Every notice with a key on ``obj`` (an assignment: its reminders and the digests)."""
    keys = NoticeKey.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).values("notice_id")
    return Notice.objects.filter(pk__in=keys).select_related("recipient").order_by("-queued_at")


def hr_may_see_person(*, viewer: User, person: User) -> bool:
    """HR reads the notice log of people in their own administration: the subtree of the top
    unit (forvaltning) above the HR person's own unit. A superuser sees everyone; HR without a
    unit sees no one."""
    if not (viewer.is_active and viewer.has_perm(VIEW_PERMISSION)):
        return False
    if viewer.is_superuser:
        return True
    theirs = person.org_unit
    return theirs is not None and unit_visible(user=viewer, unit=theirs)
