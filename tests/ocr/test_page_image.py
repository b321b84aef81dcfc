"""Page cleaning before recognition (``_ocr_image``) on small drawn pages, no recognition.

Each page is a bare table drawn with OpenCV at 100 dpi, so a test takes a fraction of a second.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from jixiao.read._ocr_image import binarize, flatten, prepare, remove_seal  # noqa: E402

DPI = 100
W, H = round(8.27 * DPI), round(11.69 * DPI)


def _table(bottom_rows: int = 20, runs_on: bool = False, ragged: bool = False) -> Any:
    """An A4 page with a ruled table of ``bottom_rows`` rows, 5 columns; ``runs_on``: its first
    column runs on to the page's bottom edge past the last row (a row-spanning cell cut at a
    page break), so the table's outline is no quadrilateral; ``ragged``: every column runs on to
    a rule of its own at another depth, a staircase that nearly fills its quadrilateral (a
    row-spanning cell per column, each closed where it ends)."""
    img = np.full((H, W, 3), 255, np.uint8)
    x0, x1, y0, row = 70, W - 70, 120, 35
    xs = np.linspace(x0, x1, 6).astype(int)
    y1 = y0 + row * bottom_rows
    for k in range(bottom_rows + 1):
        cv2.line(
            img, (x0 if k in (0, bottom_rows) else int(xs[1]), y0 + k * row), (x1, y0 + k * row), (0, 0, 0), 2
        )
    depth = [H - 60 - 40 * k for k in range(5)]  # ragged: column k closed at depth[k]
    for k, x in enumerate(xs):
        end = H - 1 if runs_on and k < 2 else (depth[max(k - 1, 0)] if ragged else y1)
        cv2.line(img, (int(x), y0), (int(x), end), (0, 0, 0), 2)
    for k in range(5 if ragged else 0):  # each column's own bottom rule, a staircase
        cv2.line(img, (int(xs[k]), depth[k]), (int(xs[k + 1]), depth[k]), (0, 0, 0), 2)
    for k in range(bottom_rows):  # some "text" in each row so the page is not bare lines
        cv2.putText(
            img, "12.5", (int(xs[3]) + 8, y0 + k * row + 25), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 1
        )
    return img


def _rotate(img: Any, angle: float) -> Any:
    m = cv2.getRotationMatrix2D((W / 2, H / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (W, H), borderValue=(255, 255, 255))


def _grid_shape(gray: Any) -> tuple[int, int]:
    """(rows, columns) of the largest ruled grid the reader finds on a cleaned page."""
    from jixiao.read._ocr_grid import find_grids

    grids, _ = find_grids(binarize(gray), DPI)
    g = max(grids, key=lambda g: len(g.cells))
    return len(g.ys) - 1, len(g.xs) - 1


@pytest.mark.parametrize("shape", ["runs_on", "ragged"])
def test_a_table_that_is_no_quadrilateral_is_not_warped(shape: str) -> None:
    """A scanned page whose table runs on past its last row is only straightened: warping its
    outline's corners into a rectangle would bend every ruling line (the rows then merge)."""
    page = _rotate(_table(**{shape: True}), 1.2)
    clean, _ = remove_seal(page)
    assert flatten(clean, binarize(cv2.cvtColor(clean, cv2.COLOR_BGR2GRAY))) is clean
    prepared = prepare(page)
    assert prepared.angle == pytest.approx(-1.2, abs=0.15) or prepared.angle == pytest.approx(1.2, abs=0.15)
    # every row and column still its own (warped: 18 × 4); the staircase's steps are rows too
    assert _grid_shape(prepared.gray) == ((20, 5) if shape == "runs_on" else (25, 5))  # 20 + 5 steps


def test_a_photographed_table_is_still_flattened() -> None:
    """The same table, a closed rectangle, seen at a slant: its quadrilateral is made a rectangle."""
    page = _table()
    src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
    dst = np.float32([[30, 20], [W - 10, 45], [W - 40, H - 15], [5, H - 40]])
    photo = cv2.warpPerspective(page, cv2.getPerspectiveTransform(src, dst), (W, H), borderValue=(90, 90, 90))
    gray = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    assert flatten(photo, binarize(gray)) is not photo
    assert _grid_shape(prepare(photo).gray) == (20, 5)
