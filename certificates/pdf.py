"""The certificate PDF: reportlab with an embedded TrueType font and a segno QR code.

Bitstream Vera ships inside the reportlab wheel, so the font exists wherever reportlab is
installed (no system font path), covers æøå, and is embedded (subset) in every PDF.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import reportlab
import segno
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    import datetime

    from wagtail.images.models import AbstractImage

logger = logging.getLogger(__name__)

QR_MASK = 0
FONT = "ParagrafSans"
FONT_BOLD = "ParagrafSans-Bold"
_FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
_fonts_registered = False


def fonts_register() -> None:
    """Register the embedded fonts once per process (parsing a TTF costs milliseconds)."""
    global _fonts_registered
    if _fonts_registered:
        return
    pdfmetrics.registerFont(TTFont(FONT, str(_FONT_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_FONT_DIR / "VeraBd.ttf")))
    _fonts_registered = True


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on a certificate; built from a Certificate and the template."""

    heading: str
    intro: str
    holder_name: str
    body: str
    course_title: str
    completed_on: datetime.date
    valid_until: datetime.date | None
    code_display: str
    verification_url: str
    footer: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    logo: AbstractImage | None = None
    signature: AbstractImage | None = None


#: Template images are embedded as a rendition twice the printed box (180 × 60 pt), so a
#: 4000-pixel logo costs no more per PDF than a small one; Wagtail caches the rendition.
IMAGE_FILTER = "max-360x120|format-png"
#: Decoded renditions by (row id, file name): a replaced image gets a new rendition row.
_readers: dict[tuple[int, str], ImageReader] = {}


def _image_reader(image: AbstractImage | None, what: str) -> ImageReader | None:
    """The image's rendition for reportlab, or None (logged) when the file is missing or broken."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(IMAGE_FILTER)
        key = (rendition.pk, rendition.file.name)
        reader = _readers.get(key)
        if reader is None:
            with rendition.file.open("rb") as handle:
                reader = ImageReader(io.BytesIO(handle.read()))
            reader.getRGBData()  # decode once; the reader keeps the pixels for later PDFs
            _readers[key] = reader
            while len(_readers) > 8:
                _readers.pop(next(iter(_readers)))
        return reader
    except (OSError, ValueError) as exc:
        logger.warning("certificate %s image %s unreadable, left out: %s", what, image.pk, exc)
        return None


def qr_matrix(url: str) -> tuple[bytearray, ...]:
    """The QR modules for ``url`` (error correction M, about 15 % damage tolerated).

    The mask is fixed instead of chosen by segno's penalty search, which tries all eight and
    costs more than the rest of the PDF; every mask is a valid QR code that readers decode.
    """
    return segno.make(url, error="m", micro=False, mask=QR_MASK, boost_error=False).matrix


def _draw_qr(canvas: Canvas, url: str, *, x: float, y: float, size: float) -> None:
    """Draw the QR code as vector rectangles, one per run of dark modules in a row.

    The rectangles are written as PDF operators in module units under one transform: integer
    coordinates, and none of reportlab's per-number float formatting.
    """
    matrix = qr_matrix(url)
    border = 2
    unit = size / (len(matrix) + 2 * border)
    operators = []
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                operators.append(f"{start} {row_index} {col_index - start} 1 re")
                start = None
    canvas.saveState()
    # Origin at the top-left module, one unit per module, rows counting downwards.
    canvas.translate(x + border * unit, y + size - border * unit)
    canvas.scale(unit, -unit)
    canvas.addLiteral("\n".join(operators) + "\nf")
    canvas.restoreState()


def _centred_lines(
    canvas: Canvas, text: str, *, y: float, font: str, size: float, width: float
) -> float:
    """Draw ``text`` centred and wrapped; returns the y below the last line."""
    page_width = A4[0]
    for line in simpleSplit(text, font, size, width) or [""]:
        canvas.setFont(font, size)
        canvas.drawCentredString(page_width / 2, y, line)
        y -= size * 1.3
    return y


def certificate_pdf_render(content: CertificateContent) -> bytes:
    """The certificate as PDF bytes (one A4 page). Reads the template images, if any."""
    fonts_register()
    buffer = io.BytesIO()
    width, height = A4
    margin = 56
    text_width = width - 2 * margin
    with translation.override("da"):
        canvas = Canvas(
            buffer, pagesize=A4, pageCompression=1, initialFontName=FONT, initialFontSize=12
        )
        canvas.setTitle(f"{content.heading} – {content.course_title}")
        canvas.setAuthor("Paragraf")
        canvas.setSubject(content.holder_name)

        canvas.setStrokeColorRGB(0.0, 0.21, 0.42)
        canvas.setLineWidth(2)
        canvas.rect(margin / 2, margin / 2, width - margin, height - margin)

        logo = _image_reader(content.logo, "logo")
        if logo is not None:
            canvas.drawImage(
                logo, margin, height - margin - 60, width=180, height=60,
                preserveAspectRatio=True, anchor="sw", mask="auto",
            )  # fmt: skip

        y = height - 190
        y = _centred_lines(canvas, content.heading, y=y, font=FONT_BOLD, size=32, width=text_width)
        y -= 30
        y = _centred_lines(canvas, content.intro, y=y, font=FONT, size=14, width=text_width)
        y -= 12
        y = _centred_lines(
            canvas, content.holder_name, y=y, font=FONT_BOLD, size=24, width=text_width
        )
        y -= 12
        y = _centred_lines(canvas, content.body, y=y, font=FONT, size=14, width=text_width)
        y -= 12
        y = _centred_lines(
            canvas, content.course_title, y=y, font=FONT_BOLD, size=20, width=text_width
        )
        y -= 24
        completed = date_format(content.completed_on, "j. F Y")
        y = _centred_lines(
            canvas, _("Gennemført den %(date)s") % {"date": completed},
            y=y, font=FONT, size=12, width=text_width,
        )  # fmt: skip
        if content.valid_until is not None:
            validity = _("Gyldigt til og med %(date)s") % {
                "date": date_format(content.valid_until, "j. F Y")
            }
        else:
            validity = _("Gyldigt uden udløbsdato")
        _centred_lines(canvas, validity, y=y, font=FONT, size=12, width=text_width)

        signature = _image_reader(content.signature, "signature")
        sign_y = 250
        if signature is not None:
            canvas.drawImage(
                signature, margin, sign_y + 6, width=180, height=60,
                preserveAspectRatio=True, anchor="sw", mask="auto",
            )  # fmt: skip
        if content.signatory_name or signature is not None:
            canvas.setLineWidth(0.7)
            canvas.line(margin, sign_y, margin + 200, sign_y)
            canvas.setFont(FONT_BOLD, 11)
            canvas.drawString(margin, sign_y - 16, content.signatory_name)
            canvas.setFont(FONT, 10)
            canvas.drawString(margin, sign_y - 30, content.signatory_title)

        qr_size = 110
        qr_x = width - margin - qr_size
        qr_y = 110
        canvas.setFillColorRGB(0, 0, 0)
        _draw_qr(canvas, content.verification_url, x=qr_x, y=qr_y, size=qr_size)
        canvas.setFont(FONT, 9)
        canvas.drawRightString(qr_x - 12, qr_y + 70, _("Beviskode"))
        canvas.setFont(FONT_BOLD, 14)
        canvas.drawRightString(qr_x - 12, qr_y + 52, content.code_display)
        canvas.setFont(FONT, 9)
        canvas.drawRightString(qr_x - 12, qr_y + 34, _("Kontrollér beviset på"))
        canvas.drawRightString(qr_x - 12, qr_y + 22, content.verification_url)

        if content.footer:
            canvas.setFont(FONT, 8)
            footer_y = 70
            for line in simpleSplit(content.footer, FONT, 8, text_width)[:3]:
                canvas.drawCentredString(width / 2, footer_y, line)
                footer_y -= 10
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()
