from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Obligatorisk uddannelse")
    default_auto_field = "django.db.models.BigAutoField"
