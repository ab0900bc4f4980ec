"""Blocks that cite guideline sections and statute provisions; used by lessons and questions."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
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
        """The sections for ``values`` (pks, None kept, order kept) with their guideline pages,
        in one query: citations show the guideline's title and link."""
        values = list(values)
        objects = self.model_class.objects.select_related("page").in_bulk(
            [value for value in values if value is not None]
        )
        result, seen = [], set()
        for value in values:
            section = objects.get(value)
            if section is not None and value in seen:
                section = copy.copy(section)
            result.append(section)
            seen.add(value)
        return result


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
