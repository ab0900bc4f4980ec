"""The pure regrade rules: a live key mapped onto the served choices by block id; drops; marks
given by a person stand."""

from decimal import Decimal
from types import SimpleNamespace

from quizzes.regrading import attempt_regrade, item_regrade, live_key

SERVED = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]


def question(*choices, kind="single", live=True):
    return SimpleNamespace(
        kind=kind,
        live=live,
        true_is_correct=None,
        partial_credit_percent=50,
        choices=SimpleNamespace(
            raw_data=[
                {"type": "choice", "id": i, "value": {"text": i.upper(), "correct": ok}}
                for i, ok in choices
            ]
        ),
    )


def item(**fields):
    base = {
        "pk": 1,
        "position": 1,
        "kind": "single",
        "question_id": 9,
        "snapshot": {"correct": ["a"], "partial": 50, "weight": 2, "choices": SERVED},
        "answer": {"choices": ["b"]},
        "points": Decimal(0),
        "is_correct": False,
        "marked_by_id": None,
    }
    return SimpleNamespace(**(base | fields))


def test_the_live_key_counts_only_choices_that_were_served():
    key = live_key(kind="single", question=question(("b", True), ("z", True)), served=SERVED)
    assert key == {"correct": ["b"], "partial": 50}


def test_an_unpublished_or_retyped_question_keeps_the_served_key():
    assert (
        live_key(kind="single", question=question(("b", True), live=False), served=SERVED) is None
    )
    retyped = question(("b", True), kind="multiple")
    assert live_key(kind="single", question=retyped, served=SERVED) is None
    assert live_key(kind="single", question=None, served=SERVED) is None


def test_a_new_key_regrades_an_automatic_answer_but_not_a_persons_mark():
    regraded = item_regrade(item=item(), key={"correct": ["a", "b"], "partial": 50}, dropped=False)
    assert (regraded.points, regraded.is_correct, regraded.changed) == (1, True, True)
    overridden = item(marked_by_id=5, points=Decimal("0.5"))
    kept = item_regrade(item=overridden, key={"correct": ["a", "b"], "partial": 50}, dropped=False)
    assert kept.points == Decimal("0.5") and kept.snapshot["correct"] == ["a", "b"]


def test_dropping_weighs_an_item_zero_and_undropping_restores_its_weight():
    dropped = item_regrade(item=item(), key=None, dropped=True)
    assert dropped.snapshot["weight"] == 0 and dropped.snapshot["served_weight"] == 2
    restored = item_regrade(item=item(snapshot=dropped.snapshot), key=None, dropped=False)
    assert restored.snapshot["weight"] == 2 and "served_weight" not in restored.snapshot


def test_an_attempt_with_every_question_dropped_keeps_its_result():
    attempt = SimpleNamespace(
        state="graded",
        pass_mark=80,
        score=Decimal(0),
        max_score=2,
        percent=Decimal(0),
        passed=False,
    )
    planned = attempt_regrade(attempt=attempt, items=[item()], questions={}, dropped={9})
    assert planned.all_dropped and planned.result == (0, 2, 0, False)
