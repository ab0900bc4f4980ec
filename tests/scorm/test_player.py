"""The step page, the package files (signed-in only, own CSP) and the commit endpoint."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from compliance.evidence import evidence_for
from compliance.models import Assignment, Requirement, Status
from compliance.services import requirements_evaluate
from courses.models import CourseRun, StepCompletion
from courses.services import StepNotCompletable, step_complete_by_learner
from demo.scorm_packages import breach_2004
from scorm.models import ScormAttempt
from scorm.services import attempt_open, package_upload
from tests.compliance.conftest import requirement
from tests.factories import course, lessons_of, scorm_add, scorm_package


def _open(client, step) -> ScormAttempt:
    response = client.get(step.url)
    assert response.status_code == 200
    return response.context["attempt"]


def _commit(client, attempt, data, session="s1"):
    return client.post(
        f"/scorm/forsoeg/{attempt.pk}/gem/?session={session}",
        data=json.dumps(data),
        content_type="application/json",
    )


# --- the step page and the files -----------------------------------------------------------


def test_the_step_page_frames_the_package_with_the_runtime_and_a_full_screen_link(
    client, learner, scorm_course
):
    _, step = scorm_course
    client.force_login(learner)
    response = client.get(step.url)
    html = response.content.decode()
    attempt = response.context["attempt"]
    version = attempt.version
    assert f'data-launch="/scorm/{version.package_id}/1/index.html"' in html
    assert "scorm-again/scorm12.min.js" in html and "scorm/player.js" in html
    assert f'href="/scorm/forsoeg/{attempt.pk}/"' in html
    runtime = response.context["runtime"]
    assert runtime["standard"] == "1.2"
    assert runtime["cmi"]["core"]["entry"] == "ab-initio"
    assert runtime["cmi"]["student_data"]["mastery_score"] == "80.00"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    player = client.get(f"/scorm/forsoeg/{attempt.pk}/")
    assert player.status_code == 200 and "data-scorm-player" in player.content.decode()


def test_package_files_are_for_signed_in_people_with_a_sandboxing_policy(client, learner, package):
    version = package.current_version
    url = f"/scorm/{package.pk}/1/index.html"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/log-ind/" in anonymous["Location"]
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"<!DOCTYPE html>")
    assert response["Content-Type"].startswith("text/html")
    policy = response["Content-Security-Policy"]
    assert "sandbox allow-scripts allow-same-origin allow-forms" in policy
    assert "allow-top-navigation" not in policy
    assert "frame-ancestors 'self'" in policy and "connect-src 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get(f"/scorm/{package.pk}/1/app.js")["Content-Type"].startswith(
        ("text/javascript", "application/javascript")
    )
    assert client.get(f"/scorm/{package.pk}/1/nope.html").status_code == 404
    assert client.get(f"/scorm/{package.pk}/2/index.html").status_code == 404
    assert client.get(f"/scorm/{package.pk}/1/../1/index.html").status_code == 404
    assert client.get(f"/scorm/{package.pk}/1/%2e%2e/%2e%2e/settings.py").status_code == 404
    assert version.storage_prefix.startswith("scorm/")


# --- committing ----------------------------------------------------------------------------


def test_a_commit_needs_the_csrf_token(learner, scorm_course):
    _, step = scorm_course
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    attempt = _open(client, step)
    token = client.cookies["csrftoken"].value
    url = f"/scorm/forsoeg/{attempt.pk}/gem/"
    body = json.dumps({"cmi.core.lesson_location": "2"})
    assert client.post(url, body, content_type="application/json").status_code == 403
    ok = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 200 and ok.json() == {
        "result": True,
        "errorCode": 0,
        "completed": False,
    }
    attempt.refresh_from_db()
    assert attempt.location == "2"


def test_another_persons_attempt_is_a_404_and_nothing_changes(
    client, learner, outsider, scorm_course
):
    _, step = scorm_course
    client.force_login(learner)
    attempt = _open(client, step)
    client.force_login(outsider)
    assert _commit(client, attempt, {"cmi.core.lesson_status": "passed"}).status_code == 404
    assert client.get(f"/scorm/forsoeg/{attempt.pk}/").status_code == 404
    attempt.refresh_from_db()
    assert attempt.lesson_status == "" and attempt.completed_at is None


def test_out_of_range_values_are_refused_and_logged_and_the_rest_is_kept(
    client, learner, scorm_course, caplog
):
    _, step = scorm_course
    client.force_login(learner)
    attempt = _open(client, step)
    _commit(client, attempt, {"cmi.suspend_data": "side=2", "cmi.core.score.raw": "40"})
    with caplog.at_level(logging.WARNING, logger="scorm.services"):
        response = _commit(
            client,
            attempt,
            {
                "cmi.core.score.raw": "150",
                "cmi.core.lesson_status": "brilliant",
                "cmi.suspend_data": "x" * 1_000_000,
                "cmi.core.lesson_location": "3",
                "cmi.core.session_time": "00:01:30",
            },
        )
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.score_raw == 40  # 150 is outside SCORM 1.2's 0–100
    assert attempt.lesson_status == ""
    assert attempt.suspend_data == "side=2"  # not cut: 1.2 allows 4,096 characters
    assert attempt.location == "3" and attempt.session_seconds == 90
    assert "cmi.core.score.raw='150'" in caplog.text
    assert "cmi.core.lesson_status='brilliant'" in caplog.text
    assert "cmi.suspend_data=<1000000 chars, limit 4096>" in caplog.text
    assert attempt.completed_at is None


def test_malformed_json_is_a_400_not_a_500(client, learner, scorm_course):
    _, step = scorm_course
    client.force_login(learner)
    attempt = _open(client, step)
    response = client.post(
        f"/scorm/forsoeg/{attempt.pk}/gem/", data="{nope", content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["result"] is False
    response = client.post(
        f"/scorm/forsoeg/{attempt.pk}/gem/", data="[1]", content_type="application/json"
    )
    assert response.status_code == 400


def test_total_time_adds_up_sessions_and_a_resume_gets_the_saved_place(
    client, learner, scorm_course
):
    _, step = scorm_course
    client.force_login(learner)
    attempt = _open(client, step)
    _commit(client, attempt, {"cmi.core.session_time": "00:01:00"}, session="a")
    _commit(client, attempt, {"cmi.core.session_time": "00:02:00"}, session="a")
    _commit(
        client,
        attempt,
        {
            "cmi.core.session_time": "00:00:30",
            "cmi.core.lesson_location": "2",
            "cmi.suspend_data": "side=2",
            "cmi.core.exit": "suspend",
        },
        session="b",
    )
    attempt.refresh_from_db()
    assert attempt.total_seconds == 150
    again = client.get(step.url)
    assert again.context["attempt"].pk == attempt.pk
    core = again.context["runtime"]["cmi"]["core"]
    assert core["entry"] == "resume" and core["lesson_location"] == "2"
    assert core["total_time"] == "0000:02:30"
    assert again.context["runtime"]["cmi"]["suspend_data"] == "side=2"


# --- completing the step -------------------------------------------------------------------


def test_failed_does_not_complete_and_passed_completes_the_step_and_the_course(
    client, learner, scorm_course
):
    course_page, step = scorm_course
    client.force_login(learner)
    for lesson in lessons_of(course_page):
        step_complete_by_learner(user=learner, page=lesson)
    attempt = _open(client, step)
    _commit(client, attempt, {"cmi.core.lesson_status": "failed", "cmi.core.score.raw": "0"})
    assert not StepCompletion.objects.filter(page=step).exists()
    response = _commit(
        client, attempt, {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "100"}
    )
    assert response.json()["completed"] is True
    completion = StepCompletion.objects.get(page=step, run__user=learner)
    assert completion.revision_id == step.live_revision_id
    assert CourseRun.objects.get(user=learner, course=course_page).completed_at is not None


def test_the_mastery_score_of_the_manifest_decides_passed_or_failed(client, learner, scorm_course):
    _, step = scorm_course
    client.force_login(learner)
    attempt = _open(client, step)
    _commit(client, attempt, {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "50"})
    attempt.refresh_from_db()
    assert attempt.lesson_status == "failed" and attempt.completed_at is None
    _commit(client, attempt, {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "80"})
    attempt.refresh_from_db()
    assert attempt.lesson_status == "passed" and attempt.completed_at is not None


def test_a_scorm_2004_package_passes_by_its_scaled_score(client, learner, tree, media):
    package = scorm_package(build=breach_2004, title="Brud")
    page = course(title="GDPR", modules=1, lessons=0)
    step = scorm_add(page.get_children().first().specific, package=package, slug="brud")
    client.force_login(learner)
    attempt = _open(client, step)
    assert client.get(step.url).context["runtime"]["cmi"]["scaled_passing_score"] == "0.8000000"
    _commit(
        client,
        attempt,
        {
            "cmi.completion_status": "completed",
            "cmi.success_status": "passed",
            "cmi.score.scaled": "0.5",
            "cmi.suspend_data": "y" * 5000,  # within 2004's 64,000
            "cmi.location": "3",
            "cmi.session_time": "PT1M5S",
        },
    )
    attempt.refresh_from_db()
    assert attempt.success_status == "failed" and attempt.completed_at is None
    assert len(attempt.suspend_data) == 5000 and attempt.session_seconds == 65
    _commit(client, attempt, {"cmi.score.scaled": "1.5"})  # outside -1..1: refused
    attempt.refresh_from_db()
    assert attempt.score_scaled == 0.5
    _commit(client, attempt, {"cmi.score.scaled": "0.9", "cmi.success_status": "passed"})
    attempt.refresh_from_db()
    assert attempt.success_status == "passed" and attempt.completed_at is not None
    assert CourseRun.objects.get(user=learner, course=page).completed_at is not None


def test_a_scorm_step_cannot_be_marked_done_by_hand(learner, scorm_course):
    _, step = scorm_course
    with pytest.raises(StepNotCompletable):
        step_complete_by_learner(user=learner, page=step)


def test_an_attempt_started_on_an_old_version_finishes_on_it(
    client, learner, manager, scorm_course
):
    from demo.scorm_packages import phishing_12

    _, step = scorm_course
    client.force_login(learner)
    old = _open(client, step)
    import io

    package_upload(
        upload=io.BytesIO(phishing_12()), file_name="v2.zip", by=None, package=step.package
    )
    again = _open(client, step)
    assert again.pk == old.pk and again.version.number == 1
    assert client.get(step.url).context["launch_url"].startswith(f"/scorm/{step.package_id}/1/")
    client.force_login(manager)
    assert _open(client, step).version.number == 2


def test_the_step_counts_for_compliance_and_the_evidence_names_the_package_version(
    client, learner, hr, scorm_course
):
    course_page, step = scorm_course
    need = requirement(course_page, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    requirements_evaluate()
    client.force_login(learner)
    for lesson in lessons_of(course_page):
        step_complete_by_learner(user=learner, page=lesson)
    attempt = _open(client, step)
    _commit(client, attempt, {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "90"})
    assert Assignment.objects.get(person=learner, requirement=need).status == Status.COMPLETED
    from django.utils import timezone

    rows = evidence_for(person=learner, on=timezone.localdate()).rows
    scorm_row = next(r for r in rows if r.title == step.title)
    assert scorm_row.result == "pakkeversion 1 (SCORM 1.2)"
    assert scorm_row.revision_id == step.live_revision_id

    # HR's person record and the evidence page, like any other step.
    from people.services import roles_ensure

    roles_ensure()
    client.force_login(hr)
    record = client.get(f"/admin/tildelinger/person/{learner.pk}/").content.decode()
    assert need.name in record and "Gennemført" in record
    evidence = client.get(
        "/admin/dokumentation/",
        {"person": learner.employee_number, "on": timezone.localdate().isoformat()},
    ).content.decode()
    assert "pakkeversion 1 (SCORM 1.2)" in evidence


def test_opening_the_step_after_a_finished_run_starts_a_new_attempt(learner, scorm_course):
    course_page, step = scorm_course
    for lesson in lessons_of(course_page):
        step_complete_by_learner(user=learner, page=lesson)
    first = attempt_open(user=learner, page=step)
    from scorm.services import attempt_commit

    attempt_commit(attempt=first, payload={"cmi.core.lesson_status": "passed"}, session_key="a")
    assert attempt_open(user=learner, page=step).pk == first.pk
    CourseRun.objects.create(user=learner, course=course_page)  # a retraining run
    second = attempt_open(user=learner, page=step)
    assert second.pk != first.pk and second.completed_at is None


def test_the_attempt_is_in_the_persons_own_data_and_deleted_for_a_leaver(learner, scorm_course):
    from people.privacy import anonymisers, personal_data_exporters
    from scorm.services import attempt_commit

    _, step = scorm_course
    attempt = attempt_open(user=learner, page=step)
    attempt_commit(attempt=attempt, payload={"cmi.suspend_data": "side=2"}, session_key="a")
    exported = personal_data_exporters()["scorm_forsøg"](learner)
    assert exported[0]["pakke"] == "Phishing og sikre mails"
    assert exported[0]["gemte_data"] == "side=2"
    assert anonymisers()["scorm_forsøg"](learner) == 1
    assert not ScormAttempt.objects.filter(user=learner).exists()
