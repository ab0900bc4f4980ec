"""Blocks for lesson bodies."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from guidelines.blocks import CitationBlock

RICH_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Overskrift")
        template = "courses/blocks/heading.html"
        help_text = _("En mellemoverskrift i lektionen (niveau 2).")
        description = help_text
        preview_value = "Hvornår skal der partshøres?"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Type"),
        choices=[("note", _("Bemærk")), ("warning", _("Advarsel")), ("remember", _("Husk"))],
        default="note",
    )
    text = blocks.RichTextBlock(label=_("Tekst"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Fremhævet boks")
        template = "courses/blocks/callout.html"
        help_text = _("En kort fremhævet besked: bemærk, advarsel eller husk.")
        description = help_text
        preview_value = {
            "kind": "remember",
            "text": "<p>Husk at partshøre, før du træffer afgørelse.</p>",
        }


class CaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=255)
    scenario = blocks.RichTextBlock(label=_("Situation"), features=["bold", "italic", "link", "ul"])
    reflection = blocks.TextBlock(label=_("Refleksionsspørgsmål"))
    discussion = blocks.RichTextBlock(
        label=_("Vores bud"), required=False, features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "user"
        label = _("Case med refleksion")
        template = "courses/blocks/case.html"
        help_text = _("En konkret sag fra hverdagen og et spørgsmål, læseren tænker over.")
        description = help_text
        preview_value = {
            "title": "Udeservering på et smalt fortov",
            "scenario": "<p>En café søger om 12 borde på et fortov, hvor gangbanen bliver "
            "under 2 fliser.</p>",
            "reflection": "Hvad skal afgørelsen indeholde, hvis du giver delvist afslag?",
            "discussion": "<p>En begrundelse med henvisning til reglerne og klagevejledning.</p>",
        }


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), default=_("Det vigtigste"), max_length=255)
    points = blocks.ListBlock(blocks.CharBlock(label=_("Punkt")), label=_("Punkter"))

    class Meta:
        icon = "list-ul"
        label = _("Hovedpunkter")
        template = "courses/blocks/key_points.html"
        help_text = _("De få ting, læseren skal huske fra lektionen.")
        description = help_text
        preview_value = {
            "title": "Det vigtigste",
            "points": ["Partshør før afgørelsen", "Begrund afslag", "Giv klagevejledning"],
        }


class CheckYourselfBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Spørgsmål"))
    answer = blocks.RichTextBlock(label=_("Svar"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        label = _("Test dig selv")
        template = "courses/blocks/check_yourself.html"
        help_text = _("Et spørgsmål uden point; svaret vises, når læseren klikker.")
        description = help_text
        preview_value = {
            "question": "Skal et afslag på udeservering begrundes?",
            "answer": "<p>Ja, efter forvaltningslovens § 22.</p>",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video-URL"))
    caption = blocks.CharBlock(label=_("Billedtekst"), required=False)
    transcript = blocks.TextBlock(
        label=_("Tekstudskrift"),
        required=False,
        help_text=_("Krævet for tilgængelighed, hvis videoen har tale uden undertekster."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"
        help_text = _("En indlejret video med billedtekst og tekstudskrift.")
        # No preview_value: a preview would fetch the embed from the video host.
        description = help_text


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(
        label=_("Tekst"),
        features=RICH_FEATURES,
        icon="pilcrow",
        template="courses/blocks/text.html",
        help_text=_("Almindelig brødtekst."),
    )
    callout = CalloutBlock()
    case = CaseBlock()
    image = ImageBlock(
        label=_("Billede"),
        template="courses/blocks/image.html",
        help_text=_("Et billede med alternativ tekst."),
    )
    video = VideoBlock()
    key_points = KeyPointsBlock()
    citation = CitationBlock()
    check_yourself = CheckYourselfBlock()

    class Meta:
        label = _("Indhold")
