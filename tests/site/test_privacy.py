"""A person's own data, HR's export of it, the privacy and accessibility pages, and retention."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CourseRun
from people.models import AuditEvent, PrivacySettings, User
from people.privacy import anonymiser_register, anonymisers, personal_data_exporters
from people.privacy_data import retention_apply
from people.services import roles_ensure
from people.tasks import retention_apply_task
from tests.factories import CourseRunFactory, UserFactory, course


@pytest.fixture
def admin_perms(tree, groups):
    _, courses_index, guidelines_index = tree
    roles_ensure()


def test_a_person_sees_their_own_profile_on_min_data(client, learner):
    client.force_login(learner)
    response = client.get("/min-data/")
    html = response.content.decode()
    assert response.status_code == 200
    assert learner.email in html and learner.employee_number in html
    assert "Hent som JSON" in html and "Hent som CSV" in html


def test_min_data_requires_login(client, db):
    response = client.get("/min-data/")
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")


def test_the_json_export_holds_profile_and_course_runs(client, learner, tree):
    c = course(title="Forvaltningsret", modules=1, lessons=1)
    CourseRunFactory(user=learner, course=c)
    client.force_login(learner)
    response = client.get("/min-data/json/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mine-data-')
    data = json.loads(response.content)
    assert data["profil"][0]["email"] == learner.email
    assert data["kursusforløb"][0]["kursus"] == "Forvaltningsret"


def test_the_csv_export_opens_as_a_table_with_every_field(client, learner):
    client.force_login(learner)
    response = client.get("/min-data/csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["kategori", "nr", "felt", "værdi"]
    assert ["profil", "1", "email", learner.email] in rows


def test_csv_export_neutralises_spreadsheet_formulas(client, units, groups):
    person = UserFactory(first_name='=HYPERLINK("http://evil")', org_unit=units["team"])
    client.force_login(person)
    rows = list(
        csv.reader(
            io.StringIO(client.get("/min-data/csv/").content.decode("utf-8-sig")), delimiter=";"
        )
    )
    first_name = next(r for r in rows if r[2] == "fornavn")
    assert first_name[3].startswith("'=")


def test_an_unknown_export_format_is_not_found(client, learner):
    client.force_login(learner)
    assert client.get("/min-data/xml/").status_code == 404


def test_downloading_own_data_is_written_to_the_audit_log(client, learner):
    client.force_login(learner)
    client.get("/min-data/json/")
    event = AuditEvent.objects.get()
    assert event.actor == learner and event.subject == learner
    assert event.action == AuditEvent.Action.EXPORT


def test_min_data_query_count_does_not_grow_with_records(client, learner, tree):
    c = course(modules=1, lessons=1)
    client.force_login(learner)

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    CourseRunFactory(user=learner, course=c)
    paths = ("/min-data/", "/min-data/json/", "/min-data/csv/")
    for path in paths:  # warm caches (content types, settings) and the audit log's first rows
        queries(path)
    few = {path: queries(path) for path in paths}
    CourseRun.objects.bulk_create([CourseRun(user=learner, course=c) for _ in range(40)])
    many = {path: queries(path) for path in few}
    assert many == few
    # one or two queries per registered app, whatever the number of records
    assert few["/min-data/json/"] <= 8 + 2 * len(personal_data_exporters())


def test_hr_exports_a_persons_data_and_the_export_is_audited(client, hr, learner, admin_perms):
    client.force_login(hr)
    search = client.get("/admin/persondata/", {"q": learner.employee_number})
    assert search.status_code == 200
    assert f"/admin/persondata/{learner.pk}/json/" in search.content.decode()
    response = client.get(f"/admin/persondata/{learner.pk}/json/")
    assert response.status_code == 200
    assert json.loads(response.content)["profil"][0]["brugernavn"] == learner.username
    event = AuditEvent.objects.get()
    assert (event.actor, event.subject, event.action) == (hr, learner, "export")


@pytest.mark.parametrize("who", ["learner", "manager", "jurist"])
def test_only_hr_may_export_another_persons_data(client, who, request, learner, admin_perms):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/admin/persondata/{learner.pk}/json/").status_code in (302, 403)
    assert client.get("/admin/persondata/").status_code in (302, 403)
    assert not AuditEvent.objects.exists()


def test_hr_sees_the_audit_log_in_the_admin(client, hr, learner, admin_perms):
    client.force_login(hr)
    client.get(f"/admin/persondata/{learner.pk}/csv/")
    response = client.get("/admin/adgangslog/")
    assert response.status_code == 200
    assert "persondata (csv)" in response.content.decode()


def test_the_audit_log_cannot_be_edited_or_deleted_even_by_hr(client, hr, learner, admin_perms):
    client.force_login(hr)
    client.get(f"/admin/persondata/{learner.pk}/csv/")
    event = AuditEvent.objects.get()
    assert client.get(f"/admin/adgangslog/edit/{event.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/adgangslog/delete/{event.pk}/").status_code in (302, 403)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_jurist_cannot_see_the_audit_log(client, jurist, admin_perms):
    client.force_login(jurist)
    assert client.get("/admin/adgangslog/").status_code in (302, 403)


def test_the_privacy_page_is_generated_from_the_settings(client, db):
    settings_row = PrivacySettings.load()
    settings_row.retention_years = 3
    settings_row.dpo_email = "dpo@kk.dk"
    settings_row.save()
    html = client.get("/privatliv/").content.decode()
    assert "dpo@kk.dk" in html
    assert "artikel 6, stk. 1, litra e" in html
    assert "3 år efter din fratræden" in html


def test_the_accessibility_page_links_to_the_statement_from_the_setting(client, db):
    settings_row = PrivacySettings.load()
    settings_row.accessibility_statement_url = "https://www.was.digst.dk/paragraf-kk-dk"
    settings_row.save()
    html = client.get("/tilgaengelighed/").content.decode()
    assert 'href="https://www.was.digst.dk/paragraf-kk-dk"' in html


def test_every_page_footer_links_to_privacy_and_accessibility(client, learner):
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    assert 'href="/privatliv/"' in html and 'href="/tilgaengelighed/"' in html


def _leaver(units, *, left_days_ago: int, **fields) -> User:
    return UserFactory(
        org_unit=units["team"],
        end_date=timezone.localdate() - dt.timedelta(days=left_days_ago),
        **fields,
    )


def test_retention_anonymises_a_leaver_after_the_retention_period(units, groups, tree):
    leaver = _leaver(units, left_days_ago=400, first_name="Bodil", email="bodil@tmf.kk.dk")
    c = course(modules=1, lessons=1)
    CourseRunFactory(user=leaver, course=c)

    assert retention_apply() == 1

    leaver.refresh_from_db()
    assert leaver.username == f"anonym-{leaver.pk}"
    assert leaver.first_name != "Bodil" and leaver.email == "" and leaver.employee_number is None
    assert not leaver.is_active and not leaver.has_usable_password()
    # Aggregate statistics survive: the unit and the course run are still counted.
    assert leaver.org_unit == units["team"]
    assert CourseRun.objects.filter(course=c).count() == 1
    assert AuditEvent.objects.filter(subject=leaver, action="anonymise").exists()


def test_retention_keeps_recent_leavers_and_current_staff(units, groups):
    recent = _leaver(units, left_days_ago=100)
    current = UserFactory(org_unit=units["team"])
    assert retention_apply() == 0
    recent.refresh_from_db()
    current.refresh_from_db()
    assert not recent.username.startswith("anonym-")
    assert not current.username.startswith("anonym-")


def test_retention_follows_the_years_setting(units, groups):
    leaver = _leaver(units, left_days_ago=400)
    settings_row = PrivacySettings.load()
    settings_row.retention_years = 2
    settings_row.save()
    assert retention_apply() == 0
    settings_row.retention_years = 1
    settings_row.save()
    assert retention_apply() == 1
    leaver.refresh_from_db()
    assert leaver.username.startswith("anonym-")


def test_retention_is_idempotent(units, groups):
    _leaver(units, left_days_ago=800)
    assert retention_apply() == 1
    assert retention_apply() == 0


def test_retention_calls_every_registered_anonymiser(units, groups):
    leaver = _leaver(units, left_days_ago=800)
    seen: list[int] = []
    before = anonymisers()
    anonymiser_register("test-records", lambda user: seen.append(user.pk) or 1)
    try:
        retention_apply()
    finally:
        from people import privacy

        privacy._anonymisers.clear()
        privacy._anonymisers.update(before)
    assert seen == [leaver.pk]


def test_a_failing_anonymiser_leaves_the_profile_untouched(units, groups):
    leaver = _leaver(units, left_days_ago=800, first_name="Karen")
    before = anonymisers()

    def broken(user):
        raise RuntimeError("disk full")

    anonymiser_register("broken", broken)
    try:
        with pytest.raises(RuntimeError):
            retention_apply()
    finally:
        from people import privacy

        privacy._anonymisers.clear()
        privacy._anonymisers.update(before)
    leaver.refresh_from_db()
    assert leaver.first_name == "Karen"


def test_the_celery_task_and_the_command_apply_the_policy(units, groups):
    _leaver(units, left_days_ago=800)
    _leaver(units, left_days_ago=900)
    assert retention_apply_task.delay().get() == 2
    _leaver(units, left_days_ago=1000)
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 ")
    call_command("apply_retention", stdout=out)
    assert User.objects.filter(username__startswith="anonym-").count() == 3


def test_the_retention_task_is_scheduled_by_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["paragraf-retention"]
    assert entry["task"] == "people.tasks.retention_apply_task"


def test_script_in_a_persons_name_is_escaped_on_min_data(client, units, groups):
    person = UserFactory(first_name="<script>alert(1)</script>", org_unit=units["team"])
    client.force_login(person)
    html = client.get("/min-data/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
