"""Table grids of a scanned page, from its ruling lines.

Horizontal and vertical lines are picked out of the binarised page by morphological opening
with long thin kernels; a table is one connected frame of such lines. Its row and column
boundaries are where line segments run, and two neighbouring grid positions belong to one
merged cell where the segment between them is missing (as in a printed form: a merged cell
is a cell without its inner borders).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.read._ocr_seal_lines import bridge

__all__ = ["Cell", "Grid", "find_grids"]


@dataclass(slots=True)
class Cell:
    """One cell: its first grid position, its span and its box in page pixels."""

    row: int
    col: int
    rows: int
    cols: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 (inside the ruling lines)


@dataclass(slots=True)
class Grid:
    """One table: boundaries in page pixels and its cells in reading order."""

    ys: list[int]
    xs: list[int]
    cells: list[Cell] = field(default_factory=list)

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _lines(binary: Any, dpi: float, gray: Any = None) -> tuple[Any, Any]:
    import cv2

    from jixiao.read._ocr_faint import with_pale

    close = max(
        1, round(dpi / 200)
    )  # bridges the pin-holes noise leaves in a thin line, not the gap between characters
    hk = max(20, round(dpi * 0.3))  # longer than any stroke of a character at form sizes
    vk = max(12, round(dpi * 0.12))  # shorter than the lowest row, but a row is ≥ 0.15 in
    h = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (close + 1, 1)))
    hkern, vkern = (cv2.getStructuringElement(cv2.MORPH_RECT, size) for size in ((hk, 1), (1, vk)))
    h = cv2.morphologyEx(h, cv2.MORPH_OPEN, hkern)
    v = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, close + 1)))
    v = cv2.morphologyEx(v, cv2.MORPH_OPEN, vkern)
    if gray is not None:  # the page's light evened: pale stretches of the lines found
        h, v = with_pale(h, gray, dpi, hkern, True), with_pale(v, gray, dpi, vkern, False)
    return h, v


def _cluster(values: list[tuple[float, float]], tol: float) -> list[int]:
    """Positions of line segments (position, length) merged within ``tol`` pixels."""
    out: list[list[float]] = []
    for pos, length in sorted(values):
        if out and pos - out[-1][0] / out[-1][1] <= tol:
            out[-1][0] += pos * length
            out[-1][1] += length
        else:
            out.append([pos * length, length])
    return [round(s / n) for s, n in out]


def _coverage(mask: Any, horizontal: bool, at: int, lo: int, hi: int, tol: int) -> float:
    """Share of the span ``lo..hi`` along which a line runs at ``at`` (± ``tol``)."""
    if hi <= lo:
        return 1.0
    band = (
        mask[max(at - tol, 0) : at + tol + 1, lo:hi]
        if horizontal
        else mask[lo:hi, max(at - tol, 0) : at + tol + 1]
    )
    hits = band.max(axis=0 if horizontal else 1)
    return float((hits > 0).mean())


def find_grids(binary: Any, dpi: float, gray: Any = None, hidden: Any = None) -> tuple[list[Grid], Any]:
    """Every ruled table on the page, top to bottom, and the mask of their ruling lines.

    ``gray``: the page before binarising, its light evened (``_ocr_light``): ruling lines the
    binariser broke beside dense text are continued where they are pale (``_ocr_faint``).
    ``hidden``: where a seal's ink was painted out (``_ocr_image.seal_mask``): a border the
    table has outside the seal runs on through it (``_ocr_seal_lines``); no border is made there.

    The mask holds only the lines of the tables' frames (dilated a little), so it can be erased
    before recognition without touching a long stroke of a character.
    """
    import cv2
    import numpy as np

    horiz, vert = _lines(binary, dpi, gray)
    frame = horiz | vert
    n, labels, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    min_w, min_h = dpi * 1.0, dpi * 0.15
    tol = max(3, round(dpi * 0.03))
    grids: list[Grid] = []
    mask = np.zeros_like(binary)
    for k in range(1, n):
        x, y, w, h, _area = stats[k]
        if w < min_w or h < min_h:
            continue
        comp = labels[y : y + h, x : x + w] == k
        hm = (horiz[y : y + h, x : x + w] > 0) & comp
        vm = (vert[y : y + h, x : x + w] > 0) & comp
        ys = _segments(hm, horizontal=True, min_len=dpi * 0.15, tol=tol)
        vb = _borders(vm, hm, dpi * 0.08)
        xs = _segments(vb, horizontal=False, min_len=dpi * 0.08, tol=tol)
        if len(ys) < 2 or len(xs) < 2:
            continue
        seal = None if hidden is None else hidden[y : y + h, x : x + w]
        if seal is not None and seal.any():  # the positions stay: only their lines run on
            ink = binary[y : y + h, x : x + w] > 0
            hm, vm = bridge(hm, vm, ys, seal, ink, dpi, True), bridge(vm, hm, xs, seal, ink, dpi, False)
            vb = _borders(vm, hm, dpi * 0.08)
        vm = vb
        mask[y : y + h, x : x + w][hm | vm] = 255
        grid = _cells(hm, vm, ys, xs, tol)
        grid.ys = [v + y for v in grid.ys]
        grid.xs = [v + x for v in grid.xs]
        for c in grid.cells:
            x0, y0, x1, y1 = c.box
            c.box = (x0 + x, y0 + y, x1 + x, y1 + y)
        grids.append(grid)
    grids.sort(key=lambda g: g.ys[0])
    return grids, cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))


def _segments(mask: Any, horizontal: bool, min_len: float, tol: int) -> list[int]:
    """Positions of the line segments in ``mask``, clustered."""
    import cv2
    import numpy as np

    n, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    found: list[tuple[float, float]] = []
    for k in range(1, n):
        x, y, w, h, _ = stats[k]
        length, centre = (w, y + h / 2) if horizontal else (h, x + w / 2)
        if length >= min_len:
            found.append((centre, float(length)))
    return _cluster(found, tol * 2)


def _borders(vm: Any, hm: Any, min_len: float) -> Any:
    """The vertical segments that meet two horizontal lines or more: borders, not the long
    stroke of a character (which stops short of the lines, or touches one when text is cramped).
    A border still counts where the page cut the table off below its last line."""
    import cv2
    import numpy as np

    n, labels, stats, _ = cv2.connectedComponentsWithStats(vm.astype(np.uint8), connectivity=8)
    keep = np.zeros(n, bool)
    for k in range(1, n):
        x, y, w, h, _ = stats[k]
        keep[k] = h >= min_len and _lines_met(hm, x, y, w, h) >= 2
    return keep[labels]


def _lines_met(hm: Any, x: int, y: int, w: int, h: int, reach: int = 3) -> int:
    """How many horizontal lines a vertical segment touches or crosses (a border meets two or
    more; a character's stroke at most the one it is cramped against)."""
    import numpy as np

    hit = hm[max(y - reach, 0) : y + h + reach, max(x - reach, 0) : x + w + reach].any(axis=1)
    return int(np.count_nonzero(hit[1:] & ~hit[:-1]) + (1 if len(hit) and hit[0] else 0))


def _cells(hm: Any, vm: Any, ys: list[int], xs: list[int], tol: int) -> Grid:
    """Grid positions joined where the border between them is missing."""
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for r in range(nr):
        y0, y1 = ys[r] + tol, ys[r + 1] - tol
        for c in range(nc - 1):
            if _coverage(vm, False, xs[c + 1], y0, y1, tol) < 0.5:
                join(r * nc + c, r * nc + c + 1)
    for r in range(nr - 1):
        for c in range(nc):
            x0, x1 = xs[c] + tol, xs[c + 1] - tol
            if _coverage(hm, True, ys[r + 1], x0, x1, tol) < 0.5:
                join(r * nc + c, (r + 1) * nc + c)
    spans: dict[int, list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            root = find(r * nc + c)
            s = spans.setdefault(root, [r, c, r, c])
            s[0], s[1] = min(s[0], r), min(s[1], c)
            s[2], s[3] = max(s[2], r), max(s[3], c)
    cells = [
        Cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
        for r0, c0, r1, c1 in spans.values()
    ]
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(ys=ys, xs=xs, cells=cells)
