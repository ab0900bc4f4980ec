"""The status report as plain data: sections of text, charts and tables, in the order the
committee reads them. The page, the PDF and the Word document each draw this one structure, so
the three cannot disagree on a figure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Table:
    caption: str
    headings: list[str]
    rows: list[list[str]] = field(default_factory=list)
    #: Said in the table's place when it has no rows.
    empty: str = ""


@dataclass
class Chart:
    """Horizontal bars, one per label; ``percent`` bars run to 100, counts to the largest.
    Its figures are also in ``table``, which every rendering puts right after the chart."""

    id: str
    title: str
    #: The text alternative: what the chart shows and its main reading.
    desc: str
    bars: list[tuple[str, float | None]]
    table: Table
    percent: bool = True


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class StatusReport:
    title: str
    subject: str  # the unit (and subtree) the report covers
    date_from: dt.date
    date_to: dt.date
    made_at: dt.datetime
    summary: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def stem(self) -> str:
        """The file name without its extension."""
        return f"statusrapport-{self.date_from:%Y-%m-%d}-{self.date_to:%Y-%m-%d}"
