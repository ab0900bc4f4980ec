"""Huller pr. regel: the share of wrong answers per cited rule and unit, its heat map, the
questions behind a cell, the CSV, and who may see it. Uses the hand-computed data set of
test_item_analysis (Q1 and Q3 cite AG-UDE-1; learner and manager in Byens Anvendelse, the
outsider and "anden" in Byens Drift)."""

from __future__ import annotations

import pytest

from quizzes.gaps import gaps_by_rule, rule_question_ids

pytestmark = pytest.mark.django_db


def section_row(table):
    return next(r for r in table.rows if r.key == "AG-UDE-1")


def test_the_share_wrong_is_pooled_over_the_questions_citing_the_rule_per_unit(item_data, units):
    quiz, (q1, q2, q3) = item_data
    table = gaps_by_rule(parent=units["tmf"], quiz=quiz)
    assert [c.name for c in table.columns] == ["Byens Anvendelse", "Byens Drift"]
    row = section_row(table)
    assert row.questions == {q1.pk, q3.pk}
    # Q1 (1, 1, 0, 0) and Q3 (0, 1, 1, 1): 8 answers, 5 right.
    assert row.total.answers == 8 and row.total.wrong_percent == 37.5
    cells = {unit.code: cell for unit, cell in row.cell_list(table.columns)}
    assert (cells["BA"].answers, cells["BA"].wrong_percent) == (4, 25.0)
    assert (cells["BD"].answers, cells["BD"].wrong_percent) == (4, 50.0)
    assert cells["BD"].shade == 0  # fewer than five answers: not shaded


def test_without_a_unit_the_columns_are_the_top_units_and_all_quizzes_pool(item_data):
    table = gaps_by_rule()
    assert [c.code for c in table.columns] == ["TMF"]
    assert section_row(table).total.answers == 8


def test_the_cell_lists_the_questions_citing_the_rule(
    client, jurist, admin_access, item_data, units
):
    quiz, (q1, q2, q3) = item_data
    from guidelines.models import GuidelineSection

    rule = GuidelineSection.objects.get(key="AG-UDE-1")
    assert rule_question_ids(kind="section", pk=rule.pk) == {q1.pk, q3.pk}
    client.force_login(jurist)
    html = client.get(
        f"/admin/quiz-statistik/huller/section/{rule.pk}/", {"unit": units["other_area"].pk}
    ).content.decode()
    assert q1.text in html and q3.text in html and q2.text not in html
    assert client.get("/admin/quiz-statistik/huller/nonsense/1/").status_code == 404
    assert client.get("/admin/quiz-statistik/huller/section/999999/").status_code == 404


def test_the_page_prints_every_figure_beside_its_shade_and_exports_csv(
    client, jurist, admin_access, item_data, units
):
    client.force_login(jurist)
    html = client.get("/admin/quiz-statistik/huller/", {"unit": units["tmf"].pk}).content.decode()
    assert "AG-UDE-1" in html and "50,0 % af 4" in html and "25,0 % af 4" in html
    assert "gaps-shade-" in html and "Forklaring" in html
    response = client.get(
        "/admin/quiz-statistik/huller/", {"unit": units["tmf"].pk, "format": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "AG-UDE-1" in text and "Byens Drift: forkert (%)" in text


def test_learners_and_managers_cannot_see_it(client, learner, manager, item_data):
    for person in (learner, manager):
        client.force_login(person)
        assert client.get("/admin/quiz-statistik/huller/").status_code in (302, 403)


def test_the_queries_do_not_grow_with_the_units_shown(item_data, units, django_assert_num_queries):
    quiz, _ = item_data
    with django_assert_num_queries(6):
        gaps_by_rule(parent=units["tmf"], quiz=quiz)
    with django_assert_num_queries(6):
        gaps_by_rule(parent=units["other_area"], quiz=quiz)
