"""Demo step for ``seed_demo``: the certificate template and certificates for the completions
the earlier demo steps recorded. Idempotent."""

from __future__ import annotations

import logging

from wagtail.models import Site

from certificates.models import CertificateTemplate
from certificates.services import certificate_issue_and_render
from courses.models import CourseRun

logger = logging.getLogger(__name__)

DEMO_TEMPLATE = {
    "heading": "Kursusbevis",
    "intro": "Det bekræftes hermed, at",
    "body": "har gennemført kurset",
    "footer": (
        "Teknik- og Miljøforvaltningen · Københavns Kommune · Njalsgade 13, 2300 København S. "
        "Beviset kan kontrolleres med koden eller QR-koden."
    ),
    "signatory_name": "Mette Højgaard Sørensen",
    "signatory_title": "Administrerende direktør, Teknik- og Miljøforvaltningen",
}


def seed_certificates(context: dict[str, object]) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        # Only the first run writes the texts; later runs leave HR's edits alone.
        CertificateTemplate.objects.get_or_create(site=site, defaults=DEMO_TEMPLATE)
    issued = 0
    for run in (
        CourseRun.objects.filter(completed_at__isnull=False, certificate__isnull=True)
        .exclude(source=CourseRun.Source.IMPORT)  # imported completions keep their old number
        .select_related("user", "course")
    ):
        certificate_issue_and_render(run=run)
        issued += 1
    logger.info("demo certificates issued: %s", issued)
