from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Obligatorisk uddannelse")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.signals import course_completed, step_completed
        from people.privacy import anonymiser_register, personal_data_register
        from people.signals import employees_imported

        from . import privacy, receivers

        course_completed.connect(
            receivers.on_course_completed, dispatch_uid="compliance.course_completed"
        )
        step_completed.connect(
            receivers.on_step_completed, dispatch_uid="compliance.step_completed"
        )
        employees_imported.connect(
            receivers.on_employees_imported, dispatch_uid="compliance.employees_imported"
        )
        personal_data_register("obligatorisk uddannelse", privacy.assignments_export)
        anonymiser_register("obligatorisk uddannelse", privacy.assignments_anonymise)
