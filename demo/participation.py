"""Demo step for seed_demo: a year of Jura – Kort og Godt, so the committee's status report
(statusreport) has participation to show on the first day. Six colleagues (not ``medarbejder``,
whose Mine kurser stays new) read one to four of its lessons on days spread over the last ten
months. Idempotent: nothing is written when any of them has a run of the course."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone

from courses.models import CourseRun, LessonPage, StepCompletion

logger = logging.getLogger(__name__)

#: username → how many lessons, and how many days ago the first was read
READERS = {
    "sara": (4, 300),
    "ali": (3, 240),
    "leder": (2, 200),
    "peter": (4, 150),
    "birgitte": (1, 90),
    "omar": (1, 30),
}


def seed_participation(context: dict[str, Any]) -> int:
    course = context.get("courses", {}).get("jura-kort-og-godt")
    people = context.get("people", {})
    if course is None:
        logger.warning("participation demo skipped: the Jura – Kort og Godt course is missing")
        return 0
    readers = {name: people[name] for name in READERS if name in people}
    if CourseRun.objects.filter(course=course, user__in=readers.values()).exists():
        return 0
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    now = timezone.now()
    written = 0
    for name, user in readers.items():
        count, first = READERS[name]
        started = now - dt.timedelta(days=first)
        run = CourseRun.objects.create(user=user, course=course, started_at=started)
        for n, lesson in enumerate(lessons[:count]):
            step = StepCompletion.objects.create(
                run=run, page=lesson, revision_id=lesson.live_revision_id
            )
            # completed_at is set on creation: the demo's history is written afterwards
            StepCompletion.objects.filter(pk=step.pk).update(
                completed_at=started + dt.timedelta(days=14 * n)
            )
            written += 1
    logger.info("participation demo: %d lessons read by %d people", written, len(readers))
    return written
