"""Writes of the notice log: queue a notice once per key, and delete a person's notices.

``notice_queue`` is the one way an app sends e-mail. It writes the notice and its keys in one
transaction (the keys' unique constraint decides who sent first: no check-then-insert) and
hands the delivery to ``notices.tasks.notice_send_task`` once the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from people.models import User

from .models import Notice, NoticeKey
from .tasks import notice_send_task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class About:
    """What a notice is about: ``obj`` in ``cycle`` (with the person whose record it is)."""

    obj: models.Model
    cycle: str
    person: User | None = None


def notice_queue(
    *,
    recipient: User,
    kind: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    about: Sequence[About],
) -> Notice | None:
    """Queue one e-mail to ``recipient`` about ``about``; None when any of its keys (object ×
    kind × cycle) has been queued before. One insert for the notice, one for its keys; the
    send task is queued after the caller's transaction commits."""
    if not about:
        raise ValueError("a notice is about at least one object")
    try:
        with transaction.atomic():
            notice = Notice.objects.create(
                recipient=recipient,
                kind=kind,
                subject=subject[:255],
                body_text=body_text,
                body_html=body_html,
            )
            NoticeKey.objects.bulk_create(
                [
                    NoticeKey(
                        notice=notice,
                        content_type=ContentType.objects.get_for_model(item.obj),
                        object_id=item.obj.pk,
                        kind=kind,
                        cycle=item.cycle,
                        person=item.person,
                    )
                    for item in about
                ]
            )
    except IntegrityError:
        logger.info(
            "notice not queued, already sent once kind=%s recipient=%s objects=%s",
            kind,
            recipient.pk,
            ",".join(f"{type(a.obj).__name__}:{a.obj.pk}/{a.cycle}" for a in about),
        )
        return None
    logger.info(
        "notice queued id=%s kind=%s recipient=%s keys=%d",
        notice.pk,
        kind,
        recipient.pk,
        len(about),
    )
    transaction.on_commit(partial(notice_send_task.delay, notice.pk))
    return notice


def notices_delete_for_person(*, person: User) -> int:
    """Delete the notices a person received and the keys about their records (retention)."""
    keys, _ = NoticeKey.objects.filter(person=person).delete()
    notices, _ = Notice.objects.filter(recipient=person).delete()
    return keys + notices
