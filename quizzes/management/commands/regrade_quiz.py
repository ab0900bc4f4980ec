"""Preview (and on request apply) a regrade of a quiz against its questions' live answer keys.

``regrade_quiz <quiz slug>`` prints what would change; ``--apply --by USERNAME`` applies it at
once (the jurist who decides: their own attempts are skipped, four eyes) and prints the result.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from quizzes.models import QuizPage
from quizzes.regrade_selectors import regrade_flipped, regrade_preview
from quizzes.regrade_services import regrade_apply, regrade_request
from quizzes.services import QuizRefused


class Command(BaseCommand):
    help = (
        "Viser, hvad en genberegning af quizzen efter spørgsmålenes offentliggjorte svarnøgle "
        "ændrer. Med --apply --by BRUGER udføres den."
    )

    def add_arguments(self, parser):
        parser.add_argument("quiz", help="Quizzens slug (eller id).")
        parser.add_argument("--apply", action="store_true", help="Udfør genberegningen.")
        parser.add_argument(
            "--by", metavar="BRUGERNAVN", help="Den jurist, der beslutter (kræves med --apply)."
        )
        parser.add_argument(
            "--drop",
            metavar="SPØRGSMÅL_ID",
            type=int,
            action="append",
            default=[],
            help="Et spørgsmål, der ikke længere skal tælle (kan gentages).",
        )

    def handle(self, *args, quiz: str, apply: bool, by: str | None, drop: list[int], **options):
        page = self._quiz(quiz)
        actor = None
        if by:
            actor = get_user_model().objects.filter(username=by, is_active=True).first()
            if actor is None:
                raise CommandError(f"Ukendt eller inaktiv bruger: {by}")
        elif apply:
            raise CommandError("--apply kræver --by BRUGERNAVN (den jurist, der beslutter).")
        plan = regrade_preview(quiz=page, by=actor, dropped=drop)
        self.stdout.write(f"{page.title}: {plan.summary()}")
        for note in plan.notes():
            self.stdout.write(note)
        for change in plan.changed:
            user = change.attempt.user
            name = (user.get_full_name() or user.get_username()) if user else "(anonymiseret)"
            outcome = "består nu" if change.now_passes else "dumper nu" if change.now_fails else ""
            self.stdout.write(
                f"\t{name}\tforsøg {change.attempt.number}\t"
                f"{change.old[2]} % → {change.result[2]} %\t{outcome}".rstrip()
            )
        if not apply:
            self.stdout.write("Intet er ændret; udfør genberegningen med --apply --by BRUGERNAVN.")
            return
        try:
            regrade = regrade_request(quiz=page, by=actor, dropped=drop)
        except QuizRefused as exc:
            raise CommandError(exc.message) from exc
        regrade = regrade_apply(regrade=regrade)
        self.stdout.write(
            f"Genberegnet: {regrade.changed} forsøg ændret, {regrade.now_passed} består nu, "
            f"{regrade.now_failed} dumper nu."
        )
        follow_up = [row for row in regrade_flipped(regrade=regrade) if row["follow_up"]]
        if follow_up:
            self.stdout.write(
                f"{len(follow_up)} deltagere har nu ikke bestået, men har allerede et certifikat "
                "eller gennemført kursus (intet er tilbagekaldt):"
            )
            for row in follow_up:
                self.stdout.write(f"\t{row['name'] or '(anonymiseret)'}")

    def _quiz(self, key: str) -> QuizPage:
        quizzes = list(QuizPage.objects.filter(slug=key))
        if not quizzes and key.isdigit():
            quizzes = list(QuizPage.objects.filter(pk=int(key)))
        if not quizzes:
            raise CommandError(f"Ingen quiz med slug eller id: {key}")
        if len(quizzes) > 1:
            ids = ", ".join(str(q.pk) for q in quizzes)
            raise CommandError(f"Flere quizzer har slug {key} (id {ids}); angiv quizzens id.")
        return quizzes[0]
