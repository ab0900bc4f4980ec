import pytest

from courses.models import LessonPage
from guidelines.models import GuidelinePage
from tests.factories import (
    StatuteProvisionFactory,
    citation,
    course,
    guideline,
    lesson_add,
    publish,
)


@pytest.fixture
def cited(tree):
    ag = guideline("AG-UDE", sections=3, title="Udeservering")
    section = ag.sections.get(key="AG-UDE-3")
    provision = StatuteProvisionFactory(
        key="FVL-19-1", number="19", subsection="1", title="Partshøring"
    )
    c = course(modules=1, lessons=0)
    module = c.get_children().first()
    lesson = lesson_add(
        module.specific,
        title="Partshøring",
        slug="partshoering",
        body=[
            {"type": "text", "value": "<p>Om partshøring</p>"},
            citation(section=section),
            citation(provision=provision),
        ],
    )
    return ag, section, lesson


def test_citation_links_to_the_guideline_section_anchor(client, learner, cited):
    ag, section, lesson = cited
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert 'href="/administrationsgrundlag/ag-ude/#ag-ude-3"' in html
    assert "Udeservering, AG-UDE-3 Afsnit 3" in html
    assert "Vis afsnittets tekst" in html and "Tekst 3" in html
    assert "FVL § 19, stk. 1" in html
    guideline_html = client.get(ag.url).content.decode()
    assert 'id="ag-ude-3"' in guideline_html


def test_citation_survives_reordering_the_guideline_sections(client, learner, cited):
    ag, section, lesson = cited
    page = GuidelinePage.objects.get(pk=ag.pk)
    sections = list(page.sections.all())
    # Move section 3 to the top and edit its text, as a jurist would in the admin.
    sections[2].sort_order, sections[0].sort_order = 0, 2
    sections[2].body = "<p>Ny tekst</p>"
    page.sections = sections
    publish(page)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert 'href="/administrationsgrundlag/ag-ude/#ag-ude-3"' in html
    assert "Ny tekst" in html
    guideline_html = client.get(ag.url).content.decode()
    assert guideline_html.index('id="ag-ude-3"') < guideline_html.index('id="ag-ude-1"')
    assert '<span class="guideline-section__number">§ 1</span> Afsnit 3' in guideline_html


def test_a_citation_to_a_removed_section_shows_a_notice_instead_of_crashing(client, learner, cited):
    ag, section, lesson = cited
    page = GuidelinePage.objects.get(pk=ag.pk)
    page.sections = [s for s in page.sections.all() if s.key != "AG-UDE-3"]
    publish(page)
    client.force_login(learner)
    response = client.get(LessonPage.objects.get(pk=lesson.pk).url)
    assert response.status_code == 200
    assert "Det citerede afsnit er fjernet" in response.content.decode()


def test_citation_block_requires_exactly_one_target(cited):
    from django.core.exceptions import ValidationError

    from guidelines.blocks import CitationBlock

    block = CitationBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"section": None, "provision": None, "note": ""}))
