"""A person's own data (GDPR art. 15 and 20) and the retention policy for leavers (art. 5(1)(e)).

The profile is read here; every app adds its records through ``people.privacy`` (registered in
its ``AppConfig.ready``), so this module never imports another app's models.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from people.audit import audit_log
from people.models import AuditEvent, User
from people.privacy import anonymisers, personal_data_exporters
from people.spreadsheets import cell_safe

from .models import PrivacySettings

logger = logging.getLogger(__name__)

ANONYMOUS_PREFIX = "anonym-"


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def profile_export(user: User) -> list[dict[str, Any]]:
    """The profile as one record, with the names HR uses for the fields."""
    unit = user.org_unit
    manager = user.manager
    return [
        {
            "brugernavn": user.username,
            "fornavn": user.first_name,
            "efternavn": user.last_name,
            "email": user.email,
            "medarbejdernr": user.employee_number or "",
            "stilling": user.job_title,
            "enhed": unit.name if unit is not None else "",
            "enhedskode": unit.code if unit is not None else "",
            "leder": user.is_manager,
            "nærmeste_leder": manager.get_full_name() if manager is not None else "",
            "startdato": _value(user.start_date) or "",
            "slutdato": _value(user.end_date) or "",
            "aktiv": user.is_active,
            "oprettet": _value(user.date_joined),
            "sidst_logget_ind": _value(user.last_login) or "",
        }
    ]


def personal_data_collect(*, user: User) -> dict[str, list[dict[str, Any]]]:
    """Every record Paragraf holds about ``user``: the profile, then each registered app's records
    (one query or a few per app). Values are JSON-safe."""
    user = User.objects.select_related("org_unit", "manager").get(pk=user.pk)
    data: dict[str, list[dict[str, Any]]] = {"profil": profile_export(user)}
    for name, exporter in sorted(personal_data_exporters().items()):
        data[name] = [{k: _value(v) for k, v in row.items()} for row in exporter(user)]
    return data


def personal_data_json(data: dict[str, list[dict[str, Any]]]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def personal_data_csv(data: dict[str, list[dict[str, Any]]]) -> str:
    """One long table (kategori, nr, felt, værdi) so records of any shape fit one file that opens
    in a spreadsheet. Starts with a BOM so Excel reads the Danish letters."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["kategori", "nr", "felt", "værdi"])
    for category, rows in data.items():
        for number, row in enumerate(rows, start=1):
            for field, value in row.items():
                writer.writerow(
                    [category, number, field, cell_safe("" if value is None else str(value))]
                )
    return out.getvalue()


def privacy_settings() -> PrivacySettings:
    return PrivacySettings.load()


def leavers_due(*, today: dt.date | None = None, years: int | None = None):
    """People whose end date lies ``years`` (the privacy setting) or more before ``today`` and
    whose profile is not yet anonymised."""
    today = today or timezone.localdate()
    if years is None:
        years = privacy_settings().retention_years
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return (
        User.objects.filter(end_date__isnull=False, end_date__lte=cutoff, is_superuser=False)
        .exclude(username__startswith=ANONYMOUS_PREFIX)
        .order_by("pk")
    )


def person_anonymise(*, user: User, actor: User | None = None) -> dict[str, int]:
    """Anonymise one leaver: every app's learning records (through the registry), then the
    profile (name, e-mail, username, employee number → pseudonymous). The unit and the dates stay
    so aggregate statistics per unit and year still add up. All or nothing."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        for name, anonymiser in sorted(anonymisers().items()):
            counts[name] = anonymiser(user)
        pseudonym = f"{ANONYMOUS_PREFIX}{user.pk}"
        user.username = pseudonym
        user.first_name = "Anonymiseret"
        user.last_name = "medarbejder"
        user.email = ""
        user.employee_number = None
        user.job_title = ""
        user.manager = None
        user.is_active = False
        user.is_staff = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        # The audit trail keeps who saw what, now pointing at the pseudonym.
        audit_log(
            actor=actor,
            action=AuditEvent.Action.ANONYMISE,
            what=f"opbevaringsregel: {pseudonym}",
            subject=user,
        )
    logger.info("anonymised leaver user=%s records=%s", user.pk, counts)
    return counts


def retention_apply(*, today: dt.date | None = None) -> int:
    """Anonymise every leaver past the retention period; returns how many. Idempotent: an
    anonymised person is never picked again."""
    done = 0
    for user in leavers_due(today=today):
        person_anonymise(user=user)
        done += 1
    if done:
        logger.info("retention policy anonymised %s leavers", done)
    return done
