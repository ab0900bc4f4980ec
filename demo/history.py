"""The demo's files for the historical completions import: ``historik.csv`` (300 rows, three of
them wrong, so HR sees the refusal with line numbers) and ``historik-rettet.csv`` (the same rows
fixed, which imports), written to MEDIA_ROOT/demo/."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

ROWS = 300
#: (row index, column, wrong value): an unknown person, a date in the future, a negative score.
#: Line numbers in the file are the index + 2 (the header is line 1).
WRONG = ((39, 0, "999999"), (118, 2, "future"), (248, 3, "-10"))
HEADER = ["medarbejdernr", "kursus", "gennemført", "point", "kursusbevis", "gyldig_til"]
#: medarbejder is left out: their onboarding stays open for the demo's learner journey.
LEFT_OUT = {"medarbejder"}


def history_rows(*, numbers: list[str], courses: list[tuple[str, str]], today: dt.date):
    """ROWS correct rows: each person × course completed every 45 days, the newest 90 days
    ago; courses named by slug and by title in turn."""
    rows = []
    k = 0
    while len(rows) < ROWS:
        for p, number in enumerate(numbers):
            for c, (slug, title) in enumerate(courses):
                if len(rows) == ROWS:
                    break
                done = today - dt.timedelta(days=90 + 45 * k + p + c)
                rows.append(
                    [
                        number,
                        slug if (p + k) % 2 == 0 else title,
                        done.strftime("%d-%m-%Y"),
                        str(70 + (p * 7 + c * 3 + k) % 31),
                        f"LMS-{done:%Y}-{len(rows) + 1:05d}",
                        (done + dt.timedelta(days=730)).strftime("%d-%m-%Y") if c == 0 else "",
                    ]
                )
        k += 1
    return rows


def _write(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def seed_history_files(context: dict) -> None:
    people = context.get("people", {})
    courses = context.get("courses", {})
    numbers = [u.employee_number for name, u in people.items() if name not in LEFT_OUT]
    course_keys = [(c.slug, c.title) for c in courses.values()]
    if not numbers or not course_keys:
        logger.warning("history demo files skipped: no demo people or courses")
        return
    today = timezone.localdate()
    fixed = history_rows(numbers=sorted(n for n in numbers if n), courses=course_keys, today=today)
    wrong = [list(row) for row in fixed]
    for index, column, value in WRONG:
        if value == "future":
            value = (today + dt.timedelta(days=30)).strftime("%d-%m-%Y")
        wrong[index][column] = value
    folder = Path(settings.MEDIA_ROOT) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "historik.csv", wrong)
    _write(folder / "historik-rettet.csv", fixed)
    logger.info("demo history files written to %s", folder)
