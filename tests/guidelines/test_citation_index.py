from django.contrib.contenttypes.models import ContentType

from courses.models import LessonPage
from guidelines.models import Citation
from guidelines.selectors import guideline_cited_by, provision_cited_by
from tests.factories import citation, lesson_add, publish


def _rows(lesson):
    return Citation.objects.filter(
        source_content_type=ContentType.objects.get_for_model(LessonPage),
        source_object_id=lesson.pk,
    )


def test_publishing_a_lesson_indexes_each_citation_with_its_revision_and_anchor(cited):
    rows = list(_rows(cited["lesson_a"]).order_by("id"))
    assert [r.section_anchor for r in rows] == ["ag-ude-3", ""]
    assert rows[0].guideline_id == cited["guideline"].pk
    assert rows[0].guideline_revision_id == cited["guideline"].live_revision_id
    assert rows[1].provision == cited["provision"]
    assert {r.source_revision_id for r in rows} == {cited["lesson_a"].live_revision_id}


def test_republishing_a_lesson_replaces_its_rows(cited):
    lesson = LessonPage.objects.get(pk=cited["lesson_a"].pk)
    lesson.body = [citation(section=cited["guideline"].sections.get(key="AG-UDE-2"))]
    publish(lesson)
    assert [r.section_anchor for r in _rows(lesson)] == ["ag-ude-2"]


def test_unpublishing_or_deleting_a_lesson_removes_its_rows(cited):
    cited["lesson_a"].unpublish()
    assert not _rows(cited["lesson_a"]).exists()
    assert _rows(cited["lesson_b"]).exists()
    LessonPage.objects.get(pk=cited["lesson_b"].pk).delete()
    assert not Citation.objects.exists()


def test_citations_nested_in_other_blocks_are_found(cited):
    from guidelines.services import CitationTarget, citations_from_stream

    section = cited["guideline"].sections.get(key="AG-UDE-2")
    lesson = lesson_add(
        cited["module"],
        title="Dubletter",
        slug="dubletter",
        body=[citation(section=section), citation(section=section)],
    )
    assert citations_from_stream(lesson.body) == [CitationTarget(section_id=section.pk)]


def test_the_guideline_knows_which_lessons_teach_each_section(cited):
    by_section = guideline_cited_by(page=cited["guideline"])
    s1 = cited["guideline"].sections.get(key="AG-UDE-1")
    s3 = cited["guideline"].sections.get(key="AG-UDE-3")
    assert [r.title for r in by_section[s3.pk].taught_in] == ["Gangbanen"]
    assert [r.title for r in by_section[s1.pk].taught_in] == ["Ansøgningen"]
    assert by_section[s3.pk].taught_in[0].url == cited["lesson_a"].url
    assert provision_cited_by(provision=cited["provision"]).taught_in[0].title == "Gangbanen"
