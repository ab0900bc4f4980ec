"""Demo: "Informationssikkerhed og GDPR (indkøbt e-læring)", a small course of two SCORM steps
built from our own packages (demo/scorm_packages.py; SCORM 1.2 and SCORM 2004). Idempotent:
packages are found by title, the course by slug; the files are stored under fixed keys, so a
second run writes the same files again instead of new ones."""

from __future__ import annotations

import datetime as dt
import io
import logging
from typing import Any

from django.utils import timezone

from compliance.models import Requirement
from courses.models import CourseIndexPage, CoursePage, ModulePage
from scorm.models import ScormLessonPage, ScormPackage
from scorm.services import package_upload

from .scorm_packages import breach_2004, phishing_12

logger = logging.getLogger(__name__)

COURSE_SLUG = "informationssikkerhed-og-gdpr"
COURSE_TITLE = "Informationssikkerhed og GDPR (indkøbt e-læring)"
STEPS = [
    ("Phishing og sikre mails", "phishing", phishing_12, "demo-phishing-scorm12"),
    (
        "Brud på persondatasikkerheden",
        "brud-paa-persondatasikkerheden",
        breach_2004,
        "demo-brud-scorm2004",
    ),
]


def _package(title: str, build, key: str) -> ScormPackage:
    package = ScormPackage.objects.filter(title=title).first()
    if package is not None and package.versions.exists():
        return package
    version = package_upload(
        upload=io.BytesIO(build()),
        file_name=f"{key}.zip",
        by=None,
        package=package,
        title=title,
        key=key,
    )
    return version.package


def _publish(page) -> None:
    page.save_revision().publish()


def seed_scorm(context: dict[str, Any]) -> CoursePage:
    index: CourseIndexPage = context["courses_index"]
    course = CoursePage.objects.filter(slug=COURSE_SLUG).first()
    if course is None:
        course = CoursePage(
            title=COURSE_TITLE,
            slug=COURSE_SLUG,
            intro=(
                "<p>Indkøbt e-læring om informationssikkerhed og databeskyttelse, afviklet i "
                "Paragraf. Hvert trin er en SCORM-pakke: det, du når, gemmes undervejs, og du "
                "kan fortsætte, hvor du slap.</p>"
            ),
            family=CoursePage.Family.OTHER,
            duration_minutes=15,
        )
        index.add_child(instance=course)
        _publish(course)
    module = ModulePage.objects.child_of(course).first()
    if module is None:
        module = ModulePage(title="E-læring", slug="e-laering")
        course.add_child(instance=module)
        _publish(module)
    for title, slug, build, key in STEPS:
        package = _package(title, build, key)
        if not ScormLessonPage.objects.child_of(module).filter(slug=slug).exists():
            step = ScormLessonPage(title=title, slug=slug, package=package)
            module.add_child(instance=step)
            _publish(step)
    _requirement(course, context.get("units", {}))
    context["courses"][COURSE_SLUG] = course
    return course


REQUIREMENT_NAME = "Informationssikkerhed og GDPR for Center for Byliv"


def _requirement(course: CoursePage, units: dict) -> None:
    """Center for Byliv must take the course within 60 days, so the SCORM steps show in HR's
    reports (seed_compliance evaluates it with the others)."""
    if "BA-BYLIV" not in units:
        return
    requirement, new = Requirement.objects.get_or_create(
        name=REQUIREMENT_NAME,
        defaults={
            "course": course,
            "trigger": Requirement.Trigger.ASSIGNED,
            "due_days": 60,
            "applies_from": timezone.localdate() - dt.timedelta(days=365),
        },
    )
    if new:
        requirement.units.set([units["BA-BYLIV"]])
