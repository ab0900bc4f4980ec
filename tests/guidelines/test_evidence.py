import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.services import step_complete
from guidelines.models import GuidelinePage, GuidelineRevisionSeen
from people.models import AuditEvent
from tests.factories import citation, lesson_add
from tests.guidelines.helpers import edit_sections

pytestmark = pytest.mark.usefixtures("admin_access")


@pytest.fixture
def completed(cited, learner):
    """The learner read lesson A on the old guideline; then § 3 changed."""
    step_complete(user=learner, page=cited["lesson_a"])
    old_revision = cited["guideline"].live_revision_id
    edit_sections(cited["guideline"], AG_UDE_3={"body": "<p>Gangbanen er 3 fliser.</p>"})
    return {**cited, "old_revision": old_revision}


def _url(person, on=None, **extra):
    on = on or timezone.localdate()
    return (
        reverse("paragraf_evidence")
        + "?"
        + "&".join(
            [f"person={person.employee_number}", f"on={on.isoformat()}"]
            + [f"{k}={v}" for k, v in extra.items()]
        )
    )


def test_a_completion_records_the_guideline_revision_live_at_the_time(completed, learner):
    seen = GuidelineRevisionSeen.objects.get(user=learner)
    assert seen.guideline_revision_id == completed["old_revision"]
    assert (
        GuidelinePage.objects.get(pk=completed["guideline"].pk).live_revision_id
        != (completed["old_revision"])
    )


def test_hr_sees_what_a_person_completed_with_the_revisions_they_saw(
    client, hr, learner, completed
):
    client.force_login(hr)
    response = client.get(_url(learner))
    html = response.content.decode()
    assert response.status_code == 200
    lesson = completed["lesson_a"]
    assert "Gangbanen" in html
    assert (
        reverse("wagtailadmin_pages:revisions_view", args=[lesson.pk, lesson.live_revision_id])
        in html
    )
    assert (
        reverse(
            "wagtailadmin_pages:revisions_view",
            args=[completed["guideline"].pk, completed["old_revision"]],
        )
        in html
    )
    assert AuditEvent.objects.filter(actor=hr, subject=learner, action="view").exists()


def test_nothing_completed_after_the_date_is_shown(client, hr, learner, completed):
    client.force_login(hr)
    html = client.get(_url(learner, timezone.localdate() - dt.timedelta(days=1))).content.decode()
    assert "Intet gennemført på denne dato." in html


def test_evidence_exports_as_csv_and_pdf_and_is_audited(client, hr, learner, completed):
    client.force_login(hr)
    csv_response = client.get(_url(learner, export="csv"))
    body = csv_response.content.decode("utf-8-sig")
    assert "Gangbanen" in body and f"Udeservering (version {completed['old_revision']})" in body
    pdf = client.get(_url(learner, export="pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(actor=hr, subject=learner, action="export").count() == 2


def test_an_unknown_person_gets_a_clear_message(client, hr, completed):
    client.force_login(hr)
    html = client.get(reverse("paragraf_evidence") + "?person=nobody&on=2026-01-01").content
    assert "Der findes ingen medarbejder med det nummer eller navn." in html.decode()


def test_learners_and_managers_cannot_see_evidence(client, learner, manager, completed):
    for user in (learner, manager):
        client.force_login(user)
        assert client.get(_url(learner)).status_code in (302, 403)
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("lessons", [1, 10])
def test_the_evidence_page_query_count_does_not_grow_with_completions(
    client, hr, learner, cited, lessons, django_assert_max_num_queries
):
    section = cited["guideline"].sections.get(key="AG-UDE-2")
    for n in range(lessons):
        lesson = lesson_add(
            cited["module"], title=f"Ekstra {n}", slug=f"ekstra-{n}", body=[citation(section)]
        )
        step_complete(user=learner, page=lesson)
    client.force_login(hr)
    client.get(_url(learner))
    with django_assert_max_num_queries(25):
        response = client.get(_url(learner))
    assert response.content.decode().count("Ekstra ") == lessons


def test_passed_quiz_questions_show_their_frozen_revision_and_cited_guideline(
    client, hr, learner, cited
):
    from quizzes.services import attempt_start, attempt_submit
    from tests.factories import question_add, quiz_add
    from tests.quizzes.conftest import answers_for

    section = cited["guideline"].sections.get(key="AG-UDE-3")
    question = question_add("Hvor bred er gangbanen?", citations=[citation(section)])
    quiz = quiz_add(cited["module"], questions=[question], slug="quiz-gangbane")
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_submit(attempt_id=attempt.pk, user=learner, data=answers_for(attempt))
    client.force_login(hr)
    html = client.get(_url(learner)).content.decode()
    assert "Hvor bred er gangbanen?" in html and "rigtigt" in html
    assert f"version {question.live_revision_id}" in html
    assert f"Udeservering (version {cited['guideline'].live_revision_id})" in html
