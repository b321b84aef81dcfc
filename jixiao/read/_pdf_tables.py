"""Ruling segments → tables of cells, the way a printed form's borders define them.

A cell is the smallest rectangle whose four corners are crossings of ruling lines and whose four
sides are drawn; a merged cell is such a rectangle over several grid positions (the segments
between them are missing). Cells sharing a corner belong to one table. The rules and tolerances
are those of pdfplumber's ``lines`` strategy (snap 3 pt, join 3 pt, minimum length 3 pt,
crossing tolerance 3 pt), which the PDF reader used before, so tables come out as they did:

1. segments within 3 pt of each other (chained) snap to their mean position;
2. collinear segments less than 3 pt apart join; pieces shorter than 3 pt are dropped;
3. every crossing of a level and a plumb line (3 pt tolerance) is a corner;
4. from each corner, the nearest corner below and to the right joined to it by a drawn side,
   whose opposite corner exists and is joined to both, close the smallest cell.

A table's rows are its cells grouped by top; its columns are the distinct left edges of its
cells, so a merged cell stands in its first grid position and the positions it covers are None.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.read._pdf_blocks import block_mids
from jixiao.read._pdf_cuts import Cut, close_cuts, cut_labels
from jixiao.read._pdf_page import Char, Segment

__all__ = ["Table", "find_tables"]

SNAP = JOIN = MIN_LENGTH = CROSSING = 3.0  # pt
_PREFILTER = 1.0  # pt: shorter pieces are dropped before snapping (pdfplumber's prefilter)

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(slots=True)
class Table:
    """One ruled table: its rows, each a cell box per column (None where a merged cell covers)."""

    rows: list[list[Box | None]]
    bbox: Box
    row_tops: list[float] = field(default_factory=list)
    moved: dict[int, float] = field(default_factory=dict)  # chars of overflowing blocks (texts)
    cut_top: Cut | None = None  # the rule closing cells a page break cut (see find_tables)
    cut_bottom: Cut | None = None

    def texts(self, chars: Sequence[Char], extract: object, blocks: bool = True) -> list[list[str | None]]:
        """Each cell's characters (centre inside the cell) through ``extract``; None where covered.

        The characters of a wrapped block that overflows its row count at its cell's centre
        (``blocks=False``: pdfplumber's rule, each character where it lies).
        """
        cells = [c for row in self.rows for c in row if c is not None]
        self.moved = moved = block_mids(cells, chars) if blocks else {}
        if self.cut_top is not None or self.cut_bottom is not None:
            moved.update(cut_labels(cells, chars, self.cut_top, self.cut_bottom))
        mid = [moved.get(i, (c.top + c.bottom) / 2) for i, c in enumerate(chars)]  # _mid_y, inlined
        mid_x = [(c.x0 + c.x1) / 2 for c in chars]
        by_y = sorted(range(len(chars)), key=mid.__getitem__)
        ys = [mid[i] for i in by_y]
        # the characters of one band of rows (top … bottom), by centre x: a cell's characters
        # are a slice of its band's (one band per distinct top and bottom, most cells share it)
        bands: dict[tuple[float, float], tuple[list[float], list[int]]] = {}
        out: list[list[str | None]] = []
        for row in self.rows:
            texts: list[str | None] = []
            for cell in row:
                if cell is None:
                    texts.append(None)
                    continue
                x0, top, x1, bottom = cell
                band = bands.get((top, bottom))
                if band is None:
                    inside = by_y[bisect_left(ys, top) : bisect_left(ys, bottom)]
                    # by centre x (a NaN centre lies in no cell, as the comparisons said before)
                    inside = [i for i in inside if mid_x[i] == mid_x[i]]
                    inside.sort(key=mid_x.__getitem__)
                    band = bands[(top, bottom)] = ([mid_x[i] for i in inside], inside)
                xs, inside = band
                picked = sorted(inside[bisect_left(xs, x0) : bisect_left(xs, x1)])
                texts.append(extract([chars[i] for i in picked]))  # type: ignore[operator]
            out.append(texts)
        return out


def _mid_y(c: Char) -> float:
    return (c.top + c.bottom) / 2


@dataclass(slots=True)
class _Edge:
    horizontal: bool
    at: float
    lo: float
    hi: float


def find_tables(segments: Sequence[Segment], cut_top: bool = False, cut_bottom: bool = False) -> list[Table]:
    """The page's ruled tables, top to bottom (a lone cell is no table).

    ``cut_top``/``cut_bottom``: the page may continue a table from the page before / on the next
    page. A spreadsheet printed over pages draws no rule where the break cuts a merged cell, so
    the plumb lines of its columns end at the page's first (last) rule with nothing across them:
    that open side is closed by a rule across those plumb lines (``close_cuts``).
    """
    raw = [_Edge(s.horizontal, s.at, s.lo, s.hi) for s in segments if s.hi - s.lo >= _PREFILTER]
    edges = _merge(raw)
    top = bottom = None
    if cut_top or cut_bottom:
        extra, top, bottom = close_cuts(edges, cut_top, cut_bottom)
        if extra:
            edges = _merge(raw + extra)
    cells = _cells(_corners(edges))
    tables = [_table(group) for group in _groups(cells)]
    if tables and top is not None:
        tables[0].cut_top = top
    if tables and bottom is not None:
        tables[-1].cut_bottom = bottom
    return tables


def _merge(edges: list[_Edge]) -> list[_Edge]:
    out: list[_Edge] = []
    for horizontal in (False, True):
        same = [e for e in edges if e.horizontal is horizontal]
        _snap(same)
        lines: dict[float, list[_Edge]] = defaultdict(list)
        for e in same:
            lines[e.at].append(e)
        for at in sorted(lines):
            joined: list[_Edge] = []
            for e in sorted(lines[at], key=lambda e: e.lo):
                if joined and e.lo <= joined[-1].hi + JOIN:
                    joined[-1].hi = max(joined[-1].hi, e.hi)
                else:
                    joined.append(_Edge(horizontal, at, e.lo, e.hi))
            out.extend(e for e in joined if e.hi - e.lo >= MIN_LENGTH)
    return out


def _snap(edges: list[_Edge]) -> None:
    """Positions within ``SNAP`` of each other (chained) moved to the mean of their edges."""
    if not edges:
        return
    edges.sort(key=lambda e: e.at)
    group = [edges[0]]
    for e in edges[1:]:
        if e.at > group[-1].at + SNAP:
            _to_mean(group)
            group = []
        group.append(e)
    _to_mean(group)


def _to_mean(group: list[_Edge]) -> None:
    mean = sum(e.at for e in group) / len(group)
    for e in group:
        e.at = mean


Point = tuple[float, float]


def _corners(edges: list[_Edge]) -> dict[Point, tuple[set[int], set[int]]]:
    """Each crossing → (ids of the plumb edges through it, ids of the level edges through it)."""
    plumb = sorted((e for e in edges if not e.horizontal), key=lambda e: (e.at, e.lo))
    level = sorted((e for e in edges if e.horizontal), key=lambda e: (e.at, e.lo))
    level_at = [h.at for h in level]
    out: dict[Point, tuple[set[int], set[int]]] = {}
    for vi, v in enumerate(plumb):
        lo, hi = bisect_left(level_at, v.lo - CROSSING), bisect_left(level_at, v.hi + CROSSING + 1e-9)
        for hi_ in range(lo, hi):
            h = level[hi_]
            if (
                v.lo <= h.at + CROSSING
                and v.hi >= h.at - CROSSING
                and h.lo - CROSSING <= v.at <= h.hi + CROSSING
            ):
                vs, hs = out.setdefault((v.at, h.at), (set(), set()))
                vs.add(vi)
                hs.add(hi_)
    return out


def _cells(corners: dict[Point, tuple[set[int], set[int]]]) -> list[Box]:
    column: dict[float, list[Point]] = defaultdict(list)  # corners on one plumb line, top down
    row: dict[float, list[Point]] = defaultdict(list)  # corners on one level line, left to right
    at: dict[Point, tuple[int, int]] = {}  # a corner's place in its column and in its row
    ordered = sorted(corners)
    for p in ordered:
        at[p] = (len(column[p[0]]), len(row[p[1]]))
        column[p[0]].append(p)
        row[p[1]].append(p)

    out: list[Box] = []
    for p in ordered:
        down, across = at[p]
        below = column[p[0]][down + 1 :]  # the corners are distinct and sorted: those after p
        right = row[p[1]][across + 1 :]
        cell = _smallest(p, below, right, corners)
        if cell is not None:
            out.append(cell)
    return out


def _smallest(p: Point, below: list[Point], right: list[Point], corners: dict) -> Box | None:
    """The first corner below and the first to the right that close a cell with ``p``.

    Two corners are joined when one drawn edge runs through both: a plumb edge for corners on
    one column (index 0 of their edge sets), a level edge for corners on one row (index 1).
    """
    plumb, level = corners[p]
    across: list[tuple[Point, set[int]]] | None = None  # the corners right of p joined to it
    for b in below:
        under_plumb, under_level = corners[b]
        if plumb.isdisjoint(under_plumb):
            continue
        if across is None:
            across = [(r, corners[r][0]) for r in right if not level.isdisjoint(corners[r][1])]
        for r, side_plumb in across:
            far = corners.get((r[0], b[1]))
            if far is not None and not far[0].isdisjoint(side_plumb) and not far[1].isdisjoint(under_level):
                return (p[0], p[1], r[0], b[1])
    return None


def _groups(cells: list[Box]) -> list[list[Box]]:
    """Cells connected through shared corners, one group per table; lone cells dropped."""
    at_corner: dict[Point, list[int]] = defaultdict(list)
    fours: list[tuple[Point, ...]] = []  # each cell's corners, made once
    for i, (x0, top, x1, bottom) in enumerate(cells):
        four = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
        fours.append(four)
        for corner in four:
            at_corner[corner].append(i)
    seen = [False] * len(cells)
    groups: list[list[Box]] = []
    for start in range(len(cells)):
        if seen[start]:
            continue
        seen[start] = True
        todo, members = [start], []
        while todo:
            i = todo.pop()
            members.append(cells[i])
            for corner in fours[i]:
                for j in at_corner[corner]:
                    if not seen[j]:
                        seen[j] = True
                        todo.append(j)
        groups.append(members)
    groups.sort(key=lambda g: min((c[1], c[0]) for c in g))
    return [g for g in groups if len(g) > 1]


def _table(cells: list[Box]) -> Table:
    xs = sorted({c[0] for c in cells})
    by_top: dict[float, dict[float, Box]] = defaultdict(dict)
    for c in sorted(cells, key=lambda c: (c[1], c[0])):
        by_top[c[1]][c[0]] = c
    rows = [[by_top[top].get(x) for x in xs] for top in sorted(by_top)]
    bbox = (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )
    return Table(rows, bbox, sorted(by_top))
