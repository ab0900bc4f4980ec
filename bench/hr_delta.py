"""An HR delta of 500 people on the bench database (issue #23): 200 new job titles, 200 moves
to another team and 100 new hires, as an HR CSV with only the columns it changes (a column
absent from the file leaves the field as it is).

Figures: the import without the evaluation it triggers, and that incremental evaluation
(``compliance.movements.assignments_after_import``: resync and rule evaluation for the 500
people only), against the full evaluation with nothing due, measured in the same run. Every run
is rolled back, so the bench data stays as it was.
"""

from __future__ import annotations

import random
import time
from statistics import median

from django.db import connection, transaction

from bench.harness import BenchContext, Figure

NEW_PREFIX = "HD"
HEADER = "medarbejdernr;fornavn;efternavn;enhedskode;startdato;stilling"


def _delta_csv(seed: int) -> bytes:
    from people.models import OrgUnit, User

    rng = random.Random(seed)
    teams = list(
        OrgUnit.objects.filter(numchild=0, is_active=True).values_list("code", flat=True)[:2000]
    )
    ids = list(
        User.objects.filter(is_active=True, org_unit__isnull=False, employee_number__isnull=False)
        .order_by("id")
        .values_list("id", flat=True)[:200_000:97]
    )
    chosen = rng.sample(ids, 400)
    people = User.objects.filter(pk__in=chosen).values_list(
        "employee_number", "first_name", "last_name", "org_unit__code", "start_date", "job_title"
    )
    lines = [HEADER]
    for index, (number, first, last, unit, start, title) in enumerate(people):
        start_text = (start or dt_today()).strftime("%d-%m-%Y")
        if index % 2:
            title = "Sagsbehandler" if title != "Sagsbehandler" else "Specialkonsulent"
        else:
            unit = rng.choice([code for code in teams[:50] if code != unit])
        lines.append(f"{number};{first};{last};{unit};{start_text};{title}")
    for n in range(100):
        lines.append(
            f"{NEW_PREFIX}{seed}{n:03d};Ny;Medarbejder{n};{rng.choice(teams)};"
            f"{dt_today():%d-%m-%Y};Sagsbehandler"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def dt_today():
    from django.utils import timezone

    return timezone.localdate()


def _one_run(data: bytes) -> tuple[float, float, int]:
    """(import seconds without the evaluation, evaluation seconds, people touched); rolled back."""
    from compliance import receivers
    from people.importers import employees_import

    spent: list[float] = []
    touched: list[int] = []
    real = receivers.assignments_after_import

    def timed_evaluation(**kwargs):
        touched.append(len(kwargs["person_ids"]) + len(kwargs.get("new_person_ids") or []))
        start = time.perf_counter()
        real(**kwargs)
        spent.append(time.perf_counter() - start)

    receivers.assignments_after_import = timed_evaluation
    try:
        with transaction.atomic():
            start = time.perf_counter()
            summary = employees_import(data=data, fmt="csv")
            total = time.perf_counter() - start
            assert summary.people_new == 100, summary
            transaction.set_rollback(True)
    finally:
        receivers.assignments_after_import = real
    return total - sum(spent), sum(spent), touched[0] if touched else 0


def _full_evaluation() -> float:
    """The full evaluation with nothing new due (what the delta is compared with); rolled back."""
    from compliance.services import requirements_evaluate

    with transaction.atomic():
        start = time.perf_counter()
        requirements_evaluate()
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return seconds


def run(ctx: BenchContext) -> list[Figure]:
    if connection.vendor != "postgresql":
        return []
    from compliance.models import Assignment

    if not Assignment.objects.exists():
        return []  # the bench data was not generated (the module runs on the kept data)
    _full_evaluation()  # warm: the first run reads the requirements and plans cold
    imports, evaluations, fulls, touched = [], [], [], 0
    for seed in range(3):
        data = _delta_csv(seed)
        seconds, evaluation, touched = _one_run(data)
        imports.append(seconds)
        evaluations.append(evaluation)
        fulls.append(_full_evaluation())
    full = median(fulls)
    return [
        Figure(
            "HR delta of 500 people, import (without evaluation)",
            median(imports),
            "s",
            budget=1,
            note="200 new job titles, 200 moves, 100 new hires; median of 3, rolled back",
        ),
        Figure(
            "HR delta of 500 people, incremental evaluation",
            median(evaluations),
            "s",
            budget=1,
            baseline=full,
            baseline_name="full evaluation, nothing due, same run",
            note=f"{touched} people touched",
        ),
    ]
