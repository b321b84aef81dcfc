"""Wrapped cell text that overflows its row, given back to the cell it was centred in.

A spreadsheet printed with fixed row heights (LibreOffice's XLSX → PDF) draws a cell's wrapped
text as one vertically centred block even when it is taller than the row: its first and last
lines stand over the rows above and below. Assigned line by line, such a name is cut in two
and interleaved with its neighbours' halves. A block here is a run of lines that follow each
other in content order, start at the same x and step down by one constant line pitch; when one
of its lines crosses its cell's border and the block's centre sits at a cell's vertical centre,
every character of the block counts as lying at that centre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.read._pdf_page import Char

__all__ = ["block_mids"]

Box = tuple[float, float, float, float]

_SAME_TOP = 0.5  # pt: characters of one line share their top (box anchored on the baseline)
_SAME_X = 1.0  # pt: the lines of one left-aligned block start at one x
_SAME_PITCH = 0.5  # pt: the lines of one block step down by one pitch
_MIN_PITCH, _MAX_PITCH = 0.8, 2.0  # line pitch in font sizes
_CROSS = 0.5  # pt past a cell's border counts as overflowing it
_CENTRED = 0.25  # of the pitch: how near the block's centre lies to its cell's centre


@dataclass(slots=True)
class _Line:
    chars: list[int]
    x0: float
    top: float
    bottom: float
    size: float


def block_mids(cells: Sequence[Box], chars: Sequence[Char]) -> dict[int, float]:
    """Char index → the vertical centre it counts at, for the chars of overflowing centred blocks."""
    lines = _lines(chars)
    out: dict[int, float] = {}
    for block in _blocks(lines):
        if len(block) < 2 or not any(_overflows(line, cells) for line in block):
            continue
        top, bottom = block[0].top, block[-1].bottom
        mid = (top + bottom) / 2
        pitch = block[1].top - block[0].top
        x = block[0].x0 + _SAME_X
        home = [c for c in cells if c[0] <= x < c[2] and c[1] <= mid < c[3]]
        if not home or abs((home[0][1] + home[0][3]) / 2 - mid) > _CENTRED * pitch:
            continue
        if any(not _in_home(line, home[0], cells) for line in block):
            continue  # a line standing wholly in another cell is that cell's text
        centre = (home[0][1] + home[0][3]) / 2
        for line in block:
            for i in line.chars:
                out[i] = centre
    return out


def _lines(chars: Sequence[Char]) -> list[_Line]:
    """Runs of consecutive characters (content order) on one top: the lines as drawn."""
    out: list[_Line] = []
    last: _Line | None = None  # out[-1]
    for i, c in enumerate(chars):
        if c.text.isspace():
            continue
        if last is not None and -_SAME_TOP < c.top - last.top < _SAME_TOP and c.x0 >= last.x0:
            last.chars.append(i)
            if c.bottom > last.bottom:  # max(), without the call
                last.bottom = c.bottom
            continue
        last = _Line([i], c.x0, c.top, c.bottom, c.size)
        out.append(last)
    return out


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Lines chained in content order: same start x, each one constant pitch below the last."""
    open_: list[list[_Line]] = []  # one open block per start x
    done: list[list[_Line]] = []
    for line in lines:
        block = next((b for b in open_ if abs(b[-1].x0 - line.x0) <= _SAME_X), None)
        if block is not None:
            step = line.top - block[-1].top
            fits = _MIN_PITCH * line.size <= step <= _MAX_PITCH * line.size
            if fits and len(block) > 1:
                fits = abs(step - (block[1].top - block[0].top)) <= _SAME_PITCH
            if fits:
                block.append(line)
                continue
            open_.remove(block)
            done.append(block)
        open_.append([line])
    return done + open_


def _cell_of(line: _Line, cells: Sequence[Box]) -> Box | None:
    mid = (line.top + line.bottom) / 2
    x = line.x0 + _SAME_X
    return next((c for c in cells if c[0] <= x < c[2] and c[1] <= mid < c[3]), None)


def _overflows(line: _Line, cells: Sequence[Box]) -> bool:
    cell = _cell_of(line, cells)
    return cell is not None and (line.top < cell[1] - _CROSS or line.bottom > cell[3] + _CROSS)


def _in_home(line: _Line, home: Box, cells: Sequence[Box]) -> bool:
    """The line lies in the block's cell, over its border, or outside every cell."""
    cell = _cell_of(line, cells)
    return cell is None or cell == home or _overflows(line, cells)
