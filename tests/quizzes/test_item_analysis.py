"""Item analysis on a hand-computed data set: facility counts partial credit, discrimination is
Pearson's r against the rest of the test, every choice is listed, and the figures pool per cited
section and provision.

Four people take a quiz of three questions weighted 1, 2 and 1 (max 4 points). Their item
fractions and scores:

    person    Q1  Q2 (find reglen, 50 % partial)  Q3   score
    A learner  1   1                               0    3
    B manager  1   1                               1    4
    C outsider 0   ½ (right outcome, wrong basis)  1    2
    D other    0   0                               1    1

Rest of the test = (score − w·x) / (4 − w). Q1: x (1,1,0,0), rest (⅔,1,⅔,⅓), r = 1/√2.
Q2: x (1,1,½,0), rest (½,1,½,½), r = √(3/11). Q3: x (0,1,1,1), rest (1,1,⅓,0), r = −5/9.
"""

import math

import pytest

from quizzes.item_analysis import (
    citation_analysis,
    item_analysis,
    item_warnings,
    pearson,
    theme_analysis,
)
from quizzes.services import attempt_start
from tests.factories import UserFactory
from tests.quizzes.conftest import take


def test_facility_is_the_mean_fraction_so_partial_credit_counts(item_data):
    quiz, (q1, q2, q3) = item_data
    stats = {s.question_id: s for s in item_analysis(quiz=quiz)}
    assert stats[q1.pk].answers == 4 and stats[q1.pk].facility == pytest.approx(0.5)
    # 1 + 1 + ½ + 0 of 4: the partly right answer counts with its half point.
    assert stats[q2.pk].facility == pytest.approx(0.625)
    assert stats[q2.pk].facility_percent == 62.5
    assert stats[q3.pk].facility == pytest.approx(0.75)


def test_discrimination_is_pearsons_r_against_the_rest_of_the_test(item_data):
    quiz, (q1, q2, q3) = item_data
    stats = {s.question_id: s for s in item_analysis(quiz=quiz)}
    assert stats[q1.pk].discrimination == pytest.approx(1 / math.sqrt(2))
    assert stats[q2.pk].discrimination == pytest.approx(math.sqrt(3 / 11))
    assert stats[q3.pk].discrimination == pytest.approx(-5 / 9)
    assert stats[q3.pk].discrimination_rounded == -0.56


def test_a_question_the_stronger_learners_get_wrong_is_flagged(item_data):
    quiz, (q1, q2, q3) = item_data
    stats = {s.question_id: s for s in item_analysis(quiz=quiz)}
    assert stats[q3.pk].warnings == ["skiller forkert"]
    assert stats[q1.pk].warning == "" and stats[q2.pk].warning == ""


def test_every_served_choice_is_listed_with_how_many_chose_it(item_data):
    quiz, (q1, q2, _) = item_data
    stats = {s.question_id: s for s in item_analysis(quiz=quiz)}
    q1_choices = {c.text: (c.chosen, c.correct, c.share) for c in stats[q1.pk].choices}
    assert q1_choices == {
        "Før afgørelsen": (2, True, 50.0),
        "Efter afgørelsen": (2, False, 50.0),
        "Aldrig": (0, False, 0.0),
    }
    # Find reglen: outcomes before bases, the right one first, each counted.
    q2_choices = [(c.group, c.text, c.chosen, c.correct) for c in stats[q2.pk].choices]
    assert q2_choices == [
        ("outcome", "Tilladelse med vilkår", 3, True),
        ("outcome", "Afslag", 1, False),
        ("basis", "AG-UDE-2 Afsnit 2", 2, True),
        ("basis", "FVL § 19, stk. 1 – Bestemmelse", 2, False),
    ]
    assert "Aldrig: 0" in stats[q1.pk].distribution
    assert "Før afgørelsen (✓): 2" in stats[q1.pk].distribution


def test_per_citation_figures_are_pooled_over_every_answer_citing_it(item_data):
    quiz, _ = item_data
    by_key = {s.key: s for s in citation_analysis(quiz=quiz)}
    # AG-UDE-1 is cited by Q1 and Q3: 8 answers, 5 points of 8, r over the 8 pairs.
    section = by_key["AG-UDE-1"]
    assert section.questions == 2 and section.answers == 8
    assert section.facility == pytest.approx(0.625)
    assert section.discrimination == pytest.approx(-3 / math.sqrt(1065))
    assert section.warnings == ["skiller forkert"]
    # FVL § 19, stk. 1 is cited by Q1 only (Q2's basis choice is not a citation of Q2).
    provision = by_key["FVL-19-1"]
    assert provision.answers == 4 and provision.discrimination == pytest.approx(1 / math.sqrt(2))
    assert "AG-UDE-2" not in by_key


def test_per_theme_figures_count_each_answer_once_per_act_or_guideline(item_data, units):
    by_theme = {t.theme: t for t in theme_analysis()}
    # Q1 and Q3 cite the guideline: 8 answers, 5 of 8 points; Q1 cites FVL too: 4 answers, 2 right.
    [guideline_title] = set(by_theme) - {"FVL"}
    assert by_theme[guideline_title].answers == 8 and by_theme[guideline_title].questions == 2
    assert by_theme[guideline_title].facility == pytest.approx(0.625)
    assert by_theme["FVL"].answers == 4 and by_theme["FVL"].facility == pytest.approx(0.5)
    assert [t.theme for t in theme_analysis()][0] == "FVL"  # hardest first
    in_byliv = {t.theme: t.facility for t in theme_analysis(unit=units["centre"])}
    assert in_byliv == {"FVL": 1.0, guideline_title: 0.75}  # A and B got Q1 right, A missed Q3


def test_a_unit_filter_shows_what_is_misunderstood_in_that_unit(item_data, units):
    quiz, (q1, *_) = item_data
    # Byens Drift: C and D both got Q1 wrong.
    in_drift = {s.question_id: s for s in item_analysis(quiz=quiz, unit=units["other_area"])}
    assert in_drift[q1.pk].answers == 2 and in_drift[q1.pk].facility == 0.0
    assert in_drift[q1.pk].warnings == ["for svær"]
    # Center for Byliv: A and B both got it right.
    by_key = {s.key: s for s in citation_analysis(quiz=quiz, unit=units["centre"])}
    assert by_key["FVL-19-1"].facility == 1.0 and by_key["FVL-19-1"].warnings == ["for let"]
    assert by_key["FVL-19-1"].discrimination is None  # everyone right: r is undefined


def test_only_closed_attempts_of_the_chosen_quiz_count(item_data, quiz_of, groups):
    quiz, (q1, q2, q3) = item_data
    other_quiz = quiz_of([q1, q3], slug="quiz-2", title="Quiz 2")
    late = UserFactory(username="sen")
    take(late, other_quiz, 0, None)  # Q3 left blank: scored 0
    attempt_start(user=late, quiz=quiz)  # open, not submitted
    stats = {s.question_id: s for s in item_analysis(quiz=quiz)}
    assert stats[q1.pk].answers == 4 and stats[q1.pk].facility == pytest.approx(0.5)
    other = {s.question_id: s for s in item_analysis(quiz=other_quiz)}
    assert other[q3.pk].answers == 1 and other[q3.pk].blank == 1
    assert other[q3.pk].facility == 0.0
    # With no quiz chosen, the figures pool both quizzes.
    pooled = {s.question_id: s for s in item_analysis()}
    assert pooled[q1.pk].answers == 5 and pooled[q1.pk].facility == pytest.approx(0.4)


def test_item_analysis_takes_a_fixed_number_of_queries(
    item_data, django_assert_num_queries, quiz_of
):
    quiz, _ = item_data
    with django_assert_num_queries(3):
        assert len(item_analysis(quiz=quiz)) == 3
    with django_assert_num_queries(4):
        assert len(citation_analysis(quiz=quiz)) == 2


def test_pearson_and_warnings_on_their_own():
    assert pearson(n=1, sx=1, sy=1, sxx=1, syy=1, sxy=1) is None
    # x = (0, 1, 2), y = (0, 2, 4): r = 1.
    assert pearson(n=3, sx=3, sy=6, sxx=5, syy=20, sxy=10) == pytest.approx(1.0)
    assert item_warnings(facility=0.96, discrimination=0.3) == ["for let"]
    assert item_warnings(facility=0.19, discrimination=-0.1) == ["for svær", "skiller forkert"]
    assert item_warnings(facility=0.95, discrimination=0.0) == []
    assert item_warnings(facility=None, discrimination=None) == []
