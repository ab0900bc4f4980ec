"""Question import from CSV or XLSX: read, validate every row, then write all rows or none.

Columns (header row, case-insensitive; Danish names canonical, English aliases accepted):
``type``, ``spørgsmål``, ``svarmuligheder`` (separated by ``|``), ``korrekte`` (numbers of the
correct choices, e.g. ``1,3``; ``sandt``/``falsk`` for true/false), ``forklaring``,
``henvisninger`` (citation keys such as ``FVL-19-1`` or ``AG-UDE-5``, separated by ``,``) and
``kategori`` (the name of an existing question category) and, optionally, ``point`` (the
question's weight, 1–100; empty or absent: 1).
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from guidelines.models import GuidelineSection, StatuteProvision
from people.models import User
from quizzes.models import Question, QuestionCategory, question_choice_errors

logger = logging.getLogger(__name__)

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024

COLUMNS: dict[str, tuple[str, ...]] = {
    "type": ("type", "spørgsmålstype", "kind"),
    "spørgsmål": ("spørgsmål", "spoergsmaal", "tekst", "text", "question"),
    "svarmuligheder": ("svarmuligheder", "choices"),
    "korrekte": ("korrekte", "korrekt", "rigtige", "correct"),
    "forklaring": ("forklaring", "explanation"),
    "henvisninger": ("henvisninger", "citationsnøgler", "citations"),
    "kategori": ("kategori", "category"),
    "point": ("point", "vægt", "points", "weight"),
}
REQUIRED = ("type", "spørgsmål", "kategori")

TYPES: dict[str, str] = {
    "single": Question.Kind.SINGLE,
    "ét svar": Question.Kind.SINGLE,
    "et svar": Question.Kind.SINGLE,
    "enkelt": Question.Kind.SINGLE,
    "multiple": Question.Kind.MULTIPLE,
    "flere svar": Question.Kind.MULTIPLE,
    "flere": Question.Kind.MULTIPLE,
    "truefalse": Question.Kind.TRUEFALSE,
    "sandt/falsk": Question.Kind.TRUEFALSE,
    "sandt-falsk": Question.Kind.TRUEFALSE,
    "essay": Question.Kind.ESSAY,
    "fritekst": Question.Kind.ESSAY,
}
TRUE_WORDS = {"sandt", "ja", "true", "1", "x"}
FALSE_WORDS = {"falsk", "nej", "false", "0"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, header)."""


@dataclass
class QuestionRow:
    """One validated row, ready to become a draft question."""

    line: int
    kind: str
    text: str
    category: QuestionCategory
    choices: list[tuple[str, bool]] = field(default_factory=list)
    true_is_correct: bool | None = None
    explanation: str = ""
    citations: list[tuple[str, int]] = field(default_factory=list)  # ("section"|"provision", pk)
    points: int = 1


@dataclass
class ImportResult:
    rows: list[QuestionRow]
    errors: list[tuple[int, str]]
    created: list[Question] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _normalise(name: str) -> str:
    return re.sub(r"\s+", " ", (name or "").strip().lower())


def _header_map(header: list[str]) -> dict[str, int]:
    aliases = {alias: canonical for canonical, names in COLUMNS.items() for alias in names}
    mapping: dict[str, int] = {}
    for index, name in enumerate(header):
        canonical = aliases.get(_normalise(name))
        if canonical and canonical not in mapping:
            mapping[canonical] = index
    missing = [name for name in REQUIRED if name not in mapping]
    if missing:
        raise ImportFileError(
            _(
                "Filen mangler kolonnen/kolonnerne: %(columns)s. Hent skabelonen og brug dens overskrifter."
            )
            % {"columns": ", ".join(missing)}
        )
    return mapping


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def question_rows_read(*, content: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a CSV or XLSX file as (line number, {column: text}); blank rows skipped.

    Raises ``ImportFileError`` with a Danish message when the file cannot be read at all.
    """
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("Filen er for stor (højst 5 MB)."))
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(content)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _read_csv(content)
    else:
        raise ImportFileError(_("Vælg en CSV- eller XLSX-fil."))
    if not table:
        raise ImportFileError(_("Filen er tom."))
    mapping = _header_map([_cell(v) for v in table[0]])
    rows = []
    for line, values in enumerate(table[1:], start=2):
        cells = [_cell(v) for v in values]
        if not any(cells):
            continue
        rows.append(
            (
                line,
                {
                    column: cells[index] if index < len(cells) else ""
                    for column, index in mapping.items()
                },
            )
        )
    if not rows:
        raise ImportFileError(_("Filen indeholder ingen spørgsmål."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("Filen har %(count)d rækker; der kan højst importeres %(max)d ad gangen.")
            % {"count": len(rows), "max": MAX_ROWS}
        )
    return rows


def _read_csv(content: bytes) -> list[list[object]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")  # Excel's "CSV" on Danish Windows
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _("Filen kan ikke læses som tekst. Gem den som CSV (UTF-8).")
            ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # Typed like _read_xlsx's cells so one table type serves both readers.
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(content: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken or non-XLSX file
        logger.warning("question import: unreadable xlsx: %s", exc)
        raise ImportFileError(_("Filen kan ikke læses som et Excel-regneark (.xlsx).")) from exc
    sheet = workbook.worksheets[0]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return table


def _split(value: str, separators: str) -> list[str]:
    return [part.strip() for part in re.split(f"[{re.escape(separators)}]", value) if part.strip()]


def question_rows_validate(
    *, raw_rows: list[tuple[int, dict[str, str]]]
) -> tuple[list[QuestionRow], list[tuple[int, str]]]:
    """Check every row; return the valid rows and (line, Danish message) for every problem.

    Three queries whatever the file size: categories, section keys, provision keys.
    """
    categories = {_normalise(c.name): c for c in QuestionCategory.objects.all()}
    keys = {key for _line, row in raw_rows for key in _split(row.get("henvisninger", ""), ",;")}
    sections = dict(GuidelineSection.objects.filter(key__in=keys).values_list("key", "pk"))
    provisions = dict(StatuteProvision.objects.filter(key__in=keys).values_list("key", "pk"))
    rows: list[QuestionRow] = []
    errors: list[tuple[int, str]] = []
    for line, raw in raw_rows:
        row_errors: list[str] = []
        kind = TYPES.get(_normalise(raw.get("type", "")))
        if kind is None:
            row_errors.append(
                _("Ukendt type '%(value)s' (brug single, multiple, truefalse eller essay).")
                % {"value": raw.get("type", "")}
            )
        text = raw.get("spørgsmål", "")
        if not text:
            row_errors.append(_("Spørgsmålsteksten mangler."))
        category = categories.get(_normalise(raw.get("kategori", "")))
        if category is None:
            row_errors.append(
                _("Ukendt kategori '%(value)s'.") % {"value": raw.get("kategori", "")}
            )
        citations: list[tuple[str, int]] = []
        for key in _split(raw.get("henvisninger", ""), ",;"):
            if key in sections:
                citations.append(("section", sections[key]))
            elif key in provisions:
                citations.append(("provision", provisions[key]))
            else:
                row_errors.append(
                    _(
                        "Ukendt henvisning '%(key)s': intet afsnit eller ingen lovbestemmelse har "
                        "den nøgle."
                    )
                    % {"key": key}
                )
        choices: list[tuple[str, bool]] = []
        true_is_correct = None
        correct_text = raw.get("korrekte", "")
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            options = _split(raw.get("svarmuligheder", ""), "|")
            correct: set[int] = set()
            for part in _split(correct_text, ",;"):
                if not part.isdigit() or not 1 <= int(part) <= len(options):
                    row_errors.append(
                        _(
                            "'%(value)s' i kolonnen korrekte er ikke nummeret på en svarmulighed "
                            "(1–%(max)d)."
                        )
                        % {"value": part, "max": len(options)}
                    )
                else:
                    correct.add(int(part))
            if not correct and not row_errors:
                row_errors.append(_("Ingen svarmulighed er markeret som korrekt."))
            choices = [(option, i in correct) for i, option in enumerate(options, start=1)]
        elif kind == Question.Kind.TRUEFALSE:
            word = _normalise(correct_text)
            if word in TRUE_WORDS:
                true_is_correct = True
            elif word in FALSE_WORDS:
                true_is_correct = False
            else:
                row_errors.append(_("Skriv 'sandt' eller 'falsk' i kolonnen korrekte."))
        points_text = raw.get("point", "").strip()
        points = int(points_text) if points_text.isdigit() else None
        if points_text == "":
            points = 1
        elif points is None or not 1 <= points <= 100:
            row_errors.append(
                _("'%(value)s' i kolonnen point er ikke et helt tal fra 1 til 100.")
                % {"value": points_text}
            )
        row = None
        # An unknown type or category always added an error above; the checks narrow the types.
        if not row_errors and kind is not None and category is not None:
            row = QuestionRow(
                line=line,
                kind=kind,
                text=text,
                category=category,
                choices=choices,
                true_is_correct=true_is_correct,
                explanation=raw.get("forklaring", ""),
                citations=citations,
                points=points or 1,
            )
            # The question bank's own rules (e.g. at least two choices, exactly one correct).
            row_errors.extend(str(e) for e in question_choice_errors(_question_build(row)))
        if row is not None and not row_errors:
            rows.append(row)
        else:
            errors.extend((line, message) for message in row_errors)
    return rows, errors


def _question_build(row: QuestionRow) -> Question:
    explanation = "".join(
        f"<p>{escape(paragraph)}</p>"
        for paragraph in row.explanation.split("\n")
        if paragraph.strip()
    )
    return Question(
        category=row.category,
        kind=row.kind,
        text=row.text,
        explanation=explanation,
        true_is_correct=row.true_is_correct,
        points=row.points,
        choices=[
            {"type": "choice", "value": {"text": text, "correct": correct}}
            for text, correct in row.choices
        ],
        citations=[
            {
                "type": "citation",
                "value": {
                    "section": pk if target == "section" else None,
                    "provision": pk if target == "provision" else None,
                    "note": "",
                },
            }
            for target, pk in row.citations
        ],
        live=False,
    )


def questions_import(*, content: bytes, filename: str, user: User) -> ImportResult:
    """Validate the whole file, then create every question as a draft with a first revision in
    one transaction; on any error nothing is written and every bad row is listed."""
    try:
        raw_rows = question_rows_read(content=content, filename=filename)
    except ImportFileError as exc:
        logger.warning("question import by user=%s refused: %s (%s)", user.pk, exc, filename)
        return ImportResult(rows=[], errors=[(0, str(exc))])
    rows, errors = question_rows_validate(raw_rows=raw_rows)
    if errors:
        logger.warning(
            "question import by user=%s refused: %d errors in %d rows of %s",
            user.pk,
            len(errors),
            len(raw_rows),
            filename,
        )
        return ImportResult(rows=rows, errors=errors)
    created = []
    with transaction.atomic():
        for row in rows:
            question = _question_build(row)
            question.save()
            question.save_revision(user=user, log_action=True)
            created.append(question)
    logger.info(
        "question import by user=%s created %d drafts from %s", user.pk, len(created), filename
    )
    return ImportResult(rows=rows, errors=[], created=created)
