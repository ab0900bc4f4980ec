"""Demo step for ``seed_demo``: the certificate template, a few people in Center for Byliv who
took the leaders' law course (read every lesson, passed its quiz), and certificates for the
completions the demo recorded, so HR can fetch Center for Byliv's certificates as one ZIP.
Idempotent."""

from __future__ import annotations

import logging

from wagtail.models import Site

from certificates.models import CertificateTemplate
from certificates.services import certificate_issue_and_render
from courses.models import CoursePage, CourseRun, LessonPage
from courses.services import step_complete
from quizzes.models import QuizPage
from quizzes.services import attempt_start, attempt_submit

logger = logging.getLogger(__name__)

DEMO_TEMPLATE = {
    "heading": "Kursusbevis",
    "intro": "Det bekræftes hermed, at",
    "body": "har gennemført kurset",
    "footer": (
        "Teknik- og Miljøforvaltningen · Københavns Kommune · Njalsgade 13, 2300 København S. "
        "Beviset kan kontrolleres med koden eller QR-koden."
    ),
    "signatory_name": "Mette Højgaard Sørensen",
    "signatory_title": "Administrerende direktør, Teknik- og Miljøforvaltningen",
}


#: Center for Byliv people who completed the leaders' course (the ZIP demo of issue 18).
BYLIV_GRADUATES = ("leder", "peter", "birgitte", "sara", "ali")
LEADERS_COURSE = "jurakursus-nye-ledere"


def _complete_with_a_pass(user, course: CoursePage) -> None:
    """Every lesson read and every quiz passed with the right answers, as a learner would."""
    for lesson in LessonPage.objects.descendant_of(course).live().order_by("path"):
        step_complete(user=user, page=lesson)
    for quiz in QuizPage.objects.descendant_of(course).live().order_by("path"):
        attempt = attempt_start(user=user, quiz=quiz)
        answers = {
            f"q-{item.pk}": [item.snapshot["correct"][0]]
            for item in attempt.items.order_by("position")
        }
        attempt_submit(attempt_id=attempt.pk, user=user, data=answers)


def seed_byliv_completions(context: dict[str, object]) -> None:
    course = CoursePage.objects.filter(slug=LEADERS_COURSE).live().first()
    people = context.get("people")
    if course is None or not isinstance(people, dict):
        return
    for username in BYLIV_GRADUATES:
        user = people.get(username)
        done = CourseRun.objects.filter(user=user, course=course, completed_at__isnull=False)
        if user is not None and not done.exists():
            _complete_with_a_pass(user, course)


def seed_certificates(context: dict[str, object]) -> None:
    seed_byliv_completions(context)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        # Only the first run writes the texts; later runs leave HR's edits alone.
        CertificateTemplate.objects.get_or_create(site=site, defaults=DEMO_TEMPLATE)
    issued = 0
    for run in (
        CourseRun.objects.filter(completed_at__isnull=False, certificate__isnull=True)
        .exclude(source=CourseRun.Source.IMPORT)  # imported completions keep their old number
        .select_related("user", "course")
    ):
        certificate_issue_and_render(run=run)
        issued += 1
    logger.info("demo certificates issued: %s", issued)
