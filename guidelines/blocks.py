"""Blocks that cite guideline sections and statute provisions; used by lessons and questions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .choosers import section_chooser_viewset

_SectionChooserBlockBase = section_chooser_viewset.get_block_class(
    name="SectionChooserBlock", module_path="guidelines.blocks"
)


class SectionChooserBlock(_SectionChooserBlockBase):  # type: ignore[misc,valid-type]
    def bulk_to_python(self, values):
        # Citations show the guideline's title and link: load the pages in one query, not one
        # per citation.
        sections = super().bulk_to_python(values)
        prefetch_related_objects([s for s in sections if s is not None], "page")
        return sections


class CitationBlock(blocks.StructBlock):
    """Cites exactly one guideline section or one statute provision."""

    section = SectionChooserBlock(
        label=_("Afsnit i administrationsgrundlag"),
        required=False,
    )
    provision = SnippetChooserBlock(
        "guidelines.StatuteProvision", label=_("Lovbestemmelse"), required=False
    )
    note = blocks.CharBlock(
        label=_("Bemærkning"),
        required=False,
        max_length=255,
        help_text=_("Valgfri: hvad læseren skal lægge mærke til i bestemmelsen."),
    )

    class Meta:
        icon = "openquote"
        label = _("Henvisning")
        template = "guidelines/blocks/citation.html"
        help_text = _("Henvis til ét afsnit i et administrationsgrundlag eller én lovbestemmelse.")
        description = help_text

    def get_preview_value(self):
        """A real provision from the database, so the preview shows the learner's rendering."""
        from .models import StatuteProvision

        provision = StatuteProvision.objects.order_by("key").first()
        return self.to_python(
            {"section": None, "provision": provision.pk if provision else None, "note": ""}
        )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("section")) == bool(value.get("provision")):
            message = _("Vælg enten et afsnit eller en lovbestemmelse – præcis én af dem.")
            raise StructBlockValidationError(block_errors={"section": ValidationError(message)})
        return value
