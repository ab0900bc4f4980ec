from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScormConfig(AppConfig):
    name = "scorm"
    verbose_name = _("SCORM-pakker")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.steps import step_type_register
        from people.privacy import anonymiser_register, personal_data_register

        from .models import ScormLessonPage
        from .privacy import attempts_delete, attempts_export
        from .selectors import scorm_passed_since

        # A SCORM step counts for course completion and compliance like a quiz: completed by
        # its proof (a passed or completed attempt in this run), never by hand.
        step_type_register(ScormLessonPage, proof=scorm_passed_since)
        personal_data_register("scorm_forsøg", attempts_export)
        anonymiser_register("scorm_forsøg", attempts_delete)
