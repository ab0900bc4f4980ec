import pytest
from django.contrib.contenttypes.models import ContentType

from guidelines.models import Citation, GuidelineChange, ReviewItem
from guidelines.services import guideline_change_decide
from quizzes.models import Question
from quizzes.services import quiz_question_pool
from tests.factories import citation, question_add, quiz_add
from tests.guidelines.helpers import edit_sections


@pytest.fixture
def questions(cited):
    section = cited["guideline"].sections.get(key="AG-UDE-3")
    tested = question_add("Hvor bred skal gangbanen være?", citations=[citation(section)])
    other = question_add("Hvem afgør sagen?")
    quiz = quiz_add(cited["module"], questions=[tested, other])
    return {"tested": tested, "other": other, "quiz": quiz}


def _rows(question):
    return Citation.objects.filter(
        source_content_type=ContentType.objects.get_for_model(Question),
        source_object_id=question.pk,
    )


def test_publishing_a_question_indexes_what_it_tests(questions):
    assert [r.section_anchor for r in _rows(questions["tested"])] == ["ag-ude-3"]
    assert not _rows(questions["other"]).exists()


def test_unpublishing_or_deleting_a_question_removes_its_rows(questions):
    questions["tested"].unpublish()
    assert not _rows(questions["tested"]).exists()
    question_add("Igen?", citations=[citation(Citation.objects.first().section)])
    Question.objects.get(text="Igen?").delete()
    assert not Citation.objects.filter(source_title="Igen?").exists()


def test_a_changed_section_opens_a_review_for_the_question(questions):
    edit_sections(
        questions["tested"].citations[0].value["section"].page, AG_UDE_3={"body": "<p>3 fliser</p>"}
    )
    assert sorted(ReviewItem.objects.values_list("source_title", flat=True)) == [
        "Gangbanen",
        "Hvor bred skal gangbanen være?",
    ]


def test_questions_are_withheld_from_new_attempts_only_while_a_material_change_is_open(
    questions, jurist
):
    pool = quiz_question_pool(quiz=questions["quiz"])
    assert [q.text for q in pool] == ["Hvor bred skal gangbanen være?", "Hvem afgør sagen?"]
    page = questions["tested"].citations[0].value["section"].page
    edit_sections(page, AG_UDE_3={"body": "<p>3 fliser</p>"})
    assert len(quiz_question_pool(quiz=questions["quiz"])) == 2  # not yet judged
    guideline_change_decide(
        change=GuidelineChange.objects.get(), kind=GuidelineChange.Kind.MATERIAL, user=jurist
    )
    assert [q.text for q in quiz_question_pool(quiz=questions["quiz"])] == ["Hvem afgør sagen?"]
    question = Question.objects.get(pk=questions["tested"].pk)
    question.text = "Hvor mange fliser skal gangbanen være?"
    question.save_revision().publish()
    assert len(quiz_question_pool(quiz=questions["quiz"])) == 2


def test_the_question_editor_warns_about_open_reviews(client, jurist, questions):
    from django.urls import reverse

    page = questions["tested"].citations[0].value["section"].page
    edit_sections(page, AG_UDE_3=None)
    jurist.is_superuser = True  # snippet permissions are seeded elsewhere; not what is tested
    jurist.save()
    client.force_login(jurist)
    url = reverse("wagtailsnippets_quizzes_question:edit", args=[questions["tested"].pk])
    html = client.get(url).content.decode()
    assert "skal gennemses: AG-UDE-3 (fjernet)" in html
