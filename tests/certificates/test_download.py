import pytest

from certificates.models import Certificate
from people.models import AuditEvent
from tests.certificates.conftest import certificate_for, complete_course
from tests.factories import course


@pytest.fixture
def certificate(learner, onboarding, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, onboarding)
    return Certificate.objects.get(holder=learner)


def pdf_url(certificate) -> str:
    return f"/certifikater/{certificate.pk}/pdf/"


def test_the_learner_finds_a_download_link_on_my_courses(client, learner, certificate):
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    assert "Mine kursusbeviser" in html
    assert "Download kursusbevis (PDF)" in html
    assert pdf_url(certificate) in html
    response = client.get(pdf_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"kursusbevis-{certificate.code_display}.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_my_courses_costs_the_same_queries_with_many_certificates(
    client, learner, onboarding, django_assert_max_num_queries
):
    client.force_login(learner)
    certificate_for(learner, onboarding)
    with django_assert_max_num_queries(40) as few:
        client.get("/mine-kurser/")
    for n in range(4):
        certificate_for(learner, course(title=f"Kursus {n}", modules=1, lessons=1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/mine-kurser/").content.decode()
    assert html.count("Download kursusbevis (PDF)") == 5


def test_another_persons_pdf_url_is_not_found(client, outsider, manager, certificate):
    for other in (outsider, manager):
        client.force_login(other)
        assert client.get(pdf_url(certificate)).status_code == 404
    assert client.get("/certifikater/999999/pdf/").status_code == 404


def test_without_a_login_the_pdf_url_asks_you_to_log_in(client, certificate):
    response = client.get(pdf_url(certificate))
    assert response.status_code == 302 and "/log-ind/" in response["Location"]


def test_hr_may_download_anyones_pdf_and_it_is_audited(client, hr, learner, certificate):
    client.force_login(hr)
    assert client.get(pdf_url(certificate)).status_code == 200
    event = AuditEvent.objects.get(actor=hr)
    assert event.subject == learner and certificate.code_display in event.what


def test_a_lost_pdf_file_is_rendered_again_on_download(client, learner, certificate):
    certificate.pdf.storage.delete(certificate.pdf.name)
    client.force_login(learner)
    response = client.get(pdf_url(certificate))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
