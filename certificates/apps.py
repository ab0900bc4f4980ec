from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Kursusbeviser")
    default_auto_field = "django.db.models.BigAutoField"
