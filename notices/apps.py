from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Beskeder")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from people.privacy import anonymiser_register, personal_data_register

        from . import privacy

        personal_data_register("beskeder", privacy.notices_export)
        anonymiser_register("beskeder", privacy.notices_anonymise)
