"""System checks of Paragraf's own settings (``manage.py check --deploy``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def base_url_is_https(app_configs, **kwargs) -> list[Error]:
    """Certificates carry a QR code to ``PARAGRAF_BASE_URL``: in production it must be the
    public https address, never the development default."""
    url = settings.PARAGRAF_BASE_URL
    if settings.DEBUG or url.startswith("https://"):
        return []
    return [
        Error(
            f"PARAGRAF_BASE_URL er {url!r}, men skal være den offentlige https-adresse, "
            "fx https://paragraf.kk.dk (kursusbevisernes QR-koder peger på den).",
            hint="Sæt PARAGRAF_BASE_URL=https://… i miljøet.",
            id="paragraf.E001",
        )
    ]
