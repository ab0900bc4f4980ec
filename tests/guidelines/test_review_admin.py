import pytest
from django.urls import reverse

from guidelines.models import GuidelineChange, ReviewItem
from tests.factories import citation, lesson_add
from tests.guidelines.helpers import edit_sections

pytestmark = pytest.mark.usefixtures("admin_access")


@pytest.fixture
def changed(cited):
    edit_sections(cited["guideline"], AG_UDE_3={"body": "<p>Gangbanen er 3 fliser.</p>"})
    return cited


def test_jurist_sees_affected_lessons_in_the_review_queue(client, jurist, changed):
    client.force_login(jurist)
    response = client.get(reverse("guidelines_admin:review_queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gangbanen" in html and "AG-UDE-3" in html and "ændret" in html
    assert "Ansøgningen" not in html


def test_the_review_queue_filters_by_status(client, jurist, changed):
    ReviewItem.objects.update(status=ReviewItem.Status.CLOSED)
    client.force_login(jurist)
    html = client.get(reverse("guidelines_admin:review_queue"), {"status": "open"}).content
    assert "Gangbanen" not in html.decode()


def test_the_review_queue_exports_csv(client, jurist, changed):
    client.force_login(jurist)
    response = client.get(reverse("guidelines_admin:review_queue"), {"export": "csv"})
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    assert "Gangbanen" in body and "AG-UDE-3" in body


@pytest.mark.parametrize("extra", [1, 15])
def test_the_review_queue_query_count_does_not_grow_with_items(
    client, jurist, cited, extra, django_assert_max_num_queries
):
    section = cited["guideline"].sections.get(key="AG-UDE-3")
    for n in range(extra):
        lesson_add(
            cited["module"], title=f"Ekstra {n}", slug=f"ekstra-{n}", body=[citation(section)]
        )
    edit_sections(cited["guideline"], AG_UDE_3={"body": "<p>Ændret</p>"})
    client.force_login(jurist)
    client.get(reverse("guidelines_admin:review_queue"))
    with django_assert_max_num_queries(30):
        response = client.get(reverse("guidelines_admin:review_queue"))
    assert response.content.decode().count("Ekstra ") == extra


def test_learners_and_hr_cannot_open_the_review_queue(client, learner, hr, changed):
    client.force_login(learner)
    assert client.get(reverse("guidelines_admin:review_queue")).status_code in (302, 403)
    client.force_login(hr)
    assert client.get(reverse("guidelines_admin:review_queue")).status_code in (302, 403)


def test_jurist_marks_a_change_material_and_it_stays_open(client, jurist, changed):
    change = GuidelineChange.objects.get()
    client.force_login(jurist)
    html = client.get(reverse("guidelines_admin:change", args=[change.pk])).content.decode()
    assert "Gangbanen er 3 fliser." in html and "Tekst 3" in html
    response = client.post(
        reverse("guidelines_admin:change_decide", args=[change.pk]), {"kind": "material"}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.kind == GuidelineChange.Kind.MATERIAL and change.decided_by == jurist
    assert ReviewItem.objects.get().status == ReviewItem.Status.OPEN


def test_an_unknown_decision_is_refused_with_a_message(client, jurist, changed):
    change = GuidelineChange.objects.get()
    client.force_login(jurist)
    response = client.post(
        reverse("guidelines_admin:change_decide", args=[change.pk]), {"kind": "maybe"}, follow=True
    )
    assert "Vælg enten væsentlig eller redaktionel ændring." in response.content.decode()
    change.refresh_from_db()
    assert change.kind == GuidelineChange.Kind.PENDING


def test_the_lesson_editor_warns_about_open_reviews(client, jurist, changed):
    client.force_login(jurist)
    jurist.is_superuser = True  # page permissions are seeded per tree; not what is tested here
    jurist.save()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[changed["lesson_a"].pk]))
    assert response.status_code == 200
    assert "skal gennemses: AG-UDE-3 (ændret)" in response.content.decode()


def test_admin_shows_where_a_guideline_and_a_provision_are_taught(client, jurist, cited):
    client.force_login(jurist)
    html = client.get(
        reverse("guidelines_admin:guideline_citations", args=[cited["guideline"].pk])
    ).content.decode()
    assert "AG-UDE-3" in html and "Gangbanen" in html and "Ansøgningen" in html
    html = client.get(
        reverse("guidelines_admin:provision_citations", args=[cited["provision"].pk])
    ).content.decode()
    assert "Gangbanen" in html
