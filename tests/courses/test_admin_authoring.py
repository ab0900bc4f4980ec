import pytest

from people.services import roles_ensure
from tests.factories import course, guideline, lessons_of


@pytest.fixture
def authoring(tree, groups):
    _, courses_index, guidelines_index = tree
    roles_ensure()
    ag = guideline("AG-UDE", sections=3, title="Udeservering")
    return ag, course(modules=1, lessons=1)


def test_jurist_can_open_a_lesson_in_the_editor(client, jurist, authoring):
    _, c = authoring
    lesson = lessons_of(c)[0]
    client.force_login(jurist)
    response = client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert response.status_code == 200
    assert "Henvisning" in response.content.decode()


def test_jurist_can_search_guideline_sections_in_the_chooser(client, jurist, authoring):
    client.force_login(jurist)
    response = client.get("/admin/guideline_section_chooser/results/", {"q": "AG-UDE-2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "AG-UDE-2" in html and "AG-UDE-3" not in html


def test_learner_cannot_use_the_admin(client, learner, authoring):
    _, c = authoring
    client.force_login(learner)
    response = client.get(f"/admin/pages/{lessons_of(c)[0].pk}/edit/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")


def test_hr_cannot_edit_course_content(client, hr, authoring):
    _, c = authoring
    client.force_login(hr)
    response = client.get(f"/admin/pages/{lessons_of(c)[0].pk}/edit/")
    assert response.status_code in (302, 403)
