"""HR's reports in the admin: the rollup, the list with export, a person's record; HR only."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone

from compliance.models import Assignment, Status
from compliance.services import requirements_evaluate
from people.models import AuditEvent
from tests.factories import UserFactory


@pytest.fixture
def evaluated(learner, manager, outsider, onboarding_requirement):
    requirements_evaluate(today=timezone.localdate())


def content(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.django_db
def test_hr_sees_compliance_rolled_up_by_unit(client, hr_admin, evaluated, learner):
    Assignment.objects.filter(person=learner).update(status=Status.COMPLETED)
    from compliance.services import counts_rebuild

    counts_rebuild()
    client.force_login(hr_admin)
    html = client.get("/admin/overholdelse/").content.decode()
    assert "Byens Anvendelse" in html and "Byens Drift" in html
    assert "50,0 %" in html  # Byens Anvendelse: the learner done, the manager not (Danish comma)


@pytest.mark.django_db
def test_the_rollup_exports_to_xlsx_with_a_dated_name(client, hr_admin, evaluated):
    client.force_login(hr_admin)
    response = client.get("/admin/overholdelse/?export=xlsx")
    assert response.status_code == 200
    assert (
        f"overholdelse-pr-enhed-{timezone.localdate():%Y-%m-%d}.xlsx"
        in response["Content-Disposition"]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][0] == "Enhed" and any(r[0] == "Byens Anvendelse" for r in rows)


@pytest.mark.django_db
def test_the_assignment_list_filters_by_subtree_and_status_and_streams_csv(
    client, hr_admin, evaluated, units, learner, outsider
):
    client.force_login(hr_admin)
    html = client.get(
        f"/admin/tildelinger/?unit={units['area'].pk}&status=not_started"
    ).content.decode()
    assert learner.last_name in html and outsider.last_name not in html
    response = client.get(f"/admin/tildelinger/?unit={units['area'].pk}&export=csv")
    assert response.streaming
    text = content(response)
    assert text.splitlines()[0].startswith("Medarbejdernr.;Fornavn")
    assert learner.employee_number in text and outsider.employee_number not in text
    assert "Ikke startet" in text
    assert AuditEvent.objects.filter(actor=hr_admin, action="export").exists()


@pytest.mark.django_db
def test_the_list_page_query_count_does_not_grow(
    client, hr_admin, evaluated, units, django_assert_max_num_queries
):
    client.force_login(hr_admin)
    client.get("/admin/tildelinger/")
    with django_assert_max_num_queries(40) as small:
        client.get("/admin/tildelinger/")
        client.get("/admin/overholdelse/")
    for _ in range(25):
        UserFactory(org_unit=units["team"])
    requirements_evaluate(today=timezone.localdate())
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/admin/tildelinger/")
        client.get("/admin/overholdelse/")


@pytest.mark.django_db
def test_a_persons_record_is_audited_and_hr_can_exempt_from_it(
    client, hr_admin, evaluated, learner
):
    client.force_login(hr_admin)
    html = client.get(f"/admin/tildelinger/person/{learner.pk}/").content.decode()
    assert "Ikke startet" in html
    assert AuditEvent.objects.filter(actor=hr_admin, subject=learner, action="view").exists()
    assignment = Assignment.objects.get(person=learner)
    response = client.post(
        f"/admin/tildelinger/{assignment.pk}/fritag/", {"reason": "Langtidssygemeldt"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.exempt_reason) == (Status.EXEMPT, "Langtidssygemeldt")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/admin/overholdelse/", "/admin/tildelinger/", "/admin/hr-import/"]
)
def test_non_hr_staff_are_refused(client, jurist, evaluated, url):
    from django.contrib.auth.models import Permission

    from people.services import roles_ensure

    roles_ensure()
    jurist.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(jurist)
    response = client.get(url)
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert (response.status_code, response.url) == (302, "/admin/")


def _count_queries(captured) -> list[str]:
    return [
        q["sql"]
        for q in captured
        if "COUNT(" in q["sql"].upper() and "compliance_assignment" in q["sql"]
    ]


@pytest.mark.django_db
def test_the_list_total_for_a_unit_and_open_status_comes_from_the_counts(
    client, hr_admin, evaluated, units, django_assert_max_num_queries
):
    client.force_login(hr_admin)
    expected = Assignment.objects.filter(
        unit__path__startswith=units["area"].path, status=Status.NOT_STARTED
    ).count()
    assert expected > 0
    with django_assert_max_num_queries(60) as ctx:
        response = client.get(f"/admin/tildelinger/?unit={units['area'].pk}&status=not_started")
    assert response.context["items_count"] == expected
    assert _count_queries(ctx.captured_queries) == []


@pytest.mark.django_db
def test_the_list_total_with_a_due_range_or_a_closed_status_is_counted(
    client, hr_admin, evaluated, units, learner, django_assert_max_num_queries
):
    Assignment.objects.filter(person=learner).update(status=Status.COMPLETED)
    client.force_login(hr_admin)
    today = timezone.localdate()
    with django_assert_max_num_queries(60) as ctx:
        response = client.get(
            f"/admin/tildelinger/?unit={units['area'].pk}&status=completed"
            f"&due_at_from={today:%Y-%m-%d}"
        )
    assert response.context["items_count"] == 1
    assert _count_queries(ctx.captured_queries)
    response = client.get(
        f"/admin/tildelinger/?unit={units['area'].pk}&status=not_started&due_at_to=2000-01-01"
    )
    assert response.context["items_count"] == 0


@pytest.mark.django_db
def test_the_csv_export_streams_bytes_in_chunks_without_losing_rows(
    client, hr_admin, evaluated, monkeypatch
):
    from compliance import reports

    monkeypatch.setattr(reports, "CSV_CHUNK", 40)
    client.force_login(hr_admin)
    chunks = list(client.get("/admin/tildelinger/?export=csv").streaming_content)
    assert len(chunks) > 2 and all(isinstance(chunk, bytes) for chunk in chunks)
    lines = b"".join(chunks).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + Assignment.objects.count()
