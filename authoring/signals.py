"""Signal receivers for authoring, connected in ``AuthoringConfig.ready`` so that they also run
outside the admin (Celery workers, scheduled publishing, management commands)."""

from __future__ import annotations

from django.utils import timezone

from .services import review_date_advance_page


def review_date_on_publish(sender, instance, revision=None, **kwargs) -> None:
    """A published course or guideline gets its next review date from its review interval."""
    review_date_advance_page(page=instance, revision=revision, published_on=timezone.localdate())
