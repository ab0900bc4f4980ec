"""Rotating refresher content: each new run of a course with variants takes the next variant,
shows only its modules (and the shared ones) and completes the course like the base course."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import Assignment, Status
from compliance.services import requirements_evaluate
from courses.models import CourseRun, CourseVariant, ModulePage
from courses.selectors import course_outline
from courses.services import runs_start_new, step_complete
from tests.compliance.conftest import requirement
from tests.factories import course, lessons_of


def variant_course(n_variants: int = 2):
    """Module 1 is shared; module k + 1 belongs to variant k alone."""
    page = course("Årlig genopfriskning", modules=1 + n_variants, lessons=1)
    modules = list(ModulePage.objects.child_of(page).order_by("path"))
    for k in range(n_variants):
        variant = CourseVariant.objects.create(course=page, name=f"Case {k + 1}", sort_order=k)
        variant.modules.set([modules[k + 1]])
        variant.save()  # a ParentalManyToManyField is written on save
    return page, modules


def finish(user, page) -> CourseRun:
    """Complete every step the person's current run shows."""
    for step in course_outline(course=page, user=user).steps or [None]:
        if step is None:  # no run yet: the first step starts one
            step_complete(user=user, page=lessons_of(page)[0])
            return finish(user, page)
        step_complete(user=user, page=step.page)
    run = CourseRun.objects.filter(user=user, course=page).order_by("-started_at", "-id").first()
    assert run.completed_at is not None
    return run


@pytest.mark.django_db
def test_the_first_run_takes_the_first_variant_and_shows_only_its_modules(learner, tree):
    page, modules = variant_course()
    outline = course_outline(course=page, user=learner)
    assert [m.page.pk for m in outline.modules] == [modules[0].pk, modules[1].pk]
    step_complete(user=learner, page=lessons_of(page)[0])
    run = CourseRun.objects.get(user=learner, course=page)
    assert run.variant.name == "Case 1"
    # Two steps (shared + the variant's), not three: done after the variant's lesson.
    step_complete(user=learner, page=lessons_of(page)[1])
    run.refresh_from_db()
    assert run.completed_at is not None


@pytest.mark.django_db
def test_each_new_run_takes_the_next_variant_and_never_the_same_twice(learner, tree):
    page, modules = variant_course(3)
    seen = []
    for _cycle in range(7):
        run = finish(learner, page)
        seen.append(run.variant.name)
        runs_start_new(course=page, user_ids=[learner.pk])
    assert seen == ["Case 1", "Case 2", "Case 3", "Case 1", "Case 2", "Case 3", "Case 1"]
    assert all(a != b for a, b in zip(seen, seen[1:], strict=False))


@pytest.mark.django_db
def test_two_variants_alternate(learner, tree):
    page, modules = variant_course(2)
    names = []
    for _cycle in range(4):
        names.append(finish(learner, page).variant.name)
        runs_start_new(course=page, user_ids=[learner.pk])
    assert names == ["Case 1", "Case 2", "Case 1", "Case 2"]
    newest = CourseRun.objects.filter(user=learner, course=page).order_by("-id").first()
    outline = course_outline(course=page, user=learner)
    assert newest.variant.name == "Case 1"
    assert modules[2].pk not in [m.page.pk for m in outline.modules]


@pytest.mark.django_db
def test_a_variant_run_completes_the_compliance_cycle_like_the_base_course(learner, tree):
    page, modules = variant_course(2)
    req = requirement(page, due_days=30, recurrence="months", recurrence_months=12)
    requirements_evaluate(today=dt.date.today())
    finish(learner, page)
    first = Assignment.objects.get(person=learner, requirement=req)
    assert first.status == Status.COMPLETED
    # The recertification a year on starts a fresh run with the other variant.
    requirements_evaluate(today=dt.date.today() + dt.timedelta(days=340))
    fresh = CourseRun.objects.filter(user=learner, course=page).order_by("-id").first()
    assert fresh.completed_at is None and fresh.variant.name == "Case 2"
    finish(learner, page)
    second = Assignment.objects.get(person=learner, requirement=req, cycle=2)
    assert second.status == Status.COMPLETED


@pytest.mark.django_db
def test_a_course_without_variants_is_unchanged(learner, tree):
    page = course("Uden varianter", modules=2, lessons=1)
    run = finish(learner, page)
    assert run.variant is None and len(course_outline(course=page, user=learner).steps) == 2


@pytest.mark.django_db
def test_a_variant_cannot_name_another_courses_module(tree):
    page, _ = variant_course(2)
    other = course("Andet kursus", modules=1, lessons=1)
    variant = page.variants.first()
    variant.modules.add(ModulePage.objects.child_of(other).get())
    variant.save()
    page = type(page).objects.get(pk=page.pk)
    with pytest.raises(ValidationError):
        page.clean()


@pytest.mark.django_db
def test_the_lesson_pager_walks_only_the_runs_own_variant(learner, tree):
    from courses.selectors import lesson_context

    page, _modules = variant_course(2)
    shared, first_case, second_case = lessons_of(page)
    # before any run, and in the first run: the shared lesson, then case 1's
    assert lesson_context(lesson=shared, user=learner)["next_step"].page.pk == first_case.pk
    finish(learner, page)
    runs_start_new(course=page, user_ids=[learner.pk])
    # the new run takes case 2: after the shared lesson comes its lesson, not case 1's
    context = lesson_context(lesson=shared, user=learner)
    assert context["next_step"].page.pk == second_case.pk
    assert lesson_context(lesson=second_case, user=learner)["previous_step"].page.pk == shared.pk
    # a lesson of the other variant, opened by link, keeps the whole course's pager
    context = lesson_context(lesson=first_case, user=learner)
    assert context["previous_step"].page.pk == shared.pk
    assert context["next_step"].page.pk == second_case.pk
