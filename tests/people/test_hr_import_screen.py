"""The HR-import screen: upload → preview in a task → confirm → load in a task; only the uploader
sees an upload, unconfirmed uploads are purged after a day, and a refusal reads "afvist"."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from people.hr_imports import hr_import_load, hr_import_preview, hr_imports_purge
from people.models import HRImport, User
from people.roles import HR, LEARNER
from tests.factories import HRImportFactory, UserFactory

CSV = (
    "medarbejdernr;fornavn;efternavn;email;enhedskode;enhedsnavn;overordnet_enhedskode;stilling;"
    "leder;startdato;slutdato;leders_medarbejdernr\r\n"
    "5001;Anne;Area;anne@kk.dk;KK;Københavns Kommune;;Direktør;ja;01-01-2010;;\r\n"
    "5002;Bo;Berg;bo@kk.dk;KK-TMF;Teknik og Miljø;KK;Centerchef;x;2015-03-01;;5001\r\n"
).encode("utf-8-sig")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def hr_admin(hr, media):
    from people.services import roles_ensure

    roles_ensure()
    return hr


@pytest.fixture
def other_hr(hr_admin, groups, units):
    user = UserFactory(username="hr2", org_unit=units["tmf"], is_staff=True)
    user.groups.add(groups[LEARNER], groups[HR])
    return user


def upload(client, data: bytes = CSV, fmt: str = "csv", capture=None):
    file = SimpleUploadedFile("hr.csv", data, content_type="text/csv")
    with capture(execute=True):
        return client.post("/admin/hr-import/", {"file": file, "format": fmt})


def pending(user, data: bytes = CSV) -> HRImport:
    """An upload whose preview task has not run yet."""
    name = default_storage.save(f"hr-import/{uuid.uuid4().hex}.csv", SimpleUploadedFile("x", data))
    return HRImportFactory(uploaded_by=user, file_name=name, format="csv")


@pytest.mark.django_db
def test_hr_uploads_a_file_sees_the_preview_from_the_task_and_confirms_the_load(
    client, hr_admin, django_capture_on_commit_callbacks
):
    client.force_login(hr_admin)
    response = upload(client, capture=django_capture_on_commit_callbacks)
    record = HRImport.objects.get()
    assert response.status_code == 302
    assert response.url == f"/admin/hr-import/{record.token}/"
    assert (record.status, record.uploaded_by) == (HRImport.Status.PREVIEW, hr_admin)
    assert default_storage.exists(record.file_name)
    assert str(record.token) not in record.file_name  # the storage name is not the URL's token
    page = client.get(response.url)
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert "Prøvekørsel" in html and "2 nye" in html and "Bekræft og indlæs" in html
    assert not User.objects.filter(employee_number="5001").exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/hr-import/{record.token}/bekraeft/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == HRImport.Status.DONE and record.finished_at is not None
    assert User.objects.filter(employee_number__in=["5001", "5002"]).count() == 2
    assert not record.file_name and not any(default_storage.listdir("hr-import")[1])
    html = client.get(f"/admin/hr-import/{record.token}/").content.decode()
    assert "Indlæst" in html and "2 nye" in html and "afvist" not in html


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_with_a_danish_message_naming_the_limit(
    client, hr_admin, settings, django_capture_on_commit_callbacks
):
    settings.PARAGRAF_HR_UPLOAD_MAX_MB = 1
    client.force_login(hr_admin)
    big = CSV + b"5003;x\r\n" * (1024 * 1024 // 8 + 10)
    response = upload(client, big, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Den må højst fylde 1 MB" in response.content.decode()
    assert not HRImport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["../../etc/passwd", "xlsx", ""])
def test_an_unknown_format_is_refused_and_nothing_is_stored(
    client, hr_admin, fmt, django_capture_on_commit_callbacks
):
    client.force_login(hr_admin)
    response = upload(client, fmt=fmt, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert not HRImport.objects.exists()


@pytest.mark.django_db
def test_a_refused_file_says_afvist_with_the_reasons_and_never_sat_i_gang(
    client, hr_admin, django_capture_on_commit_callbacks
):
    client.force_login(hr_admin)
    response = upload(
        client, b"medarbejdernr;fornavn\n1;A\n", capture=django_capture_on_commit_callbacks
    )
    record = HRImport.objects.get()
    assert record.status == HRImport.Status.REFUSED and record.errors
    html = client.get(response.url).content.decode()
    assert "afvist" in html and "kolonnen mangler" in html and "Intet er gemt" in html
    assert "sat i gang" not in html and "Bekræft og indlæs" not in html
    assert not record.file_name  # the refused file is deleted at once


@pytest.mark.django_db
def test_a_refusal_at_load_time_is_shown_as_afvist(client, hr_admin, monkeypatch):
    from people import hr_imports
    from people.importers import ImportInvalid

    record = pending(hr_admin)
    hr_import_preview(import_id=record.pk)
    HRImport.objects.filter(pk=record.pk).update(status=HRImport.Status.CONFIRMED)

    def refuse(**kwargs):
        raise ImportInvalid(["Række 2: enhedskode: ukendt enhed X"])

    monkeypatch.setattr(hr_imports, "employees_import", refuse)
    hr_import_load(import_id=record.pk)
    client.force_login(hr_admin)
    html = client.get(f"/admin/hr-import/{record.token}/").content.decode()
    assert "afvist" in html and "ukendt enhed X" in html and "sat i gang" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "status.json", "bekraeft/", "annuller/"])
@pytest.mark.parametrize(
    "token", ["not-a-uuid", "1 OR 1=1", "0d95cc9b-64af-4a58-a2ad-a4d1a793c693"]
)
def test_a_token_that_is_not_a_uuid_or_unknown_is_a_404(client, hr_admin, suffix, token):
    client.force_login(hr_admin)
    url = f"/admin/hr-import/{token}/{suffix}"
    response = client.post(url) if suffix.endswith("/") else client.get(url)
    assert response.status_code == 404


@pytest.mark.django_db
def test_another_hr_user_can_neither_see_nor_confirm_nor_cancel_my_upload(
    client, hr_admin, other_hr, django_capture_on_commit_callbacks
):
    record = pending(hr_admin)
    hr_import_preview(import_id=record.pk)
    client.force_login(other_hr)
    base = f"/admin/hr-import/{record.token}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "status.json").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(base + "bekraeft/").status_code == 404
        assert client.post(base + "annuller/").status_code == 404
    record.refresh_from_db()
    assert record.status == HRImport.Status.PREVIEW and default_storage.exists(record.file_name)
    assert not User.objects.filter(employee_number="5001").exists()
    assert str(record.token) not in client.get("/admin/hr-import/").content.decode()


@pytest.mark.django_db
def test_a_learner_cannot_upload_or_open_an_upload(client, learner, hr_admin):
    record = pending(hr_admin)
    client.force_login(learner)
    for response in (
        client.get("/admin/hr-import/"),
        client.get(f"/admin/hr-import/{record.token}/"),
        client.post(f"/admin/hr-import/{record.token}/bekraeft/"),
    ):
        assert response.status_code in (302, 403, 404)
        assert "5001" not in response.content.decode()
    record.refresh_from_db()
    assert record.status == HRImport.Status.PENDING


@pytest.mark.django_db
def test_cancelling_deletes_the_file_and_the_preview(client, hr_admin):
    record = pending(hr_admin)
    hr_import_preview(import_id=record.pk)
    name = record.file_name
    client.force_login(hr_admin)
    response = client.post(f"/admin/hr-import/{record.token}/annuller/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == HRImport.Status.CANCELLED
    assert (record.lines, record.notes, record.file_name) == ([], [], "")
    assert not default_storage.exists(name)
    # a cancelled upload cannot be confirmed any more
    client.post(f"/admin/hr-import/{record.token}/bekraeft/")
    record.refresh_from_db()
    assert record.status == HRImport.Status.CANCELLED


@pytest.mark.django_db
def test_unconfirmed_uploads_are_deleted_with_their_files_after_24_hours(hr_admin):
    old_preview, old_pending, old_loading, stuck, fresh = (pending(hr_admin) for _ in range(5))
    hr_import_preview(import_id=old_preview.pk)
    HRImport.objects.filter(pk__in=[old_loading.pk, stuck.pk]).update(
        status=HRImport.Status.CONFIRMED
    )
    day_ago = timezone.now() - dt.timedelta(hours=24, minutes=1)
    HRImport.objects.exclude(pk=fresh.pk).update(created_at=day_ago)
    HRImport.objects.filter(pk=stuck.pk).update(created_at=day_ago - dt.timedelta(hours=24))
    files = {r.pk: r.file_name for r in (old_preview, old_pending, old_loading, stuck, fresh)}

    from people.tasks import hr_imports_purge_task

    assert hr_imports_purge_task.delay().get() == 3
    assert set(HRImport.objects.values_list("pk", flat=True)) == {old_loading.pk, fresh.pk}
    assert not default_storage.exists(files[old_preview.pk])
    assert not default_storage.exists(files[old_pending.pk])
    assert not default_storage.exists(files[stuck.pk])
    assert default_storage.exists(files[fresh.pk])
    assert hr_imports_purge() == 0


def test_the_purge_is_on_the_beat_schedule(settings):
    from django.apps import apps

    from paragraf.celery import app

    # What a worker does at start: import every installed app's tasks module.
    app.loader.autodiscover_tasks([config.name for config in apps.get_app_configs()])
    entry = settings.CELERY_BEAT_SCHEDULE["people-hr-imports-purge"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] <= 60 * 60


@pytest.mark.django_db
def test_a_preview_or_load_task_delivered_twice_does_its_work_once(hr_admin):
    record = pending(hr_admin)
    hr_import_preview(import_id=record.pk)
    assert hr_import_preview(import_id=record.pk).status == HRImport.Status.PREVIEW
    HRImport.objects.filter(pk=record.pk).update(status=HRImport.Status.CONFIRMED)
    assert hr_import_load(import_id=record.pk).status == HRImport.Status.DONE
    first = HRImport.objects.get(pk=record.pk)
    again = hr_import_load(import_id=record.pk)
    assert (again.status, again.finished_at) == (HRImport.Status.DONE, first.finished_at)
    assert HRImport.objects.get(pk=record.pk).progress == 100
    assert User.objects.filter(employee_number="5001").count() == 1


@pytest.mark.django_db
def test_confirming_twice_queues_one_load(client, hr_admin, django_capture_on_commit_callbacks):
    record = pending(hr_admin)
    hr_import_preview(import_id=record.pk)
    client.force_login(hr_admin)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(f"/admin/hr-import/{record.token}/bekraeft/")
        client.post(f"/admin/hr-import/{record.token}/bekraeft/")
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_the_progress_page_refreshes_without_inline_script_and_announces_the_status(
    client, hr_admin
):
    record = pending(hr_admin)
    client.force_login(hr_admin)
    response = client.get(f"/admin/hr-import/{record.token}/")
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert '<noscript><meta http-equiv="refresh"' in html
    assert 'aria-live="polite"' in html and "<progress" in html
    assert 'src="/static/people/hr-import-progress.js"' in html
    assert "Bekræft og indlæs" not in html
    data = client.get(f"/admin/hr-import/{record.token}/status.json").json()
    assert data == {"status": "pending", "label": "venter", "progress": 0, "working": True}


@pytest.mark.django_db
def test_the_preview_and_the_result_show_the_summary_lines_then_the_notes_verbatim(
    client, hr_admin, monkeypatch
):
    from people import hr_imports
    from people.importers import ImportSummary

    def summary(*, data, fmt, dry_run, actor):
        return ImportSummary(
            people_new=2, dry_run=dry_run, notes=["Kolonnen slutdato mangler – ingen fratrædelser."]
        )

    monkeypatch.setattr(hr_imports, "employees_import", summary)
    record = pending(hr_admin)
    hr_import_preview(import_id=record.pk)
    client.force_login(hr_admin)
    url = f"/admin/hr-import/{record.token}/"
    preview = client.get(url).content.decode()
    HRImport.objects.filter(pk=record.pk).update(status=HRImport.Status.CONFIRMED)
    hr_import_load(import_id=record.pk)
    result = client.get(url).content.decode()
    assert "Bekræft og indlæs" in preview and "Indlæst" in result
    for html in (preview, result):
        lines = html.index("Medarbejdere: 2 nye")
        assert lines < html.index("Kolonnen slutdato mangler – ingen fratrædelser.")
