"""Grading rules for each question type, including partial credit for 'find reglen'."""

from decimal import Decimal

from quizzes.grading import attempt_score, item_grade

SINGLE = {"correct": ["a"], "choices": []}
MULTI = {"correct": ["a", "c"], "choices": []}
CITE = {"correct_outcome": "o1", "correct_basis": "b1", "partial": 50, "choices": []}


def test_single_choice_scores_only_the_correct_choice():
    assert item_grade(kind="single", snapshot=SINGLE, answer={"choices": ["a"]}) == (1, True)
    assert item_grade(kind="single", snapshot=SINGLE, answer={"choices": ["b"]}) == (0, False)
    assert item_grade(kind="single", snapshot=SINGLE, answer=None) == (0, False)


def test_a_single_choice_with_a_second_accepted_answer_scores_either_but_not_both():
    accepted = {"correct": ["a", "b"], "choices": []}
    assert item_grade(kind="single", snapshot=accepted, answer={"choices": ["a"]}) == (1, True)
    assert item_grade(kind="single", snapshot=accepted, answer={"choices": ["b"]}) == (1, True)
    assert item_grade(kind="single", snapshot=accepted, answer={"choices": ["a", "b"]})[0] == 0
    assert item_grade(kind="single", snapshot=accepted, answer={"choices": ["c"]})[0] == 0


def test_true_false_scores_like_a_single_choice():
    snapshot = {"correct": ["falsk"]}
    assert item_grade(kind="truefalse", snapshot=snapshot, answer={"choices": ["falsk"]})[1]
    assert not item_grade(kind="truefalse", snapshot=snapshot, answer={"choices": ["sand"]})[1]


def test_multiple_response_needs_exactly_the_correct_set():
    assert item_grade(kind="multiple", snapshot=MULTI, answer={"choices": ["c", "a"]}) == (1, True)
    assert item_grade(kind="multiple", snapshot=MULTI, answer={"choices": ["a"]}) == (0, False)
    assert item_grade(kind="multiple", snapshot=MULTI, answer={"choices": ["a", "b", "c"]}) == (
        0,
        False,
    )


def test_cite_the_rule_gives_full_credit_for_outcome_and_basis():
    assert item_grade(kind="cite_rule", snapshot=CITE, answer={"choices": ["o1", "b1"]}) == (
        1,
        True,
    )


def test_cite_the_rule_gives_partial_credit_for_the_right_outcome_with_the_wrong_basis():
    points, correct = item_grade(kind="cite_rule", snapshot=CITE, answer={"choices": ["o1", "b2"]})
    assert points == Decimal("0.5") and correct is False
    snapshot = CITE | {"partial": 25}
    assert item_grade(kind="cite_rule", snapshot=snapshot, answer={"choices": ["o1"]})[0] == (
        Decimal("0.25")
    )


def test_cite_the_rule_gives_nothing_for_the_wrong_outcome_even_with_the_right_basis():
    assert item_grade(kind="cite_rule", snapshot=CITE, answer={"choices": ["o2", "b1"]}) == (
        0,
        False,
    )


def test_an_essay_waits_for_a_person_unless_left_empty():
    assert item_grade(kind="essay", snapshot={}, answer={"text": "Fordi ..."}) == (None, None)
    assert item_grade(kind="essay", snapshot={}, answer={"text": "  "}) == (0, False)


def test_the_attempt_score_is_a_percentage_of_all_questions():
    score, max_score, percent = attempt_score([Decimal(1), Decimal("0.5"), Decimal(0), None])
    assert (score, max_score, percent) == (Decimal("1.50"), 4, Decimal("37.5"))
