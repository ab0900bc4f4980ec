"""The question bank: validation per type, stable choice ids and frozen revisions."""

import pytest
from django.core.exceptions import ValidationError

from quizzes.models import Question
from quizzes.services import attempt_start
from tests.factories import StatuteProvisionFactory, guideline, question_add
from tests.quizzes.conftest import answers_for, cite_rule_choices, start


@pytest.mark.parametrize(
    ("kind", "choices", "message"),
    [
        ("single", [("A", False), ("B", False)], "mindst én"),
        ("single", [("A", True)], "mindst to"),
        ("multiple", [("A", False), ("B", False)], "mindst én"),
        ("essay", [("A", True), ("B", False)], "ingen svarmuligheder"),
        ("cite_rule", [("A", True), ("B", False)], "afgørelser og hjemler"),
    ],
)
def test_choices_that_do_not_fit_the_question_type_are_refused(db, kind, choices, message):
    with pytest.raises(ValidationError) as error:
        question_add("Et spørgsmål", kind=kind, choices=choices)
    assert message in str(error.value)


def test_a_single_choice_question_may_accept_more_than_one_answer(db):
    """A jurist may accept a second answer (issue 17): the learner still picks one, and either
    accepted answer is right."""
    question = question_add("Et spørgsmål", choices=[("A", True), ("B", True), ("C", False)])
    assert question.live


def test_a_true_false_question_needs_the_right_answer(db):
    with pytest.raises(ValidationError, match="sandt eller falsk"):
        question_add("Udsagn", kind="truefalse", true_is_correct=None)


def test_choice_ids_survive_new_revisions(db):
    question = question_add("Hvem?", choices=[("A", True), ("B", False)])
    ids = [child.id for child in question.choices]
    assert all(ids)
    question.text = "Hvem nu?"
    question.save_revision().publish()
    question.refresh_from_db()
    assert [child.id for child in question.choices] == ids
    latest = question.latest_revision.as_object()
    assert [child.id for child in latest.choices] == ids


def test_editing_a_question_after_an_attempt_does_not_change_that_attempts_record(
    client, learner, quiz_of
):
    question = question_add(
        "Gammel tekst",
        choices=[("Gammelt rigtigt", True), ("Gammelt forkert", False)],
        explanation="<p>Gammel forklaring</p>",
    )
    quiz = quiz_of([question])
    client.force_login(learner)
    attempt = start(client, quiz)
    item = attempt.items.get()
    served_revision = question.live_revision_id
    assert item.revision_id == served_revision
    old_right = item.snapshot["correct"][0]
    # A jurist rewrites the question and swaps which choice is right.
    question.text = "Ny tekst"
    question.explanation = "<p>Ny forklaring</p>"
    question.choices = [
        {"type": "choice", "value": {"text": "Nyt forkert", "correct": False}, "id": old_right},
        {"type": "choice", "value": {"text": "Nyt rigtigt", "correct": True}},
    ]
    question.save_revision().publish()
    assert "Gammel tekst" in client.get(quiz.url).content.decode()
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", {f"q-{item.pk}": [old_right]})
    item.refresh_from_db()
    assert item.is_correct is True and item.revision_id == served_revision
    html = client.get(quiz.url).content.decode()
    assert "Gammel tekst" in html and "Gammel forklaring" in html and "Ny tekst" not in html


def test_a_cite_the_rule_question_serves_outcomes_and_bases_with_citation_labels(
    client, learner, quiz_of
):
    ag = guideline("AG-UDE", sections=3)
    section = ag.sections.get(key="AG-UDE-3")
    provision = StatuteProvisionFactory(key="FVL-19-1", number="19", subsection="1")
    question = question_add(
        "Café ansøger om udeservering",
        kind="cite_rule",
        choices=cite_rule_choices(section, provision),
        citations=[{"type": "citation", "value": {"section": section.pk, "provision": None}}],
    )
    quiz = quiz_of([question])
    client.force_login(learner)
    attempt = start(client, quiz)
    html = client.get(quiz.url).content.decode()
    assert "Hvad er den rigtige afgørelse?" in html and "Hvilken regel bygger" in html
    assert "AG-UDE-3 Afsnit 3" in html and "FVL § 19, stk. 1" in html
    data = answers_for(attempt)
    item = attempt.items.get()
    wrong_basis = next(
        c["id"]
        for c in item.snapshot["choices"]
        if c["group"] == "basis" and c["id"] != item.snapshot["correct_basis"]
    )
    data[f"q-{item.pk}-basis"] = wrong_basis
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    attempt.refresh_from_db()
    assert attempt.percent == 50
    html = client.get(quiz.url).content.decode()
    assert "Delvist rigtigt" in html
    assert 'href="/administrationsgrundlag/ag-ude/#ag-ude-3"' in html


def test_questions_are_snippets_with_draft_and_live_state(db):
    question = question_add("Kladde", publish_it=False)
    assert question.live is False and Question.objects.filter(live=True).count() == 0
    question.save_revision().publish()
    question.refresh_from_db()
    assert question.live and question.live_revision_id is not None


def test_starting_reads_the_question_bank_in_a_fixed_number_of_queries(
    learner, quiz_of, django_assert_max_num_queries
):
    qs = [question_add(f"Q{i}") for i in range(12)]
    quiz = quiz_of(qs)
    with django_assert_max_num_queries(12):
        attempt = attempt_start(user=learner, quiz=quiz)
    assert attempt.items.count() == 12
