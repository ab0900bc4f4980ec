"""Statistics on a known data set: share correct, most chosen wrong answer, per citation."""

import pytest

from people.models import AuditEvent
from quizzes.selectors import citation_statistics, question_statistics
from tests.factories import StatuteProvisionFactory, guideline, question_add
from tests.quizzes.conftest import start


@pytest.fixture
def data(client, learner, manager, outsider, quiz_of):
    ag = guideline("AG-UDE", sections=2)
    section = ag.sections.get(key="AG-UDE-1")
    provision = StatuteProvisionFactory(key="FVL-19-1", number="19", subsection="1")
    q1 = question_add(
        "Hvornår skal der partshøres?",
        choices=[("Før afgørelsen", True), ("Efter afgørelsen", False), ("Aldrig", False)],
        citations=[
            {"type": "citation", "value": {"section": section.pk, "provision": None}},
            {"type": "citation", "value": {"section": None, "provision": provision.pk}},
        ],
    )
    q2 = question_add(
        "Kræver udeservering tilladelse?",
        choices=[("Ja", True), ("Nej", False)],
        citations=[{"type": "citation", "value": {"section": section.pk, "provision": None}}],
    )
    quiz = quiz_of([q1, q2])

    def take(person, first, second):
        client.force_login(person)
        attempt = start(client, quiz)
        i1, i2 = attempt.items.all()
        by_text = {c["text"]: c["id"] for c in i1.snapshot["choices"] + i2.snapshot["choices"]}
        client.post(
            f"/quiz/forsoeg/{attempt.pk}/aflever/",
            {f"q-{i1.pk}": [by_text[first]], f"q-{i2.pk}": [by_text[second]]},
        )

    # learner (team under BA) and manager (centre under BA) vs. outsider (BD).
    take(learner, "Før afgørelsen", "Ja")
    take(manager, "Efter afgørelsen", "Ja")
    take(outsider, "Efter afgørelsen", "Nej")
    return q1, q2, section, provision


def test_per_question_share_correct_and_most_chosen_wrong_answer(data):
    q1, q2, *_ = data
    stats = {s.question_id: s for s in question_statistics()}
    assert stats[q1.pk].answers == 3 and stats[q1.pk].share_correct == 33.3
    assert stats[q1.pk].wrong_choice == "Efter afgørelsen" and stats[q1.pk].wrong_choice_count == 2
    assert stats[q2.pk].share_correct == 66.7 and stats[q2.pk].wrong_choice == "Nej"


def test_per_citation_share_correct_across_all_questions_citing_it(data):
    *_, section, provision = data
    stats = {s.key: s for s in citation_statistics()}
    # AG-UDE-1 is cited by both questions: 6 answers, 3 right.
    assert stats["AG-UDE-1"].questions == 2 and stats["AG-UDE-1"].answers == 6
    assert stats["AG-UDE-1"].share_correct == 50.0
    assert stats["FVL-19-1"].answers == 3 and stats["FVL-19-1"].share_correct == 33.3


def test_statistics_can_be_limited_to_an_org_unit_subtree(data, units):
    q1, *_ = data
    stats = {s.question_id: s for s in question_statistics(unit=units["area"])}
    assert stats[q1.pk].answers == 2 and stats[q1.pk].share_correct == 50.0
    by_key = {s.key: s for s in citation_statistics(unit=units["other_area"])}
    assert by_key["AG-UDE-1"].answers == 2 and by_key["AG-UDE-1"].share_correct == 0.0


def test_jurists_read_and_export_the_statistics_in_the_admin(
    client, jurist, admin_access, data, units
):
    client.force_login(jurist)
    html = client.get("/admin/quiz-statistik/henvisninger/").content.decode()
    assert "AG-UDE-1" in html and "FVL-19-1" in html
    response = client.get(f"/admin/quiz-statistik/spoergsmaal/?unit={units['area'].pk}&export=csv")
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "Hyppigste forkerte svar" in body and "Efter afgørelsen" in body
    assert AuditEvent.objects.filter(actor=jurist, action="export").exists()
    xlsx = client.get("/admin/quiz-statistik/henvisninger/?export=xlsx")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]


def test_hr_may_read_statistics_but_learners_may_not(client, hr, learner, admin_access, data):
    client.force_login(hr)
    assert client.get("/admin/quiz-statistik/spoergsmaal/").status_code == 200
    client.force_login(learner)
    assert client.get("/admin/quiz-statistik/spoergsmaal/").status_code in (302, 403)
