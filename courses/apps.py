from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kurser")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from people.privacy import personal_data_register

        from .privacy import course_runs_export, step_completions_export

        personal_data_register("kursusforløb", course_runs_export)
        personal_data_register("gennemførte_trin", step_completions_export)

        from .citations import connect as citations_connect
        from .outline import connect as outline_connect

        citations_connect()
        outline_connect()
