"""A Paragraf course as a SCORM 1.2 package, so it can travel to another municipality's LMS.

One SCO (``index.html``) holds the whole course, one page at a time: each live lesson of each
live module, rendered to plain accessible Danish HTML, and each quiz as a form scored in the
browser by the same rules as ``quizzes.grading`` (one right choice; every right choice and no
other; the decision and its legal basis, with partial credit for the decision alone), weighted
by the questions' points. The SCO finds the LMS's ``API`` in its parent windows (SCORM 1.2
RTE 3.3), saves the page it is on and the quiz results in ``cmi.core.lesson_location`` and
``cmi.suspend_data`` at every page turn, sets ``cmi.core.score.raw`` (0–100) and
``cmi.core.lesson_status``: *passed* or *failed* against ``adlcp:masteryscore`` for a course
with quizzes, *completed* at the last page for one without. One SCO rather than one per lesson
because an LMS that launches only the first SCO (Paragraf's own player among them) still runs
the whole course.

Left out, and said so in the package's ``LAES-MIG.txt`` and the log: essay questions (a person
marks them), random draws of questions (the package has no question bank), and bought SCORM
steps (their licence is the vendor's). The answer keys are in the package's page: a learner who
reads the source can find them, as with any package scored in the browser.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Page

from courses.models import CoursePage, LessonPage, ModulePage
from quizzes.models import Question, QuizPage
from quizzes.services import question_snapshots, quiz_question_pool

from .export_assets import SCRIPT, STYLE

logger = logging.getLogger(__name__)

GRADED_KINDS = {"single", "multiple", "truefalse", "cite_rule"}


class ExportRefused(Exception):
    """The course cannot be exported; ``message`` says why in Danish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Export:
    data: bytes
    title: str
    lessons: int = 0
    quizzes: int = 0
    questions: int = 0
    left_out: list[str] = field(default_factory=list)


def _absolute(html: str, base: str) -> str:
    """Links into Paragraf made absolute, so a citation still leads to the guideline section."""
    return re.sub(r'(href|src)="/(?!/)', lambda m: f'{m.group(1)}="{base}/', html)


def _block_html(block, images: dict[str, bytes], base: str) -> str:
    """One lesson block as HTML that needs nothing from Paragraf: images packaged, videos as a
    link with their transcript (an embed would call the video host), the rest through the
    block's own template."""
    if block.block_type == "image":
        image = block.value
        with image.file.open("rb") as handle:
            data = handle.read()
        name = f"billeder/{image.pk}-{re.sub(r'[^A-Za-z0-9._-]', '_', image.file.name.rsplit('/', 1)[-1])}"
        images[name] = data
        alt = getattr(image, "contextual_alt_text", "") or image.title
        return format_html('<figure><img src="{}" alt="{}"></figure>', name, alt)
    if block.block_type == "video":
        value = block.value
        url = value["video"].url if value.get("video") else ""
        transcript = format_html(
            "<details><summary>{}</summary><p>{}</p></details>",
            _("Tekstudskrift"),
            value.get("transcript") or "",
        )
        return format_html(
            '<figure><p><a href="{}">{}</a></p>{}{}</figure>',
            url,
            value.get("caption") or _("Se videoen"),
            transcript if value.get("transcript") else "",
            "",
        )
    return _absolute(str(block.render()), base)


def _lesson_section(lesson: LessonPage, images: dict[str, bytes], base: str) -> str:
    body = "".join(_block_html(block, images, base) for block in lesson.body)
    return format_html(
        '<section data-page hidden><h1 tabindex="-1">{}</h1>{}</section>',
        lesson.title,
        mark_safe(body),  # noqa: S308 - the blocks' own templates and format_html escape
    )


def _choices(question_id: int, group: str, choices: list[dict], multiple: bool) -> SafeString:
    kind = "checkbox" if multiple else "radio"
    return format_html_join(
        "",
        '<label><input type="{}" name="q{}-{}" value="{}"> {}</label>',
        ((kind, question_id, group, c["id"], c["text"]) for c in choices),
    )


def _question_html(position: int, question: Question, snapshot: dict) -> str:
    choices = snapshot.get("choices", [])
    if question.kind == "cite_rule":
        outcome = [c for c in choices if c["group"] == "outcome"]
        basis = [c for c in choices if c["group"] == "basis"]
        inner = format_html(
            "<fieldset><legend>{}</legend>{}</fieldset><fieldset><legend>{}</legend>{}</fieldset>",
            _("Afgørelse"),
            _choices(question.pk, "outcome", outcome, False),
            _("Hjemmel"),
            _choices(question.pk, "basis", basis, False),
        )
    else:
        inner = _choices(question.pk, "choice", choices, question.kind == "multiple")
    hint = _("Vælg alle rigtige svar.") if question.kind == "multiple" else ""
    return format_html(
        '<fieldset class="question"><legend>{}. {}</legend>{}{}</fieldset>',
        position,
        snapshot["text"],
        format_html('<p class="hint">{}</p>', hint) if hint else "",
        inner,
    )


@dataclass
class _Quiz:
    key: str
    html: str
    pass_mark: int
    key_data: list[dict]


def _quiz(quiz: QuizPage, left_out: list[str]) -> _Quiz | None:
    pool = quiz_question_pool(quiz=quiz)
    if quiz.draws.exists():
        left_out.append(
            _("%(quiz)s: tilfældige træk af spørgsmål (pakken har ingen spørgsmålsbank).")
            % {"quiz": quiz.title}
        )
    graded = [q for q in pool if q.kind in GRADED_KINDS]
    for question in pool:
        if question.kind not in GRADED_KINDS:
            left_out.append(
                _("%(quiz)s: fritekstspørgsmålet »%(text)s« (det bedømmes af en jurist).")
                % {"quiz": quiz.title, "text": question.text[:80]}
            )
    if not graded:
        return None
    snapshots = question_snapshots(graded)
    key = f"quiz-{quiz.pk}"
    fieldsets = "".join(
        _question_html(i, q, s) for i, (q, s) in enumerate(zip(graded, snapshots, strict=True), 1)
    )
    html = format_html(
        '<section data-page hidden><h1 tabindex="-1">{}</h1><p>{}</p>'
        '<form class="quiz" data-quiz="{}" novalidate>{}<button type="submit">{}</button></form>'
        '<p class="feedback" role="status" aria-live="polite" data-result="{}"></p></section>',
        quiz.title,
        _("Beståelseskrav: %(mark)s %% af point.") % {"mark": quiz.pass_mark},
        key,
        mark_safe(fieldsets),  # noqa: S308 - every part built by format_html
        _("Aflever"),
        key,
    )
    key_data = [
        {
            "id": q.pk,
            "kind": q.kind,
            "weight": s["weight"],
            "correct": s.get("correct", []),
            "outcome": s.get("correct_outcome"),
            "basis": s.get("correct_basis"),
            "partial": q.partial_credit_percent,
        }
        for q, s in zip(graded, snapshots, strict=True)
    ]
    return _Quiz(key=key, html=html, pass_mark=quiz.pass_mark, key_data=key_data)


def _manifest(*, identifier: str, title: str, mastery: int | None, files: list[str]) -> str:
    mastery_xml = (
        f"<adlcp:masteryscore>{mastery}</adlcp:masteryscore>" if mastery is not None else ""
    )
    file_xml = "".join(f"<file href={quoteattr(name)}/>" for name in files)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier={quoteattr(identifier)} version="1.0" '
        'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>"
        '<organizations default="org"><organization identifier="org">'
        f"<title>{xml_escape(title)}</title>"
        '<item identifier="item1" identifierref="sco1">'
        f"<title>{xml_escape(title)}</title>{mastery_xml}</item>"
        "</organization></organizations>"
        '<resources><resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" '
        f'href="index.html">{file_xml}</resource></resources></manifest>\n'
    )


def course_export_scorm(*, course: CoursePage) -> Export:
    """The live course as a SCORM 1.2 zip (see the module's docstring). Raises ExportRefused
    when the course is not live or has no live lesson or quiz that can be exported."""
    if not course.live:
        raise ExportRefused(_("Kun et offentliggjort kursus kan eksporteres."))
    base = settings.PARAGRAF_BASE_URL.rstrip("/")
    images: dict[str, bytes] = {}
    left_out: list[str] = []
    sections: list[str] = []
    quizzes: list[_Quiz] = []
    lessons = questions = 0
    with override("da"):
        for module in ModulePage.objects.child_of(course).live().order_by("path"):
            for step in Page.objects.child_of(module).live().order_by("path").specific():
                if isinstance(step, LessonPage):
                    sections.append(_lesson_section(step, images, base))
                    lessons += 1
                elif isinstance(step, QuizPage):
                    quiz = _quiz(step, left_out)
                    if quiz is not None:
                        sections.append(quiz.html)
                        quizzes.append(quiz)
                        questions += len(quiz.key_data)
                else:
                    left_out.append(
                        _("%(step)s: et indkøbt SCORM-trin (licensen er leverandørens).")
                        % {"step": step.title}
                    )
        if not sections:
            raise ExportRefused(_("Kurset har ingen offentliggjorte lektioner eller quizzer."))
        revision = course.live_revision_id or course.latest_revision_id
        made = timezone.localtime()
        about = _("%(title)s, eksporteret fra Paragraf %(date)s (version %(revision)s).") % {
            "title": course.title,
            "date": made.strftime("%d.%m.%Y"),
            "revision": revision,
        }
        mastery = max((q.pass_mark for q in quizzes), default=None)
        data = {
            "mastery": mastery,
            "quizzes": {q.key: q.key_data for q in quizzes},
        }
        page = format_html(
            '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>{}</title><link rel="stylesheet" href="style.css">'
            '<script src="kursus.js" defer></script></head><body><main>'
            '<p class="progress" id="resumed" hidden>{}</p>'
            '<p class="progress" id="progress" aria-live="polite"></p>{}'
            '<nav aria-label="{}"><button type="button" class="secondary" data-go="-1">{}</button>'
            '<button type="button" data-go="1">{}</button></nav>'
            '<p class="progress">{}</p></main>'
            '<script type="application/json" id="kursus-data">{}</script></body></html>',
            course.title,
            _("Du fortsætter, hvor du slap."),
            mark_safe("".join(sections)),  # noqa: S308 - built by format_html above
            _("Sider"),
            _("Forrige"),
            _("Næste"),
            about,
            mark_safe(json.dumps(data).replace("<", "\\u003c")),  # noqa: S308 - JSON, "<" escaped
        )
        readme = "\n".join(
            [
                about,
                "",
                _("Pakken er SCORM 1.2 med én SCO (index.html), der rummer hele kurset."),
                _("Svarnøglerne ligger i siden: quizzerne bedømmes i browseren."),
                "",
                _("Ikke med i pakken:") if left_out else _("Alt indhold er med."),
                *(f"- {line}" for line in left_out),
            ]
        )
    files = {
        "index.html": str(page).encode(),
        "kursus.js": SCRIPT.encode(),
        "style.css": STYLE.encode(),
        "LAES-MIG.txt": readme.encode(),
        **images,
    }
    manifest = _manifest(
        identifier=f"dk.paragraf.course.{course.pk}.{revision}",
        title=course.title,
        mastery=mastery,
        files=sorted(files),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for name, content in sorted(files.items()):
            archive.writestr(name, content)
    logger.info(
        "course exported as scorm course=%s revision=%s lessons=%d quizzes=%d questions=%d "
        "left_out=%d bytes=%d",
        course.pk,
        revision,
        lessons,
        len(quizzes),
        questions,
        len(left_out),
        out.tell(),
    )
    return Export(
        data=out.getvalue(),
        title=course.title,
        lessons=lessons,
        quizzes=len(quizzes),
        questions=questions,
        left_out=left_out,
    )
