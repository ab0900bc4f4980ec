"""The certificate PDF: reportlab with an embedded TrueType font and a segno QR code.

Bitstream Vera ships inside the reportlab wheel, so the font exists wherever reportlab is
installed (no system font path), covers æøå, and is embedded (subset) in every PDF.

The fonts are registered once per process, when this module is imported, through reportlab's
public API (parsing a TTF costs milliseconds); reportlab builds each PDF's font subset itself.
The template images are decoded and compressed once per process and reused.
"""

from __future__ import annotations

import copy
import io
import logging
import re
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import segno
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import asciiBase85Decode
from reportlab.lib.utils import ImageReader, _digester, simpleSplit
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from people.fonts import FONT, FONT_BOLD, fonts_register

if TYPE_CHECKING:
    import datetime

    from wagtail.images.models import AbstractImage

logger = logging.getLogger(__name__)

QR_MASK = 0
_FLATE = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])

fonts_register()  # once per process, at import (people.fonts)


def _page_streams_compress(canvas: Canvas) -> None:
    """Compress the page streams with Flate alone (call after the last ``showPage``).

    With ``pageCompression`` reportlab also wraps them in ASCII85, in pure Python, the most
    expensive step of saving a certificate after the font; PDF needs no ASCII transport.
    """
    for page in canvas._doc.Pages.pages:
        if page.Contents is None and page.stream is not None:
            content = zlib.compress(page.stream.encode("utf8"))
            page.Contents = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": _FLATE}), content)


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


@dataclass(frozen=True)
class _TemplateImage:
    """A template image ready to embed: its XObject (and soft mask) decoded and compressed once.

    ``key`` stands in for a file name in ``Canvas.drawImage``, which finds the XObject already
    registered under the name it derives from it and writes only the drawing operator.
    """

    key: str
    xobject: pdfdoc.PDFImageXObject
    smask: pdfdoc.PDFImageXObject | None

    @classmethod
    def build(cls, reader: ImageReader, key: str) -> _TemplateImage:
        name = _digester(f"{key}auto".encode())  # as drawImage(key, mask="auto") names it
        xobject = pdfdoc.PDFImageXObject(name, reader, mask="auto")
        smask = getattr(xobject, "_smask", None)
        if smask is not None:
            del xobject._smask
        for item in (xobject, smask):
            if item is not None and item._filters[:1] == ("ASCII85Decode",):
                # reportlab's default transport encoding: 25 % larger, and decoded by every reader
                item.streamContent = asciiBase85Decode(item.streamContent)
                item._filters = item._filters[1:]
        return cls(key=key, xobject=xobject, smask=smask)

    def draw(self, canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
        doc = canvas._doc
        name = doc.getXObjectName(self.xobject.name)
        if name not in doc.idToObject:  # the same image twice on a page is embedded once
            xobject = copy.copy(self.xobject)  # a reportlab object belongs to one document
            if self.smask is not None:
                xobject.smask = doc.Reference(
                    copy.copy(self.smask), doc.getXObjectName(self.smask.name)
                )
            doc.Reference(xobject, name)
        canvas.drawImage(
            self.key, x, y, width=width, height=height,
            preserveAspectRatio=True, anchor="sw", mask="auto",
        )  # fmt: skip


#: Embeddable template images by the image row and its file: a replaced file changes the name
#: (and, uploaded through Wagtail, the hash and size); a re-created row changes created_at.
_images: OrderedDict[tuple, _TemplateImage] = OrderedDict()


def _template_image(image: AbstractImage | None, what: str) -> _TemplateImage | None:
    """The image's rendition ready to embed, or None (logged) when the file is missing or broken.

    Built on first use in the process; later PDFs reuse it without a query or a file read.
    """
    if image is None:
        return None
    key = (image.pk, image.created_at, image.file.name, image.file_hash, image.file_size)
    cached = _images.get(key)
    if cached is not None:
        return cached
    try:
        rendition = image.get_rendition(IMAGE_FILTER)
        with rendition.file.open("rb") as handle:
            reader = ImageReader(io.BytesIO(handle.read()))
        built = _TemplateImage.build(reader, f"paragraf-template-image:{key!r}")
    except (OSError, ValueError) as exc:
        logger.warning("certificate %s image %s unreadable, left out: %s", what, image.pk, exc)
        return None
    _images[key] = built
    while len(_images) > 8:
        _images.popitem(last=False)
    return built


_DARK_RUN = re.compile(rb"\x01+")


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
    operators = [
        f"{run.start()} {row_index} {run.end() - run.start()} 1 re"
        for row_index, row in enumerate(matrix)
        for run in _DARK_RUN.finditer(row)
    ]
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
    if " ".join(text.split()) == text and pdfmetrics.stringWidth(text, font, size) < width - 0.01:
        lines = [text]  # what simpleSplit gives for a line that fits, one width instead of many
    else:
        lines = simpleSplit(text, font, size, width) or [""]
    for line in lines:
        canvas.setFont(font, size)
        canvas.drawCentredString(page_width / 2, y, line)
        y -= size * 1.3
    return y


def certificate_pdf_render(content: CertificateContent) -> bytes:
    """The certificate as PDF bytes (one A4 page). Reads the template images, if any."""
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

        logo = _template_image(content.logo, "logo")
        if logo is not None:
            logo.draw(canvas, margin, height - margin - 60, width=180, height=60)

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

        signature = _template_image(content.signature, "signature")
        sign_y = 250
        if signature is not None:
            signature.draw(canvas, margin, sign_y + 6, width=180, height=60)
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
        _page_streams_compress(canvas)
        canvas.save()
    return buffer.getvalue()
