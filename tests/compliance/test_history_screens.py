"""The historical completions import in the admin (the HR import flow: upload, preview in a
task, confirm by the uploader only), the command, and where imported completions are shown:
the person's record, the evidence view and its exports, and the assignment report's filter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from compliance.history_import import history_import
from compliance.models import Assignment, ImportedCompletion, Requirement, Status
from compliance.services import requirements_evaluate
from courses.models import CourseRun
from people.models import HRImport
from people.roles import HR, LEARNER
from tests.compliance.conftest import requirement
from tests.factories import UserFactory, course


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def onboarding(tree):
    page = course("Din start i TMF", modules=1, lessons=1)
    page.slug = "din-start"
    page.save()
    return page


def history_csv(*lines: str) -> bytes:
    header = "medarbejdernr;kursus;gennemført;point;kursusbevis\r\n"
    return (header + "".join(f"{line}\r\n" for line in lines)).encode("utf-8-sig")


def upload(client, data: bytes, capture, name: str = "historik.csv", fmt: str = "csv"):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    with capture(execute=True):
        return client.post("/admin/historik-import/", {"file": file, "format": fmt})


@pytest.mark.django_db
def test_hr_uploads_history_sees_the_preview_and_confirms_the_load(
    client, hr_admin, learner, onboarding, media, django_capture_on_commit_callbacks
):
    requirement(onboarding, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    client.force_login(hr_admin)
    page = client.get("/admin/historik-import/")
    assert page.status_code == 200 and "Indlæs historik" in page.content.decode()

    response = upload(
        client,
        history_csv(f"{learner.employee_number};din-start;15-03-2024;90;GAM-1"),
        django_capture_on_commit_callbacks,
    )

    record = HRImport.objects.get()
    assert (record.kind, record.status, record.original_name) == (
        HRImport.Kind.HISTORY,
        HRImport.Status.PREVIEW,
        "historik.csv",
    )
    html = client.get(response.url).content.decode()
    assert "Prøvekørsel" in html and "1 nye" in html and "Bekræft og indlæs" in html
    assert not CourseRun.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/hr-import/{record.token}/bekraeft/")
    record.refresh_from_db()
    assert record.status == HRImport.Status.DONE
    detail = ImportedCompletion.objects.get()
    assert (detail.hr_import, detail.imported_by, detail.file_name) == (
        record,
        hr_admin,
        "historik.csv",
    )


@pytest.mark.django_db
def test_a_refused_history_file_lists_its_bad_lines_on_the_status_page(
    client, hr_admin, learner, onboarding, media, django_capture_on_commit_callbacks
):
    client.force_login(hr_admin)
    response = upload(
        client,
        history_csv(
            f"{learner.employee_number};din-start;15-03-2024;;",
            "404040;din-start;15-03-2024;;",
            f"{learner.employee_number};din-start;16-03-2024;-3;",
        ),
        django_capture_on_commit_callbacks,
    )
    html = client.get(response.url).content.decode()
    assert "Indlæsningen er afvist. Intet er gemt." in html
    assert "Række 3, medarbejdernr: ukendt medarbejder “404040”" in html
    assert "Række 4, point: må ikke være negativ (-3)" in html


@pytest.mark.django_db
def test_another_hr_person_can_neither_see_nor_confirm_someone_elses_history_import(
    client, hr_admin, learner, onboarding, media, groups, units, django_capture_on_commit_callbacks
):
    client.force_login(hr_admin)
    upload(
        client,
        history_csv(f"{learner.employee_number};din-start;15-03-2024;;"),
        django_capture_on_commit_callbacks,
    )
    record = HRImport.objects.get()
    other = UserFactory(username="hr-anden-enhed", org_unit=units["other_area"], is_staff=True)
    other.groups.add(groups[LEARNER], groups[HR])
    client.force_login(other)

    assert client.get(f"/admin/hr-import/{record.token}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/hr-import/{record.token}/bekraeft/")
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.status == HRImport.Status.PREVIEW
    assert not CourseRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["learner", "manager"])
def test_learners_and_managers_cannot_reach_the_history_import(client, who, request, media):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get("/admin/historik-import/")
    assert response.status_code in (302, 403)
    assert (
        "/admin/login/" in response.get("Location", "/admin/login/") or response.status_code == 403
    )


@pytest.mark.django_db
def test_imported_completions_are_shown_in_the_record_the_evidence_and_the_report(
    client, hr_admin, learner, manager, onboarding
):
    need = requirement(onboarding, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    requirements_evaluate()
    history_import(
        data=history_csv(f"{learner.employee_number};din-start;15-03-2024;87,5;GAM-77"),
        file_name="gamle-lms.csv",
    )
    client.force_login(hr_admin)
    today = timezone.localdate()

    record = client.get(f"/admin/tildelinger/person/{learner.pk}/").content.decode()
    assert f"importeret fra gamle-lms.csv {today:%d-%m-%Y}" in record
    assert "tidligere kursusbevis nr. GAM-77" in record

    evidence = client.get(
        "/admin/dokumentation/", {"person": learner.employee_number, "on": today.isoformat()}
    ).content.decode()
    assert "importeret fra gamle-lms.csv" in evidence and "GAM-77" in evidence
    assert "87,5 point" in evidence
    exported = client.get(
        "/admin/dokumentation/",
        {"person": learner.employee_number, "on": today.isoformat(), "export": "csv"},
    ).content.decode()
    assert "importeret fra gamle-lms.csv" in exported and "GAM-77" in exported
    pdf = client.get(
        "/admin/dokumentation/",
        {"person": learner.employee_number, "on": today.isoformat(), "export": "pdf"},
    )
    assert pdf["Content-Type"] == "application/pdf"

    only = client.get("/admin/tildelinger/", {"imported": "kun"}).content.decode()
    without = client.get("/admin/tildelinger/", {"imported": "uden"}).content.decode()
    learner_row = f"/admin/tildelinger/person/{learner.pk}/"
    manager_row = f"/admin/tildelinger/person/{manager.pk}/"
    assert learner_row in only and manager_row not in only
    assert manager_row in without and learner_row not in without
    assert Assignment.objects.get(person=learner, requirement=need).status == Status.COMPLETED


@pytest.mark.django_db
def test_the_command_refuses_with_line_numbers_and_exit_1_and_loads_a_fixed_file(
    learner, onboarding, tmp_path, capsys
):
    bad = tmp_path / "historik.csv"
    bad.write_bytes(
        history_csv(
            f"{learner.employee_number};din-start;15-03-2024;;",
            f"{learner.employee_number};din-start;{dt.date.today().year + 1}-01-01;;",
        )
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_history", str(bad))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "Række 3, gennemført:" in err and "ligger i fremtiden" in err
    assert "Intet er gemt: 1 fejl i historik.csv." in err
    assert not CourseRun.objects.exists()

    good = tmp_path / "historik-rettet.csv"
    good.write_bytes(history_csv(f"{learner.employee_number};din-start;15-03-2024;;"))
    call_command("import_history", str(good), "--dry-run")
    assert "Prøvekørsel" in capsys.readouterr().out
    assert not CourseRun.objects.exists()
    call_command("import_history", str(good))
    assert "1 nye" in capsys.readouterr().out
    call_command("import_history", str(good))
    assert "0 nye, 1 findes allerede" in capsys.readouterr().out
    assert ImportedCompletion.objects.count() == 1
