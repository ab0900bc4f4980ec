from people.privacy import anonymisers, personal_data_exporters
from quizzes.models import Attempt
from tests.factories import question_add
from tests.quizzes.conftest import answers_for, start


def test_attempts_are_in_the_persons_data_export_and_anonymised_for_leavers(
    client, learner, quiz_of
):
    quiz = quiz_of([question_add("Forklar", kind="essay", choices=[])], title="Modulquiz")
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    exported = personal_data_exporters()["quizforsøg"](learner)
    assert exported[0]["quiz"] == "Modulquiz" and exported[0]["forsøg"] == 1
    assert personal_data_exporters()["quiz_fritekstsvar"](learner)[0]["svar"] == "Mit svar"
    assert anonymisers()["quizforsøg"](learner) == 1
    attempt.refresh_from_db()
    assert attempt.user is None and Attempt.objects.count() == 1
    assert attempt.items.get().answer == {"text": ""}
