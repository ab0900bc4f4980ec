"""The status report as a PDF: reportlab's platypus with the fonts of the certificates
(``people.fonts``), A4, each chart followed by its data table, page numbers in the footer."""

from __future__ import annotations

import io
from html import escape
from typing import Any

from django.utils.translation import gettext as _

from overview.charts import day_text
from people.fonts import FONT, FONT_BOLD, fonts_register

from .charts import WIDTH, chart_png
from .report import Chart, StatusReport, Table


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, spaceAfter=6)
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=20, leading=24),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=FONT_BOLD, fontSize=13, leading=17, spaceBefore=10
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=6
        ),
        "caption": ParagraphStyle("caption", parent=base, fontName=FONT_BOLD, fontSize=9),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=11),
    }


def _p(text: str, style) -> Any:
    from reportlab.platypus import Paragraph

    # Paragraph reads a little markup: the text is escaped so "<" or "&" in a name stays text
    return Paragraph(escape(text), style)


def _table(table: Table, styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    parts = [_p(table.caption, styles["caption"])]
    if not table.rows:
        return [*parts, _p(table.empty, styles["body"])]
    data = [[_p(h, styles["head"]) for h in table.headings]]
    data += [[_p(cell, styles["cell"]) for cell in row] for row in table.rows]
    first = width * 0.34 if len(table.headings) > 2 else width * 0.6
    rest = (width - first) / max(1, len(table.headings) - 1)
    grid = PdfTable(data, colWidths=[first] + [rest] * (len(table.headings) - 1), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#767676")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [*parts, grid]


def _chart(chart: Chart, styles: dict[str, Any], width: float) -> list[Any]:
    from PIL import Image as PilImage
    from reportlab.platypus import Image, KeepTogether, Spacer

    png = chart_png(chart)
    with PilImage.open(io.BytesIO(png)) as image:
        pixels_high = image.height
    picture = Image(io.BytesIO(png), width=width, height=width * pixels_high / WIDTH)
    # the title, the picture and its description stay on one page
    return [
        KeepTogether([_p(chart.title, styles["h3"]), picture, _p(chart.desc, styles["note"])]),
        Spacer(1, 4),
        *_table(chart.table, styles, width),
    ]


def status_report_pdf(report: StatusReport) -> bytes:
    """The report as PDF bytes (no queries: ``report`` holds every figure)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer

    fonts_register()
    styles = _styles()
    out = io.BytesIO()
    period = f"{day_text(report.date_from)} – {day_text(report.date_to)}"
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{report.title}: {report.subject}, {period}",
        author="Paragraf",
        lang="da-DK",
    )
    width = doc.width
    story: list[Any] = [
        _p(report.title, styles["title"]),
        _p(f"{report.subject} · {period}", styles["h2"]),
        _p(
            _("Udarbejdet %(when)s af Paragraf.")
            % {"when": report.made_at.strftime("%d.%m.%Y %H:%M")},
            styles["note"],
        ),
        _p(_("Sammenfatning"), styles["h2"]),
        *(_p("• " + line, styles["body"]) for line in report.summary),
    ]
    for section in report.sections:
        story += [Spacer(1, 6), _p(section.heading, styles["h2"])]
        story += [_p(text, styles["body"]) for text in section.paragraphs]
        for chart in section.charts:
            story += _chart(chart, styles, width)
        for table in section.tables:
            story += [Spacer(1, 4), *_table(table, styles, width)]
        story += [_p(note, styles["note"]) for note in section.notes]

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(20 * mm, 10 * mm, f"{report.title} · {report.subject} · {period}")
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, _("Side %(n)d") % {"n": document.page})
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
