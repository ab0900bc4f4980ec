"""The course outline a lesson page reads is kept in the shared cache and forgotten when the
course changes: a new or unpublished lesson, a variant, a move or a new slug is on the next
page view, never a stale pager."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from courses.models import CourseVariant, LessonPage, ModulePage
from courses.outline import KEY, outline_of
from courses.selectors import lesson_context
from tests.factories import course, lesson_add, lessons_of, publish


@pytest.fixture
def cached(settings):
    settings.PARAGRAF_OUTLINE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def pager(lesson, user) -> tuple[str | None, str | None]:
    context = lesson_context(lesson=LessonPage.objects.get(pk=lesson.pk), user=user)
    previous, following = context["previous_step"], context["next_step"]
    return (
        previous.page.title if previous else None,
        following.page.title if following else None,
    )


@pytest.mark.django_db
def test_a_second_view_reads_the_outline_from_the_cache(cached, learner, django_assert_num_queries):
    page = course("Forvaltningsret", modules=1, lessons=3)
    first, second, _ = lessons_of(page)
    lesson = LessonPage.objects.get(pk=second.pk)
    lesson_context(lesson=lesson, user=learner)  # fills the cache
    with django_assert_num_queries(1):  # only the learner's own place in the course
        context = lesson_context(lesson=lesson, user=learner)
    assert (context["previous_step"].page.title, context["next_step"].page.title) == (
        "Lektion 1.1",
        "Lektion 1.3",
    )
    assert cache.get(KEY + page.path) is not None


@pytest.mark.django_db
def test_without_a_shared_cache_nothing_is_kept(settings, learner):
    settings.PARAGRAF_OUTLINE_CACHE = False
    cache.clear()
    page = course("Forvaltningsret", modules=1, lessons=2)
    pager(lessons_of(page)[0], learner)
    assert cache.get(KEY + page.path) is None


@pytest.mark.django_db
def test_a_published_or_unpublished_lesson_is_on_the_next_view(
    cached, learner, django_capture_on_commit_callbacks
):
    page = course("Forvaltningsret", modules=1, lessons=2)
    first, last = lessons_of(page)
    assert pager(last, learner) == ("Lektion 1.1", None)
    module = ModulePage.objects.child_of(page).get()
    with django_capture_on_commit_callbacks(execute=True):
        extra = lesson_add(module, title="Lektion 1.3", slug="lektion-1-3")
        publish(extra)
    assert pager(last, learner) == ("Lektion 1.1", "Lektion 1.3")
    with django_capture_on_commit_callbacks(execute=True):
        extra.unpublish()
    assert pager(last, learner) == ("Lektion 1.1", None)
    with django_capture_on_commit_callbacks(execute=True):
        LessonPage.objects.get(pk=first.pk).delete()
    assert pager(last, learner) == (None, None)


@pytest.mark.django_db
def test_nothing_is_forgotten_before_the_change_commits(cached, learner):
    page = course("Forvaltningsret", modules=1, lessons=2)
    _, last = lessons_of(page)
    pager(last, learner)
    module = ModulePage.objects.child_of(page).get()
    publish(lesson_add(module, title="Lektion 1.3", slug="lektion-1-3"))  # not committed
    assert cache.get(KEY + page.path) is not None


@pytest.mark.django_db
def test_a_new_variant_and_a_new_slug_are_on_the_next_view(
    cached, learner, django_capture_on_commit_callbacks
):
    page = course("Genopfriskning", modules=2, lessons=1)
    shared, own = lessons_of(page)
    assert pager(shared, learner) == (None, "Lektion 2.1")
    modules = list(ModulePage.objects.child_of(page).order_by("path"))
    with django_capture_on_commit_callbacks(execute=True):
        first = CourseVariant.objects.create(course=page, name="Case 1", sort_order=0)
        CourseVariant.objects.create(course=page, name="Case 2", sort_order=1)
        first.modules.set([modules[1]])
        first.save()
    outline = outline_of(course_path=page.path)
    assert {module for _variant, module in outline.variants if module} == {modules[1].pk}
    with django_capture_on_commit_callbacks(execute=True):
        page.slug = "genopfriskning-2027"
        page.save_revision().publish()
    outline = outline_of(course_path=page.path)
    assert outline.rows[0][5].endswith("/genopfriskning-2027/")
    assert all("/genopfriskning-2027/" in row[5] for row in outline.rows)


@pytest.mark.django_db
def test_a_moved_course_is_read_again(cached, learner, django_capture_on_commit_callbacks):
    page = course("Flyttes", modules=1, lessons=1)
    other = course("Andet kursus", modules=0, lessons=0)
    old_path = page.path
    outline_of(course_path=old_path)
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other.get_parent(), pos="last-child")
    assert cache.get(KEY + old_path) is None
    page.refresh_from_db()
    assert outline_of(course_path=page.path).rows[0][0] == page.pk
