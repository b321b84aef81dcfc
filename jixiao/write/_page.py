"""The page a form is printed on, independent of the file format: cells, tables, paragraphs.

The geometry the XLSX and DOCX writers render (``_layout`` builds it per template) and the
number formats every writer prints figures in.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from jixiao.review import figures

__all__ = [
    "Cell",
    "Paragraph",
    "Sheet",
    "Table",
    "Template",
    "fmt_date",
    "fmt_money",
    "fmt_num",
    "fmt_percent",
    "fmt_rate",
    "text_lines",
]


class Template(StrEnum):
    """Printed templates: the seeds' Wuhan/Hubei layout and the national 财预〔2020〕10号 one."""

    WUHAN = "wuhan"
    NATIONAL = "national"


Align = Literal["left", "center", "right"]


@dataclass(slots=True)
class Cell:
    """One (possibly merged) cell; ``value`` is a number only where a spreadsheet should compute."""

    row: int
    col: int
    text: str
    value: float | None = None
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    align: Align = "center"
    # the (row, col) cells of this table that add up to this one: a spreadsheet writes =SUM(...)
    sum_of: list[tuple[int, int]] | None = None


@dataclass(slots=True)
class Table:
    ncols: int
    widths: list[float]  # relative column widths, in characters of a 10.5pt CJK font
    cells: list[Cell] = field(default_factory=list)
    nrows: int = 0
    keep: set[int] = field(default_factory=set)  # rows printed on the same page as the next row

    def put(
        self,
        row: int,
        col: int,
        text: str | None,
        *,
        value: float | None = None,
        rowspan: int = 1,
        colspan: int = 1,
        bold: bool = False,
        align: Align = "center",
    ) -> None:
        self.cells.append(Cell(row, col, text or "", value, rowspan, colspan, bold, align))
        self.nrows = max(self.nrows, row + rowspan)

    def row(
        self, *specs: tuple[str | None, int] | str | None, bold: bool = False, align: Align = "center"
    ) -> int:
        """Append a row from ``(text, colspan)`` pairs (a bare text spans one column)."""
        r = self.nrows
        c = 0
        for spec in specs:
            text, span = spec if isinstance(spec, tuple) else (spec, 1)
            self.put(r, c, text, colspan=span, bold=bold, align=align)
            c += span
        if c != self.ncols:  # pragma: no cover - a programming error in a layout below
            raise ValueError(f"row spans {c} of {self.ncols} columns")
        return r

    def grid(self) -> list[list[str]]:
        """The text grid as a reader sees it: merged-away cells are ``""``."""
        g = [["" for _ in range(self.ncols)] for _ in range(self.nrows)]
        for cell in self.cells:
            g[cell.row][cell.col] = cell.text
        return g


ParagraphKind = Literal["title", "header", "heading", "note", "text"]


@dataclass(slots=True)
class Paragraph:
    text: str
    kind: ParagraphKind = "text"


@dataclass(slots=True)
class Sheet:
    """One form as printed: its blocks in order."""

    name: str
    blocks: list[Paragraph | Table] = field(default_factory=list)
    landscape: bool = False

    @property
    def ncols(self) -> int:
        return max((b.ncols for b in self.blocks if isinstance(b, Table)), default=1)


# --- value formatting -------------------------------------------------------------------------


def fmt_num(value: float | None) -> str:
    """Numbers as a form prints them: 20.0 -> "20", 944.63 -> "944.63"."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def fmt_rate(rate: float | None) -> str:
    """A fraction as a percentage: 0.6883 -> "68.83%"."""
    if rate is None:
        return ""
    return fmt_num(round(rate * 100, 8)) + "%"


def fmt_money(value: float) -> str:
    """An amount in 万元 as a report states it, always to the 分 of a 万元 figure: 2903.5 -> "2903.50".

    A form cell keeps the digits the form printed (``fmt_num``: the file reads back to the same
    form); a sentence of a report uses the one finance format, whatever the unit typed, the same
    as a finding's message (``review.figures``).
    """
    return figures.fmt_money(value)


def fmt_percent(rate: float) -> str:
    """A fraction as a report's percentage, at most 2 decimals: 0.44462997 -> "44.46%"."""
    return figures.fmt_pct(rate)


def fmt_date(iso: str | None) -> str:
    """ISO date -> "2021年6月17日" (as forms print it); anything else unchanged."""
    if not iso:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", iso)
    if not m:
        return iso
    return f"{int(m[1])}年{int(m[2])}月{int(m[3])}日"


def text_lines(text: str, width_chars: float) -> int:
    """Printed lines of a wrapped text in a cell ``width_chars`` CJK characters wide."""
    if not text:
        return 1
    n = 0
    for part in text.split("\n"):
        units = sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in part)
        n += max(1, math.ceil(units / max(width_chars - 1, 1)))
    return n
