import pytest

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from guidelines.models import GuidelineIndexPage, GuidelinePage
from paragraf.models import HomePage


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (CoursePage, CourseIndexPage, True),
        (ModulePage, CoursePage, True),
        (LessonPage, ModulePage, True),
        (LessonPage, CoursePage, False),
        (LessonPage, CourseIndexPage, False),
        (ModulePage, ModulePage, False),
        (CoursePage, HomePage, False),
        (GuidelinePage, GuidelineIndexPage, True),
        (GuidelinePage, CoursePage, False),
        (CourseIndexPage, HomePage, True),
        (GuidelineIndexPage, HomePage, True),
    ],
)
def test_page_types_can_only_be_created_where_they_belong(child, parent, allowed):
    assert (child in parent.allowed_subpage_models()) is allowed
    assert (parent in child.allowed_parent_page_models()) is allowed
