from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParagrafConfig(AppConfig):
    name = "paragraf"
    verbose_name = _("Paragraf")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Privacy admin hooks (HR's person-data export, the audit log viewer).
        # Version-pinned evidence for HR and jurists (issue 6).
        from . import checks, evidence_admin, lockouts, privacy_admin  # noqa: F401
