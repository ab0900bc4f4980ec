"""Reactions to other apps' events; connected in ComplianceConfig.ready()."""

from __future__ import annotations

from .acknowledgements import acknowledgements_reopen
from .movements import assignments_after_import
from .services import assignments_complete_for_run, assignments_start_for_course


def on_course_completed(sender, run, **kwargs) -> None:
    assignments_complete_for_run(run=run)


def on_step_completed(sender, completion, **kwargs) -> None:
    run = completion.run
    assignments_start_for_course(user_id=run.user_id, course_id=run.course_id)


def on_employees_imported(
    sender,
    person_ids,
    new_person_ids=None,
    moved_unit_ids=None,
    rehired=None,
    today=None,
    **kwargs,
) -> None:
    assignments_after_import(
        person_ids=person_ids,
        new_person_ids=new_person_ids,
        moved_unit_ids=moved_unit_ids,
        rehired=rehired,
        today=today,
    )


def on_guideline_change_decided(sender, change, kind, **kwargs) -> None:
    """A material change asks again those who acknowledged an older revision."""
    from guidelines.models import GuidelineChange

    if kind == GuidelineChange.Kind.MATERIAL:
        acknowledgements_reopen(change=change)
