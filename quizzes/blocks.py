"""Blocks for the question bank: answer choices and the citations a question tests.

Every choice is a StreamField child, so it carries a block id that survives revisions; attempts
and statistics refer to choices by that id.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from guidelines.blocks import CitationBlock


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Korrekt svar"), required=False)
    image = ImageChooserBlock(label=_("Billede"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Alternativ tekst til billedet"),
        required=False,
        max_length=255,
        help_text=_("Kræves, når der er et billede."),
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("image_alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "image_alt": ValidationError(
                        _("Skriv en alternativ tekst til billedet (WCAG 1.1.1).")
                    )
                }
            )
        return value

    class Meta:
        icon = "tick"
        label = _("Svarmulighed")
        template = "quizzes/blocks/answer_choice.html"
        description = _("En svarmulighed; markér de korrekte.")
        preview_value = {"text": "Borgerrådgiveren", "correct": True}


class OutcomeChoiceBlock(AnswerChoiceBlock):
    class Meta:
        icon = "success"
        label = _("Afgørelse (find reglen)")
        template = "quizzes/blocks/answer_choice.html"
        description = _("En mulig afgørelse i et 'find reglen'-spørgsmål; markér den rigtige.")


class BasisChoiceBlock(blocks.StructBlock):
    """A possible legal basis: points at a guideline section or a statute provision."""

    citation = CitationBlock(label=_("Hjemmel"))
    text = blocks.CharBlock(
        label=_("Tekst"),
        required=False,
        max_length=255,
        help_text=_("Valgfri. Uden tekst vises henvisningen, fx 'FVL § 19, stk. 1'."),
    )
    correct = blocks.BooleanBlock(label=_("Korrekt hjemmel"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Hjemmel (find reglen)")
        template = "quizzes/blocks/answer_choice.html"
        description = _("Et muligt retsgrundlag i et 'find reglen'-spørgsmål.")


class QuestionChoicesBlock(blocks.StreamBlock):
    choice = AnswerChoiceBlock()
    outcome = OutcomeChoiceBlock()
    basis = BasisChoiceBlock()

    class Meta:
        label = _("Svarmuligheder")


class QuestionCitationsBlock(blocks.StreamBlock):
    citation = CitationBlock()

    class Meta:
        label = _("Henvisninger")
