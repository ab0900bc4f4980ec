"""Template tags for pages and snippets that cite guidelines: ``{% sources_of page as sources %}``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import template
from wagtail import blocks

from guidelines.blocks import CitationBlock

register = template.Library()


def _citation_values(block: blocks.Block, value: Any) -> Iterator[Any]:
    if isinstance(block, CitationBlock):
        yield value
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            yield from _citation_values(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _citation_values(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value or []:
            yield from _citation_values(block.child_block, item)


@register.simple_tag
def sources_of(stream) -> list[Any]:
    """The citations in a StreamField value (nested ones too), without duplicates, in order.

    Reads the values the page body already loaded, so it adds no queries; a citation whose
    section was deleted has neither section nor provision.
    """
    if stream is None or not hasattr(stream, "stream_block"):
        return []
    result: list[Any] = []
    seen: set[tuple[Any, Any]] = set()
    for value in _citation_values(stream.stream_block, stream):
        section, provision = value.get("section"), value.get("provision")
        key = (getattr(section, "pk", None), getattr(provision, "pk", None))
        if key != (None, None) and key in seen:
            continue
        seen.add(key)
        result.append(value)
    return result
