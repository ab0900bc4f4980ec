"""Demo step for ``seed_demo``: the certificate template, HR's right to edit it, and
certificates for completions the earlier demo steps recorded. Idempotent."""

from __future__ import annotations

import logging

from django.contrib.auth.models import Group, Permission
from wagtail.models import Site

from courses.models import CourseRun
from people.roles import HR

from .models import CertificateTemplate
from .services import certificate_issue_and_render

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
    hr_group = Group.objects.filter(name=HR).first()
    if hr_group is not None:
        hr_group.permissions.add(
            Permission.objects.get(
                content_type__app_label="certificates", codename="change_certificatetemplate"
            )
        )
    issued = 0
    for run in CourseRun.objects.filter(
        completed_at__isnull=False, certificate__isnull=True
    ).select_related("user", "course"):
        certificate_issue_and_render(run=run)
        issued += 1
    logger.info("demo certificates issued: %s", issued)
