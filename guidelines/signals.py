"""Connects guideline publishing to change impact (wired in GuidelinesConfig.ready)."""

from __future__ import annotations

from wagtail.signals import page_published

from .models import GuidelinePage
from .services import guideline_change_record


def _guideline_published(sender, instance, revision=None, **kwargs) -> None:
    if revision is None:
        return
    guideline_change_record(page=instance, revision=revision, user=revision.user)


def connect() -> None:
    page_published.connect(
        _guideline_published, sender=GuidelinePage, dispatch_uid="guidelines_change_impact"
    )
