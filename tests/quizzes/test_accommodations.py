"""Accommodations (særlige vilkår): HR and jurists give a person extra time or extra attempts;
the quiz applies them when an attempt starts and freezes them on the attempt."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from people.models import AuditEvent
from people.privacy import anonymisers, personal_data_exporters
from people.roles import ADMINISTRATOR
from quizzes.accommodations import Accommodation, time_allowed_seconds
from quizzes.models import Attempt
from tests.factories import UserFactory
from tests.quizzes.conftest import answers_for, questions, start

ADD_URL = "/admin/saerlige-vilkaar/new/"
MENU_ENTRY = '"url": "/admin/saerlige-vilkaar/"'  # in the sidebar's JSON


def minutes_allowed(attempt: Attempt) -> float:
    return (attempt.deadline_at - attempt.started_at).total_seconds() / 60


def grant(user, quiz=None, **terms) -> Accommodation:
    accommodation = Accommodation(user=user, quiz=quiz, reason="Dokumenteret behov", **terms)
    accommodation.full_clean()
    accommodation.save()
    return accommodation


def form_data(person, quiz=None, **overrides) -> dict[str, str]:
    data = {
        "user": person.username,
        "quiz": str(quiz.pk) if quiz is not None else "",
        "extra_time_percent": "0",
        "extra_time_minutes": "0",
        "extra_attempts": "0",
        "reason": "Dokumenteret behov, aftalt med HR",
    }
    data.update({key: str(value) for key, value in overrides.items()})
    return data


# --- Who may set them ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["hr", "jurist"])
def test_hr_and_a_jurist_give_a_learner_extra_time_and_it_is_audited(
    client, request, role, learner, quiz_of
):
    actor = request.getfixturevalue(role)
    quiz = quiz_of(questions(1), time_limit_minutes=30)
    client.force_login(actor)
    assert MENU_ENTRY in client.get("/admin/").content.decode()
    response = client.post(ADD_URL, form_data(learner, quiz, extra_time_percent=50))
    assert response.status_code == 302, response.content.decode()[:3000]
    accommodation = Accommodation.objects.get()
    assert (accommodation.user, accommodation.quiz_id) == (learner, quiz.pk)
    assert accommodation.extra_time_percent == 50 and accommodation.created_by == actor
    event = AuditEvent.objects.get(actor=actor, subject=learner, action="change")
    assert "oprettede særlige vilkår" in event.what and "+50 % tid" in event.what
    assert "Dokumenteret behov" not in event.what  # the reason stays out of the log


def test_the_person_can_be_given_by_employee_number(client, hr, learner, quiz_of):
    client.force_login(hr)
    response = client.post(
        ADD_URL, form_data(learner, extra_attempts=2, user=learner.employee_number)
    )
    assert response.status_code == 302
    assert Accommodation.objects.get().user == learner


def test_changing_and_deleting_are_audited_and_opening_one_is_audited_as_a_view(
    client, hr, learner, quiz_of
):
    accommodation = grant(learner, extra_time_percent=25)
    client.force_login(hr)
    edit = f"/admin/saerlige-vilkaar/edit/{accommodation.pk}/"
    page = client.get(edit).content.decode()
    assert "Dokumenteret behov" in page and learner.username in page
    assert AuditEvent.objects.filter(actor=hr, subject=learner, action="view").exists()
    response = client.post(edit, form_data(learner, extra_time_percent=50))
    assert response.status_code == 302
    accommodation.refresh_from_db()
    assert accommodation.extra_time_percent == 50
    assert AuditEvent.objects.filter(subject=learner, what__startswith="ændrede").exists()
    response = client.post(f"/admin/saerlige-vilkaar/delete/{accommodation.pk}/")
    assert response.status_code == 302
    assert not Accommodation.objects.exists()
    assert AuditEvent.objects.filter(subject=learner, what__startswith="slettede").exists()


@pytest.mark.parametrize("role", ["learner", "manager"])
def test_employees_and_managers_cannot_see_or_set_accommodations(
    client, request, role, learner, quiz_of
):
    grant(learner, extra_attempts=1)
    person = request.getfixturevalue(role)
    client.force_login(person)
    for url in ("/admin/saerlige-vilkaar/", ADD_URL):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    response = client.post(ADD_URL, form_data(person, extra_attempts=5))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Accommodation.objects.count() == 1
    assert not AuditEvent.objects.filter(actor=person).exists()


def test_an_administrator_without_the_permission_neither_sees_the_menu_nor_the_list(
    client, groups, learner
):
    grant(learner, extra_attempts=1)
    admin = UserFactory(username="it-admin", is_staff=True)
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client.force_login(admin)
    assert MENU_ENTRY not in client.get("/admin/").content.decode()
    response = client.get("/admin/saerlige-vilkaar/")
    assert response.status_code in (302, 403)
    assert "Dokumenteret behov" not in response.content.decode()


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "fields", "field", "message"),
    [
        ("quiz", {"extra_time_percent": -10}, "extra_time_percent", "større end eller lig 0"),
        ("quiz", {"extra_attempts": -1}, "extra_attempts", "større end eller lig 0"),
        ("quiz", {"extra_time_percent": 901}, "extra_time_percent", "Højst 900 % ekstra tid"),
        ("quiz", {"extra_time_minutes": 271}, "extra_time_minutes", "Højst 270 minutters"),
        ("all", {"extra_time_minutes": 601}, "extra_time_minutes", "Højst 600 minutters"),
        ("quiz", {"extra_attempts": 21}, "extra_attempts", "Højst 20 ekstra forsøg"),
        ("quiz", {}, None, "Angiv ekstra forsøg eller ekstra tid"),
        ("quiz", {"extra_attempts": 1, "reason": ""}, "reason", "påkrævet"),
        ("quiz", {"extra_attempts": 1, "user": "findes-ikke"}, "user", "ingen aktiv medarbejder"),
        ("quiz", {"extra_time_percent": "mange"}, "extra_time_percent", "heltal"),
    ],
)
def test_bad_input_is_refused_with_a_danish_message_and_nothing_is_saved(
    client, hr, learner, quiz_of, scope, fields, field, message
):
    quiz = quiz_of(questions(1), time_limit_minutes=30)
    client.force_login(hr)
    response = client.post(ADD_URL, form_data(learner, quiz if scope == "quiz" else None, **fields))
    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.get(field or "__all__", [])
    assert any(message in str(error) for error in errors), form.errors
    assert not Accommodation.objects.exists()
    assert not AuditEvent.objects.filter(actor=hr, action="change").exists()


def test_a_second_accommodation_for_the_same_quiz_is_refused(client, hr, learner, quiz_of):
    quiz = quiz_of(questions(1), time_limit_minutes=30)
    grant(learner, quiz, extra_time_percent=25)
    grant(learner, extra_time_percent=25)
    client.force_login(hr)
    for target in (quiz, None):
        response = client.post(ADD_URL, form_data(learner, target, extra_time_percent=50))
        assert response.status_code == 200
        assert "har allerede særlige vilkår" in response.content.decode()
    assert Accommodation.objects.count() == 2


def test_nine_times_a_long_quiz_is_allowed_as_extra_minutes(client, hr, learner, quiz_of):
    quiz = quiz_of(questions(1), time_limit_minutes=90)
    client.force_login(hr)
    response = client.post(ADD_URL, form_data(learner, quiz, extra_time_minutes=810))
    assert response.status_code == 302
    assert Accommodation.objects.get().extra_time_minutes == 810


# --- Applied when an attempt starts ----------------------------------------------------------


def test_fifty_percent_extra_time_makes_a_30_minute_quiz_last_45_minutes(client, learner, quiz_of):
    quiz = quiz_of(questions(1), time_limit_minutes=30)
    grant(learner, quiz, extra_time_percent=50)
    client.force_login(learner)
    assert (
        "Du har forlænget tid: 45 minutter i stedet for 30."
        in client.get(quiz.url).content.decode()
    )
    attempt = start(client, quiz)
    assert minutes_allowed(attempt) == pytest.approx(45, abs=0.05)
    assert attempt.accommodation == {"extra_time_percent": 50}


def test_extra_minutes_come_on_top_of_the_percentage(client, learner, quiz_of):
    quiz = quiz_of(questions(1), time_limit_minutes=30)
    grant(learner, quiz, extra_time_percent=50, extra_time_minutes=10)
    client.force_login(learner)
    assert minutes_allowed(start(client, quiz)) == pytest.approx(55, abs=0.05)


def test_the_deadline_is_rounded_to_whole_seconds():
    assert time_allowed_seconds(time_limit_minutes=1, terms={"extra_time_percent": 1}) == 61
    assert time_allowed_seconds(time_limit_minutes=7, terms={"extra_time_percent": 33}) == 559
    assert time_allowed_seconds(time_limit_minutes=None, terms={"extra_time_percent": 50}) is None


def test_extra_attempts_let_a_learner_who_used_all_attempts_start_again(client, learner, quiz_of):
    quiz = quiz_of(questions(1), max_attempts=1, pass_mark=100)
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=False))
    assert client.post(f"/quiz/{quiz.pk}/start/").status_code == 403
    grant(learner, quiz, extra_attempts=1)
    html = client.get(quiz.url).content.decode()
    assert "Du har 1 forsøg tilbage." in html and "Du har fået 1 ekstra forsøg" in html
    second = start(client, quiz)
    assert second.number == 2 and second.accommodation == {"extra_attempts": 1}
    client.post(f"/quiz/forsoeg/{second.pk}/aflever/", answers_for(second, right=False))
    assert client.post(f"/quiz/{quiz.pk}/start/").status_code == 403


def test_extra_attempts_change_nothing_on_a_quiz_without_an_attempt_limit(client, learner, quiz_of):
    quiz = quiz_of(questions(1), time_limit_minutes=30)
    grant(learner, extra_attempts=3)
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert "forsøg tilbage" not in html and "ekstra forsøg" not in html
    assert start(client, quiz).accommodation == {}


def test_the_quiz_specific_accommodation_wins_over_the_one_for_all_quizzes(
    client, learner, module, quiz_of
):
    from tests.factories import quiz_add

    specific = quiz_of(questions(1), time_limit_minutes=30)
    other = quiz_add(
        module,
        questions=questions(1),
        title="Anden quiz",
        slug="anden",
        **{"time_limit_minutes": 30},
    )
    grant(learner, extra_time_percent=100)
    grant(learner, specific, extra_time_minutes=5)
    client.force_login(learner)
    assert minutes_allowed(start(client, specific)) == pytest.approx(35, abs=0.05)
    assert minutes_allowed(start(client, other)) == pytest.approx(60, abs=0.05)


def test_a_running_attempt_keeps_its_deadline_when_the_accommodation_changes(
    client, hr, learner, quiz_of
):
    quiz = quiz_of(questions(2), time_limit_minutes=30)
    accommodation = grant(learner, quiz, extra_time_percent=50)
    client.force_login(learner)
    attempt = start(client, quiz)
    deadline = attempt.deadline_at
    client.force_login(hr)
    edit = f"/admin/saerlige-vilkaar/edit/{accommodation.pk}/"
    assert client.post(edit, form_data(learner, quiz, extra_time_percent=100)).status_code == 302
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert "45 minutter i stedet for 30" in html  # what the running attempt started with
    resumed = start(client, quiz)
    assert resumed.pk == attempt.pk and resumed.deadline_at == deadline
    client.post(f"/admin/saerlige-vilkaar/delete/{accommodation.pk}/")
    attempt.refresh_from_db()
    assert attempt.deadline_at == deadline and attempt.accommodation == {"extra_time_percent": 50}


def test_another_persons_accommodation_does_not_apply(client, learner, outsider, quiz_of):
    quiz = quiz_of(questions(1), time_limit_minutes=30)
    grant(outsider, quiz, extra_time_percent=50)
    client.force_login(learner)
    assert "forlænget tid" not in client.get(quiz.url).content.decode()
    assert minutes_allowed(start(client, quiz)) == pytest.approx(30, abs=0.05)


# --- Shown to markers, in the person's data, gone for leavers --------------------------------


def test_the_marker_sees_the_accommodation_next_to_the_learner(client, learner, jurist, quiz_of):
    from tests.factories import question_add

    essay = question_add("Forklar officialprincippet", kind="essay", choices=[])
    quiz = quiz_of([essay], time_limit_minutes=30)
    grant(learner, quiz, extra_time_percent=50)
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    client.force_login(jurist)
    assert "Særlige vilkår: +50 % tid" in client.get("/admin/quiz-bedoemmelse/").content.decode()
    item = attempt.items.get()
    page = client.get(f"/admin/quiz-bedoemmelse/{item.pk}/").content.decode()
    assert "Særlige vilkår:" in page and "+50 % tid" in page


def test_the_evidence_view_shows_the_terms_an_attempt_was_taken_under(client, learner, hr, quiz_of):
    from django.utils import timezone

    quiz = quiz_of(questions(1), time_limit_minutes=30)
    grant(learner, quiz, extra_time_percent=50)
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    client.force_login(hr)
    html = client.get(
        "/admin/dokumentation/",
        {"person": learner.username, "on": timezone.localdate().isoformat()},
    ).content.decode()
    assert "Særlige vilkår: +50 % tid" in html
    csv_text = client.get(
        "/admin/dokumentation/",
        {"person": learner.username, "on": timezone.localdate().isoformat(), "export": "csv"},
    ).content.decode("utf-8-sig")
    header, row = csv_text.splitlines()[:2]
    # A leading + is neutralised like every cell that could start a formula (people.spreadsheets).
    assert header.endswith(";særlige vilkår") and row.endswith(";'+50 % tid")


def test_accommodations_are_in_the_persons_data_and_deleted_for_leavers(client, learner, quiz_of):
    quiz = quiz_of(questions(1), time_limit_minutes=30)
    grant(learner, quiz, extra_time_percent=50)
    client.force_login(learner)
    attempt = start(client, quiz)
    rows = personal_data_exporters()["quiz_særlige_vilkår"](learner)
    assert rows[0]["ekstra_tid_procent"] == 50 and rows[0]["begrundelse"] == "Dokumenteret behov"
    assert personal_data_exporters()["quizforsøg"](learner)[0]["særlige_vilkår"] == "+50 % tid"
    assert anonymisers()["quiz_særlige_vilkår"](learner) == 1
    anonymisers()["quizforsøg"](learner)
    attempt.refresh_from_db()
    assert not Accommodation.objects.exists() and attempt.accommodation == {}


def test_the_quiz_page_costs_the_same_queries_with_or_without_an_accommodation(
    client, learner, outsider, quiz_of
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    quiz = quiz_of(questions(10), time_limit_minutes=30, max_attempts=3)
    grant(learner, quiz, extra_time_percent=50, extra_attempts=1)
    counts = []
    for person in (learner, outsider):
        client.force_login(person)
        start(client, quiz)
        client.get(quiz.url)  # warm per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(quiz.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 15
