"""Reads about courses and a person's progress. Query counts do not grow with course size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from wagtail.models import Page

from .models import (
    CourseIndexPage,
    CoursePage,
    CourseRun,
    CourseVariant,
    ModulePage,
    StepCompletion,
)
from .outline import LIGHT_FIELDS, outline_of
from .steps import step_earned, step_proof, step_types

if TYPE_CHECKING:
    from people.models import User


@dataclass
class StepInfo:
    page: Page
    kind: str
    done: bool = False


@dataclass
class ModuleInfo:
    page: Page
    steps: list[StepInfo] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return bool(self.steps) and all(step.done for step in self.steps)


@dataclass
class CourseProgress:
    course: CoursePage
    modules: list[ModuleInfo]
    run: CourseRun | None

    @property
    def steps(self) -> list[StepInfo]:
        return [step for module in self.modules for step in module.steps]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def done_count(self) -> int:
        return sum(1 for step in self.steps if step.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0

    @property
    def completed(self) -> bool:
        return self.run is not None and self.run.completed_at is not None

    @property
    def started(self) -> bool:
        return self.run is not None

    @property
    def next_step(self) -> StepInfo | None:
        return next((step for step in self.steps if not step.done), None)


def _step_kinds() -> dict[int, str]:
    """Content type id → step model name (``lessonpage``, ``quizpage``); one cached lookup."""
    types = ContentType.objects.get_for_models(*step_types())
    # Concrete step models always have a model_name (it is only None on abstract bases).
    return {ct.id: str(model._meta.model_name) for model, ct in types.items()}


def _structure(courses: list[CoursePage]) -> dict[int, list[ModuleInfo]]:
    """Modules and live steps for several sibling courses in one query (content types cached)."""
    if not courses:
        return {}
    kinds = _step_kinds()
    by_path = {course.path: course.pk for course in courses}
    depth = courses[0].depth
    if any(course.depth != depth for course in courses):
        raise ValueError("courses must be siblings in the page tree")
    module_ct = ContentType.objects.get_for_model(ModulePage)
    under_courses = Q()
    for path in by_path:
        under_courses |= Q(path__startswith=path)
    descendants = (
        Page.objects.live()
        .filter(under_courses, depth__in=[depth + 1, depth + 2])
        .only("id", "path", "depth", "title", "slug", "url_path", "content_type_id", "live")
        .order_by("path")
    )
    result: dict[int, list[ModuleInfo]] = {pk: [] for pk in by_path.values()}
    modules: dict[str, ModuleInfo] = {}
    for page in descendants:
        course_pk = by_path.get(page.path[: Page.steplen * depth])
        if course_pk is None:
            continue
        if page.depth == depth + 1 and page.content_type_id == module_ct.id:
            module = ModuleInfo(page=page)
            modules[page.path] = module
            result[course_pk].append(module)
        elif page.depth == depth + 2 and page.content_type_id in kinds:
            parent = modules.get(page.path[: -Page.steplen])
            if parent is not None:
                parent.steps.append(StepInfo(page=page, kind=kinds[page.content_type_id]))
    return result


def runs_latest(*, user: User, course_ids: list[int]) -> dict[int, CourseRun]:
    """The newest run per course for one person (one query)."""
    runs: dict[int, CourseRun] = {}
    if not user.is_authenticated or not course_ids:
        return runs
    for run in CourseRun.objects.filter(user=user, course_id__in=course_ids).order_by(
        "course_id", "-started_at", "-id"
    ):
        runs.setdefault(run.course_id, run)
    return runs


def _apply_progress(modules: list[ModuleInfo], done_ids: set[int]) -> None:
    for module in modules:
        for step in module.steps:
            step.done = step.page.pk in done_ids


@dataclass
class Variants:
    """A course's variants in order, and the modules each of them alone includes."""

    order: list[int] = field(default_factory=list)
    modules: dict[int, set[int]] = field(default_factory=dict)

    def hidden_modules(self, variant_id: int | None) -> set[int]:
        """Modules not in a run of ``variant_id`` (None: the first variant): those only other
        variants include."""
        if not self.order:
            return set()
        own = variant_id if variant_id in self.modules else self.order[0]
        return {m for v, mods in self.modules.items() if v != own for m in mods} - self.modules[own]

    def next_after(self, variant_id: int | None) -> int | None:
        """The variant a new run takes after a run of ``variant_id``: the next in order, the
        first after the last (or after none)."""
        if not self.order:
            return None
        if variant_id not in self.order:
            return self.order[0]
        return self.order[(self.order.index(variant_id) + 1) % len(self.order)]


def course_variants(*, course_ids: list[int]) -> dict[int, Variants]:
    """course id → its Variants (one query; courses without variants are left out)."""
    return _variants_from_rows(
        CourseVariant.objects.filter(course_id__in=course_ids)
        .order_by("course_id", "sort_order", "id")
        .values_list("course_id", "id", "modules")
    )


def courses_progress(*, user: User, courses: list[CoursePage]) -> list[CourseProgress]:
    """Progress for several courses in a fixed number of queries. A course with variants
    shows (and counts) the modules of the run's variant, or of the first for no run yet."""
    structure = _structure(courses)
    variants = course_variants(course_ids=[c.pk for c in courses])
    runs = runs_latest(user=user, course_ids=[c.pk for c in courses])
    done: dict[int, set[int]] = {run.pk: set() for run in runs.values()}
    if done:
        for run_id, page_id in StepCompletion.objects.filter(run_id__in=list(done)).values_list(
            "run_id", "page_id"
        ):
            done[run_id].add(page_id)
    result = []
    for course in courses:
        run = runs.get(course.pk)
        modules = structure.get(course.pk, [])
        if course.pk in variants:
            hidden = variants[course.pk].hidden_modules(run.variant_id if run else None)
            modules = [m for m in modules if m.page.pk not in hidden]
        _apply_progress(modules, done.get(run.pk, set()) if run else set())
        result.append(CourseProgress(course=course, modules=modules, run=run))
    return result


def course_outline(*, course: CoursePage, user: User) -> CourseProgress:
    return courses_progress(user=user, courses=[course])[0]


def live_courses() -> list[CoursePage]:
    index = CourseIndexPage.objects.live().first()
    if index is None:
        return []
    return list(CoursePage.objects.child_of(index).live().order_by("title"))


def course_for_step(step: Page) -> CoursePage | None:
    """The course a lesson or quiz belongs to (its grandparent)."""
    return CoursePage.objects.filter(
        path=step.path[: -2 * Page.steplen], depth=step.depth - 2
    ).first()


def _variants_from_rows(rows) -> dict[int, Variants]:
    """(course id, variant id, module id or None) in variant order → course id → Variants."""
    result: dict[int, Variants] = {}
    for course_id, variant_id, module_id in rows:
        variants = result.setdefault(course_id, Variants())
        if variant_id not in variants.modules:
            variants.order.append(variant_id)
            variants.modules[variant_id] = set()
        if module_id is not None:
            variants.modules[variant_id].add(module_id)
    return result


def _place_in_course(
    *, user: User, course_id: int, variants: tuple[tuple[int, int | None], ...]
) -> tuple[set[int], set[int]]:
    """(pages done in the person's newest run of the course, modules outside that run's variant)
    in one query: the newest run's completions and the run's variant as one UNION ALL, in SQL
    written once (the ORM's compiling of a union cost more than running it); ``variants`` are
    the course's (Outline.variants): a course without variants hides nothing."""
    pages: set[int] = set()
    variant_id = None
    if user.is_authenticated:
        with connection.cursor() as cursor:
            cursor.execute(_place_sql(), [user.pk, course_id, user.pk, course_id])
            for kind, value in cursor.fetchall():
                if kind == 1:
                    pages.add(value)
                else:
                    variant_id = value
    course = _variants_from_rows((course_id, v, m) for v, m in variants).get(course_id)
    return pages, set() if course is None else course.hidden_modules(variant_id)


@cache
def _place_sql() -> str:
    runs, done = CourseRun._meta.db_table, StepCompletion._meta.db_table
    latest = (
        f"(SELECT id FROM {runs} WHERE user_id = %s AND course_id = %s "  # noqa: S608
        "ORDER BY started_at DESC, id DESC LIMIT 1)"
    )
    return (
        f"SELECT 1, page_id FROM {done} WHERE run_id = {latest} "  # noqa: S608
        f"UNION ALL SELECT 2, variant_id FROM {runs} WHERE id = {latest}"
    )


def _light_page(row: tuple) -> Page:
    """A Page with just the fields titles, links and the pager need, without a model load."""
    return Page(**dict(zip(LIGHT_FIELDS, row, strict=True)))


def lesson_context(*, lesson: Page, user: User) -> dict[str, object]:
    """Course, module, previous/next step and whether this person has done the step. In a
    course with variants the previous and next step are those of the person's variant.

    One query whatever the course size when the course's outline is cached (courses.outline),
    three when it is not: the outline, and the person's place in it (``_place_in_course``);
    page objects are built only for the course, the module and the two neighbours.
    """
    depth = lesson.depth - 2
    outline = outline_of(course_path=lesson.path[: Page.steplen * depth])
    if outline is None:
        return {"course": None}
    rows = outline.rows
    kinds = _step_kinds()
    module_ct = ContentType.objects.get_for_model(ModulePage).id
    modules = {row[1]: row for row in rows[1:] if row[2] == depth + 1 and row[6] == module_ct}
    done, hidden = _place_in_course(user=user, course_id=rows[0][0], variants=outline.variants)
    own_modules = {path: row for path, row in modules.items() if row[0] not in hidden}
    if lesson.path[: -Page.steplen] not in own_modules:
        own_modules = modules  # a step of another variant, opened by link: the whole course
    steps = [
        row
        for row in rows[1:]
        if row[2] == depth + 2 and row[6] in kinds and row[1][: -Page.steplen] in own_modules
    ]
    index = next((i for i, row in enumerate(steps) if row[0] == lesson.pk), None)

    def step(i: int) -> StepInfo | None:
        if index is None or not 0 <= i < len(steps):
            return None
        row = steps[i]
        return StepInfo(page=_light_page(row), kind=kinds[row[6]], done=row[0] in done)

    module = modules.get(lesson.path[: -Page.steplen])
    return {
        "course": _light_page(rows[0]),
        "module": _light_page(module) if module else None,
        "previous_step": step(index - 1) if index else None,
        "next_step": step(index + 1) if index is not None else None,
        "step_done": lesson.pk in done,
    }


def run_opened_after(*, run: CourseRun) -> dt.datetime | None:
    """When the person's previous run of the course ended (None for a first run): what
    counts towards ``run`` (a passed quiz attempt) must have happened after it. One query."""
    return (
        CourseRun.objects.filter(
            user_id=run.user_id,
            course_id=run.course_id,
            completed_at__isnull=False,
            started_at__lte=run.started_at,
        )
        .exclude(pk=run.pk)
        .order_by("-completed_at")
        .values_list("completed_at", flat=True)
        .first()
    )


def run_unearned_steps(*, run: CourseRun) -> list[Page]:
    """The steps recorded as complete in ``run`` whose proof does not hold (a quiz step without
    a passed, graded attempt since the previous run ended): what an audit of issued
    certificates looks for. Lessons are never listed. One query, plus one per step with a
    proof."""
    since = run_opened_after(run=run)
    pages = [c.page.specific for c in run.completions.select_related("page")]
    return [
        page
        for page in pages
        if step_proof(page) is not None and not step_earned(user=run.user, page=page, since=since)
    ]


def course_window_start(*, user: User, course: CoursePage) -> dt.datetime | None:
    """When the person's current pass through the course began to count: the end of the run
    before their newest one (None when they have had no finished earlier run). Quiz attempts
    after it belong to the current run (its attempt allowance and its proof). One query."""
    runs = list(
        CourseRun.objects.filter(user=user, course=course)
        .order_by("-started_at", "-id")
        .values_list("started_at", "completed_at")
    )
    if not runs:
        return None
    newest_started = runs[0][0]
    ends = [done for started, done in runs[1:] if done is not None and started <= newest_started]
    return max(ends, default=None)
