import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from certificates.models import Certificate
from certificates.services import certificate_render, certificate_revoke
from people.roles import HR
from tests.certificates.conftest import certificate_for
from tests.factories import UserFactory


@pytest.fixture
def admin_access(groups):
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in groups:
        groups[name].permissions.add(access)


@pytest.fixture
def hr_client(hr, admin_access):
    client = Client()
    client.force_login(hr)
    return client


@pytest.fixture
def certificate(learner, onboarding):
    return certificate_render(certificate=certificate_for(learner, onboarding))


def test_hr_lists_certificates_and_sees_status(hr_client, certificate, learner):
    html = hr_client.get("/admin/kursusbeviser/").content.decode()
    assert learner.get_full_name() in html
    assert "Onboarding for nye medarbejdere" in html
    assert "gyldig" in html
    assert f"/admin/kursusbeviser/inspect/{certificate.pk}/" in html
    assert f"/admin/kursusbeviser/revoke/{certificate.pk}/" in html
    assert f"/certifikater/{certificate.pk}/pdf/" in html


def test_the_list_costs_the_same_queries_for_many_certificates(
    hr_client, certificate, groups, onboarding, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60) as few:
        hr_client.get("/admin/kursusbeviser/")
    for _ in range(8):
        person = UserFactory()
        certificate_for(person, onboarding)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = hr_client.get("/admin/kursusbeviser/")
    assert response.content.decode().count("Onboarding for nye medarbejdere") >= 9


def test_people_outside_hr_cannot_see_or_revoke_certificates(jurist, admin_access, certificate):
    client = Client()
    client.force_login(jurist)
    assert client.get("/admin/kursusbeviser/").status_code in (302, 403)
    response = client.post(f"/admin/kursusbeviser/revoke/{certificate.pk}/", {"reason": "Fejl"})
    assert response.status_code in (302, 403, 404)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_hr_revokes_with_a_reason_and_the_public_page_says_tilbagekaldt(hr_client, hr, certificate):
    form = hr_client.get(f"/admin/kursusbeviser/revoke/{certificate.pk}/")
    assert "Begrundelse" in form.content.decode()
    response = hr_client.post(
        f"/admin/kursusbeviser/revoke/{certificate.pk}/", {"reason": "Udstedt ved en fejl"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_by == hr and certificate.revoked_reason == "Udstedt ved en fejl"
    html = Client().get(f"/certifikater/{certificate.code_display}/").content.decode()
    assert "tilbagekaldt" in html
    inspect = hr_client.get(f"/admin/kursusbeviser/inspect/{certificate.pk}/").content.decode()
    assert "Udstedt ved en fejl" in inspect


def test_revoking_without_a_reason_is_refused_with_a_message(hr_client, certificate):
    response = hr_client.post(f"/admin/kursusbeviser/revoke/{certificate.pk}/", {"reason": "  "})
    assert response.status_code == 200
    assert "påkrævet" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_revoking_twice_changes_nothing(hr_client, hr, certificate):
    assert certificate_revoke(certificate=certificate, by=hr, reason="Første") is True
    certificate.refresh_from_db()
    before = (certificate.revoked_at, certificate.revoked_reason, certificate.revoked_by_id)
    assert certificate_revoke(certificate=certificate, by=hr, reason="Anden") is False
    response = hr_client.post(
        f"/admin/kursusbeviser/revoke/{certificate.pk}/", {"reason": "Tredje"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.revoked_at, certificate.revoked_reason, certificate.revoked_by_id) == (
        before
    )


def test_hr_reissues_a_new_pdf_with_the_same_code(hr_client, certificate):
    old_pdf, code = certificate.pdf.name, certificate.code
    response = hr_client.post(f"/admin/kursusbeviser/reissue/{certificate.pk}/")
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.code == code and certificate.pdf.name != old_pdf


def test_nobody_can_add_edit_or_delete_certificates_in_the_admin(hr_client, certificate):
    assert hr_client.get("/admin/kursusbeviser/new/").status_code in (302, 403)
    assert hr_client.get(f"/admin/kursusbeviser/edit/{certificate.pk}/").status_code in (302, 403)
    assert hr_client.post(f"/admin/kursusbeviser/delete/{certificate.pk}/").status_code in (
        302,
        403,
    )
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_hr_edits_the_certificate_template_in_the_settings(hr_client, hr, groups, tree):
    change = Permission.objects.get(codename="change_certificatetemplate")
    groups[HR].permissions.add(change)
    response = hr_client.get("/admin/settings/certificates/certificatetemplate/")
    if response.status_code == 302:
        response = hr_client.get(response["Location"])
    html = response.content.decode()
    assert "Underskriverens navn" in html or "underskriverens navn" in html
