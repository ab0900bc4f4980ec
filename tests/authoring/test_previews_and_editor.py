"""Previews as the learner sees them, snippet workflows for questions, and editor quality."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from courses.blocks import LessonBodyBlock
from guidelines.blocks import CitationBlock
from guidelines.models import GuidelinePage
from quizzes.models import Question
from tests.factories import (
    QuestionCategoryFactory,
    StatuteProvisionFactory,
    course,
    guideline,
    lessons_of,
)

pytestmark = pytest.mark.django_db


def _draft_question(author) -> Question:
    provision = StatuteProvisionFactory(
        key="FVL-19-1", number="19", subsection="1", title="Partshøring"
    )
    question = Question(
        category=QuestionCategoryFactory(name="Forvaltningsret"),
        kind=Question.Kind.TRUEFALSE,
        text="Parten skal høres før afgørelsen.",
        true_is_correct=True,
        explanation="<p>Se forvaltningslovens § 19.</p>",
        citations=[
            {
                "type": "citation",
                "value": {"section": None, "provision": provision.pk, "note": ""},
            }
        ],
        live=False,
    )
    question.save()
    question.save_revision(user=author)
    return question


def test_a_question_goes_through_the_workflow_with_a_learner_like_preview(
    client, jurist, approver, workflow
):
    question = _draft_question(jurist)
    workflow.start(question, jurist)
    question.refresh_from_db()
    task_state = question.current_workflow_task_state
    viewset = question.snippet_viewset
    client.force_login(approver)

    preview = client.get(
        reverse(viewset.get_url_name("workflow_preview"), args=[question.pk, task_state.task_id])
    )
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Parten skal høres før afgørelsen." in html
    assert "Se forvaltningslovens § 19." in html
    assert "FVL § 19, stk. 1" in html

    response = client.post(
        reverse(
            viewset.get_url_name("workflow_action"), args=[question.pk, "approve", task_state.pk]
        ),
        {"comment": ""},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.live


def test_the_author_of_a_question_cannot_approve_it(client, approver, workflow):
    question = _draft_question(approver)
    workflow.start(question, approver)
    question.refresh_from_db()
    task_state = question.current_workflow_task_state
    actions = [name for name, *_ in task_state.task.specific.get_actions(question, approver)]
    assert "approve" not in actions


def test_the_citation_block_preview_shows_a_real_provision(client, jurist):
    StatuteProvisionFactory(key="FVL-22", number="22", title="Begrundelse")
    block = LessonBodyBlock().child_blocks["citation"]
    client.force_login(jurist)
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    assert "FVL § 22" in response.content.decode()


def test_every_lesson_block_has_an_icon_and_a_danish_help_text():
    for name, block in LessonBodyBlock().child_blocks.items():
        assert block.meta.icon not in ("", "placeholder"), name
        help_text = getattr(block.meta, "help_text", None) or getattr(
            getattr(block, "field", None), "help_text", ""
        )
        assert str(help_text or "").strip(), name
    described = {
        name
        for name, block in LessonBodyBlock().child_blocks.items()
        if getattr(block.meta, "description", "")
    }
    assert {"heading", "callout", "case", "key_points", "check_yourself", "video"} <= described
    assert CitationBlock().meta.description


def test_staff_see_the_accessibility_checker_on_a_lesson(client, jurist):
    lesson = lessons_of(course(modules=1, lessons=1))[0]
    client.force_login(jurist)
    html = client.get(lesson.url).content.decode()
    assert 'id="checker-trigger"' in html
    assert "color-contrast" in html  # our WCAG 2.1 AA rules are added to Wagtail's set


def test_the_guideline_page_shows_its_journal_reference_approval_and_period(client, learner):
    page = guideline("AG-UDE", sections=1)
    GuidelinePage.objects.filter(pk=page.pk).update(
        journal_case_number="2024-0117345",
        journal_document_number="2024-0117345-12",
        approved_by="Teknik- og Miljøudvalget",
        approved_date=dt.date(2024, 3, 18),
        effective_date=dt.date(2024, 4, 1),
        effective_until=dt.date(2027, 3, 31),
    )
    client.force_login(learner)
    html = client.get(page.url).content.decode()
    assert "Sag 2024-0117345, dokument 2024-0117345-12" in html
    assert "Teknik- og Miljøudvalget, 18. marts 2024" in html
    assert "31. marts 2027" in html
