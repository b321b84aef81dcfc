"""A page printed from a spreadsheet without cell borders: its cells rebuilt from where text stands.

"Print to PDF" of an Excel/WPS/Calc sheet whose cells have no borders leaves no ruling line, only
the characters; ``_pdf_tables`` finds no table. The sheet's grid is still in the text:

- columns: a sheet's columns have one left edge down the whole page, so the left ends of texts
  (figures are set from the right and left out) cluster on the column edges; a header label
  starts a column even alone;
- cells: a cell is drawn as a unit (content order), its wrapped lines one pitch apart, each line
  but the last full (the next line's first character or word would not have fitted);
- rows: every cell of a row is aligned alike in its row (centred, or on its top, or its bottom),
  so its blocks share one centre (top, bottom) however many lines each wraps over, even when a
  fixed row height lets a block overflow into its neighbours' rows;
- a cell merged over several rows is aligned in its span, between or beside the rows' own
  centres: its text goes to the first row of the span, as a ruled PDF reads a merged cell.

Each row comes back as the texts of its grid columns, as ``_pdf_tables`` gives a ruled table's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from jixiao.read._clean import clean_cell
from jixiao.read._headers import budget_role, column_role, field_of
from jixiao.read._pdf_page import Char

__all__ = ["Sheet", "SheetRow", "sheet_rows"]

_SAME_TOP = 0.5  # pt: the characters of one drawn line share their top
_GAP = 0.6  # em: a wider gap between two characters of a line parts two cells
_SPACE = 0.15  # em: a narrower gap is no space
_SNAP = 2.0  # pt: left edges this near are one column edge
_MIN_PITCH, _MAX_PITCH = 0.8, 2.0  # the line pitch of a wrapped cell, in font sizes
_SAME_PITCH = 0.5  # pt
_SAME_X = 1.0  # pt: the lines of one left-aligned (or centred) block start (centre) at one x
_FULL = 1.5  # pt: a wrapped line ends this near its cell's right edge, less its next word
_ALIGNED = 0.3  # em: blocks of one row share their centre (top, bottom) within this
_OWN_ROW = 0.75  # em: a block nearer than this to a fuller row's centre is aligned in a span
_MIN_HEADER = 3  # header labels on one line make the page a sheet
_POINTS_END = re.compile(r"[（(]\d+(?:\.\d+)?分[）)]$")
_DIGIT = re.compile(r"\d")
_FIGURE_GOES_ON = re.compile(r"[\d.,%]")
_SPANNING = frozenset({"level1", "level2", "goal"})  # the header roles of columns of merged labels
_FIGURE = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")
_UNIT = re.compile(r"^[（(《“‘\[]*(?:[A-Za-z0-9/.%+\-]+|.)[）)》”’\]，。、；：！？,.;:!?%]*")


@dataclass(slots=True)
class _Piece:
    chars: list[Char]
    col: int = 0
    text: str = ""

    def __post_init__(self) -> None:
        self.text = _text(self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)


@dataclass(slots=True)
class _Block:
    col: int
    lines: list[_Piece] = field(default_factory=list)

    def key(self, align: str) -> float:
        top, bottom = self.lines[0].top, self.lines[-1].bottom
        return top if align == "top" else bottom if align == "bottom" else (top + bottom) / 2


@dataclass(slots=True)
class SheetRow:
    """One row of the sheet: where it stands, its texts by grid column, its largest type."""

    top: float
    texts: list[str]
    size: float


@dataclass(slots=True)
class Sheet:
    """What a page the sheet runs on to keeps from the page before: its column edges and the
    columns its last header row names."""

    edges: list[float]
    labelled: set[int] = field(default_factory=set)


def _text(chars: list[Char]) -> str:
    out = [chars[0].text]
    for prev, c in pairwise(chars):
        if c.x0 - prev.x1 >= _SPACE * c.size:
            out.append(" ")
        out.append(c.text)
    return "".join(out)


def _pieces(chars: Sequence[Char]) -> list[_Piece]:
    """Runs of characters drawn one after another on one line, no wide gap between them."""
    out: list[_Piece] = []
    run: list[Char] = []
    for c in chars:
        if c.text.isspace():
            continue
        if run:
            prev = run[-1]
            if (
                abs(c.top - prev.top) >= _SAME_TOP
                or c.x0 < prev.x1 - _SAME_X
                or c.x0 - prev.x1 > _GAP * max(c.size, prev.size)
            ):
                out.append(_Piece(run))
                run = []
        run.append(c)
    if run:
        out.append(_Piece(run))
    return out


def _is_label(text: str) -> bool:
    text = clean_cell(text)
    return bool(column_role(text) or budget_role(text))


def _edges(pieces: list[_Piece]) -> list[float]:
    """The column edges: left ends of texts (not figures) met on two lines or more, or a label's."""
    starts = sorted((p.x0, p.top, _is_label(p.text)) for p in pieces if not _FIGURE.match(p.text))
    edges: list[float] = []
    group: list[tuple[float, float, bool]] = []
    for item in [*starts, None]:
        if item is not None and group and item[0] - group[-1][0] <= _SNAP:
            group.append(item)
            continue
        if group and (len({round(t) for _, t, _ in group}) >= 2 or any(lab for *_, lab in group)):
            edges.append(min(x for x, _, _ in group))
        group = [item] if item is not None else []
    return edges


def _split(pieces: list[_Piece], edges: list[float]) -> list[_Piece]:
    """A piece running over a column edge where one cell ends and the next starts: a figure set
    from the right up to its column's end (``14``, ``83%``) or a gap before the edge."""
    out: list[_Piece] = []
    for p in pieces:
        start = 0
        for k in range(1, len(p.chars)):
            prev, c = p.chars[k - 1], p.chars[k]
            edge = next((e for e in edges if prev.x1 - 0.5 <= e <= c.x0 + 2.0), None)
            if edge is None or prev.x1 > edge + 0.5:
                continue
            left = p.chars[start:k]
            if c.x0 - prev.x1 >= 1.0 or (_FIGURE.match(_text(left)) and not _FIGURE_GOES_ON.match(c.text)):
                out.append(_Piece(left))
                start = k
        out.append(_Piece(p.chars[start:]) if start else p)
    return out


def _column(p: _Piece, edges: list[float]) -> int:
    """A figure's column holds its right end, a text's its left end."""
    x = p.x1 - _SNAP if _FIGURE.match(p.text) else p.x0 + _SNAP
    return max(0, bisect_right(edges, x) - 1)


def _first_width(p: _Piece) -> float:
    """The width of what a wrapped line's rest starts with, the least a line break leaves
    together: opening brackets with what follows, a word or figure (``B/A``, ``10``) or one
    character, and the closing marks after it (``分）``, ``，``)."""
    m = _UNIT.match(p.text.replace(" ", ""))
    n = len(m.group(0)) if m else 1
    return p.chars[min(n, len(p.chars)) - 1].x1 - p.x0


def _blocks(pieces: list[_Piece], edges: list[float], right: float) -> list[_Block]:
    """The cells: pieces of one column one pitch apart, each but the last full (its cell's rest
    would not have fitted on it), in content order (a cell is drawn whole, maybe between other
    columns' cells of its row)."""
    out: list[_Block] = []
    open_: dict[int, _Block] = {}  # the last block of each column
    for p in pieces:
        last = open_.get(p.col)
        if last is not None and _continues(last, p, edges, right):
            last.lines.append(p)
            continue
        open_[p.col] = _Block(p.col, [p])
        out.append(open_[p.col])
    return out


def _continues(block: _Block, p: _Piece, edges: list[float], right: float) -> bool:
    prev = block.lines[-1]
    if _FIGURE.match(prev.text) or _FIGURE.match(p.text):
        return False  # a figure is set on one line, from the right: a full line means nothing
    if len(block.lines) == 1 and field_of(clean_cell(prev.text)):
        return False  # a whole field label (部门（单位）名称) that happens to fill its column
    if _POINTS_END.search(prev.text):
        return False  # a label ends with its points (质量指标（10分）): the next line is the next cell's
    step = p.top - prev.top
    if not _MIN_PITCH * p.size <= step <= _MAX_PITCH * p.size:
        return False
    if len(block.lines) > 1 and abs(step - (prev.top - block.lines[-2].top)) > _SAME_PITCH:
        return False
    if abs(p.x0 - prev.x0) > _SAME_X and abs((p.x0 + p.x1) - (prev.x0 + prev.x1)) > 2 * _SAME_X:
        return False
    k = bisect_right(edges, prev.x1 - _SAME_X)
    end = edges[k] if k < len(edges) else right
    return prev.x1 + _first_width(p) > end - _FULL and p.x1 <= end + _SAME_X


def _cut_chains(blocks: list[_Block], size: float) -> list[_Block]:
    """Two cells of one column chained into one block (the upper one's last line happened to
    leave no room for the lower one's first word), in rows taller than their text: the block
    aligns with no other, but cut between two of its lines each part of two lines or more
    centres on a row of other blocks. (A label merged over two one-line rows wraps over two
    lines, each on a row's centre: it is not cut.)"""
    keys = sorted(b.key("centre") for b in blocks)
    tol = _ALIGNED * size

    def aligned(y: float, but: float) -> bool:
        k = bisect_right(keys, y - tol)
        return any(abs(keys[j] - y) <= tol and keys[j] != but for j in range(k, min(k + 3, len(keys))))

    out: list[_Block] = []
    for b in blocks:
        y = b.key("centre")
        if len(b.lines) >= 4 and not aligned(y, y):
            for k in range(2, len(b.lines) - 1):
                upper, lower = _Block(b.col, b.lines[:k]), _Block(b.col, b.lines[k:])
                if aligned(upper.key("centre"), y) and aligned(lower.key("centre"), y):
                    out += [upper, lower]
                    break
            else:
                out.append(b)
            continue
        out.append(b)
    return out


def _clusters(keys: list[tuple[float, int]], tol: float) -> list[list[int]]:
    out: list[list[int]] = []
    last = None
    for key, i in sorted(keys):
        if last is None or key - last > tol:
            out.append([])
        out[-1].append(i)
        last = key
    return out


def sheet_rows(chars: Sequence[Char], before: Sheet | None = None) -> tuple[list[SheetRow], Sheet] | None:
    """The page's rows by grid column and its column edges, or ``None`` when no line of the page
    is a table header and the page before was no sheet (``before``: its column edges, which a
    page the sheet runs on to, without its header repeated, keeps)."""
    pieces = _pieces(chars)
    if not pieces:
        return None
    by_line = _clusters([(p.top, i) for i, p in enumerate(pieces)], _SAME_TOP * 4)
    head = any(sum(_is_label(pieces[i].text) for i in line) >= _MIN_HEADER for line in by_line)
    if not head and not before:
        return None
    edges = _edges(pieces) if head or before is None else before.edges
    if len(edges) < _MIN_HEADER:
        return None
    pieces = _split(pieces, edges)
    for p in pieces:
        p.col = _column(p, edges)
    size = median(p.size for p in pieces)
    blocks = _blocks(pieces, edges, max(p.x1 for p in pieces) + 0.5)
    align, rows = min(
        (
            (a, _clusters([(b.key(a), i) for i, b in enumerate(blocks)], _ALIGNED * size))
            for a in ("centre", "top", "bottom")
        ),
        key=lambda found: len(found[1]),
    )
    if align == "centre":
        cut = _cut_chains(blocks, size)
        if len(cut) > len(blocks):
            blocks = cut
            rows = _clusters([(b.key(align), i) for i, b in enumerate(blocks)], _ALIGNED * size)
    sheet = Sheet(edges, set(before.labelled) if before is not None and not head else set())
    return _assemble(blocks, rows, align, size, sheet), sheet


def _assemble(
    blocks: list[_Block], clusters: list[list[int]], align: str, size: float, sheet: Sheet
) -> list[SheetRow]:
    """Rows from the clusters of aligned blocks; a cluster near a fuller one is a merged cell's."""
    centre = [sum(blocks[i].key(align) for i in c) / len(c) for c in clusters]
    own = [
        k
        for k, c in enumerate(clusters)
        if not any(
            len(clusters[j]) > len(c) and abs(centre[j] - centre[k]) < _OWN_ROW * size
            for j in range(max(0, k - 2), min(len(clusters), k + 3))
            if j != k
        )
    ]
    at = [centre[k] for k in own]
    cells: list[dict[int, list[_Block]]] = [{} for _ in own]
    for slot, k in enumerate(own):
        for i in clusters[k]:
            cells[slot].setdefault(blocks[i].col, []).append(blocks[i])
    _place_spans(blocks, clusters, own, at, cells, align)
    out: list[SheetRow] = []
    width, labelled = len(sheet.edges), sheet.labelled  # the columns the last header row names
    for slot, row in enumerate(cells):
        texts = ["" for _ in range(width)]
        for col, found in row.items():
            if found:
                texts[col] = _cell_text(found)
        members = [p for found in row.values() for b in found for p in b.lines]
        if not members:
            continue
        top = min(p.top for p in members)
        if sum(_is_label(t) for t in texts if t) >= _MIN_HEADER:
            labelled.clear()
            labelled.update(k for k, t in enumerate(texts) if t)
        elif labelled:
            _figures_under_labels(texts, labelled)
        out.append(SheetRow(min(top, at[slot]), texts, max(p.size for p in members)))
    return out


def _figures_under_labels(texts: list[str], labelled: set[int]) -> None:
    """A figure set from the right ends in the last column of its merged cell: it moves to the
    merge's first column, the one its header label names (empty between), as a ruled PDF puts it."""
    for k, t in enumerate(texts):
        if not t or k in labelled or not _FIGURE.match(t):
            continue
        j = k - 1
        while j >= 0 and j not in labelled and not texts[j]:
            j -= 1
        if j >= 0 and j in labelled and not texts[j]:
            texts[j], texts[k] = t, ""


def _header_spans(
    cells: list[dict[int, list[_Block]]], heads: list[int], at: list[float], bounds: list[float]
) -> dict[int, float]:
    """Where the rows of a header whose labels are merged over several rows end (指标值 over
    近两年指标值 over 前年 | 上年, 一级指标 merged down all three): its labels are centred on
    the header's rows, which start after the nearest row above printing more than labels; the
    rows of the span below print labels, no figure."""
    out: dict[int, float] = {}
    if not bounds:
        return out
    labels_only = [all(_is_label(b.lines[0].text) for f in row.values() for b in f) for row in cells]
    for h in heads:
        above = max((s for s in range(h) if cells[s] and not labels_only[s]), default=-1)
        # nothing above but labels: the header's rows start with the first row's top
        start = bounds[above] if above >= 0 else 2 * at[0] - bounds[0]
        end = 2 * at[h] - start
        later = [e for e in bounds if e > at[h]]
        if not later:
            continue
        end = min(later, key=lambda e: abs(e - end))
        below = [s for s, c in enumerate(at) if at[h] < c < end]
        if below and not any(
            _DIGIT.search(p.text)
            for s in below
            for found in cells[s].values()
            for b in found
            for p in b.lines
        ):
            out[h] = end
    return out


def _cell_text(blocks: list[_Block]) -> str:
    """The lines of a cell's blocks top down; blocks side by side on one line joined by a space."""
    lines = sorted((p for b in blocks for p in b.lines), key=lambda p: (round(p.top), p.x0))
    out = lines[0].text
    for prev, p in pairwise(lines):
        out += (" " if abs(p.top - prev.top) < _SAME_TOP * 4 else "\n") + p.text
    return out


def _place_spans(
    blocks: list[_Block],
    clusters: list[list[int]],
    own: list[int],
    at: list[float],
    cells: list[dict[int, list[_Block]]],
    align: str,
) -> None:
    """A merged cell's text to the first row of its span, column by column top down. A centred
    span reaches as far beyond its centre as it starts before it, and starts where the span above
    it in its column ended: a block between the rows' centres is such a span's; so is a block on
    a row's centre (a span of an odd number of rows) with rows empty in its column both above it
    (since the span above) and below it (to its span's end)."""
    bounds = [(a + b) / 2 for a, b in pairwise(at)]
    slot_of = {i: slot for slot, k in enumerate(own) for i in clusters[k]}
    index = {id(b): i for i, b in enumerate(blocks)}

    def empty(col: int, lo: float, hi: float, but: int) -> list[int] | None:
        found = [s for s, c in enumerate(at) if lo < c < hi and s != but]
        return found if found and not any(cells[s].get(col) for s in found) else None

    heads = [
        s
        for s, row in enumerate(cells)
        if sum(_is_label(b.lines[0].text) for found in row.values() for b in found) >= _MIN_HEADER
    ]

    def data_column(col: int, slot: int) -> bool:
        """Under the nearest header: a column of the rows' own values (no merged labels), or
        the header itself."""
        head = max((h for h in heads if h <= slot), default=None)
        if head is None:
            return False
        if head == slot:
            return True
        labels = [clean_cell(b.lines[0].text) for b in cells[head].get(col, [])]
        return any((column_role(t) not in _SPANNING and column_role(t)) or budget_role(t) for t in labels)

    def span_end(y: float, start: float | None, lo: float) -> float | None:
        end = 2 * y - (lo if start is None else start) if align == "centre" else y
        later = [e for e in bounds if e >= y]
        return min(later, key=lambda e: abs(e - end)) if later else None

    def _header_end(slot: int, y: float, start: float | None) -> float | None:
        if start is not None and not empty(col, start, y, slot):
            return None  # text above it in its column since the span above: no merged label
        return header_end.get(slot)

    header_end = _header_spans(cells, heads, at, bounds) if align == "centre" else {}
    for col in sorted({b.col for b in blocks}):
        start: float | None = None
        for b in sorted((b for b in blocks if b.col == col), key=lambda b: b.key(align)):
            i, y = index[id(b)], b.key(align)
            slot = slot_of.get(i)
            if slot is not None:
                above = None
                if start is not None and align == "centre" and not data_column(col, slot):
                    above = empty(col, start, y, slot)
                end = span_end(y, start, y) if above else None
                below = empty(col, y, end, slot) if above and end is not None else None
                if above and below:
                    cells[slot][col].remove(b)
                    cells[above[0]].setdefault(col, []).append(b)
                    start = end
                else:
                    start = _header_end(slot, y, start) or (bounds[slot] if slot < len(bounds) else None)
                continue
            if start is None:  # the span above is unknown: the row just above the centre starts it
                first = max([s for s, c in enumerate(at) if c < y], default=0)
            else:
                first = next((s for s, c in enumerate(at) if c > start), len(at) - 1)
            if align == "bottom":
                first = min(range(len(at)), key=lambda s: abs(at[s] - y))
            cells[first].setdefault(col, []).append(b)
            start = span_end(y, start, bounds[first - 1] if first > 0 else at[0])
