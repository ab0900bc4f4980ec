"""Send the weekly review digest now (the same work as the Celery beat task)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from authoring.services import review_digest_send


class Command(BaseCommand):
    help = "E-mail each owner the courses, guidelines and question categories due for review."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Send as if today were this date (YYYY-MM-DD); default today."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"Ugyldig dato: {options['date']} (brug ÅÅÅÅ-MM-DD)") from exc
        sent = review_digest_send(today=today)
        self.stdout.write(f"{sent} e-mail(s) sendt.")
