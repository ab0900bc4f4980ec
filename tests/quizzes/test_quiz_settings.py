"""Each quiz setting changes behaviour as its name says."""

import random

from django.utils.html import escape

from quizzes.models import Attempt, Question
from quizzes.services import attempt_start
from tests.factories import question_add, question_category
from tests.quizzes.conftest import answers_for, questions, start


def _order(attempt):
    return [item.question_id for item in attempt.items.all()]


def test_with_both_orders_off_questions_and_choices_keep_the_authored_order(learner, quiz_of):
    qs = questions(5)
    quiz = quiz_of(qs, shuffle_choices=False)
    attempt = attempt_start(user=learner, quiz=quiz)
    assert _order(attempt) == [q.pk for q in qs]
    first = attempt.items.first()
    assert [c["text"] for c in first.snapshot["choices"]] == [
        "Rigtigt 1",
        "Forkert 1",
        "Også forkert 1",
    ]


def test_random_order_shuffles_questions_and_choices_per_attempt(learner, quiz_of):
    qs = questions(8)
    quiz = quiz_of(qs, random_order=True)
    attempt = attempt_start(user=learner, quiz=quiz, rng=random.Random(3))
    assert sorted(_order(attempt)) == sorted(q.pk for q in qs)
    assert _order(attempt) != [q.pk for q in qs]
    texts = [[c["text"] for c in i.snapshot["choices"]] for i in attempt.items.all()]
    assert any(t[0].startswith("Forkert") or t[0].startswith("Også") for t in texts)


def _choice_texts(attempt):
    return [[c["text"] for c in i.snapshot["choices"]] for i in attempt.items.all()]


def test_choices_are_shuffled_by_default_even_when_questions_keep_their_order(learner, quiz_of):
    qs = questions(8)
    quiz = quiz_of(qs)
    assert quiz.shuffle_choices and not quiz.random_order
    attempt = attempt_start(user=learner, quiz=quiz, rng=random.Random(3))
    assert _order(attempt) == [q.pk for q in qs]
    firsts = [texts[0] for texts in _choice_texts(attempt)]
    assert any(not text.startswith("Rigtigt") for text in firsts)


def test_the_served_choice_order_is_frozen_in_the_attempt(client, learner, quiz_of):
    quiz = quiz_of(questions(4))
    client.force_login(learner)
    attempt = start(client, quiz)
    served = _choice_texts(attempt)
    assert start(client, quiz).pk == attempt.pk  # resuming serves the same attempt
    assert _choice_texts(Attempt.objects.get(pk=attempt.pk)) == served


def test_a_question_can_keep_its_choice_order(learner, quiz_of):
    pinned = question_add(
        "Hvilken regel gælder?",
        choices=[
            ("Forvaltningsloven", True),
            ("Offentlighedsloven", False),
            ("Ingen af dem", False),
        ],
        keep_choice_order=True,
    )
    quiz = quiz_of([pinned, *questions(3)])
    for seed in range(10):
        attempt = attempt_start(user=learner, quiz=quiz, rng=random.Random(seed))
        assert _choice_texts(attempt)[0] == [
            "Forvaltningsloven",
            "Offentlighedsloven",
            "Ingen af dem",
        ]
        Attempt.objects.filter(pk=attempt.pk).delete()


def test_max_questions_serves_a_random_subset(learner, manager, quiz_of):
    qs = questions(6)
    quiz = quiz_of(qs, max_questions=3)
    one = attempt_start(user=learner, quiz=quiz, rng=random.Random(1))
    two = attempt_start(user=manager, quiz=quiz, rng=random.Random(2))
    assert len(_order(one)) == 3 and len(_order(two)) == 3
    assert set(_order(one)) != set(_order(two))


def test_without_chosen_questions_the_quiz_draws_live_questions_from_its_category_tree(
    learner, quiz_of
):
    parent = question_category("Forvaltningsret")
    child = question_category("Partshøring", parent=parent)
    other = question_category("GDPR")
    in_parent = question_add("I overkategorien", category=parent)
    in_child = question_add("I underkategorien", category=child)
    question_add("I en anden kategori", category=other)
    question_add("Kladde", category=child, publish_it=False)
    quiz = quiz_of([], category=parent)
    attempt = attempt_start(user=learner, quiz=quiz)
    assert sorted(_order(attempt)) == sorted([in_parent.pk, in_child.pk])


def test_draft_questions_are_not_served(learner, quiz_of):
    live = question_add("Offentliggjort")
    draft = question_add("Kladde", publish_it=False)
    quiz = quiz_of([live, draft])
    assert _order(attempt_start(user=learner, quiz=quiz)) == [live.pk]


def test_single_attempt_allows_one_attempt_only(client, learner, quiz_of):
    quiz = quiz_of(questions(1), single_attempt=True, pass_mark=100)
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=False))
    assert client.post(f"/quiz/{quiz.pk}/start/").status_code == 403
    html = client.get(quiz.url).content.decode()
    assert "Tag quizzen igen" not in html and "Du har 0 forsøg tilbage." in html


def test_the_pass_mark_decides_pass_or_fail(client, learner, quiz_of):
    qs = questions(4)
    for mark, passed in ((75, True), (76, False)):
        quiz = quiz_of(qs, pass_mark=mark, slug=f"quiz-{mark}")
        client.force_login(learner)
        attempt = start(client, quiz)
        data = answers_for(attempt)
        last = attempt.items.last()
        data[f"q-{last.pk}"] = answers_for(attempt, right=False)[f"q-{last.pk}"]
        client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
        attempt.refresh_from_db()
        assert attempt.percent == 75 and attempt.passed is passed


def test_the_time_limit_is_shown_and_sets_a_deadline(client, learner, quiz_of):
    quiz = quiz_of(questions(1), time_limit_minutes=10)
    client.force_login(learner)
    attempt = start(client, quiz)
    assert 599 <= (attempt.deadline_at - attempt.started_at).total_seconds() <= 601
    html = client.get(quiz.url).content.decode()
    assert "Tidsgrænse: 10 minutter" in html and "Aflever senest kl." in html


def test_what_the_learner_sees_after_submitting_follows_the_settings(client, learner, quiz_of):
    qs = questions(2, explanation="<p>Forklaringen</p>")
    hidden = quiz_of(
        qs,
        review_correctness=[],
        review_answers=[],
        review_explanations=[],
        review_points=[],
        slug="skjult",
    )
    shown = quiz_of(qs, slug="vist")
    client.force_login(learner)
    for quiz in (hidden, shown):
        attempt = start(client, quiz)
        client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=False))
    hidden_html = client.get(hidden.url).content.decode()
    assert "Ikke bestået" in hidden_html
    assert "point" not in hidden_html and "Forklaringen" not in hidden_html
    assert "rigtigt svar" not in hidden_html
    shown_html = client.get(shown.url).content.decode()
    assert "Du fik 0 af 2 point (0 %)." in shown_html
    assert "Forklaringen" in shown_html and "rigtigt svar" in shown_html


def test_feedback_after_each_question_shows_one_question_at_a_time(client, learner, quiz_of):
    qs = questions(2, explanation="<p>Derfor</p>")
    quiz = quiz_of(qs, feedback_mode="each")
    client.force_login(learner)
    attempt = start(client, quiz)
    first, second = attempt.items.all()
    empty = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", {"question": first.pk})
    assert empty.status_code == 400 and "Vælg eller skriv et svar" in empty.content.decode()
    html = client.get(quiz.url).content.decode()
    assert "Spørgsmål nummer 1" in html and "Spørgsmål nummer 2" not in html
    data = {"question": first.pk} | answers_for(attempt, right=False)
    data = {k: v for k, v in data.items() if not k.startswith(f"q-{second.pk}")}
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    html = client.get(quiz.url).content.decode()
    assert "Forkert" in html and "Derfor" in html and "Spørgsmål nummer 2" in html
    again = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    assert again.status_code == 409 and "Dit første svar gælder" in again.content.decode()
    data = {"question": second.pk, f"q-{second.pk}": second.snapshot["correct"]}
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", data)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.percent == 50


def test_the_question_text_is_escaped(client, learner, quiz_of):
    quiz = quiz_of([question_add("Er <script>alert(1)</script> tilladt?")])
    client.force_login(learner)
    start(client, quiz)
    html = client.get(quiz.url).content.decode()
    assert "<script>alert(1)</script>" not in html and escape("<script>") in html


def test_a_quiz_without_live_questions_cannot_be_started(client, learner, quiz_of):
    quiz = quiz_of([question_add("Kladde", publish_it=False)])
    client.force_login(learner)
    response = client.post(f"/quiz/{quiz.pk}/start/")
    assert response.status_code == 409
    assert "ingen offentliggjorte spørgsmål" in response.content.decode()
    assert not Attempt.objects.exists()
    assert Question.objects.count() == 1
