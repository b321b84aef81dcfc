"""A printed table as a grid of merged cells, and a document as parts (text lines and grids),
so every writer (XLSX, DOCX, HTML, SpreadsheetML, CSV) prints the same cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


@dataclass(frozen=True)
class Pct:
    """A fraction printed as a percentage with ``decimals`` places (an XLSX ``0.00%`` number)."""

    rate: float
    decimals: int = 2

    def text(self) -> str:
        q = Decimal(str(self.rate)) * 100
        return f"{q.quantize(Decimal(10) ** -self.decimals, rounding=ROUND_HALF_UP)}%"


def fmt(v: Any) -> str:
    """A cell's printed text."""
    if v is None:
        return ""
    if isinstance(v, Pct):
        return v.text()
    if isinstance(v, float):
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)


@dataclass
class Cell:
    r: int
    c: int
    v: Any
    rs: int = 1
    cs: int = 1


@dataclass
class Grid:
    width: int
    cells: list[Cell] = field(default_factory=list)
    rows: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (r, c) -> "=…" (A1 refs)

    def put(self, r: int, c: int, v: Any, rs: int = 1, cs: int = 1) -> None:
        assert c + cs <= self.width, (r, c, v)
        self.cells.append(Cell(r, c, v, rs, cs))
        self.rows = max(self.rows, r + rs)

    def line(self, r: int, *items: tuple[int, Any, int]) -> None:
        """Cells of one row as (column, value, colspan)."""
        for c, v, cs in items:
            self.put(r, c, v, 1, cs)

    def matrix(self) -> list[list[Any]]:
        """Row × column values, a merged cell's value in its top-left position, None elsewhere."""
        m: list[list[Any]] = [[None] * self.width for _ in range(self.rows)]
        for cell in self.cells:
            m[cell.r][cell.c] = cell.v
        return m

    def covered(self) -> set[tuple[int, int]]:
        out = set()
        for cell in self.cells:
            for r in range(cell.r, cell.r + cell.rs):
                for c in range(cell.c, cell.c + cell.cs):
                    if (r, c) != (cell.r, cell.c):
                        out.add((r, c))
        return out


@dataclass
class Doc:
    """A printed document: ("p", text) lines and ("t", Grid) tables, in order."""

    parts: list[tuple[str, Any]] = field(default_factory=list)

    def p(self, text: str) -> None:
        self.parts.append(("p", text))

    def t(self, grid: Grid) -> None:
        self.parts.append(("t", grid))

    def grids(self) -> list[Grid]:
        return [g for k, g in self.parts if k == "t"]


def col_letter(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s
