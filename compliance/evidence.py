"""Version-pinned evidence: what a person had completed by a date, with the exact lesson,
question and guideline revisions they saw. Read by HR and jurists, exported as CSV or PDF.

A fixed number of queries however many completions the person has.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from courses.models import StepCompletion
from guidelines.models import Citation, GuidelinePage, GuidelineRevisionSeen
from guidelines.selectors import guideline_publications, revision_live_at
from people.models import User
from people.spreadsheets import row_safe
from quizzes.accommodations import terms_summary
from quizzes.models import Attempt, AttemptQuestion, Question
from scorm.selectors import completion_package_versions


@dataclass
class GuidelineSeen:
    guideline_id: int
    title: str
    revision_id: int | None
    recorded: bool  # True when recorded at completion; False when read from the publishing log

    @property
    def url(self) -> str | None:
        if not self.revision_id:
            return None
        return reverse(
            "wagtailadmin_pages:revisions_view", args=[self.guideline_id, self.revision_id]
        )


@dataclass
class EvidenceRow:
    completed_at: dt.datetime
    course: str
    kind: str
    title: str
    revision_id: int | None
    revision_url: str | None
    guidelines: list[GuidelineSeen] = field(default_factory=list)
    result: str = ""
    #: The accommodation terms frozen on the quiz attempt ("+50 % tid"), for quiz rows.
    accommodation: str = ""


@dataclass
class Evidence:
    person: User
    on: dt.date
    rows: list[EvidenceRow]


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _question_revision_url(question_id: int, revision_id: int) -> str | None:
    try:
        return reverse(
            "wagtailsnippets_quizzes_question:revisions_view", args=[question_id, revision_id]
        )
    except NoReverseMatch:
        return None


def evidence_for(*, person: User, on: dt.date) -> Evidence:
    """Everything ``person`` had completed by the end of ``on``: lessons with the revision they
    saw, passed quiz questions with their frozen revisions, and for each the revision of every
    cited guideline that was live then (recorded at completion, else from Wagtail's log)."""
    until = _end_of(on)
    completions = list(
        StepCompletion.objects.filter(run__user=person, completed_at__lt=until)
        .select_related("run__course", "page")
        .order_by("completed_at", "pk")
    )
    completion_type = ContentType.objects.get_for_model(StepCompletion)
    seen: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for record_id, guideline_id, revision_id in GuidelineRevisionSeen.objects.filter(
        record_content_type=completion_type, record_object_id__in=[c.pk for c in completions]
    ).values_list("record_object_id", "guideline_id", "guideline_revision_id"):
        seen[record_id].append((guideline_id, revision_id))
    items = list(
        AttemptQuestion.objects.filter(
            attempt__user=person,
            attempt__submitted_at__lt=until,
            attempt__state=Attempt.State.GRADED,
        )
        .select_related("attempt")
        .order_by("attempt__submitted_at", "attempt_id", "position")
    )
    # Guidelines cited by each source, for completions recorded before the index existed and
    # for questions (one query for both).
    question_type = ContentType.objects.get_for_model(Question)
    cited: dict[tuple[int, int], set[int]] = defaultdict(set)
    for ct_id, object_id, guideline_id in Citation.objects.filter(
        guideline__isnull=False,
        source_object_id__in=[c.page_id for c in completions]
        + [i.question_id for i in items if i.question_id],
    ).values_list("source_content_type_id", "source_object_id", "guideline_id"):
        cited[(ct_id, object_id)].add(guideline_id)
    guideline_ids = {g for ids in cited.values() for g in ids} | {
        g for pairs in seen.values() for g, _revision in pairs
    }
    titles = dict(GuidelinePage.objects.filter(pk__in=guideline_ids).values_list("pk", "title"))
    moments = [c.completed_at for c in completions]
    moments += [i.attempt.submitted_at for i in items if i.attempt.submitted_at is not None]
    publications = (
        guideline_publications(guideline_ids=guideline_ids, until=max(moments)) if moments else {}
    )

    def log_revisions(guideline_id: int, at: dt.datetime) -> int | None:
        return revision_live_at(publications.get(guideline_id, []), at)

    # A SCORM step names the package version the person ran (the revision is the step page's).
    package_versions = completion_package_versions(user_id=person.pk, completions=completions)
    rows: list[EvidenceRow] = []
    for completion in completions:
        page = completion.page
        if seen.get(completion.pk):
            guidelines = [
                GuidelineSeen(g, titles.get(g, ""), r, True) for g, r in seen[completion.pk]
            ]
        else:
            guidelines = [
                GuidelineSeen(
                    g, titles.get(g, ""), log_revisions(g, completion.completed_at), False
                )
                for g in sorted(cited.get((page.content_type_id, page.pk), set()))
            ]
        rows.append(
            EvidenceRow(
                completed_at=completion.completed_at,
                course=completion.run.course.title,
                kind=str(ContentType.objects.get_for_id(page.content_type_id).name),
                title=page.title,
                revision_id=completion.revision_id,
                revision_url=reverse(
                    "wagtailadmin_pages:revisions_view", args=[page.pk, completion.revision_id]
                )
                if completion.revision_id
                else None,
                guidelines=guidelines,
                result=package_versions.get(completion.pk, ""),
            )
        )
    for item in items:
        at = item.attempt.submitted_at or item.attempt.started_at
        rows.append(
            EvidenceRow(
                completed_at=at,
                course=item.attempt.quiz_title,
                kind=_("spørgsmål"),
                title=str(item.snapshot.get("text", ""))[:200]
                if isinstance(item.snapshot, dict)
                else "",
                revision_id=item.revision_id,
                revision_url=_question_revision_url(item.question_id, item.revision_id)
                if item.question_id and item.revision_id
                else None,
                guidelines=[
                    GuidelineSeen(g, titles.get(g, ""), log_revisions(g, at), False)
                    for g in sorted(cited.get((question_type.pk, item.question_id or 0), set()))
                ],
                result=_("rigtigt") if item.is_correct else _("forkert"),
                accommodation=terms_summary(item.attempt.accommodation or {}),
            )
        )
    rows += _imported_rows(person=person, until=until)
    rows += _acknowledgement_rows(person=person, until=until)
    rows.sort(key=lambda r: r.completed_at)
    return Evidence(person=person, on=on, rows=rows)


def imported_label(imported) -> str:
    """ "importeret fra <fil> <dato>", with the old certificate number and valid-until when the
    file gave them (``imported`` is an ImportedCompletion)."""
    text = _("importeret fra %(file)s %(date)s") % {
        "file": imported.file_name,
        "date": timezone.localtime(imported.imported_at).strftime("%d-%m-%Y"),
    }
    if imported.old_certificate_number:
        text += " · " + _("tidligere kursusbevis nr. %(number)s") % {
            "number": imported.old_certificate_number
        }
    if imported.valid_until:
        text += " · " + _("gyldigt til %(date)s") % {
            "date": imported.valid_until.strftime("%d-%m-%Y")
        }
    return text


def _imported_rows(*, person: User, until: dt.datetime) -> list[EvidenceRow]:
    """Completions brought over from an earlier system: no lesson or revision is known, only the
    file, the old certificate number and the score (one query)."""
    from .history_models import ImportedCompletion

    return [
        EvidenceRow(
            completed_at=imported.run.completed_at,
            course=imported.course.title,
            kind=_("importeret gennemførelse"),
            title=imported_label(imported),
            revision_id=None,
            revision_url=None,
            result=_("%(score)s point") % {"score": number_format(imported.score.normalize())}
            if imported.score is not None
            else "",
        )
        for imported in ImportedCompletion.objects.filter(
            person=person, run__completed_at__lt=until
        ).select_related("run", "course")
    ]


def _acknowledgement_rows(*, person: User, until: dt.datetime) -> list[EvidenceRow]:
    """ "Læst og forstået": the guideline revision the person confirmed, and when (one query)."""
    from .models import Acknowledgement

    return [
        EvidenceRow(
            completed_at=acknowledgement.acknowledged_at,
            course=acknowledgement.guideline.title,
            kind=_("læst og forstået"),
            title=acknowledgement.guideline.title,
            revision_id=acknowledgement.revision_id,
            revision_url=reverse(
                "wagtailadmin_pages:revisions_view",
                args=[acknowledgement.guideline_id, acknowledgement.revision_id],
            ),
            result=_("version %(version)s") % {"version": acknowledgement.version_display},
        )
        for acknowledgement in Acknowledgement.objects.filter(
            person=person, acknowledged_at__lt=until
        ).select_related("guideline")
    ]


# --- Exports --------------------------------------------------------------------------------


def _guidelines_text(row: EvidenceRow) -> str:
    return "; ".join(f"{g.title} (version {g.revision_id or '?'})" for g in row.guidelines)


def evidence_csv(evidence: Evidence) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("gennemført"),
            _("kursus/quiz"),
            _("type"),
            _("titel"),
            _("version"),
            _("resultat"),
            _("administrationsgrundlag (version)"),
            _("særlige vilkår"),
        ]
    )
    for row in evidence.rows:
        writer.writerow(
            row_safe(
                [
                    timezone.localtime(row.completed_at).strftime("%Y-%m-%d %H:%M"),
                    row.course,
                    row.kind,
                    row.title,
                    row.revision_id or "",
                    row.result,
                    _guidelines_text(row),
                    row.accommodation,
                ]
            )
        )
    return out.getvalue()


def evidence_pdf(evidence: Evidence) -> bytes:
    """An A4 PDF listing the evidence rows (reportlab, embedded font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from people.fonts import FONT, FONT_BOLD, fonts_register

    fonts_register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(_("Dokumentation for uddannelse"))
    width, height = A4
    margin = 50
    y = height - margin

    def line(text: str, font: str = FONT, size: int = 9, gap: int = 4) -> None:
        nonlocal y
        for part in simpleSplit(text, font, size, width - 2 * margin) or [""]:
            if y < margin + size:
                canvas.showPage()
                y = height - margin
            canvas.setFont(font, size)
            canvas.drawString(margin, y, part)
            y -= size + 2
        y -= gap

    line(_("Dokumentation for uddannelse"), FONT_BOLD, 16, 8)
    person = evidence.person
    line(
        _("%(name)s (medarbejdernr. %(number)s) – gennemført til og med %(date)s")
        % {
            "name": person.get_full_name(),
            "number": person.employee_number,
            "date": evidence.on.strftime("%d.%m.%Y"),
        },
        FONT,
        10,
        10,
    )
    if not evidence.rows:
        line(_("Intet gennemført på denne dato."))
    for row in evidence.rows:
        line(
            f"{timezone.localtime(row.completed_at):%d.%m.%Y %H:%M} · {row.course} · {row.kind}",
            FONT_BOLD,
            9,
            0,
        )
        detail = f"{row.title} – {_('version')} {row.revision_id or '?'}"
        if row.result:
            detail += f" – {row.result}"
        if row.accommodation:
            detail += f" – {_('særlige vilkår')}: {row.accommodation}"
        line(detail, FONT, 9, 0)
        if row.guidelines:
            line(_("Administrationsgrundlag: %(list)s") % {"list": _guidelines_text(row)})
        else:
            line("", FONT, 4, 2)
    line(
        _("Udskrevet %(now)s fra Paragraf.")
        % {"now": timezone.localtime().strftime("%d.%m.%Y %H:%M")},
        FONT,
        8,
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
