"""A printed table as a grid of merged cells, and a document as parts (lines of text outside the
table, grids): what every writer of ``_write6`` lays out in its own format."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Grid:
    width: int
    cells: dict[tuple[int, int], tuple[str, int, int]] = field(default_factory=dict)
    covered: set[tuple[int, int]] = field(default_factory=set)
    nrows: int = 0
    after: dict[int, int] = field(default_factory=dict)  # row → trailing grid columns absent (w:gridAfter)

    def put(self, r: int, c: int, v: object, rs: int = 1, cs: int = 1) -> None:
        assert c + cs <= self.width, (r, c, v, cs, self.width)
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                assert (rr, cc) not in self.cells and (rr, cc) not in self.covered, (rr, cc, v)
                if (rr, cc) != (r, c):
                    self.covered.add((rr, cc))
        self.cells[(r, c)] = ("" if v is None else str(v), rs, cs)
        self.nrows = max(self.nrows, r + rs)

    def row(self, r: int, items: list[object], spans: list[int] | None = None) -> None:
        """Cells left to right; ``spans`` widths (the last stretched to the table's width)."""
        spans = list(spans or [1] * len(items))
        spans[-1] = self.width - sum(spans[:-1])
        c = 0
        for v, s in zip(items, spans, strict=True):
            self.put(r, c, v, 1, s)
            c += s

    def blank(self, r: int, c0: int = 0) -> None:
        for c in range(c0, self.width):
            if (r, c) not in self.cells and (r, c) not in self.covered:
                self.put(r, c, "")
        self.nrows = max(self.nrows, r + 1)

    def fill(self) -> None:
        """Every position owned by a cell (missing positions become empty cells)."""
        for r in range(self.nrows):
            self.blank(r)

    def value(self, r: int, c: int) -> str | None:
        """The text at a position: the cell's own, None where covered."""
        cell = self.cells.get((r, c))
        return None if cell is None else cell[0]

    def flat(self, covered: str | None = "") -> list[list[str | None]]:
        """Rows of values; covered positions as ``covered`` (None drops them)."""
        out = []
        for r in range(self.nrows):
            row: list[str | None] = []
            for c in range(self.width - self.after.get(r, 0)):
                v = self.value(r, c)
                if v is None:
                    if covered is None:
                        continue
                    v = covered
                row.append(v)
            out.append(row)
        return out


@dataclass
class Doc:
    """A document: parts in order, each ``("lines", [...])`` or ``("grid", Grid)``."""

    parts: list[tuple[str, object]] = field(default_factory=list)

    def lines(self, *ls: str) -> None:
        self.parts.append(("lines", [x for x in ls if x is not None]))

    def grid(self, g: Grid) -> None:
        g.fill()
        self.parts.append(("grid", g))

    def extend(self, other: Doc) -> None:
        self.parts += other.parts
