"""Wagtail admin hooks of the project package. Each feature keeps its hooks in its own module."""

from .authoring import wagtail_hooks as authoring_hooks  # noqa: F401
