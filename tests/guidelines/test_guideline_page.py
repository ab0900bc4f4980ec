import pytest

from guidelines.services import CitationTarget, citation_index_replace
from tests.factories import citation, lesson_add
from tests.guidelines.helpers import edit_sections


def _as_question(cited, title="Hvor bred skal gangbanen være?"):
    """Index a non-page source (a snippet) citing § 3, as the question bank does."""
    section = cited["guideline"].sections.get(key="AG-UDE-3")
    source = cited["provision"]  # any snippet model works as a citing source
    citation_index_replace(
        source=source, revision=None, targets=[CitationTarget(section_id=section.pk)], title=title
    )


def test_each_section_shows_the_lessons_that_teach_it(client, learner, cited):
    client.force_login(learner)
    html = client.get(cited["guideline"].url).content.decode()
    assert "Undervises i" in html
    assert f'<a href="{cited["lesson_a"].url}">Gangbanen</a>' in html
    assert f'<a href="{cited["lesson_b"].url}">Ansøgningen</a>' in html


def test_only_jurists_see_which_questions_test_a_section(client, learner, jurist, cited):
    _as_question(cited)
    client.force_login(learner)
    html = client.get(cited["guideline"].url).content.decode()
    assert "Testes i" not in html and "Hvor bred skal gangbanen" not in html
    client.force_login(jurist)
    html = client.get(cited["guideline"].url).content.decode()
    assert "Testes i" in html and "Hvor bred skal gangbanen være?" in html


@pytest.mark.parametrize("lessons", [1, 12])
def test_the_guideline_page_query_count_does_not_grow_with_citations(
    client, jurist, cited, lessons, django_assert_max_num_queries
):
    section = cited["guideline"].sections.get(key="AG-UDE-2")
    for n in range(lessons):
        lesson_add(
            cited["module"], title=f"Ekstra {n}", slug=f"ekstra-{n}", body=[citation(section)]
        )
    _as_question(cited)
    client.force_login(jurist)
    client.get(cited["guideline"].url)  # warm caches (site root paths, content types)
    # 16: the jurist holds page permissions from the migrated role, so Wagtail's userbar reads
    # them (the page-permission rows and the page) to offer "Rediger side". +2: the reader's
    # open "Læst og forstået" cycles of the guideline and their latest acknowledgement of it.
    with django_assert_max_num_queries(18):
        response = client.get(cited["guideline"].url)
    assert response.content.decode().count("Ekstra ") == lessons


def test_a_lesson_lists_its_sources(client, learner, cited):
    client.force_login(learner)
    html = client.get(cited["lesson_a"].url).content.decode()
    assert "Kilder" in html
    assert "Udeservering, AG-UDE-3 Afsnit 3" in html
    assert "FVL § 19, stk. 1" in html


def test_a_lesson_citing_a_removed_section_shows_a_notice_in_its_sources(client, learner, cited):
    edit_sections(cited["guideline"], AG_UDE_3=None)
    client.force_login(learner)
    response = client.get(cited["lesson_a"].url)
    assert response.status_code == 200
    assert "Et citeret afsnit er fjernet fra administrationsgrundlaget." in (
        response.content.decode()
    )
