"""``manage.py snapshot_compliance [--date ÅÅÅÅ-MM-DD]``: what the nightly task does, by hand."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from overview.services import snapshot_take, snapshots_thin


class Command(BaseCommand):
    help = (
        "Gem overholdelsestallene, som de står nu, som dagens øjebliksbillede (standard: i går, "
        "som det natlige job), og udtynd dage ældre end tre år til én pr. måned. En dag, der "
        "allerede er gemt, ændres ikke."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help=_("Dagen, tallene gemmes under (åååå-mm-dd)."))

    def handle(self, *args, **options):
        today = timezone.localdate()
        day = today - dt.timedelta(days=1)
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    _("Ugyldig dato: %(value)s. Skriv den som åååå-mm-dd.")
                    % {"value": options["date"]}
                ) from exc
            if day > today:
                raise CommandError(
                    _("%(day)s ligger i fremtiden; et øjebliksbillede kan kun gemmes for i dag "
                      "eller tidligere.") % {"day": day.isoformat()}
                )  # fmt: skip
        written = snapshot_take(day=day)
        thinned = snapshots_thin(today=today)
        self.stdout.write(
            _(
                "Øjebliksbillede for %(day)s: %(written)s rækker gemt; %(thinned)s gamle rækker udtyndet."
            )
            % {"day": day.isoformat(), "written": written, "thinned": thinned}
        )
