"""Historical completions import of 200,000 rows (issue 18: ≤ 60 s, peak RSS ≤ 300 MB).

The rows name the bench's people (``bench.datagen``) and its 12 courses, each person × course
at most once per date. The import runs in a fresh process (``python bench/history_import.py
FILE``), so its peak RSS (VmHWM) is the import's own and not the generator's; that process also
reports its footprint before the import (Django set up, one query), the memory baseline. The
time baseline, in this process: the same rows parsed from the CSV and written raw into a scratch
table (``COPY`` on PostgreSQL, ``executemany`` on SQLite), rolled back. Afterwards the imported
runs are deleted again; the cycles they completed stay completed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 200_000
ROOT = Path(__file__).resolve().parent.parent


def _csv(numbers: list[str], slugs: list[str], rows: int = ROWS, *, back_days: int = 0) -> bytes:
    """``rows`` lines: person i, course, and a date that makes every (person, course, date)
    unique; scores and old certificate numbers on most rows, valid-until on some. The dates end
    30 + ``back_days`` days ago: the land data set has its own completions of the last 20
    months, which an import must refuse as already there."""
    today = dt.date.today() - dt.timedelta(days=back_days)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["medarbejdernr", "kursus", "gennemført", "point", "kursusbevis", "gyldig_til"])
    people, courses = len(numbers), len(slugs)
    for i in range(rows):
        round_ = i // (people * courses)
        done = today - dt.timedelta(days=30 + (i % 700) + 730 * round_)
        writer.writerow(
            [
                numbers[i % people],
                slugs[(i // people) % courses],
                done.strftime("%d-%m-%Y"),
                str(50 + i % 51) if i % 5 else "",
                f"OLD-{i:07d}" if i % 3 else "",
                (done + dt.timedelta(days=730)).strftime("%d-%m-%Y") if i % 4 == 0 else "",
            ]
        )
    return out.getvalue().encode("utf-8")


def _baseline(data: bytes) -> float:
    """Parse the CSV and write its rows raw into a scratch table, rolled back (seconds)."""
    from django.db import connection, transaction

    start = time.perf_counter()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";"))[1:]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE history_in (number text, course text, done text, score text, "
                "certificate text, valid_until text)"
            )
            if connection.vendor == "postgresql":
                with cursor.cursor.copy("COPY history_in FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany("INSERT INTO history_in VALUES (%s, %s, %s, %s, %s, %s)", rows)
            cursor.execute("DROP TABLE history_in")
        transaction.set_rollback(True)
    return time.perf_counter() - start


def _measure_in_fresh_process(path: Path) -> dict:
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(Path(__file__).resolve()), str(path)],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ.copy(),
        cwd=ROOT,
    )
    if result.returncode:
        raise RuntimeError(f"the history import process failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _cleanup() -> None:
    from django.db import connection, transaction

    from compliance.models import ImportedCompletion
    from courses.models import CourseRun

    with transaction.atomic():
        ImportedCompletion.objects.all()._raw_delete(connection.alias)
        CourseRun.objects.filter(source=CourseRun.Source.IMPORT)._raw_delete(connection.alias)


def run(ctx):
    from bench.datagen import PREFIX
    from bench.harness import Figure
    from courses.models import CoursePage
    from people.models import User

    numbers = list(
        User.objects.filter(employee_number__startswith=PREFIX)
        .order_by("id")
        .values_list("employee_number", flat=True)
    )
    slugs = list(
        CoursePage.objects.filter(slug__startswith="bench-")
        .order_by("path")
        .values_list("slug", flat=True)
    )
    if not numbers or not slugs:
        raise RuntimeError("history import bench needs bench.datagen's people and courses")
    data = _csv(numbers, slugs, back_days=640 if ctx.size == "land" else 0)
    path = Path(tempfile.gettempdir()) / "paragraf-bench-historik.csv"
    path.write_bytes(data)
    _cleanup()
    baseline = _baseline(data)
    try:
        measured = _measure_in_fresh_process(path)
    finally:
        _cleanup()
        path.unlink(missing_ok=True)
    return [
        Figure(
            f"history import, {ROWS:,} rows ({len(data) / 2**20:.1f} MB CSV)",
            measured["seconds"],
            "s",
            budget=60,
            baseline=baseline,
            baseline_name="CSV parse + raw COPY into a scratch table",
            note=(
                f"{measured['imported']:,} imported, {measured['cycles']:,} cycles completed, "
                f"{measured['recertifications']:,} recertifications opened"
            ),
        ),
        Figure(
            "history import, peak RSS (fresh process)",
            measured["peak_mb"],
            "MB",
            budget=300,
            baseline=measured["start_mb"],
            baseline_name="the same process before the import",
        ),
    ]


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(path: str) -> None:
    """The measured import, in a process of its own: prints one JSON line."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.settings")
    import django

    django.setup()
    from compliance.history_import import history_import
    from people.models import User

    User.objects.exists()  # a connection and the ORM warmed up, as in a worker
    start_mb = _status_mb("VmRSS")
    start = time.perf_counter()
    summary = history_import(data=Path(path).read_bytes(), file_name="bench-historik.csv")
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": _status_mb("VmHWM"),
                "start_mb": start_mb,
                "imported": summary.imported,
                "cycles": summary.cycles_completed,
                "recertifications": summary.recertifications,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
