"""Downloading a course as a SCORM 1.2 package (``/admin/scorm-eksport/<page id>/``): for those
who may edit the course, audited."""

from __future__ import annotations

import logging
from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.views.decorators.cache import never_cache

from courses.models import CoursePage
from people.audit import audit_log
from people.models import User

from .export import ExportRefused, course_export_scorm

logger = logging.getLogger(__name__)


def may_export(user, course: CoursePage) -> bool:
    return bool(user.is_authenticated and course.permissions_for_user(user).can_edit())


@never_cache
def course_export(request: HttpRequest, page_id: int) -> HttpResponse:
    """The course as a zip; back to the page tree with a Danish message when it cannot be."""
    course = get_object_or_404(CoursePage, pk=page_id)
    if not may_export(request.user, course):
        raise PermissionDenied
    try:
        export = course_export_scorm(course=course)
    except ExportRefused as refused:
        logger.info("scorm export refused course=%s user=%s", course.pk, request.user.pk)
        messages.error(request, refused.message)
        return redirect("wagtailadmin_explore", course.get_parent().pk)
    audit_log(
        actor=cast(User, request.user),
        action="export",
        what=f"SCORM-eksport af {course.title}",
    )
    response = HttpResponse(export.data, content_type="application/zip")
    name = slugify(course.title) or f"kursus-{course.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}-scorm12.zip"'
    return response
