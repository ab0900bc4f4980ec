"""List (and on request revoke) certificates whose course run does not prove the course.

Never scheduled: HR reads the list and decides. ``--revoke --by USERNAME`` revokes each listed
certificate with a reason, one audit-log line per certificate and one for the run as a whole.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from certificates.selectors import certificates_without_proof
from certificates.services import certificate_revoke
from people.audit import audit_log
from people.models import AuditEvent

DEFAULT_REASON = "Udstedt uden bestået quiz (fundet af audit_completions)"


class Command(BaseCommand):
    help = (
        "Finder kursusbeviser, hvis kursusforløb har et quiztrin uden bestået forsøg (eller "
        "intet forløb). Med --revoke --by BRUGER tilbagekaldes de med begrundelse og log."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--revoke", action="store_true", help="Tilbagekald de fundne kursusbeviser."
        )
        parser.add_argument(
            "--by", metavar="BRUGERNAVN", help="Den HR-medarbejder, der beslutter (kræves)."
        )
        parser.add_argument("--reason", default=DEFAULT_REASON, help="Begrundelse.")

    def handle(self, *args, revoke: bool, by: str | None, reason: str, **options):
        actor = None
        if revoke:
            if not by:
                raise CommandError("--revoke kræver --by BRUGERNAVN (den, der beslutter).")
            actor = get_user_model().objects.filter(username=by, is_active=True).first()
            if actor is None:
                raise CommandError(f"Ukendt eller inaktiv bruger: {by}")
            if not reason.strip():
                raise CommandError("Angiv en begrundelse (--reason).")
        found = list(certificates_without_proof())
        for row in found:
            certificate = row.certificate
            self.stdout.write(
                "\t".join(
                    [
                        certificate.code_display,
                        certificate.holder_name,
                        certificate.holder.employee_number or "-",
                        certificate.course_title,
                        f"forløb {certificate.course_run_id or '-'}",
                        timezone.localtime(certificate.issued_at).strftime("%d-%m-%Y"),
                        "; ".join(row.reasons),
                    ]
                )
            )
        if not found:
            self.stdout.write("Ingen kursusbeviser uden bevis for gennemførelse.")
            return
        if not revoke:
            self.stdout.write(
                f"{len(found)} kursusbeviser uden bevis for gennemførelse. Intet er ændret; "
                "tilbagekald dem med --revoke --by BRUGERNAVN."
            )
            return
        assert actor is not None  # --revoke requires --by, checked above
        revoked = 0
        with transaction.atomic():
            for row in found:
                revoked += certificate_revoke(certificate=row.certificate, by=actor, reason=reason)
            audit_log(
                actor=actor,
                action=AuditEvent.Action.CHANGE,
                what=f"audit_completions: {revoked} kursusbeviser tilbagekaldt",
            )
        self.stdout.write(f"{revoked} kursusbeviser tilbagekaldt.")
