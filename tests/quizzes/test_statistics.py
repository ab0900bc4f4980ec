"""The statistics reports in the admin: item analysis per question of a quiz (with a page per
question for the distribution over its choices) and per citation, exported and audited; only
for those who may view attempts. The figures themselves: test_item_analysis.py."""

import re

import pytest

from people.models import AuditEvent
from tests.factories import StatuteProvisionFactory, UserFactory, citation, guideline, question_add
from tests.quizzes.conftest import take


@pytest.fixture
def data(learner, manager, outsider, units, quiz_of):
    ag = guideline("AG-UDE", sections=2)
    section = ag.sections.get(key="AG-UDE-1")
    provision = StatuteProvisionFactory(key="FVL-19-1", number="19", subsection="1")
    q1 = question_add(
        "Hvornår skal der partshøres?",
        choices=[("Før afgørelsen", True), ("Efter afgørelsen", False), ("Aldrig", False)],
        citations=[citation(section=section), citation(provision=provision)],
    )
    q2 = question_add(
        "=Kræver udeservering tilladelse?",  # a text a spreadsheet would run as a formula
        choices=[("Ja", True), ("Nej", False)],
        citations=[citation(section=section)],
    )
    quiz = quiz_of([q1, q2])
    other = UserFactory(username="anden", org_unit=units["other_team"])
    # Q1 right for the two in Byens Anvendelse, wrong for the two in Byens Drift; Q2 mostly the
    # other way round. With two questions each is the other's "rest of the test", so both
    # discriminate the wrong way (r = −1/√3).
    take(learner, quiz, 1, 0)
    take(manager, quiz, 1, 1)
    take(outsider, quiz, 0, 1)
    take(other, quiz, 0, 1)
    return quiz, q1, q2


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_jurists_see_facility_discrimination_and_warnings_per_question_of_a_quiz(
    client, jurist, admin_access, data
):
    quiz, q1, q2 = data
    client.force_login(jurist)
    html = client.get(f"/admin/quiz-statistik/spoergsmaal/?quiz={quiz.pk}").content.decode()
    assert "Lethed (gns. point, %)" in html and "Skelneevne (r)" in html
    assert "Hvornår skal der partshøres?" in html and "skiller forkert" in html
    assert f"/admin/quiz-statistik/spoergsmaal/{q1.pk}/?quiz={quiz.pk}" in html


def test_the_question_page_lists_every_choice_with_how_many_chose_it(
    client, jurist, admin_access, data, units
):
    quiz, q1, _ = data
    client.force_login(jurist)
    html = client.get(f"/admin/quiz-statistik/spoergsmaal/{q1.pk}/?quiz={quiz.pk}").content.decode()
    assert "Svarfordeling" in html
    for text in ("Før afgørelsen", "Efter afgørelsen", "Aldrig"):
        assert text in html
    # Nobody chose "Aldrig": it is listed, wrong, chosen 0 times.
    assert re.search(r"Aldrig</td>\s*<td>Nej</td>\s*<td>0</td>", html)
    # In Byens Drift nobody got it right.
    html = client.get(
        f"/admin/quiz-statistik/spoergsmaal/{q1.pk}/?quiz={quiz.pk}&unit={units['other_area'].pk}"
    ).content.decode()
    assert "for svær" in html


def test_exports_are_formula_safe_carry_the_distribution_and_are_audited(
    client, jurist, admin_access, data, units
):
    quiz, *_ = data
    client.force_login(jurist)
    response = client.get(
        f"/admin/quiz-statistik/spoergsmaal/?quiz={quiz.pk}&unit={units['area'].pk}&export=csv"
    )
    assert response.status_code == 200
    csv = body(response)
    assert "Lethed (gns. point, %)" in csv and "Svarfordeling (✓ = rigtig)" in csv
    assert "Aldrig: 0" in csv and "Før afgørelsen (✓): 2" in csv
    assert "'=Kræver udeservering tilladelse?" in csv
    assert AuditEvent.objects.filter(actor=jurist, action="export", subject_unit=units["area"])
    xlsx = client.get(f"/admin/quiz-statistik/henvisninger/?quiz={quiz.pk}&export=xlsx")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    assert AuditEvent.objects.filter(actor=jurist, action="export").count() == 2


def test_per_citation_report_pools_all_quizzes_unless_one_is_chosen(
    client, jurist, admin_access, data
):
    client.force_login(jurist)
    html = client.get("/admin/quiz-statistik/henvisninger/").content.decode()
    assert "AG-UDE-1" in html and "FVL-19-1" in html
    assert "for svær" not in html


def test_the_per_question_report_asks_for_a_quiz_first(client, jurist, admin_access, data):
    client.force_login(jurist)
    html = client.get("/admin/quiz-statistik/spoergsmaal/").content.decode()
    assert "Vælg en quiz i filteret" in html
    assert "Hvornår skal der partshøres?" not in html


def test_a_forged_filter_or_an_unknown_question_does_no_harm(client, jurist, admin_access, data):
    client.force_login(jurist)
    assert client.get("/admin/quiz-statistik/spoergsmaal/?quiz=abc&unit=-1").status_code == 200
    assert client.get("/admin/quiz-statistik/spoergsmaal/999999/").status_code == 404
    _, q1, _ = data
    assert client.get(f"/admin/quiz-statistik/spoergsmaal/{q1.pk}/?quiz=x").status_code == 200


def test_hr_may_read_statistics_but_learners_may_not(client, hr, learner, admin_access, data):
    _, q1, _ = data
    client.force_login(hr)
    assert client.get("/admin/quiz-statistik/spoergsmaal/").status_code == 200
    assert client.get(f"/admin/quiz-statistik/spoergsmaal/{q1.pk}/").status_code == 200
    client.force_login(learner)
    assert client.get("/admin/quiz-statistik/spoergsmaal/").status_code in (302, 403)
    assert client.get(f"/admin/quiz-statistik/spoergsmaal/{q1.pk}/").status_code in (302, 403)
    assert client.get("/admin/quiz-statistik/henvisninger/?export=csv").status_code in (302, 403)
    assert not AuditEvent.objects.filter(actor=learner, action="export").exists()
