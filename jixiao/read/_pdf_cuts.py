"""Merged cells cut by a page break, as LibreOffice and Excel print a sheet over pages.

A merged cell that a page break cuts is printed on both pages, with no rule at the cut: the
plumb lines of its column end at the page's last (next page: first) level rule with nothing
drawn across them, so the cell is not closed and its column is lost on that page. Its label is
centred on the whole merged area and clipped to the part on each page, so in the text layer it
stands past the cut on one page (below the table, or above it) and inside on the other.

``close_cuts`` draws the missing rule across the open plumb ends; ``cut_labels`` gives the
characters standing past a cut, in the span of a cut cell, to that cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jixiao.read._pdf_page import Char

__all__ = ["Carry", "Cut", "close_cuts", "continued", "cut_labels", "is_cut"]

Box = tuple[float, float, float, float]

_NEAR = 3.0  # pt: a plumb end this near the outermost rule ends at it (the snap tolerance)
_GAP = 1.0  # pt of a rule left undrawn counts as open


Cut = tuple[float, list[tuple[float, float]]]  # the rule's position, the spans left open there


def close_cuts(edges: Sequence[Any], top: bool, bottom: bool) -> tuple[list[Any], Cut | None, Cut | None]:
    """Level edges closing the open plumb ends at the outermost rule of the page (top and/or
    bottom), and each side closed with its open spans (None where it was closed already)."""
    plumb = [e for e in edges if not e.horizontal]
    if len(plumb) < 2:
        return [], None, None
    level = [e for e in edges if e.horizontal]
    out: list[Any] = []
    found: list[Cut | None] = [None, None]
    for k, (wanted, at) in enumerate(((top, min(v.lo for v in plumb)), (bottom, max(v.hi for v in plumb)))):
        if not wanted:
            continue
        ends = sorted(v.at for v in plumb if abs((v.lo if k == 0 else v.hi) - at) <= _NEAR)
        if len(ends) < 2:
            continue
        across = sorted((e.lo, e.hi) for e in level if abs(e.at - at) <= _NEAR)
        gaps = _gaps(across, ends[0], ends[-1])
        if not gaps:
            continue
        out.append(type(plumb[0])(True, at, ends[0], ends[-1]))
        found[k] = (at, gaps)
    return out, found[0], found[1]


def _gaps(spans: list[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """The parts of lo … hi that no span covers."""
    out: list[tuple[float, float]] = []
    reach = lo
    for a, b in spans:
        if a > reach + _GAP:
            out.append((reach, min(a, hi)))
        reach = max(reach, b)
    if reach < hi - _GAP:
        out.append((reach, hi))
    return [g for g in out if g[1] - g[0] > _GAP]


def is_cut(cell: Box, side: Cut, is_top: bool) -> bool:
    """Does the rule ``side`` close ``cell`` where no rule was drawn?"""
    at, gaps = side
    if abs((cell[1] if is_top else cell[3]) - at) > _NEAR:
        return False
    return any(a - _NEAR <= (cell[0] + cell[2]) / 2 <= b + _NEAR for a, b in gaps)


def continued(text: str, before: str) -> bool:
    """Is ``text`` at the top of a page the label of the cell ``before`` cut at the end of the
    page before (the same text, drawn once or more, or its tail when the label itself was cut)?"""
    if not text or not before:
        return False
    return not text.replace(before, "") or (len(text) >= 2 and before.endswith(text))


_SAME_X = 3.0  # pt: cells of one column on two pages start at one x
_MIN_TITLES = 3  # filled cells a repeated header row has at least


class Carry:
    """What a page of ruled tables leaves to the next: the labels of its cells cut at its foot,
    and its rows (a print-title header at the head of a later page repeats one of them)."""

    def __init__(self) -> None:
        self.labels: dict[float, str] = {}  # the page before's cut cells: left edge → label
        self.foot: dict[float, str] = {}
        self.rows: list[list[tuple[float, str]]] = []
        self.page: list[list[tuple[float, str]]] = []
        self.pending: dict[float, str] = {}

    def start_page(self) -> None:
        self.labels, self.foot = self.foot, {}
        self.rows.extend(self.page)
        self.page = []
        self.pending = {}

    def row(self, table: Any, boxes: Sequence[Box | None], texts: list[str], head: bool) -> None:
        """Mend one row's texts in place: a label continuing a cell cut at the foot of the page
        before is blanked; a header repeated as print titles keeps its own labels, and those of
        the cut cells drawn over it go to the cell below (under a repeated header the form
        starts its levels again, as the page before the break was read with a header row)."""
        cells = [(k, box) for k, box in enumerate(boxes) if box is not None and k < len(texts)]
        pending, self.pending = self.pending, {}
        if head and self.rows:
            self._titles(cells, texts)
        for k, box in cells:
            top = table.cut_top
            if top is not None and is_cut(box, top, True) and continued(texts[k], self._label(box[0])):
                texts[k] = ""
            if not texts[k]:
                texts[k] = next((t for x, t in pending.items() if abs(x - box[0]) <= _SAME_X), "")
            if table.cut_bottom is not None and texts[k] and is_cut(box, table.cut_bottom, False):
                self.foot[box[0]] = texts[k]
        self.page.append([(box[0], texts[k]) for k, box in cells])

    def _label(self, x: float) -> str:
        return next((t for at, t in self.labels.items() if abs(at - x) <= _SAME_X), "")

    def _titles(self, cells: list[tuple[int, Box]], texts: list[str]) -> None:
        """A row repeating an earlier row's labels (each a word, in the same columns; a merged
        cell whose label fell off the page may be empty) is that header as a print title."""
        match: dict[int, str] = {}
        for earlier in self.rows:
            match = {}
            for x, t in earlier:
                k = next((k for k, box in cells if abs(box[0] - x) <= _SAME_X), None)
                if t and k is not None and texts[k].startswith(t):
                    match[k] = t
            words = sum(not any(ch.isdigit() for ch in t) for t in match.values())
            rest = [(k, box[0]) for k, box in cells if k not in match and texts[k]]
            if words >= _MIN_TITLES and all(continued(texts[k], self._label(x)) for k, x in rest):
                break
        else:
            return
        for k, box in cells:
            tail = texts[k][len(match[k]) :] if k in match else texts[k]
            texts[k] = match.get(k, "")
            label = self._label(box[0])
            if tail:
                self.pending[box[0]] = label if continued(tail, label) else tail


def cut_labels(
    cells: Sequence[Box], chars: Sequence[Char], top: Cut | None, bottom: Cut | None
) -> dict[int, float]:
    """Char index → the vertical centre it counts at, for the characters past a cut edge that
    stand in the column span of a cell the cut closed (the label of that cut cell)."""
    out: dict[int, float] = {}
    for side, is_top in ((top, True), (bottom, False)):
        if side is None:
            continue
        at = side[0]
        cut = [c for c in cells if is_cut(c, side, is_top)]
        for i, ch in enumerate(chars):
            if ch.text.isspace():
                continue
            mid = (ch.top + ch.bottom) / 2
            if (mid >= at) if is_top else (mid <= at):
                continue
            x = (ch.x0 + ch.x1) / 2
            home = next((c for c in cut if c[0] <= x < c[2]), None)
            if home is not None:
                out[i] = (home[1] + home[3]) / 2
    return out
