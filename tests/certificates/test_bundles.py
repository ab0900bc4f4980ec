"""Certificates in bulk: HR asks for a unit subtree, a course and a period and fetches one ZIP."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates import bundles
from certificates.bundles import bundle_build, bundle_request, bundles_purge
from certificates.models import Certificate, CertificateBundle
from certificates.services import certificate_render, certificate_revoke
from people.models import AuditEvent, User
from people.roles import HR, LEARNER
from tests.certificates.conftest import certificate_for
from tests.factories import UserFactory, unit

INDEX = reverse("kursusbevis_zip:index")


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
def colleague(units, groups):
    """A second person in Center for Byliv's subtree, with a certificate too."""
    user = UserFactory(
        username="kollega", first_name="Åse", last_name="Ærø", org_unit=units["centre"]
    )
    user.groups.add(groups[LEARNER])
    return user


@pytest.fixture
def other_hr(units, groups, admin_access):
    """HR of another administration (another top unit): may not see Center for Byliv."""
    okf = unit("OKF", "Økonomiforvaltningen")
    user = UserFactory(username="hr-okf", org_unit=unit("OKF-HR", "HR", okf), is_staff=True)
    user.groups.add(groups[LEARNER], groups[HR])
    # A fresh read: treebeard's sorted insert hands back the new unit with a stale path.
    return User.objects.select_related("org_unit").get(pk=user.pk)


@pytest.fixture
def byliv_certificates(learner, colleague, outsider, onboarding):
    """Two certificates in Center for Byliv (one revoked), one outside it, one last year."""
    mine = certificate_for(learner, onboarding)
    theirs = certificate_for(colleague, onboarding)
    elsewhere = certificate_for(outsider, onboarding)
    return mine, theirs, elsewhere


def _form(units, course_page, **overrides):
    today = timezone.localdate()
    data = {
        "unit": units["centre"].pk,
        "course": course_page.pk,
        "issued_from": (today - dt.timedelta(days=30)).isoformat(),
        "issued_to": today.isoformat(),
    }
    data.update(overrides)
    return data


def _ask(client, units, course_page, capture, **overrides):
    with capture(execute=True):
        return client.post(INDEX, _form(units, course_page, **overrides))


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _index_rows(archive: zipfile.ZipFile) -> list[list[str]]:
    raw = archive.read("indeks.csv")
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_hr_gets_one_zip_with_the_pdfs_and_an_index_of_the_subtree(
    hr_client, hr, units, onboarding, byliv_certificates, django_capture_on_commit_callbacks
):
    mine, theirs, _elsewhere = byliv_certificates
    certificate_revoke(certificate=theirs, by=hr, reason="Fejl i registreringen")

    response = _ask(hr_client, units, onboarding, django_capture_on_commit_callbacks)

    bundle = CertificateBundle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("kursusbevis_zip:status", args=[bundle.token])
    assert (bundle.status, bundle.progress, bundle.total) == ("done", 2, 2)
    assert bundle.expires_at - bundle.created_at == dt.timedelta(days=7)
    status_page = hr_client.get(response["Location"]).content.decode()
    assert "Filen er klar: 2 beviser" in status_page

    download = hr_client.get(reverse("kursusbevis_zip:download", args=[bundle.token]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert "no-store" in download["Cache-Control"] or "no-cache" in download["Cache-Control"]
    archive = _zip(download)
    pdfs = sorted(n for n in archive.namelist() if n.endswith(".pdf"))
    assert len(pdfs) == 2 and "indeks.csv" in archive.namelist()
    assert all(archive.read(name).startswith(b"%PDF") for name in pdfs)
    assert any(mine.code_display in name for name in pdfs)
    assert any(theirs.code_display in name and "aase-aeroe" in name for name in pdfs)

    header, *rows = _index_rows(archive)
    assert header[:8] == [
        "navn", "medarbejdernr", "kursus", "gennemført", "udstedt", "kode", "gyldig til", "status"
    ]  # fmt: skip
    by_code = {row[5]: row for row in rows}
    assert set(by_code) == {mine.code_display, theirs.code_display}
    assert by_code[mine.code_display][7] == "gyldig"
    assert by_code[theirs.code_display][7] == "tilbagekaldt"
    assert by_code[mine.code_display][1] == mine.holder.employee_number
    assert by_code[mine.code_display][8] in pdfs

    event = AuditEvent.objects.get(actor=hr, action="export")
    assert "kursusbeviser som ZIP" in event.what and event.subject_unit == units["centre"]


def test_the_zip_holds_the_stored_pdf_when_it_is_current(hr, units, onboarding, learner, settings):
    certificate = certificate_render(certificate=certificate_for(learner, onboarding))
    stored = certificate.pdf.read()
    bundle = bundle_request(
        by=hr,
        unit=units["centre"],
        course=onboarding,
        issued_from=timezone.localdate(),
        issued_to=timezone.localdate(),
    )
    bundle = bundle_build(bundle_id=bundle.pk)
    with bundle.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        (pdf,) = [n for n in archive.namelist() if n.endswith(".pdf")]
        assert archive.read(pdf) == stored


def test_certificates_outside_the_period_or_the_course_are_left_out(
    hr, units, onboarding, byliv_certificates, tree
):
    mine, theirs, _ = byliv_certificates
    Certificate.objects.filter(pk=theirs.pk).update(
        issued_at=timezone.now() - dt.timedelta(days=400)
    )
    bundle = bundle_request(
        by=hr,
        unit=units["area"],
        course=onboarding,
        issued_from=timezone.localdate() - dt.timedelta(days=30),
        issued_to=timezone.localdate(),
    )
    bundle = bundle_build(bundle_id=bundle.pk)
    with bundle.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        _, *rows = _index_rows(archive)
    assert [row[5] for row in rows] == [mine.code_display]


def test_hr_of_another_administration_gets_403_and_nothing_is_built(
    other_hr, units, onboarding, byliv_certificates, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(other_hr)
    assert "Center for Byliv" not in client.get(INDEX).content.decode()
    with mock.patch("certificates.bundle_views.bundle_build_task") as task:
        response = _ask(client, units, onboarding, django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert not CertificateBundle.objects.exists()
    task.delay.assert_not_called()


def test_the_service_refuses_a_unit_out_of_scope_too(other_hr, units, onboarding):
    with pytest.raises(bundles.BundleRefused):
        bundle_request(
            by=other_hr,
            unit=units["centre"],
            course=onboarding,
            issued_from=timezone.localdate(),
            issued_to=timezone.localdate(),
        )
    assert not CertificateBundle.objects.exists()


def test_people_without_the_hr_permission_cannot_ask(
    jurist, admin_access, units, onboarding, byliv_certificates
):
    client = Client()
    client.force_login(jurist)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.post(INDEX, _form(units, onboarding)).status_code in (302, 403)
    assert not CertificateBundle.objects.exists()


def test_another_hr_user_cannot_see_or_fetch_the_zip(
    hr_client, units, groups, onboarding, byliv_certificates, django_capture_on_commit_callbacks
):
    _ask(hr_client, units, onboarding, django_capture_on_commit_callbacks)
    bundle = CertificateBundle.objects.get()
    second_hr = UserFactory(username="hr2", org_unit=units["tmf"], is_staff=True)
    second_hr.groups.add(groups[LEARNER], groups[HR])
    client = Client()
    client.force_login(second_hr)
    for name in ("kursusbevis_zip:status", "kursusbevis_zip:download"):
        assert client.get(reverse(name, args=[bundle.token])).status_code == 404
    assert str(bundle.token) not in client.get(INDEX).content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_no_certificates_gives_a_danish_message_and_no_job(
    hr_client, units, onboarding, django_capture_on_commit_callbacks
):
    with mock.patch("certificates.bundle_views.bundle_build_task") as task:
        response = _ask(hr_client, units, onboarding, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Der er ingen kursusbeviser" in response.content.decode()
    assert not CertificateBundle.objects.exists()
    task.delay.assert_not_called()


def test_a_reversed_period_is_refused(hr_client, units, onboarding, byliv_certificates):
    today = timezone.localdate()
    response = hr_client.post(
        INDEX,
        _form(
            units,
            onboarding,
            issued_from=today.isoformat(),
            issued_to=(today - dt.timedelta(days=1)).isoformat(),
        ),
    )
    assert "Periodens startdato ligger efter slutdatoen" in response.content.decode()
    assert not CertificateBundle.objects.exists()


def _queued(hr, units, onboarding) -> CertificateBundle:
    return bundle_request(
        by=hr,
        unit=units["centre"],
        course=onboarding,
        issued_from=timezone.localdate(),
        issued_to=timezone.localdate(),
    )


def test_building_twice_changes_nothing(hr, units, onboarding, byliv_certificates):
    bundle = bundle_build(bundle_id=_queued(hr, units, onboarding).pk)
    first_file = bundle.file.name
    with mock.patch("certificates.bundles._zip_write") as write:
        again = bundle_build(bundle_id=bundle.pk)
    write.assert_not_called()
    assert again.file.name == first_file and again.status == "done"


def test_a_retry_after_a_crash_builds_again_and_replaces_the_old_file(
    hr, units, onboarding, byliv_certificates
):
    bundle = bundle_build(bundle_id=_queued(hr, units, onboarding).pk)
    old_name = bundle.file.name
    storage = bundle.file.storage
    # The worker died after storing the file but before the bundle was marked done.
    CertificateBundle.objects.filter(pk=bundle.pk).update(status="running", progress=1)
    rebuilt = bundle_build(bundle_id=bundle.pk)
    assert rebuilt.status == "done" and rebuilt.progress == 2
    assert rebuilt.file.name != old_name
    assert not storage.exists(old_name) and storage.exists(rebuilt.file.name)


def test_a_broken_build_fails_the_bundle_and_says_so(
    hr, hr_client, units, onboarding, byliv_certificates
):
    bundle = _queued(hr, units, onboarding)
    with (
        mock.patch("certificates.bundles._index_row", side_effect=ValueError("boom")),
        mock.patch.object(bundles, "logger") as logger,
    ):
        failed = bundle_build(bundle_id=bundle.pk)
    assert failed.status == "failed" and not failed.file
    logger.exception.assert_called_once()
    page = hr_client.get(reverse("kursusbevis_zip:status", args=[bundle.token]))
    assert "Filen kunne ikke dannes" in page.content.decode()


def test_progress_is_written_in_batches(hr, units, onboarding, byliv_certificates, monkeypatch):
    monkeypatch.setattr(bundles, "BATCH", 1)
    bundle = _queued(hr, units, onboarding)
    with mock.patch("certificates.bundles._progress") as progress:
        bundle_build(bundle_id=bundle.pk)
    assert [c.args for c in progress.call_args_list] == [(bundle.pk, 1), (bundle.pk, 2)]


def test_the_status_page_refreshes_itself_while_working_and_shows_x_af_y(
    hr, hr_client, units, onboarding, byliv_certificates
):
    bundle = _queued(hr, units, onboarding)
    CertificateBundle.objects.filter(pk=bundle.pk).update(status="running", progress=1)
    page = hr_client.get(reverse("kursusbevis_zip:status", args=[bundle.token])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "1 af 2 beviser" in page
    assert "<script>" not in page  # no inline script (CSP)


def test_a_formula_in_a_name_is_neutralised_in_the_index(hr, units, onboarding, learner):
    certificate = certificate_for(learner, onboarding, holder_name='=HYPERLINK("http://x","y")')
    bundle = bundle_build(bundle_id=_queued(hr, units, onboarding).pk)
    with bundle.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        _, row = _index_rows(archive)
    assert row[0] == '\'=HYPERLINK("http://x","y")'
    assert row[5] == certificate.code_display


def test_expired_bundles_and_their_files_are_purged(
    hr, units, onboarding, byliv_certificates, hr_client
):
    old = bundle_build(bundle_id=_queued(hr, units, onboarding).pk)
    fresh = bundle_build(bundle_id=_queued(hr, units, onboarding).pk)
    storage, old_name = old.file.storage, old.file.name
    CertificateBundle.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=8),
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    assert hr_client.get(reverse("kursusbevis_zip:download", args=[old.token])).status_code == 404

    assert bundles_purge() == 1

    assert list(CertificateBundle.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not storage.exists(old_name) and storage.exists(fresh.file.name)


def test_the_beat_schedule_runs_the_purge(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "certificates.tasks.bundles_purge_task" in tasks
