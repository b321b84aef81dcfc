"""A curled sheet made flat again: its ruling lines bent back to straight rows.

A sheet photographed not lying flat bows: its rows are bent (a half-sine across the page, more at
the foot). The grid is found with long horizontal kernels and one row boundary per line, so a
bent line broke into pieces at different heights — rows merged, cells lost, three phone photos
of the unseen set read as "no form at all". A straight page's ruling lines all run level, so the
bend is measured from them: every long, thin horizontal line is sampled along its length, and one
smooth vertical displacement D(x, y) (a cubic across the page, varying linearly down it) plus
one height per line is fitted to the samples by least squares. The page is remapped by D when it
moves a row by more than a small share of an inch; a scan's lines are straight after deskew, its
D is nothing, and it is returned unchanged.

The same fit on the page transposed measures the vertical rules (``flatten_slant``): a sheet
photographed from below its middle, or bowed so a row closes wider, shows its table as a
trapezoid whose vertical rules slant (the outline no quadrilateral ``flatten`` takes), so the
grid's vertical kernels broke them and the cells beside merged. Their horizontal displacement
is fitted and undone in the same way.
"""

from __future__ import annotations

from typing import Any

__all__ = ["curl_field", "flatten_curl", "flatten_slant"]

_MIN_LINE = 1.0  # inches: a ruling line used to measure the bend is at least this long
_THIN = 0.04  # inches: its ink is at most this thick on average (a blurred text line is thicker)
_APPLY = 0.02  # inches: the page is remapped when the bend moves a row by more than this
_STEP = 0.08  # inches between the samples taken along a line
_MIN_LINES = 3  # lines needed to measure a bend at all


def _samples(binary: Any, dpi: float) -> list[tuple[Any, Any]]:
    """The long thin horizontal lines of a binarised page, each as sampled (x, y) arrays."""
    import cv2
    import numpy as np

    k = max(9, round(dpi * 0.08))  # shorter than a bent line's level pieces, longer than a stroke
    bridge = max(1, round(dpi / 150))
    bridging = cv2.getStructuringElement(cv2.MORPH_RECT, (1, bridge + 1))
    closed = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, bridging)
    horiz = cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    step = max(4, round(dpi * _STEP))
    out: list[tuple[Any, Any]] = []
    for c in range(1, n):
        x, y, w, h, area = stats[c]
        if w < dpi * _MIN_LINE or area / w > dpi * _THIN or h > 0.1 * w + dpi * 0.05:
            continue
        comp = labels[y : y + h, x : x + w] == c
        xs, ys = [], []
        for col in range(0, w, step):
            rows = np.flatnonzero(comp[:, col])
            if len(rows) and rows[-1] - rows[0] <= dpi * _THIN * 2:
                xs.append(x + col)
                ys.append(y + (rows[0] + rows[-1]) / 2)
        if len(xs) >= 4:
            out.append((np.asarray(xs, np.float64), np.asarray(ys, np.float64)))
    return out


def _terms(x: Any, y: Any) -> Any:
    """The bend's basis on coordinates scaled to 0..1: x, x², x³, each also times y (D(0, y) = 0)."""
    import numpy as np

    return np.stack([x, x**2, x**3, x * y, x**2 * y, x**3 * y], axis=-1)


def curl_field(binary: Any, dpi: float) -> tuple[Any, float] | None:
    """The fitted bend's coefficients (pixels, on scaled coordinates) and how far it moves the
    lines it was measured on (pixels, the most along any one line); None when too few show it."""
    import numpy as np

    lines = _samples(binary, dpi)
    if len(lines) < _MIN_LINES:
        return None
    h, w = binary.shape[:2]
    xs = np.concatenate([lx for lx, _ in lines]) / w
    ys = np.concatenate([ly for _, ly in lines]) / h
    owner = np.concatenate([np.full(len(lx), k) for k, (lx, _) in enumerate(lines)])
    offsets = np.zeros((len(xs), len(lines)))
    offsets[np.arange(len(xs)), owner] = 1.0
    a = np.concatenate([offsets, _terms(xs, ys)], axis=1)
    keep = np.ones(len(xs), bool)
    coef = None
    for _ in range(3):  # a piece of text taken for a line, or a line's junction, is left out
        coef, *_ = np.linalg.lstsq(a[keep], ys[keep], rcond=None)
        resid = np.abs(a @ coef - ys) * h
        keep = resid <= max(2.0, dpi * 0.01)
        if keep.sum() < 0.5 * len(xs):
            return None
    if coef is None:
        return None
    bend = a[:, len(lines) :] @ coef[len(lines) :] * h
    reach = max(float(np.ptp(bend[owner == k])) for k in range(len(lines)))
    return coef[len(lines) :] * h, reach


def _displacement(coef: Any, h: int, w: int) -> Any:
    """D(x, y) in pixels over the whole page (float32)."""
    import numpy as np

    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    return (_terms(xx / w, yy / h) @ coef.astype(np.float32)).astype(np.float32)


def flatten_curl(images: list[Any], binary: Any, dpi: float) -> list[Any]:
    """``images`` (all of the page's size) remapped so the lines of ``binary`` run level;
    the same objects when the page shows no bend."""
    import cv2
    import numpy as np

    found = curl_field(binary, dpi)
    if found is None or found[1] < dpi * _APPLY:
        return images
    h, w = binary.shape[:2]
    d = _displacement(found[0], h, w)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    map_y = yy + d
    return [cv2.remap(img, xx, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE) for img in images]


def flatten_slant(images: list[Any], binary: Any, dpi: float) -> list[Any]:
    """``images`` remapped so the vertical rules of ``binary`` run straight down (the bend of
    ``flatten_curl`` fitted on the transposed page); the same objects when none slants."""
    import cv2
    import numpy as np

    found = curl_field(np.ascontiguousarray(binary.T), dpi)
    if found is None or found[1] < dpi * _APPLY:
        return images
    h, w = binary.shape[:2]
    d = np.ascontiguousarray(_displacement(found[0], w, h).T)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    map_x = xx + d
    return [cv2.remap(img, map_x, yy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE) for img in images]
