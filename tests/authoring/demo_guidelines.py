"""The demo's three guidelines, for tests that use the import template's citation keys."""

from __future__ import annotations

from demo.seed import seed_guidelines
from tests.factories import site_tree


def demo_guidelines():
    _home, _courses, guidelines_index = site_tree()
    return seed_guidelines(guidelines_index, {})
