from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data and scenarios (``seed_demo``, ``demo_guideline_change``). Installed only when
    ``PARAGRAF_ALLOW_DEMO`` is on (DEBUG), never by production settings."""

    name = "demo"
    verbose_name = _("Demodata")
