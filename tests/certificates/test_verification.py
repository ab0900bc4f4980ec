import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.codes import code_display, code_generate
from certificates.views import VERIFY_LIMIT
from tests.certificates.conftest import certificate_for, days_from_today


def wrong_check(code: str) -> str:
    last = "A" if code[-1] != "A" else "B"
    return code[:-1] + last


@pytest.fixture
def certificate(learner, onboarding):
    return certificate_for(learner, onboarding, valid_until=days_from_today(30))


def test_anyone_without_a_login_sees_name_course_dates_and_gyldig(certificate, learner):
    response = Client().get(f"/certifikater/{certificate.code_display}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert learner.get_full_name() in html
    assert "Onboarding for nye medarbejdere" in html
    assert "Beviset er gyldigt" in html and "gyldig" in html
    # Nothing beyond the minimum: no e-mail, employee number, unit or job title.
    for private in (learner.email, learner.employee_number, "Team Udeservering", "Sagsbehandler"):
        assert private not in html


def test_a_code_typed_in_lower_case_without_hyphens_is_found(certificate):
    response = Client().get(f"/certifikater/{certificate.code.lower()}/")
    assert response.status_code == 200


def test_an_expired_certificate_says_udloebet(learner, onboarding):
    certificate = certificate_for(learner, onboarding, valid_until=days_from_today(-1))
    html = Client().get(f"/certifikater/{certificate.code_display}/").content.decode()
    assert "Beviset er udløbet" in html


def test_a_revoked_certificate_says_tilbagekaldt_but_not_why(certificate, hr):
    from certificates.services import certificate_revoke

    certificate_revoke(certificate=certificate, by=hr, reason="Snyd ved quizzen")
    html = Client().get(f"/certifikater/{certificate.code_display}/").content.decode()
    assert "Beviset er tilbagekaldt" in html and "tilbagekaldt" in html
    assert "Snyd" not in html


def test_unknown_and_wrong_check_and_malformed_codes_get_the_same_not_found_page(certificate):
    client = Client()
    unknown = code_display(code_generate())
    pages = [
        client.get(f"/certifikater/{code}/")
        for code in (unknown, wrong_check(certificate.code), "ikke-en-kode", "0000-1111-OOOO")
    ]
    assert {page.status_code for page in pages} == {404}
    bodies = {page.content.decode().replace(page.request["PATH_INFO"], "") for page in pages}
    assert len(bodies) == 1
    body = bodies.pop()
    assert "Kursusbeviset blev ikke fundet" in body
    assert "<title>Kursusbeviset blev ikke fundet – Paragraf</title>" in body


def test_a_wrong_check_character_is_refused_without_looking_up_certificates(certificate):
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/certifikater/{wrong_check(certificate.code)}/").status_code == 404
    # (Wagtail's redirect middleware still looks for a redirect on every 404.)
    assert not [q for q in queries.captured_queries if "certificates_certificate" in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/certifikater/{code_display(code_generate())}/")
    assert [q for q in queries.captured_queries if "certificates_certificate" in q["sql"]]


def test_the_verification_page_costs_one_query(certificate, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(1):
        assert client.get(f"/certifikater/{certificate.code_display}/").status_code == 200


def test_too_many_lookups_from_one_address_get_a_danish_429_page(certificate):
    client = Client(REMOTE_ADDR="10.1.2.3")
    for _ in range(VERIFY_LIMIT):
        assert client.get(f"/certifikater/{code_display(code_generate())}/").status_code == 404
    blocked = client.get(f"/certifikater/{certificate.code_display}/")
    assert blocked.status_code == 429
    assert "For mange opslag" in blocked.content.decode()
    assert blocked["Retry-After"] == "600"
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.9.9.9").get(f"/certifikater/{certificate.code_display}/")
    assert other.status_code == 200


def test_the_status_follows_the_date(certificate):
    today = timezone.localdate()
    assert certificate.status_on(today) == "valid"
    assert certificate.status_on(days_from_today(31)) == "expired"


def test_a_code_typed_into_the_form_leads_to_its_verification_page(certificate):
    client = Client()
    form = client.get("/certifikater/")
    assert form.status_code == 200 and "Beviskode" in form.content.decode()
    response = client.get("/certifikater/", {"kode": f" {certificate.code_display.lower()} "})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_a_form_entry_without_any_code_characters_asks_again(db):
    response = Client().get("/certifikater/", {"kode": "/// ???"})
    assert response.status_code == 200
    assert "Koden må kun indeholde" in response.content.decode()
