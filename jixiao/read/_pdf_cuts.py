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

__all__ = ["Cut", "close_cuts", "continued", "cut_labels", "is_cut"]

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
    page before (the same text, or its tail when the label itself was cut)?"""
    return bool(text) and (text == before or (len(text) >= 2 and before.endswith(text)))


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
