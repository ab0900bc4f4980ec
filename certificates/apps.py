from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Kursusbeviser")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.signals import course_completed
        from people.privacy import personal_data_register

        from .privacy import certificates_export
        from .receivers import on_course_completed

        course_completed.connect(on_course_completed, dispatch_uid="certificates_course_completed")
        personal_data_register("kursusbeviser", certificates_export)
