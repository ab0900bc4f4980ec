from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    name = "overview"
    label = "overview"
    verbose_name = _("Overblik")
    default_auto_field = "django.db.models.BigAutoField"
