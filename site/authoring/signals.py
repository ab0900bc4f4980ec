"""Signal receivers for authoring, connected in ``ParagrafConfig.ready`` so that they also run
outside the admin (Celery workers, scheduled publishing, management commands)."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from courses.models import CoursePage
from guidelines.models import GuidelinePage

from .services import review_date_advance_page


@receiver(page_published, sender=CoursePage, dispatch_uid="paragraf_review_course")
@receiver(page_published, sender=GuidelinePage, dispatch_uid="paragraf_review_guideline")
def review_date_on_publish(sender, instance, revision=None, **kwargs) -> None:
    review_date_advance_page(page=instance, revision=revision, published_on=timezone.localdate())
