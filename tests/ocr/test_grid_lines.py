"""Ruling lines of office prints and low-resolution scans: thin, grey, under a seal.

Small generated pages (PIL, no recognition): each test builds the grid a scan's mechanism
would break and checks the cells that come out.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import needs_font

DPI = 300


def _table(rows: int, cols: int, grey: int, width: int = 2) -> tuple[Any, list[int], list[int]]:
    """A white A4 page with a rows × cols table ruled in ``grey`` lines ``width`` px wide."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (round(8.27 * DPI), round(11.69 * DPI)), "white")
    d = ImageDraw.Draw(page)
    xs = [300 + k * 450 for k in range(cols + 1)]
    ys = [400 + k * 110 for k in range(rows + 1)]
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill=(grey,) * 3, width=width)
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill=(grey,) * 3, width=width)
    return page, xs, ys


def _grid(img: Any) -> Any:
    import numpy as np

    from jixiao.read._ocr_grid import find_grids
    from jixiao.read._ocr_image import binarize, prepare

    page = prepare(np.asarray(img)[..., ::-1].copy())
    grids, _ = find_grids(binarize(page.gray), page.dpi)
    assert len(grids) == 1
    return grids[0]


def test_thin_grey_border_under_a_seal_keeps_rows_apart() -> None:
    """A 150 dpi scan's border is a grey line; under the seal's ink it is darker than the ink on
    paper, but not black: it is the print the seal covers, so the two rows stay two."""
    needs_font()
    from benchmarks.scans import red_seal

    page, xs, ys = _table(3, 3, grey=150)
    # the seal's centre on the border between rows 1 and 2 of the last column
    stamped = red_seal(page, ((xs[2] + xs[3]) // 2, ys[2]), 170)
    grid = _grid(stamped)
    assert (len(grid.ys), len(grid.xs)) == (4, 4)
    assert len(grid.cells) == 9
    assert all(c.rows == 1 and c.cols == 1 for c in grid.cells)


def test_seal_on_paper_is_still_painted_out() -> None:
    """The relative cut keeps print only: the seal's ink on paper is removed as before."""
    needs_font()
    import numpy as np

    from benchmarks.scans import red_seal
    from jixiao.read._ocr_image import remove_seal

    page, xs, ys = _table(3, 3, grey=150)
    stamped = np.asarray(red_seal(page, ((xs[1] + xs[2]) // 2, (ys[1] + ys[2]) // 2), 40))[..., ::-1].copy()
    red = (stamped[..., 2].astype(int) - stamped[..., 1] > 60).sum()
    cleaned, _ = remove_seal(stamped)
    assert red > 500
    assert (cleaned[..., 2].astype(int) - cleaned[..., 1] > 60).sum() < red * 0.02


@pytest.mark.parametrize("grey", [0, 150])
def test_merged_cell_under_a_seal_stays_merged(grey: int) -> None:
    """A border that is not printed is not invented where the seal lies (a merged cell)."""
    needs_font()
    from PIL import Image, ImageDraw

    from benchmarks.scans import red_seal

    page, xs, ys = _table(3, 3, grey=grey)
    d = ImageDraw.Draw(page)
    # rows 1 and 2 of the last column are one cell: paper over their border
    d.line((xs[2] + 4, ys[2], xs[3] - 4, ys[2]), fill=(255, 255, 255), width=6)
    stamped: Image.Image = red_seal(page, ((xs[2] + xs[3]) // 2, ys[2]), 170)
    grid = _grid(stamped)
    merged = [c for c in grid.cells if c.rows == 2]
    assert [(c.row, c.col) for c in merged] == [(1, 2)]
    assert len(grid.cells) == 8
