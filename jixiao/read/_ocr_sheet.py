"""The sheet of paper in a phone photo: what lies beyond its edges is no ink.

A photo shows the desk around the page. Binarised, the step from the dark desk to the bright
paper becomes a thick band of "ink" along every side of the sheet; the title and the notes
below a table, read as running text, were joined to that band and recognised as "■" and
garbage (on the unseen photos: the title, year, unit and date of almost every form lost).

Each side of the sheet is found as a straight, sharp step from a darker outside to the paper,
seen in most bands of rows (a printed border line is dark on both sides: no step; text in the
margin steps at random places: no straight line). Beyond the edge the page is filled, row by
row, with the tone of the paper next to it, so nothing remains for the binariser to see. A
page whose sides show no such edge (every scan) is returned unchanged.
"""

from __future__ import annotations

from typing import Any

__all__ = ["fill_background", "sheet_edge_found"]

_REACH = 0.3  # a side's edge is looked for in this share of the page next to it
_STEP = 18  # grey levels the paper is brighter than the outside, at least (a shadowed side: ≥ 20)
_SEEN = 0.15  # share of the bands of rows in which the edge must be found on its line
_ON_LINE = 3  # pixels a band's edge may lie off the fitted line


def _edge(gray: Any, dpi: float) -> tuple[float, float, int, int] | None:
    """The sheet's edge on the left of ``gray`` as x = a + b·y for rows y0..y1, or None.

    The edge may run along part of the side only (the page leaves the frame elsewhere).
    """
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    limit = int(w * _REACH)
    near, far = max(2, round(dpi / 70)), max(8, round(dpi / 14))  # 0.015 in .. 0.07 in
    band = max(4, round(dpi / 25))
    if limit <= 2 * far + 2 or h < 4 * band:
        return None
    rows = h // band
    profiles = gray[: rows * band, :limit].reshape(rows, band, limit).mean(axis=1, dtype=np.float64)
    zero = np.zeros((rows, 1))
    csum = np.concatenate([zero, np.cumsum(profiles, axis=1)], axis=1)
    sq = np.concatenate([zero, np.cumsum(profiles**2, axis=1)], axis=1)
    x = np.arange(far, limit - far)
    n = far - near
    inner = (csum[:, x + far] - csum[:, x + near]) / n
    outer = (csum[:, x - near + 1] - csum[:, x - far + 1]) / n
    spread = np.sqrt(np.maximum((sq[:, x - near + 1] - sq[:, x - far + 1]) / n - outer**2, 0))
    # the outside is even (a desk, a shadow), not a ruling line beside paper
    step = np.where(spread <= _STEP / 2, inner - outer, 0)
    best = step.argmax(axis=1)
    strong = step[np.arange(rows), best] >= _STEP
    if strong.sum() < _SEEN * rows:
        return None
    ys = (np.arange(rows) * band + band / 2)[strong]
    xs = (x[best] + 0.5)[strong]
    points = np.column_stack([xs, ys]).astype(np.float32)
    vx, vy, x0, y0 = cv2.fitLine(points, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    if abs(vy) < 0.9:  # far from vertical: no side of a page
        return None
    b = float(vx / vy)
    a = float(x0 - b * y0)
    on = np.abs(xs - (a + b * ys)) <= _ON_LINE
    if on.sum() < _SEEN * rows:
        return None
    return a, b, int(ys[on].min()) - band, int(ys[on].max()) + band


def _fill_left(gray: Any, dpi: float) -> bool:
    """Fill what lies left of the sheet's left edge with the paper's tone; whether one was found."""
    import numpy as np

    found = _edge(gray, dpi)
    if found is None:
        return False
    a, b, top, bottom = found
    h, w = gray.shape[:2]
    near, far = max(2, round(dpi / 70)), max(8, round(dpi / 14))
    for y in range(max(0, top), min(h, bottom + 1)):
        e = round(a + b * y) + near  # a pixel into the paper: the edge's blur goes too
        if e <= 0:
            continue
        e = min(e, w - far)
        paper = np.percentile(gray[max(0, y - near) : y + near + 1, e : e + far], 80)
        gray[y, :e] = int(paper)
    return True


def _views(gray: Any) -> tuple[Any, Any, Any, Any]:
    """``gray`` seen so that each side in turn lies on the left: left, right, top, bottom."""
    return gray, gray[:, ::-1], gray.T, gray.T[:, ::-1]


def sheet_edge_found(gray: Any, dpi: float) -> bool:
    """Whether any side of ``gray`` shows the edge of a sheet on a desk (a photo), filling nothing.

    The desk is told before the page is straightened and filled after it: a bowed sheet's edges
    bow with its rows, and a straight line fitted to a bowed edge left the corners and part of
    the edge unfilled, binarised as ink (tests/ocr/test_phone.py).
    """
    return any(_edge(view, dpi) is not None for view in _views(gray))


def fill_background(gray: Any, dpi: float) -> Any:
    """``gray`` with the desk around a photographed sheet filled with paper (a copy), or itself."""
    out = gray.copy()
    found = False
    for view in _views(out):
        found |= _fill_left(view, dpi)
    return out if found else gray
