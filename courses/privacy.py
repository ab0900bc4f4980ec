"""Course progress in the person's own data export, and its anonymisation for leavers."""

from __future__ import annotations

from typing import Any

from people.models import User

from .models import CourseRun, StepCompletion


def course_runs_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "kursus": run.course.title,
            "startet": run.started_at.isoformat(),
            "gennemført": run.completed_at.isoformat() if run.completed_at else "",
        }
        for run in CourseRun.objects.filter(user=user)
        .select_related("course")
        .order_by("started_at")
    ]


def step_completions_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "kursus": completion.run.course.title,
            "trin": completion.page.title,
            "version": completion.revision_id or "",
            "gennemført": completion.completed_at.isoformat(),
        }
        for completion in StepCompletion.objects.filter(run__user=user)
        .select_related("run__course", "page")
        .order_by("completed_at")
    ]
