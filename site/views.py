from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from certificates.selectors import certificates_of_holder
from compliance.selectors import my_open_assignments, my_valid_cycles
from courses.selectors import courses_progress, live_courses
from people.models import User


@login_required
def my_courses(request: HttpRequest) -> HttpResponse:
    """The learner's dashboard: every live course with their progress."""
    user = cast(User, request.user)  # login_required: never AnonymousUser here
    progress = courses_progress(user=user, courses=live_courses())
    required = my_open_assignments(user=user)
    required_course_ids = {assignment.requirement.course_id for assignment in required}
    started = [p for p in progress if p.started and not p.completed]
    completed = [p for p in progress if p.completed]
    # A mandatory course not yet started is listed once, under "Obligatoriske kurser".
    other = [p for p in progress if not p.started and p.course.pk not in required_course_ids]
    return TemplateResponse(
        request,
        "paragraf/my_courses.html",
        {
            "in_progress": started,
            "completed": completed,
            "other": other,
            "required": required,
            "valid_cycles": my_valid_cycles(user=user),
            "certificates": certificates_of_holder(user=user),
        },
    )
