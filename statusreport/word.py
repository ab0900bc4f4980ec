"""The status report as a Word document (python-docx) the administration can edit before it goes
to the committee: Word's own heading styles (so its navigation pane and a screen reader find
the sections), Danish as the document language, each chart a picture with its text
alternative, followed by its data table with a header row that repeats."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from overview.charts import day_text

from .charts import chart_png
from .report import Chart, StatusReport, Table


def _language(document, tag: str) -> None:
    """Set the default language of the document's text (Normal style) to ``tag``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), tag)


def _table(document, table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    caption = document.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    if not table.rows:
        document.add_paragraph(table.empty)
        return
    grid = document.add_table(rows=1, cols=len(table.headings))
    grid.style = "Table Grid"
    header = grid.rows[0]
    # a header row Word repeats on each page and reads out as the column headers
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, heading in zip(header.cells, table.headings, strict=True):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    grid._tbl.tblPr.append(_description(table.caption, qn, OxmlElement))


def _description(text: str, qn, element):
    """A table's ``w:tblCaption`` (Word's "Alternative text: title")."""
    caption = element("w:tblCaption")
    caption.set(qn("w:val"), text[:255])
    return caption


def _chart(document, chart: Chart) -> None:
    from docx.shared import Cm

    document.add_heading(chart.title, level=3)
    document.add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
    picture = document.inline_shapes[-1]
    # Word's "Alternative text": read out in place of the picture
    picture._inline.docPr.set("descr", chart.desc)
    picture._inline.docPr.set("title", chart.title)
    _table(document, chart.table)


def status_report_docx(report: StatusReport) -> bytes:
    """The report as .docx bytes (no queries: ``report`` holds every figure)."""
    from docx import Document

    document = Document()
    _language(document, "da-DK")
    period = f"{day_text(report.date_from)} – {day_text(report.date_to)}"
    properties = document.core_properties
    properties.title = f"{report.title}: {report.subject}, {period}"
    properties.author = "Paragraf"
    properties.language = "da-DK"
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{report.subject} · {period}")
    document.add_paragraph(
        _("Udarbejdet %(when)s af Paragraf.") % {"when": report.made_at.strftime("%d.%m.%Y %H:%M")}
    )
    document.add_heading(_("Sammenfatning"), level=1)
    for line in report.summary:
        document.add_paragraph(line, style="List Bullet")
    for section in report.sections:
        document.add_heading(section.heading, level=1)
        for text in section.paragraphs:
            document.add_paragraph(text)
        for chart in section.charts:
            _chart(document, chart)
        for table in section.tables:
            _table(document, table)
        for note in section.notes:
            document.add_paragraph(note).runs[0].italic = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
