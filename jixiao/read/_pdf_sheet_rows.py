"""The rows of a sheet printed without borders, from its cells' blocks (``_pdf_sheet``).

Blocks of one row share their centre (``_pdf_sheet`` clusters them); a cluster near a fuller one's
centre, or a block on a row's centre with its column empty above and below, is a cell merged over
rows, and its text goes to the first row of its span, as a ruled PDF reads a merged cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from jixiao.read._clean import clean_cell
from jixiao.read._headers import budget_role, column_role
from jixiao.read._pdf_page import Char

__all__ = [
    "FIGURE",
    "MIN_HEADER",
    "SAME_TOP",
    "Block",
    "Piece",
    "Sheet",
    "SheetRow",
    "assemble",
    "is_label",
    "text_of",
]

SAME_TOP = 0.5  # pt: the characters of one drawn line share their top
MIN_HEADER = 3  # header labels on one line make the page a sheet (and a row a header)
_OWN_ROW = 0.75  # em: a block nearer than this to a fuller row's centre is aligned in a span
_DIGIT = re.compile(r"\d")
_SPANNING = frozenset({"level1", "level2", "goal"})  # the header roles of columns of merged labels
FIGURE = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")
_SPACE = 0.15  # em: a narrower gap is no space


def text_of(chars: list[Char]) -> str:
    """The characters' text, a space where they stand apart."""
    out = [chars[0].text]
    for prev, c in pairwise(chars):
        if c.x0 - prev.x1 >= _SPACE * c.size:
            out.append(" ")
        out.append(c.text)
    return "".join(out)


@dataclass(slots=True)
class Piece:
    chars: list[Char]
    col: int = 0
    text: str = ""

    def __post_init__(self) -> None:
        self.text = text_of(self.chars)

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
class Block:
    col: int
    lines: list[Piece] = field(default_factory=list)

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


def is_label(text: str) -> bool:
    text = clean_cell(text)
    return bool(column_role(text) or budget_role(text))


def assemble(
    blocks: list[Block], clusters: list[list[int]], align: str, size: float, sheet: Sheet
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
    cells: list[dict[int, list[Block]]] = [{} for _ in own]
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
        if sum(is_label(t) for t in texts if t) >= MIN_HEADER:
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
        if not t or k in labelled or not FIGURE.match(t):
            continue
        j = k - 1
        while j >= 0 and j not in labelled and not texts[j]:
            j -= 1
        if j >= 0 and j in labelled and not texts[j]:
            texts[j], texts[k] = t, ""


def _header_spans(
    cells: list[dict[int, list[Block]]], heads: list[int], at: list[float], bounds: list[float]
) -> dict[int, float]:
    """Where the rows of a header whose labels are merged over several rows end (指标值 over
    近两年指标值 over 前年 | 上年, 一级指标 merged down all three): its labels are centred on
    the header's rows, which start after the nearest row above printing more than labels; the
    rows of the span below print labels, no figure."""
    out: dict[int, float] = {}
    if not bounds:
        return out
    labels_only = [all(is_label(b.lines[0].text) for f in row.values() for b in f) for row in cells]
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


def _cell_text(blocks: list[Block]) -> str:
    """The lines of a cell's blocks top down; blocks side by side on one line joined by a space."""
    lines = sorted((p for b in blocks for p in b.lines), key=lambda p: (round(p.top), p.x0))
    out = lines[0].text
    for prev, p in pairwise(lines):
        out += (" " if abs(p.top - prev.top) < SAME_TOP * 4 else "\n") + p.text
    return out


def _place_spans(
    blocks: list[Block],
    clusters: list[list[int]],
    own: list[int],
    at: list[float],
    cells: list[dict[int, list[Block]]],
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
        if sum(is_label(b.lines[0].text) for found in row.values() for b in found) >= MIN_HEADER
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
