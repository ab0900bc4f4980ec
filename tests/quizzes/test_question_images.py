"""Question images (issue 17, item 6): a Wagtail image with required alt text on a question and
on a choice, frozen in the attempt and rendered responsively with its alt text."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from quizzes.blocks import AnswerChoiceBlock
from tests.quizzes.conftest import answers_for, question_add, start


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def photo(db):
    return get_image_model().objects.create(title="Fortov", file=get_test_image_file())


def test_an_image_without_alt_text_is_refused(photo):
    with pytest.raises(ValidationError) as refused:
        question_add("Hvad viser billedet?", image=photo)
    assert "alternativ tekst" in str(refused.value)


def test_a_choice_image_without_alt_text_is_refused(photo):
    block = AnswerChoiceBlock()
    value = block.to_python({"text": "Stole", "correct": True, "image": photo.pk, "image_alt": ""})
    with pytest.raises(ValidationError):
        block.clean(value)
    value = block.to_python(
        {"text": "Stole", "correct": True, "image": photo.pk, "image_alt": "To caféstole"}
    )
    assert block.clean(value)["image_alt"] == "To caféstole"


def test_images_are_served_responsively_with_their_alt_text(client, learner, quiz_of, photo):
    question = question_add(
        "Hvor meget fortov skal være frit?",
        image=photo,
        image_alt="Fortov med borde, der dækker halvdelen af bredden",
        choices=[
            {
                "type": "choice",
                "value": {
                    "text": "1,3 meter",
                    "correct": True,
                    "image": photo.pk,
                    "image_alt": "Målebånd ved 1,3 meter",
                },
            },
            ("Ingen krav", False),
        ],
    )
    quiz = quiz_of([question])
    client.force_login(learner)
    attempt = start(client, quiz)
    item = attempt.items.get()
    assert item.snapshot["image"] == {"id": photo.pk, "alt": question.image_alt}
    html = client.get(quiz.url).content.decode()
    assert 'alt="Fortov med borde, der dækker halvdelen af bredden"' in html
    assert 'alt="Målebånd ved 1,3 meter"' in html
    assert "srcset=" in html and "sizes=" in html
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    result = client.get(quiz.url).content.decode()
    assert 'alt="Målebånd ved 1,3 meter"' in result and "Bestået" in result


def test_the_image_query_is_one_whatever_the_number_of_images(
    client, learner, quiz_of, photo, django_assert_max_num_queries
):
    from quizzes.selectors import served_images

    snapshots = [
        {"image": {"id": photo.pk, "alt": "a"}, "choices": [{"image": {"id": photo.pk}}]}
    ] * 30
    with django_assert_max_num_queries(2):
        images = served_images(snapshots)
    assert list(images) == [photo.pk]
    assert served_images([{"choices": []}]) == {}


def test_the_jurist_s_view_of_an_attempt_shows_its_images(
    client, learner, jurist, admin_access, quiz_of, photo
):
    question = question_add(
        "Hvad viser billedet?", image=photo, image_alt="Skilt om parkering forbudt"
    )
    quiz = quiz_of([question])
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(f"/quiz/forsoeg/{attempt.pk}/aflever/", answers_for(attempt))
    client.force_login(jurist)
    page = client.get(f"/admin/quiz-genberegning/forsoeg/{attempt.pk}/").content.decode()
    assert 'alt="Skilt om parkering forbudt"' in page and "srcset=" in page
