from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusReportConfig(AppConfig):
    name = "statusreport"
    verbose_name = _("Statusrapport")
