"""Template tags for pages and snippets that cite guidelines: ``{% sources_of page as sources %}``."""

from __future__ import annotations

from django import template

from guidelines.models import Citation

register = template.Library()


@register.simple_tag
def sources_of(source) -> list[Citation]:
    """The guideline sections and provisions ``source`` cites in its live revision (one query)."""
    from guidelines.services import _source_type

    if source is None or not getattr(source, "pk", None):
        return []
    return list(
        Citation.objects.filter(
            source_content_type=_source_type(source), source_object_id=source.pk
        )
        .select_related("section", "section__page", "guideline", "provision")
        .order_by("id")
    )
