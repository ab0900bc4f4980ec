"""The fonts of every PDF Paragraf writes (certificates, evidence): Bitstream Vera, which ships
inside the reportlab wheel (no system font path), covers æøå and is embedded as a subset.

Registered once per process through reportlab's public API; reportlab is imported only when a
PDF is rendered, so the web process does not load it for other pages.
"""

from __future__ import annotations

from pathlib import Path

FONT = "ParagrafSans"
FONT_BOLD = "ParagrafSans-Bold"


def fonts_register() -> None:
    """Register FONT and FONT_BOLD with reportlab; a no-op once they are registered."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font_dir = Path(reportlab.__file__).resolve().parent / "fonts"
    registered = pdfmetrics.getRegisteredFontNames()
    for name, file_name in ((FONT, "Vera.ttf"), (FONT_BOLD, "VeraBd.ttf")):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(font_dir / file_name)))
