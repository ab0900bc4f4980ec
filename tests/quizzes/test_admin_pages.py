"""Admin screens: query counts independent of data size, and authoring through the admin."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.test.utils.form_data import rich_text

from people.roles import JURIST
from quizzes.models import Question
from tests.factories import UserFactory, question_add
from tests.quizzes.conftest import answers_for, questions, start


def _essay_attempts(client, quiz, people):
    for person in people:
        client.force_login(person)
        attempt = start(client, quiz)
        client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))


@pytest.mark.parametrize("people", [2, 8])
def test_marking_list_and_statistics_queries_do_not_grow_with_answers(
    client, jurist, admin_access, units, quiz_of, people, django_assert_max_num_queries
):
    essay = question_add("Forklar", kind="essay", choices=[])
    quiz = quiz_of([*questions(3), essay])
    learners = [UserFactory(org_unit=units["team"]) for _ in range(people)]
    _essay_attempts(client, quiz, learners)
    client.force_login(jurist)
    client.get("/admin/quiz-bedoemmelse/")  # warm per-process caches
    with django_assert_max_num_queries(12):
        html = client.get("/admin/quiz-bedoemmelse/").content.decode()
    assert html.count("Bedøm</a>") == people
    for url in ("/admin/quiz-statistik/spoergsmaal/", "/admin/quiz-statistik/henvisninger/"):
        client.get(url)
        with django_assert_max_num_queries(16):
            assert client.get(f"{url}?unit={units['tmf'].pk}").status_code == 200


def test_a_jurist_writes_a_question_in_the_admin_as_a_draft(client, jurist, admin_access, groups):
    groups[JURIST].permissions.add(
        *Permission.objects.filter(
            content_type__app_label="quizzes", codename__in=["add_question", "change_question"]
        )
    )
    category = question_add("Findes", publish_it=False).category
    client.force_login(jurist)
    form = client.get("/admin/snippets/quizzes/question/add/")
    assert form.status_code == 200
    data = {
        "category": category.pk,
        "kind": "single",
        "text": "Hvem afgør habilitet?",
        "true_is_correct": "unknown",
        "partial_credit_percent": 50,
        "points": 1,
        "explanation": rich_text("<p>Myndigheden afgør det.</p>"),
        "choices-count": 2,
        "choices-0-type": "choice",
        "choices-0-deleted": "",
        "choices-0-order": 0,
        "choices-0-id": "",
        "choices-0-value-text": "Myndigheden",
        "choices-0-value-correct": "on",
        "choices-1-type": "choice",
        "choices-1-deleted": "",
        "choices-1-order": 1,
        "choices-1-id": "",
        "choices-1-value-text": "Medarbejderen",
        "citations-count": 0,
    }
    response = client.post("/admin/snippets/quizzes/question/add/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    question = Question.objects.get(text="Hvem afgør habilitet?")
    assert question.live is False and question.latest_revision is not None
    assert [c.value["text"] for c in question.choices] == ["Myndigheden", "Medarbejderen"]
    bad = {k: v for k, v in data.items() if k != "choices-0-value-correct"}
    response = client.post("/admin/snippets/quizzes/question/add/", bad | {"text": "Ingen rigtige"})
    assert response.status_code == 200
    # The stream field shows its errors from JSON (Danish letters escaped there).
    assert "n svarmulighed som korrekt." in response.content.decode()
    assert not Question.objects.filter(text="Ingen rigtige").exists()
    # A second accepted answer is allowed (issue 17: a jurist may accept it too).
    both = data | {"text": "To rigtige", "choices-1-value-correct": "on"}
    assert client.post("/admin/snippets/quizzes/question/add/", both).status_code == 302
    assert Question.objects.filter(text="To rigtige").exists()
