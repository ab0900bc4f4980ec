"""Read back what a viewer shows of a certificate PDF, with no PDF library in the venv.

Enough of PDF for what reportlab writes: indirect objects with direct ``/Length``, Flate and
ASCII85 streams, TrueType subsets with a ToUnicode map, text drawn with ``Tj``, and the QR
code drawn as ``re`` rectangles in module units.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from reportlab.lib.rl_accel import asciiBase85Decode

_OBJECT = re.compile(rb"(\d+) 0 obj\s*")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


@dataclass
class PdfObject:
    number: int
    head: bytes  # the dictionary (or the whole object when it has no stream)
    stream: bytes | None  # decoded


def objects(data: bytes) -> dict[int, PdfObject]:
    """Every indirect object, its stream decoded through its filters."""
    found = {}
    for match in _OBJECT.finditer(data):
        start = match.end()
        end = data.index(b"endobj", start)
        marker = data.find(b"stream\n", start, end)
        if marker < 0:
            found[int(match.group(1))] = PdfObject(int(match.group(1)), data[start:end], None)
            continue
        head = data[start:marker]
        length = int(re.search(rb"/Length (\d+)", head).group(1))
        raw = data[marker + len(b"stream\n") : marker + len(b"stream\n") + length]
        end = data.index(b"endobj", marker + len(b"stream\n") + length)
        filters = re.search(rb"/Filter \[([^\]]*)\]", head)
        for name in filters.group(1).split() if filters else []:
            if name == b"/ASCII85Decode":
                raw = asciiBase85Decode(raw)
            elif name == b"/FlateDecode":
                raw = zlib.decompress(raw)
            elif name != b"/DCTDecode":
                raise ValueError(f"filter {name!r} not read here")
        found[int(match.group(1))] = PdfObject(int(match.group(1)), head, raw)
    return found


def _reference(head: bytes, key: bytes) -> int:
    return int(re.search(rb"/" + key + rb" (\d+) 0 R", head).group(1))


def _unescape(literal: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(literal):
        char = literal[i : i + 1]
        if char != b"\\":
            out += char
            i += 1
            continue
        following = literal[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8))
            i += 1 + len(octal.group(0))
        else:
            out += _ESCAPES.get(following, following)
            i += 2
    return bytes(out)


def _to_unicode(cmap: bytes) -> dict[int, str]:
    pairs = re.findall(rb"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4,})>", cmap.split(b"beginbfchar")[1])
    return {int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be") for code, text in pairs}


def page_content(data: bytes) -> bytes:
    """The (single) page's content stream, decoded."""
    found = objects(data)
    page = next(obj for obj in found.values() if re.search(rb"/Type /Page\b", obj.head))
    return found[_reference(page.head, b"Contents")].stream


def _font_maps(found: dict[int, PdfObject]) -> dict[bytes, dict[int, str]]:
    maps = {}
    for obj in found.values():
        if re.search(rb"/Type /Font\b", obj.head) and b"/ToUnicode" in obj.head:
            name = re.search(rb"/Name /(\S+)", obj.head).group(1)
            maps[name] = _to_unicode(found[_reference(obj.head, b"ToUnicode")].stream)
    return maps


_TOKEN = re.compile(rb"/(\S+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", re.S)


def _runs(content: bytes, maps: dict[bytes, dict[int, str]]) -> list[str]:
    """The strings one content stream shows, decoded through the fonts' ToUnicode maps."""
    runs, font = [], {}
    for match in _TOKEN.finditer(content):
        if match.group(1) is not None:
            font = maps.get(match.group(1), {})
        else:
            runs.append("".join(font.get(code, "?") for code in _unescape(match.group(2))))
    return runs


def text_runs(data: bytes) -> list[str]:
    """The strings shown on the page, in drawing order, as a viewer's copy-and-paste gives them."""
    return _runs(page_content(data), _font_maps(objects(data)))


def qr_modules(data: bytes) -> set[tuple[int, int]]:
    """The dark QR modules drawn, as (row, column): the integer ``re`` rectangles on the page."""
    dark = set()
    for x, y, w, h in re.findall(rb"^(\d+) (\d+) (\d+) (\d+) re$", page_content(data), re.M):
        for row in range(int(y), int(y) + int(h)):
            for col in range(int(x), int(x) + int(w)):
                dark.add((row, col))
    return dark


def image_xobjects(data: bytes) -> list[PdfObject]:
    return [obj for obj in objects(data).values() if b"/Subtype /Image" in obj.head]


def pages_text(data: bytes) -> str:
    """The strings drawn on every page, in drawing order, joined by spaces (for documents of
    more than one page, such as the status report)."""
    found = objects(data)
    maps = _font_maps(found)
    runs = []
    for page in (obj for obj in found.values() if re.search(rb"/Type /Page\b", obj.head)):
        runs += _runs(found[_reference(page.head, b"Contents")].stream, maps)
    return " ".join(runs)
