"""The CMI data a package commits, read and checked against the SCORM data model.

Pure functions, like quizzes/grading.py: a flattened commit (``{"cmi.core.lesson_status":
"passed", ...}`` from scorm-again) in, the values we keep out, with every value the spec does
not allow left out and named in ``refused`` (the caller logs them; the stored value stays as it
was, as an LMS's SetValue would have refused it). Nothing is truncated: a cut suspend_data would
corrupt the package's own state.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

LESSON_STATUS_12 = {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}
COMPLETION_2004 = {"completed", "incomplete", "not attempted", "unknown"}
SUCCESS_2004 = {"passed", "failed", "unknown"}
EXIT_12 = {"time-out", "suspend", "logout", ""}
EXIT_2004 = {"time-out", "suspend", "logout", "normal", ""}
#: SPM (smallest permitted maximum) of each standard.
SUSPEND_MAX = {"1.2": 4096, "2004": 64000}
LOCATION_MAX = {"1.2": 255, "2004": 1000}

_TIME_12 = re.compile(r"^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$")
_DURATION = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$"
)


@dataclass
class CmiUpdate:
    values: dict[str, Any] = field(default_factory=dict)
    session_seconds: float | None = None
    refused: list[str] = field(default_factory=list)


def seconds_12(text: str) -> float | None:
    """CMITimespan of SCORM 1.2 (HHHH:MM:SS.SS) in seconds; None when malformed."""
    match = _TIME_12.match(text.strip())
    if not match:
        return None
    hours, minutes, secs, frac = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + int(secs) + float(frac or 0)


def seconds_2004(text: str) -> float | None:
    """ISO 8601 duration of SCORM 2004 (timeinterval, e.g. PT1H2M3.5S) in seconds."""
    text = text.strip()
    match = _DURATION.match(text)
    if not match or text in ("P", "PT") or text.endswith("T"):
        return None
    years, months, days, hours, minutes, secs = match.groups()
    return (
        int(years or 0) * 365 * 86400
        + int(months or 0) * 30 * 86400
        + int(days or 0) * 86400
        + int(hours or 0) * 3600
        + int(minutes or 0) * 60
        + float(secs or 0)
    )


def format_12(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:04d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def format_2004(seconds: float) -> str:
    whole = int(seconds)
    return f"PT{whole // 3600}H{whole % 3600 // 60}M{whole % 60}S"


def _number(value: Any, low: float | None, high: float | None) -> float | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            flat.update(_flatten(value, name))
        else:
            flat[name] = value
    return flat


def cmi_read(payload: dict[str, Any], *, standard: str) -> CmiUpdate:
    """What to keep of one commit. ``payload`` may be flattened or nested JSON."""
    flat = _flatten(payload)
    update = CmiUpdate()
    core = "cmi.core." if standard == "1.2" else "cmi."

    def text(key: str) -> str | None:
        value = flat.get(key)
        return None if value is None else str(value)

    def keep_choice(key: str, column: str, allowed: set[str]) -> None:
        value = text(key)
        if value is None or value == "":
            return
        if value in allowed:
            update.values[column] = value
        else:
            update.refused.append(f"{key}={value[:40]!r}")

    def keep_score(key: str, column: str, low: float | None, high: float | None) -> None:
        raw = flat.get(key)
        if raw in (None, ""):
            return
        number = _number(raw, low, high)
        if number is None:
            update.refused.append(f"{key}={str(raw)[:40]!r}")
        else:
            update.values[column] = number

    def keep_text(key: str, column: str, limit: int) -> None:
        value = text(key)
        if value is None:
            return
        if len(value) > limit:
            update.refused.append(f"{key}=<{len(value)} chars, limit {limit}>")
        else:
            update.values[column] = value

    if standard == "1.2":
        keep_choice("cmi.core.lesson_status", "lesson_status", LESSON_STATUS_12)
        keep_choice("cmi.core.exit", "exit", EXIT_12)
        # SCORM 1.2: raw, min and max are CMIDecimal normalised to 0–100.
        for part in ("raw", "min", "max"):
            keep_score(f"cmi.core.score.{part}", f"score_{part}", 0, 100)
        keep_text("cmi.core.lesson_location", "location", LOCATION_MAX["1.2"])
        session = text("cmi.core.session_time")
        parse = seconds_12
    else:
        keep_choice("cmi.completion_status", "completion_status", COMPLETION_2004)
        keep_choice("cmi.success_status", "success_status", SUCCESS_2004)
        keep_choice("cmi.exit", "exit", EXIT_2004)
        keep_score("cmi.score.scaled", "score_scaled", -1, 1)
        for part in ("raw", "min", "max"):
            keep_score(f"cmi.score.{part}", f"score_{part}", None, None)
        keep_text("cmi.location", "location", LOCATION_MAX["2004"])
        session = text("cmi.session_time")
        parse = seconds_2004
    keep_text("cmi.suspend_data", "suspend_data", SUSPEND_MAX[standard])
    if session:
        seconds = parse(session)
        if seconds is None:
            update.refused.append(f"{core}session_time={session[:40]!r}")
        else:
            update.session_seconds = seconds
            update.values["session_time"] = session[:40]
    return update


def is_complete(
    *,
    standard: str,
    lesson_status: str,
    completion_status: str,
    success_status: str,
) -> bool:
    """Whether the package's own statuses say the step is done: passed or completed; failed
    never (a 2004 package that is completed but failed has not passed)."""
    if standard == "1.2":
        return lesson_status in ("passed", "completed")
    if success_status == "passed":
        return True
    return success_status != "failed" and completion_status == "completed"


def mastery_12(lesson_status: str, score_raw: float | None, mastery: float | None) -> str:
    """SCORM 1.2 RTE 3.4.4: with a masteryscore from the manifest and a raw score, the LMS sets
    passed or failed by the score when the SCO reports a finished status."""
    if mastery is None or score_raw is None:
        return lesson_status
    if lesson_status not in ("passed", "completed", "failed"):
        return lesson_status
    return "passed" if score_raw >= mastery else "failed"


def success_2004(success_status: str, scaled: float | None, threshold: float | None) -> str:
    """SCORM 2004: with a scaled passing score (the manifest's minNormalizedMeasure) and a
    scaled score, the LMS decides success_status by the score."""
    if threshold is None or scaled is None:
        return success_status
    return "passed" if scaled >= threshold else "failed"
