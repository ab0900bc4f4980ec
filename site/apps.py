from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParagrafConfig(AppConfig):
    name = "paragraf"
    verbose_name = _("Paragraf")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The deploy check (base URL) and the lockout admin view.
        from . import checks, lockouts  # noqa: F401
