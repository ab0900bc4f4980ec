from courses.models import StepCompletion
from courses.selectors import course_outline
from quizzes.models import Attempt
from tests.quizzes.conftest import answers_for, questions, start


def test_a_learner_passes_a_quiz_and_the_module_counts_it_as_done(client, learner, quiz_of):
    quiz = quiz_of(questions(3), pass_mark=60, success_text="<p>Godt klaret!</p>")
    client.force_login(learner)
    html = client.get(quiz.url).content.decode()
    assert "Start quizzen" in html
    attempt = start(client, quiz)
    response = client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.passed
    assert attempt.percent == 100
    html = client.get(quiz.url).content.decode()
    assert "Bestået" in html and "Godt klaret!" in html
    assert "Du fik 3 af 3 point (100 %)." in html
    assert StepCompletion.objects.filter(run__user=learner, page=quiz).exists()
    course = quiz.get_parent().get_parent().specific
    step = next(
        s for s in course_outline(course=course, user=learner).steps if s.page.pk == quiz.pk
    )
    assert step.kind == "quizpage" and step.done


def test_a_failed_quiz_shows_the_fail_text_and_explanations_and_can_be_retaken(
    client, learner, quiz_of
):
    qs = questions(2, explanation="<p>Fordi loven siger det.</p>")
    quiz = quiz_of(qs, pass_mark=100, fail_text="<p>Læs modulet igen.</p>")
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt, right=False))
    html = client.get(quiz.url).content.decode()
    assert "Ikke bestået" in html and "Læs modulet igen." in html
    assert "Fordi loven siger det." in html
    assert "Tag quizzen igen" in html
    assert not StepCompletion.objects.filter(page=quiz).exists()
    second = start(client, quiz)
    assert second.pk != attempt.pk and second.number == 2
    client.post(f"/quiz/forsoeg/{second.pk}/aflever/", answers_for(second))
    second.refresh_from_db()
    assert second.passed
    assert StepCompletion.objects.filter(page=quiz, run__user=learner).exists()


def test_the_served_page_never_reveals_the_correct_choice_or_explanation(client, learner, quiz_of):
    quiz = quiz_of(questions(2, explanation="<p>Hemmelig forklaring</p>"))
    client.force_login(learner)
    attempt = start(client, quiz)
    html = client.get(quiz.url).content.decode()
    assert "Spørgsmål nummer 1" in html and "Rigtigt 1" in html
    assert "Hemmelig forklaring" not in html
    assert "rigtigt svar" not in html.lower() and "korrekt" not in html.lower()
    for item in attempt.items.all():
        for choice in item.snapshot["choices"]:
            # Every served choice looks the same: id as value, text as label, nothing else.
            assert f'value="{choice["id"]}">' in html


def test_an_unfinished_attempt_is_resumed_with_the_same_questions_and_order(
    client, learner, quiz_of
):
    quiz = quiz_of(questions(6), random_order=True, max_questions=4)
    client.force_login(learner)
    attempt = start(client, quiz)
    frozen = [
        (i.question_id, [c["id"] for c in i.snapshot["choices"]]) for i in attempt.items.all()
    ]
    again = start(client, quiz)
    assert again.pk == attempt.pk
    assert [
        (i.question_id, [c["id"] for c in i.snapshot["choices"]]) for i in again.items.all()
    ] == frozen
    html = client.get(quiz.url).content.decode()
    assert "Forsøg 1" in html and "Aflever" in html
