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
from statistics import median

from jixiao.read._clean import clean_cell
from jixiao.read._headers import field_of
from jixiao.read._pdf_page import Char
from jixiao.read._pdf_sheet_rows import (
    FIGURE,
    MIN_HEADER,
    SAME_TOP,
    Block,
    Piece,
    Sheet,
    SheetRow,
    assemble,
    is_label,
    text_of,
)

__all__ = ["Sheet", "SheetRow", "sheet_rows"]

_GAP = 0.6  # em: a wider gap between two characters of a line parts two cells
_SNAP = 2.0  # pt: left edges this near are one column edge
_MIN_PITCH, _MAX_PITCH = 0.8, 2.0  # the line pitch of a wrapped cell, in font sizes
_SAME_PITCH = 0.5  # pt
_SAME_X = 1.0  # pt: the lines of one left-aligned (or centred) block start (centre) at one x
_FULL = 1.5  # pt: a wrapped line ends this near its cell's right edge, less its next word
_ALIGNED = 0.3  # em: blocks of one row share their centre (top, bottom) within this
_POINTS_END = re.compile(r"[（(]\d+(?:\.\d+)?分[）)]$")
_FIGURE_GOES_ON = re.compile(r"[\d.,%]")
_UNIT = re.compile(r"^[（(《“‘\[]*(?:[A-Za-z0-9/.%+\-]+|.)[）)》”’\]，。、；：！？,.;:!?%]*")


def _pieces(chars: Sequence[Char]) -> list[Piece]:
    """Runs of characters drawn one after another on one line, no wide gap between them."""
    out: list[Piece] = []
    run: list[Char] = []
    for c in chars:
        if c.text.isspace():
            continue
        if run:
            prev = run[-1]
            if (
                abs(c.top - prev.top) >= SAME_TOP
                or c.x0 < prev.x1 - _SAME_X
                or c.x0 - prev.x1 > _GAP * max(c.size, prev.size)
            ):
                out.append(Piece(run))
                run = []
        run.append(c)
    if run:
        out.append(Piece(run))
    return out


def _edges(pieces: list[Piece]) -> list[float]:
    """The column edges: left ends of texts (not figures) met on two lines or more, or a label's."""
    starts = sorted((p.x0, p.top, is_label(p.text)) for p in pieces if not FIGURE.match(p.text))
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


def _split(pieces: list[Piece], edges: list[float]) -> list[Piece]:
    """A piece running over a column edge where one cell ends and the next starts: a figure set
    from the right up to its column's end (``14``, ``83%``) or a gap before the edge."""
    out: list[Piece] = []
    for p in pieces:
        start = 0
        for k in range(1, len(p.chars)):
            prev, c = p.chars[k - 1], p.chars[k]
            edge = next((e for e in edges if prev.x1 - 0.5 <= e <= c.x0 + 2.0), None)
            if edge is None or prev.x1 > edge + 0.5:
                continue
            left = p.chars[start:k]
            if c.x0 - prev.x1 >= 1.0 or (FIGURE.match(text_of(left)) and not _FIGURE_GOES_ON.match(c.text)):
                out.append(Piece(left))
                start = k
        out.append(Piece(p.chars[start:]) if start else p)
    return out


def _column(p: Piece, edges: list[float]) -> int:
    """A figure's column holds its right end, a text's its left end."""
    x = p.x1 - _SNAP if FIGURE.match(p.text) else p.x0 + _SNAP
    return max(0, bisect_right(edges, x) - 1)


def _first_width(p: Piece) -> float:
    """The width of what a wrapped line's rest starts with, the least a line break leaves
    together: opening brackets with what follows, a word or figure (``B/A``, ``10``) or one
    character, and the closing marks after it (``分）``, ``，``)."""
    m = _UNIT.match(p.text.replace(" ", ""))
    n = len(m.group(0)) if m else 1
    return p.chars[min(n, len(p.chars)) - 1].x1 - p.x0


def _blocks(pieces: list[Piece], edges: list[float], right: float) -> list[Block]:
    """The cells: pieces of one column one pitch apart, each but the last full (its cell's rest
    would not have fitted on it), in content order (a cell is drawn whole, maybe between other
    columns' cells of its row)."""
    out: list[Block] = []
    open_: dict[int, Block] = {}  # the last block of each column
    for p in pieces:
        last = open_.get(p.col)
        if last is not None and _continues(last, p, edges, right):
            last.lines.append(p)
            continue
        open_[p.col] = Block(p.col, [p])
        out.append(open_[p.col])
    return out


def _continues(block: Block, p: Piece, edges: list[float], right: float) -> bool:
    prev = block.lines[-1]
    if FIGURE.match(prev.text) or FIGURE.match(p.text):
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


def _cut_chains(blocks: list[Block], size: float) -> list[Block]:
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

    out: list[Block] = []
    for b in blocks:
        y = b.key("centre")
        if len(b.lines) >= 4 and not aligned(y, y):
            for k in range(2, len(b.lines) - 1):
                upper, lower = Block(b.col, b.lines[:k]), Block(b.col, b.lines[k:])
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
    by_line = _clusters([(p.top, i) for i, p in enumerate(pieces)], SAME_TOP * 4)
    head = any(sum(is_label(pieces[i].text) for i in line) >= MIN_HEADER for line in by_line)
    if not head and not before:
        return None
    edges = _edges(pieces) if head or before is None else before.edges
    if len(edges) < MIN_HEADER:
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
    return assemble(blocks, rows, align, size, sheet), sheet
