"""Reads: the SCORM step's proof, the learner's attempt and what the step page shows."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from courses.selectors import lesson_context

from .cmi import format_12, format_2004
from .models import ScormAttempt, ScormLessonPage, ScormPackageVersion

if TYPE_CHECKING:
    from wagtail.models import Page

    from people.models import User


def scorm_passed_since(*, user: User, page: Page, since: dt.datetime | None) -> bool:
    """The SCORM step's proof for course completion (registered in ``ScormConfig.ready``): the
    person has an attempt at this step that the package reported passed or completed (per its
    mastery rules) after ``since``. One query."""
    attempts = ScormAttempt.objects.filter(
        user_id=user.pk, page_id=page.pk, completed_at__isnull=False
    )
    if since is not None:
        attempts = attempts.filter(completed_at__gt=since)
    return attempts.exists()


def attempt_latest(*, user: User, page: Page) -> ScormAttempt | None:
    return (
        ScormAttempt.objects.filter(user_id=user.pk, page_id=page.pk)
        .select_related("version")
        .order_by("-started_at", "-pk")
        .first()
    )


def package_url(version: ScormPackageVersion, path: str) -> str:
    """The same-origin address of a file of the package version (served by views.package_file)."""
    base = reverse(
        "scorm:file",
        kwargs={"package_id": version.package_id, "version": version.number, "path": "x"},
    )
    return base[:-1] + path


def attempt_initial_cmi(*, attempt: ScormAttempt, user: User) -> dict[str, Any]:
    """What the runtime is loaded with before the package starts (``loadFromJSON``): who the
    learner is and, on a resume, the saved location, suspend data, status and total time."""
    version = attempt.version
    resume = attempt.exit == "suspend" or bool(attempt.suspend_data or attempt.location)
    name = user.get_full_name() or user.get_username()
    if version.standard == ScormPackageVersion.Standard.SCORM_12:
        core: dict[str, Any] = {
            "student_id": str(user.pk),
            "student_name": name,
            "lesson_location": attempt.location,
            "entry": "resume" if resume else "ab-initio",
            "total_time": format_12(attempt.total_seconds),
        }
        if attempt.lesson_status:
            core["lesson_status"] = attempt.lesson_status
        if attempt.score_raw is not None:
            core["score"] = {"raw": str(attempt.score_raw)}
        data: dict[str, Any] = {"core": core, "suspend_data": attempt.suspend_data}
        if version.mastery_score is not None:
            data["student_data"] = {"mastery_score": str(version.mastery_score)}
        return data
    data = {
        "learner_id": str(user.pk),
        "learner_name": name,
        "location": attempt.location,
        "suspend_data": attempt.suspend_data,
        "entry": "resume" if resume else "ab-initio",
        "total_time": format_2004(attempt.total_seconds),
    }
    if attempt.completion_status:
        data["completion_status"] = attempt.completion_status
    if attempt.success_status:
        data["success_status"] = attempt.success_status
    if version.scaled_passing_score is not None:
        data["scaled_passing_score"] = str(version.scaled_passing_score)
    return data


def scorm_page_context(
    *, page: ScormLessonPage, user: User, attempt: ScormAttempt | None
) -> dict[str, Any]:
    """Course, neighbours and done-ness like a lesson (two queries), and the person's attempt
    (opened by ScormLessonPage.serve) with the runtime's settings."""
    if not user.is_authenticated:
        return {"course": None}
    context: dict[str, Any] = dict(lesson_context(lesson=page, user=user))
    if attempt is not None:
        context["attempt"] = attempt
        context["launch_url"] = package_url(attempt.version, attempt.version.launch)
        context["runtime"] = attempt_runtime(attempt=attempt, user=user)
    return context


def attempt_runtime(*, attempt: ScormAttempt, user: User) -> dict[str, Any]:
    """The settings scorm/static/scorm/player.js starts scorm-again with (as JSON on the page)."""
    return {
        "standard": attempt.version.standard,
        "commitUrl": reverse("scorm:commit", kwargs={"attempt_id": attempt.pk}),
        "cmi": attempt_initial_cmi(attempt=attempt, user=user),
    }


def completion_package_versions(*, user_id: int, completions: list) -> dict[int, str]:
    """Step completion id → "pakkeversion N (SCORM 1.2)" for the completions of SCORM steps:
    the version of the attempt that completed the step (the newest completed at or before the
    completion). One query; empty for completions of other steps."""
    from django.utils.translation import gettext as _

    page_ids = {c.page_id for c in completions}
    attempts: dict[int, list[tuple[Any, int, str]]] = {}
    for page_id, completed_at, number, standard in (
        ScormAttempt.objects.filter(
            user_id=user_id, page_id__in=page_ids, completed_at__isnull=False
        )
        .order_by("completed_at")
        .values_list("page_id", "completed_at", "version__number", "version__standard")
    ):
        attempts.setdefault(page_id, []).append((completed_at, number, standard))
    labels = dict(ScormPackageVersion.Standard.choices)
    result: dict[int, str] = {}
    for completion in completions:
        found = [a for a in attempts.get(completion.page_id, []) if a[0] <= completion.completed_at]
        if found:
            _at, number, standard = found[-1]
            result[completion.pk] = _("pakkeversion %(number)s (%(standard)s)") % {
                "number": number,
                "standard": labels.get(standard, standard),
            }
    return result
