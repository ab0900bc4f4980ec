"""Writes: a package version from an upload, a learner's attempt, and the commits of its CMI."""

from __future__ import annotations

import logging
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from courses.selectors import course_for_step, run_opened_after
from courses.services import StepNotCompletable, run_current, step_complete

from .cmi import cmi_read, is_complete, mastery_12, success_2004
from .models import ScormAttempt, ScormLessonPage, ScormPackage, ScormPackageVersion
from .packages import CheckedPackage, package_store
from .selectors import attempt_latest

if TYPE_CHECKING:
    from people.models import User

logger = logging.getLogger(__name__)


def package_upload(
    *,
    upload: IO[bytes],
    file_name: str,
    by: User | None,
    package: ScormPackage | None = None,
    title: str = "",
    key: str = "",
) -> ScormPackageVersion:
    """Check, unpack and store ``upload`` as the next version of ``package`` (a new package
    titled ``title``, or the manifest's title, when None). Raises packages.PackageRefused and
    writes nothing when the zip is refused; attempts already started keep their old version.
    ``key``: a fixed storage key (the demo's), else a fresh one."""
    checked, key, written = package_store(upload, key=key)
    with transaction.atomic():
        if package is None:
            package = ScormPackage.objects.create(
                title=(title or checked.manifest.title or file_name)[:255]
            )
        return package_version_create(
            package=package, checked=checked, key=key, written=written, file_name=file_name, by=by
        )


def package_version_create(
    *,
    package: ScormPackage,
    checked: CheckedPackage,
    key: str,
    written: int,
    file_name: str,
    by: User | None,
) -> ScormPackageVersion:
    """The next version of ``package`` for files already stored under ``key``."""
    manifest = checked.manifest
    with transaction.atomic():
        ScormPackage.objects.select_for_update().filter(pk=package.pk).first()
        number = (package.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = ScormPackageVersion.objects.create(
            package=package,
            number=number,
            standard=manifest.standard,
            edition=manifest.edition[:40],
            launch=manifest.launch[:1000],
            mastery_score=manifest.mastery_score,
            scaled_passing_score=manifest.scaled_passing_score,
            storage_key=key,
            file_count=len(checked.names),
            size_bytes=written,
            file_name=file_name[:255],
            uploaded_by=by,
        )
    logger.info(
        "scorm package stored package=%s version=%s standard=%s files=%s bytes=%s by=%s",
        package.pk,
        number,
        manifest.standard,
        len(checked.names),
        written,
        getattr(by, "pk", None),
    )
    return version


def attempt_open(*, user: User, page: ScormLessonPage) -> ScormAttempt | None:
    """The person's attempt at the step: the newest one, unless it was completed before their
    current run of the course opened (a retraining), then a new one on the package's newest
    version. An unfinished attempt stays on its version after a new upload. None when the
    package has no version yet."""
    latest = attempt_latest(user=user, page=page)
    since = None
    course = course_for_step(page)
    if course is not None:
        run = run_current(user=user, course=course, create=False)
        since = run_opened_after(run=run) if run is not None else None
    if latest is not None and (
        latest.completed_at is None or since is None or latest.completed_at > since
    ):
        return latest
    version = page.package.current_version
    if version is None:
        return None
    attempt = ScormAttempt.objects.create(user=user, version=version, page=page)
    logger.info(
        "scorm attempt started user=%s page=%s version=%s attempt=%s",
        user.pk,
        page.pk,
        version.pk,
        attempt.pk,
    )
    return attempt


def attempt_commit(
    *, attempt: ScormAttempt, payload: dict[str, Any], session_key: str
) -> ScormAttempt:
    """Keep one commit of the package's CMI data. Values the data model does not allow are
    refused one by one (logged; the stored value stays). Time: the reported session time of
    the open session (``session_key``, one per page load) replaces the previous report of the
    same session; a new session first adds the previous one to the total. When the package
    reports passed or completed (after the manifest's mastery rules) the step is completed."""
    with transaction.atomic():
        attempt = (
            ScormAttempt.objects.select_for_update().select_related("version").get(pk=attempt.pk)
        )
        version = attempt.version
        update = cmi_read(payload, standard=version.standard)
        if update.refused:
            logger.warning(
                "scorm commit values refused attempt=%s user=%s version=%s refused=%s",
                attempt.pk,
                attempt.user_id,
                version.pk,
                ";".join(update.refused),
            )
        for column, value in update.values.items():
            setattr(attempt, column, value)
        if update.session_seconds is not None:
            if session_key and session_key != attempt.session_key:
                attempt.closed_seconds += attempt.session_seconds
                attempt.session_key = session_key[:40]
                attempt.session_seconds = 0
            attempt.session_seconds = max(attempt.session_seconds, update.session_seconds)
        mastery = float(version.mastery_score) if version.mastery_score is not None else None
        threshold = (
            float(version.scaled_passing_score)
            if version.scaled_passing_score is not None
            else None
        )
        if version.standard == ScormPackageVersion.Standard.SCORM_12:
            attempt.lesson_status = mastery_12(attempt.lesson_status, attempt.score_raw, mastery)
        elif "success_status" in update.values or "score_scaled" in update.values:
            attempt.success_status = success_2004(
                attempt.success_status, attempt.score_scaled, threshold
            )
        attempt.commits += 1
        done = is_complete(
            standard=version.standard,
            lesson_status=attempt.lesson_status,
            completion_status=attempt.completion_status,
            success_status=attempt.success_status,
        )
        newly_done = done and attempt.completed_at is None
        if newly_done:
            attempt.completed_at = timezone.now()
        attempt.save()
        if newly_done and attempt.page_id is not None:
            logger.info(
                "scorm attempt completed user=%s page=%s version=%s attempt=%s",
                attempt.user_id,
                attempt.page_id,
                version.pk,
                attempt.pk,
            )
            page = ScormLessonPage.objects.filter(pk=attempt.page_id).first()
            if page is not None:
                try:
                    step_complete(user=attempt.user, page=page)
                except StepNotCompletable:
                    logger.warning(
                        "scorm step not completable user=%s page=%s attempt=%s",
                        attempt.user_id,
                        page.pk,
                        attempt.pk,
                    )
    return attempt
