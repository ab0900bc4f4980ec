"""Certificate PDF rendering: median milliseconds per PDF against reportlab alone.

Figures (each the median of ``RENDERS`` renders after a warm-up, fonts registered once per
process as in the running app):

- one certificate PDF as Paragraf renders it: embedded TrueType font (subset), Danish text,
  the vector QR code to the verification URL, no template images; budget 6 ms (DESIGN.md);
- the same with a logo and a signature (Wagtail images uploaded as 1200 × 400 PNGs; the PDF
  embeds their cached renditions), as a configured template has them; same budget;
- baseline, measured in the same run: a bare reportlab canvas page with one line of text in
  a base-14 font, saved to bytes.

Rendering takes a ``CertificateContent`` (no certificate rows needed); with images, the first
PDF in a process reads the two renditions (a query and a file read each) and later ones reuse
them, as in the running app (``certificates.pdf._template_image``). The service that stores the PDF adds one
file write and one UPDATE. The note gives the median CPU time too: on a shared machine the
wall-clock figure includes waiting for a core.
"""

from __future__ import annotations

import datetime as dt
import io
import time

from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bench.harness import BenchContext, Figure, median, timed
from certificates.pdf import CertificateContent, certificate_pdf_render
from people.fonts import fonts_register

RENDERS = 50
BUDGET_MS = 6.0


def _bench_image(title: str, colour: tuple[int, int, int]):
    """A Wagtail image of a typical upload size (1200 × 400 PNG), created once per database."""
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image

    image = Image.objects.filter(title=title).first()
    if image is None:
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 400), colour).save(buffer, format="PNG")
        image = Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))
    return image


def _content(*, images: bool) -> CertificateContent:
    return CertificateContent(
        heading="Kursusbevis",
        intro="Det bekræftes hermed, at",
        holder_name="Søren Ærø-Åberg Kjærgård",
        body="har gennemført kurset",
        course_title="Forvaltningsret for nye ledere – partshøring, aktindsigt og begrundelse",
        completed_on=dt.date(2026, 3, 12),
        valid_until=dt.date(2028, 3, 12),
        code_display="ABCD-EFGH-JKLM",
        verification_url="https://paragraf.kk.dk/certifikater/ABCD-EFGH-JKLM/",
        footer="Teknik- og Miljøforvaltningen · Københavns Kommune · Njalsgade 13, 2300 København S",
        signatory_name="Mette Højgaard Sørensen",
        signatory_title="Administrerende direktør",
        logo=_bench_image("bench-certificate-logo", (0, 60, 120)) if images else None,
        signature=_bench_image("bench-certificate-signature", (20, 20, 20)) if images else None,
    )


def _reportlab_alone() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont("Helvetica", 14)
    canvas.drawString(72, 720, "Kursusbevis")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _cpu_ms(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        samples.append((time.process_time() - start) * 1000)
    return median(samples)


def run(ctx: BenchContext) -> list[Figure]:
    repeat = max(RENDERS, int(ctx.extra.get("repeat", RENDERS)))
    fonts_register()
    plain, with_images = _content(images=False), _content(images=True)
    baseline = median(timed(_reportlab_alone, repeat=repeat, warmup=3))
    rendered = median(timed(lambda: certificate_pdf_render(plain), repeat=repeat, warmup=3))
    rendered_images = median(
        timed(lambda: certificate_pdf_render(with_images), repeat=repeat, warmup=3)
    )
    size_kb = len(certificate_pdf_render(plain)) / 1024
    cpu = _cpu_ms(lambda: certificate_pdf_render(plain), repeat)
    cpu_images = _cpu_ms(lambda: certificate_pdf_render(with_images), repeat)
    cpu_baseline = _cpu_ms(_reportlab_alone, repeat)
    return [
        Figure(
            "certificate PDF render (TTF, QR, no images)",
            rendered,
            "ms",
            budget=BUDGET_MS,
            baseline=baseline,
            baseline_name="reportlab alone",
            note=f"median of {repeat}; CPU {cpu:.2f} ms; {size_kb:.0f} KB",
        ),
        Figure(
            "certificate PDF render (TTF, QR, logo + signature)",
            rendered_images,
            "ms",
            budget=BUDGET_MS,
            baseline=baseline,
            baseline_name="reportlab alone",
            note=f"median of {repeat}; CPU {cpu_images:.2f} ms",
        ),
        Figure(
            "reportlab alone (one page, one line, base-14)",
            baseline,
            "ms",
            note=f"median of {repeat}; CPU {cpu_baseline:.2f} ms",
        ),
    ]
