"""The learner's search: Danish full text over guideline sections, provisions and lessons;
what must never be found; and input that must never break the page."""

from __future__ import annotations

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from guidelines.models import GuidelineSection
from search.indexing import search_reindex
from search.models import SearchEntry
from search.selectors import query_clean, search
from tests.factories import (
    GuidelinePageFactory,
    StatuteProvisionFactory,
    citation,
    course,
    lesson_add,
    lessons_of,
    publish,
    site_tree,
)

pytestmark = pytest.mark.django_db

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def corpus(tree):
    _, _, index = site_tree()
    guideline = GuidelinePageFactory(
        parent=index,
        code="AG-UDE",
        title="Administrationsgrundlag for udeservering",
        slug="udeservering",
        sections=[
            GuidelineSection(
                key="AG-UDE-1",
                heading="Partshøring før afslag",
                body="<p>Før et afslag på udeservering skal ansøgeren partshøres om "
                "oplysninger, der taler imod ansøgningen.</p>",
                sort_order=0,
            ),
            GuidelineSection(
                key="AG-UDE-2",
                heading="Fliser og belægning",
                body="<p>Møbler må ikke beskadige fliser & belægning <b>på fortovet</b>.</p>",
                sort_order=1,
            ),
        ],
    )
    provision = StatuteProvisionFactory(
        key="FVL-19-1",
        act="Forvaltningsloven",
        act_short="FVL",
        number="19",
        subsection="1",
        title="Partshøring",
        summary="En part skal høres over oplysninger til ugunst, før der træffes afgørelse.",
    )
    page = course("Forvaltningsret for sagsbehandlere", modules=1, lessons=1)
    lesson = lessons_of(page)[0]
    lesson.title = "Sådan partshører du"
    lesson.body = [
        {"type": "text", "value": "<p>Partshøringen sikrer, at parten kan udtale sig.</p>"},
        citation(provision=provision),
    ]
    publish(lesson)
    return guideline, provision, lesson


def kinds(result):
    return {g.kind: [h.title for h in g.hits] for g in result.groups}


def test_publishing_indexes_sections_lessons_and_provisions(corpus):
    guideline, provision, lesson = corpus
    assert SearchEntry.objects.filter(kind="section", page=guideline).count() == 2
    assert SearchEntry.objects.filter(kind="lesson", object_id=lesson.pk).exists()
    assert SearchEntry.objects.filter(kind="provision", object_id=provision.pk).exists()
    section = SearchEntry.objects.get(kind="section", title__contains="Partshøring")
    assert section.url == f"{guideline.url}#ag-ude-1"


def test_a_search_groups_hits_by_kind_and_links_a_section_by_its_anchor(client, learner, corpus):
    client.force_login(learner)
    html = client.get("/soeg/", {"q": "partshøring"}).content.decode()
    assert "Afsnit i administrationsgrundlag" in html
    assert 'href="/administrationsgrundlag/udeservering/#ag-ude-1"' in html
    assert "Lovbestemmelser" in html and "FVL § 19, stk. 1" in html
    assert "<mark>" in html


@pytest.mark.skipif(not POSTGRES, reason="Danish stemming is PostgreSQL's danish configuration")
def test_danish_stemming_finds_the_provision_and_the_lessons_that_teach_it(corpus):
    guideline, provision, lesson = corpus
    result = search(query="partshøringen")
    found = kinds(result)
    assert any("Partshøring" in t for t in found["provision"])
    assert "Sådan partshører du" in found["lesson"]
    provision_hit = next(g for g in result.groups if g.kind == "provision").hits[0]
    assert provision_hit.lessons == [("Sådan partshører du", lesson.url)]
    lesson_hit = next(g for g in result.groups if g.kind == "lesson").hits[0]
    assert "<mark>Partshøringen</mark>" in lesson_hit.snippet


def test_the_snippet_is_escaped_and_only_our_marks_are_html(corpus):
    result = search(query="fliser")
    snippet = result.groups[0].hits[0].snippet
    assert "&amp;" in snippet and "<b>" not in snippet
    assert "<mark>" in snippet


def test_an_unpublished_lesson_and_a_restricted_guideline_are_never_found(corpus):
    guideline, provision, lesson = corpus
    lesson.unpublish()
    assert not SearchEntry.objects.filter(kind="lesson", object_id=lesson.pk).exists()
    PageViewRestriction.objects.create(
        page=guideline, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert "section" not in kinds(search(query="fliser"))


def test_a_draft_is_not_indexed_until_it_is_published(corpus):
    guideline, provision, lesson = corpus
    sections = list(guideline.sections.all())
    sections[1].heading = "Terrassevarmere"
    guideline.sections = sections
    guideline.save_revision()  # a draft
    assert "section" not in kinds(search(query="Terrassevarmere"))
    publish(guideline)
    assert "section" in kinds(search(query="Terrassevarmere"))


def test_a_lesson_withheld_after_a_material_change_is_not_found(corpus, monkeypatch):
    guideline, provision, lesson = corpus
    monkeypatch.setattr("search.selectors.withheld_source_ids", lambda content_type: {lesson.pk})
    assert "lesson" not in kinds(search(query="parten"))


def test_a_deleted_provision_leaves_the_index(corpus):
    guideline, provision, lesson = corpus
    provision.delete()
    assert not SearchEntry.objects.filter(kind="provision").exists()


def test_the_rebuild_gives_the_same_index(corpus):
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "title", "url", "body"))
    assert search_reindex() == len(before)
    after = sorted(SearchEntry.objects.values_list("kind", "object_id", "title", "url", "body"))
    assert after == before


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 2000,
        "'; DROP TABLE paragraf_search_searchentry; --",
        'partshøring & | ! :* "',
        "!!! ::: &&& |||",
        '"ufærdigt citat',
        "og",  # a Danish stop word only
        "\x00\x1f",
        "fliser:*",
    ],
)
def test_any_query_gives_a_normal_page(client, learner, corpus, query):
    client.force_login(learner)
    response = client.get("/soeg/", {"q": query})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_long_query_is_cut_and_the_page_says_so(client, learner, corpus):
    client.force_login(learner)
    html = client.get("/soeg/", {"q": "fliser " * 400}).content.decode()
    assert "kun de første 200 tegn er brugt" in html
    assert query_clean("a" * 300) == ("a" * 200, True)


def test_one_kind_is_paged(client, learner, tree, corpus):
    page = course("Mange lektioner", modules=1, lessons=0)
    module = page.get_children().first()
    for n in range(25):
        lesson_add(module, title=f"Fliser {n:02d}", slug=f"fliser-{n}")
    client.force_login(learner)
    first = client.get("/soeg/", {"q": "fliser", "type": "lesson"}).content.decode()
    assert "Side 1 af 2" in first and "Næste side" in first
    second = client.get("/soeg/", {"q": "fliser", "type": "lesson", "side": 2}).content.decode()
    assert "Side 2 af 2" in second
    overview = client.get("/soeg/", {"q": "fliser"}).content.decode()
    assert "Vis alle 25 lektioner" in overview


def test_search_needs_a_login(client, corpus):
    response = client.get("/soeg/", {"q": "fliser"})
    assert response.status_code == 302 and "/log-ind/" in response["Location"]


def test_the_header_has_a_search_box_for_logged_in_people(client, learner, corpus):
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    assert 'role="search"' in html and 'action="/soeg/"' in html


def test_the_search_takes_a_fixed_number_of_queries(
    client, learner, corpus, django_assert_max_num_queries
):
    client.force_login(learner)
    with django_assert_max_num_queries(16):
        client.get("/soeg/", {"q": "partshøring"})
