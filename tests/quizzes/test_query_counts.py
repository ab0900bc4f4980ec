"""Serving and submitting a quiz costs the same number of queries for 10 or 30 questions."""

import pytest

from tests.quizzes.conftest import answers_for, questions, start


@pytest.mark.parametrize("count", [10, 30])
def test_quiz_page_and_submission_queries_do_not_grow_with_questions(
    client, learner, quiz_of, count, django_assert_max_num_queries
):
    quiz = quiz_of(questions(count, explanation="<p>Derfor</p>"))
    client.force_login(learner)
    attempt = start(client, quiz)
    with django_assert_max_num_queries(14):
        assert client.get(quiz.url).status_code == 200
    data = answers_for(attempt)
    # 34: grading also keeps the item-analysis sums (two) and completing the step picks the
    # course's variant (issue 17, 18); the count does not grow with the questions.
    with django_assert_max_num_queries(34):
        assert client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data).status_code == 302
    with django_assert_max_num_queries(14):
        html = client.get(quiz.url).content.decode()
    assert html.count("Derfor") == count
