from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoringConfig(AppConfig):
    """The jurists' workflow: four-eyes approval, previews, review dates and the review queue."""

    name = "authoring"
    verbose_name = _("Redaktion")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from courses.models import CoursePage
        from guidelines.models import GuidelinePage

        from . import tasks  # noqa: F401  (registers the Celery task)
        from .signals import review_date_on_publish

        for model in (CoursePage, GuidelinePage):
            page_published.connect(
                review_date_on_publish,
                sender=model,
                dispatch_uid=f"authoring_review_date_{model._meta.model_name}",
            )
