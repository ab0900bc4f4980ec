"""Quiz fixtures: a course whose only module ends with a quiz, and helpers to take it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from people.roles import HR, JURIST
from quizzes.models import Attempt
from quizzes.services import attempt_start, attempt_submit
from tests.factories import (
    StatuteProvisionFactory,
    UserFactory,
    citation,
    course,
    guideline,
    question_add,
    quiz_add,
)


@pytest.fixture
def module(tree):
    page = course(title="Jura – Kort og Godt", modules=1, lessons=1)
    return page.get_children().first().specific


@pytest.fixture
def admin_access(groups):
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in (HR, JURIST):
        groups[name].permissions.add(access)


def cite_rule_choices(section, provision) -> list[dict]:
    return [
        {"type": "outcome", "value": {"text": "Afslag", "correct": False}},
        {"type": "outcome", "value": {"text": "Tilladelse med vilkår", "correct": True}},
        {
            "type": "basis",
            "value": {
                "citation": {"section": section.pk, "provision": None, "note": ""},
                "text": "",
                "correct": True,
            },
        },
        {
            "type": "basis",
            "value": {
                "citation": {"section": None, "provision": provision.pk, "note": ""},
                "text": "",
                "correct": False,
            },
        },
    ]


def questions(n: int, **fields):
    return [
        question_add(
            f"Spørgsmål nummer {i}",
            choices=[(f"Rigtigt {i}", True), (f"Forkert {i}", False), (f"Også forkert {i}", False)],
            **fields,
        )
        for i in range(1, n + 1)
    ]


def start(client, quiz) -> Attempt:
    response = client.post(f"/quiz/{quiz.pk}/start/")
    assert response.status_code == 302, response.content.decode()[:500]
    return Attempt.objects.filter(quiz=quiz).order_by("-pk").first()


def answers_for(attempt: Attempt, *, right: bool = True) -> dict[str, list[str] | str]:
    """POST data answering every item right (or wrong), from the frozen answer key."""
    data: dict[str, list[str] | str] = {}
    for item in attempt.items.all():
        snap = item.snapshot
        if item.kind == "essay":
            data[f"q-{item.pk}-text"] = "Mit svar"
        elif item.kind == "cite_rule":
            outcomes = [c["id"] for c in snap["choices"] if c["group"] == "outcome"]
            bases = [c["id"] for c in snap["choices"] if c["group"] == "basis"]
            wrong_o = next(o for o in outcomes if o != snap["correct_outcome"])
            wrong_b = next(b for b in bases if b != snap["correct_basis"])
            data[f"q-{item.pk}-outcome"] = snap["correct_outcome"] if right else wrong_o
            data[f"q-{item.pk}-basis"] = snap["correct_basis"] if right else wrong_b
        elif right:
            data[f"q-{item.pk}"] = list(snap["correct"])
        else:
            data[f"q-{item.pk}"] = [
                next(c["id"] for c in snap["choices"] if c["id"] not in snap["correct"])
            ]
    return data


def answer_scoring(item, fraction) -> dict[str, list[str]]:
    """POST data scoring ``fraction`` on the item (None: left blank). A wrong single choice is
    the last wrong one by text ("Efter afgørelsen", "Nej"); ½ on "find reglen" is the right
    outcome with the wrong basis."""
    snap = item.snapshot
    if fraction is None:
        return {}
    if item.kind == "cite_rule":
        outcomes = [c["id"] for c in snap["choices"] if c["group"] == "outcome"]
        bases = [c["id"] for c in snap["choices"] if c["group"] == "basis"]
        wrong_outcome = next(o for o in outcomes if o != snap["correct_outcome"])
        wrong_basis = next(b for b in bases if b != snap["correct_basis"])
        outcome = snap["correct_outcome"] if fraction > 0 else wrong_outcome
        basis = snap["correct_basis"] if fraction == 1 else wrong_basis
        return {f"q-{item.pk}-outcome": [outcome], f"q-{item.pk}-basis": [basis]}
    wrong = sorted(
        (c for c in snap["choices"] if c["id"] not in snap["correct"]), key=lambda c: c["text"]
    )
    return {f"q-{item.pk}": [snap["correct"][0] if fraction == 1 else wrong[-1]["id"]]}


def take(person, quiz, *fractions):
    """``person`` answers the quiz's items with the given fractions (None leaves it blank)."""
    attempt = attempt_start(user=person, quiz=quiz)
    data: dict[str, list[str]] = {}
    for item, fraction in zip(attempt.items.order_by("position"), fractions, strict=True):
        data |= answer_scoring(item, fraction)
    attempt_submit(attempt_id=attempt.pk, user=person, data=data)
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def quiz_of(module):
    def make(qs, **fields):
        return quiz_add(module, questions=qs, **fields)

    return make


__all__ = [
    "answer_scoring",
    "answers_for",
    "cite_rule_choices",
    "questions",
    "start",
    "take",
    "question_add",
]


# --- The item analysis's hand-computed data set (test_item_analysis, test_gaps) ---


@pytest.fixture
def item_cast(learner, manager, outsider, units):
    other = UserFactory(username="anden", org_unit=units["other_team"])
    return learner, manager, outsider, other


@pytest.fixture
def item_data(item_cast, quiz_of):
    """The hand-computed data set of test_item_analysis.py (its docstring has the table)."""
    ag = guideline("AG-UDE", sections=2)
    section = ag.sections.get(key="AG-UDE-1")
    provision = StatuteProvisionFactory(key="FVL-19-1", number="19", subsection="1")
    q1 = question_add(
        "Hvornår skal der partshøres?",
        choices=[("Før afgørelsen", True), ("Efter afgørelsen", False), ("Aldrig", False)],
        citations=[citation(section=section), citation(provision=provision)],
    )
    q2 = question_add(
        "Hvad skal udfaldet være, og hvad er hjemlen?",
        kind="cite_rule",
        choices=cite_rule_choices(ag.sections.get(key="AG-UDE-2"), provision),
        points=2,
        partial_credit_percent=50,
    )
    q3 = question_add(
        "Kræver udeservering tilladelse?",
        choices=[("Ja", True), ("Nej", False)],
        citations=[citation(section=section)],
    )
    quiz = quiz_of([q1, q2, q3], pass_mark=50)
    a, b, c, d = item_cast
    scores = [
        take(a, quiz, 1, 1, 0).score,
        take(b, quiz, 1, 1, 1).score,
        take(c, quiz, 0, 0.5, 1).score,
        take(d, quiz, 0, 0, 1).score,
    ]
    assert scores == [3, 4, 2, 1]  # the hand-computed table above
    return quiz, (q1, q2, q3)
