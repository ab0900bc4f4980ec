from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XapiConfig(AppConfig):
    name = "xapi"
    verbose_name = _("Læringsdata (xAPI)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from certificates.signals import certificate_issued
        from compliance.signals import guideline_acknowledged
        from courses.signals import course_completed, step_completed
        from quizzes.signals import attempt_graded, attempt_regraded

        from . import receivers

        for signal, receiver in (
            (step_completed, receivers.on_step_completed),
            (course_completed, receivers.on_course_completed),
            (attempt_graded, receivers.on_attempt_graded),
            (attempt_regraded, receivers.on_attempt_regraded),
            (guideline_acknowledged, receivers.on_guideline_acknowledged),
            (certificate_issued, receivers.on_certificate_issued),
        ):
            signal.connect(receiver, dispatch_uid=f"xapi.{receiver.__name__}")
