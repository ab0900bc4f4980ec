"""Helpers for the certificate tests: a completed course run and a clean cache and media."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue_for_run
from courses.models import CourseRun
from courses.services import step_complete
from tests.factories import course, lessons_of


@pytest.fixture(autouse=True)
def clean_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PARAGRAF_BASE_URL = "https://paragraf.example.dk"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def onboarding(tree):
    return course(title="Onboarding for nye medarbejdere", modules=1, lessons=1)


def complete_course(user, course_page) -> CourseRun:
    for lesson in lessons_of(course_page):
        step_complete(user=user, page=lesson)
    return CourseRun.objects.get(user=user, course=course_page, completed_at__isnull=False)


def certificate_for(user, course_page, **fields) -> Certificate:
    """A certificate issued straight from a completed run (no PDF), with optional overrides."""
    certificate, _ = certificate_issue_for_run(run=complete_course(user, course_page))
    if fields:
        Certificate.objects.filter(pk=certificate.pk).update(**fields)
        certificate.refresh_from_db()
    return certificate


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)
