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
    from jixiao.read._ocr_image import binarize, prepare, seal_mask

    page = prepare(np.asarray(img)[..., ::-1].copy())
    hidden = seal_mask(page.original) if page.seal_pixels else None  # as the reader does
    grids, _ = find_grids(binarize(page.gray), page.dpi, None, hidden)
    assert len(grids) == 1
    return grids[0]


def _ruled(xs: list[int], ys: list[int], grey: int) -> Any:
    """A white A4 page with the rules at ``xs`` × ``ys`` in ``grey``, 2 px wide, a title above
    and a label in the first column (so the page reads upright)."""
    from PIL import Image, ImageDraw

    from benchmarks.scans import _font

    page = Image.new("RGB", (round(8.27 * DPI), round(11.69 * DPI)), "white")
    d = ImageDraw.Draw(page)
    d.text((xs[0], ys[0] - 120), "项目支出绩效自评表（示范）", fill=(0, 0, 0), font=_font(70))
    for y in ys[:-1]:
        d.text((xs[0] + 20, y + 20), "年度指标值", fill=(0, 0, 0), font=_font(40))
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill=(grey,) * 3, width=2)
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill=(grey,) * 3, width=2)
    return page


@pytest.mark.parametrize("grey", [180, 200])
@pytest.mark.parametrize("dx", [60, 140])
def test_pale_column_rule_runs_on_under_a_seal(grey: int, dx: int) -> None:
    """A photo's pale rule under a seal is painted out with the seal's ink (lighter than the cut
    for print): the ring cut the rule between two columns into pieces that met one row line
    each, and the columns merged over three rows (every target read as the actual beside it).
    The rule runs on below the seal, so the table has that border: it is continued."""
    needs_font()
    from benchmarks.scans import red_seal

    xs = [300 + k * 450 for k in range(4)]
    ys = [400 + k * 250 for k in range(5)]
    # the ring crosses the rule between columns 1 and 2 above and below the middle row line
    grid = _grid(red_seal(_ruled(xs, ys, grey), (xs[2] - dx, ys[2]), 170))
    assert (len(grid.ys), len(grid.xs)) == (5, 4)
    assert len(grid.cells) == 12 and all(c.rows == 1 and c.cols == 1 for c in grid.cells)


@pytest.mark.parametrize("grey", [0, 180])
def test_no_column_is_made_under_a_seal(grey: int) -> None:
    """What the seal leaves as print (a dark stamp's blurred pieces, a character's long stroke)
    meets one row line and the painted-out ink runs on to the next: no border is continued
    where the table has none outside the seal, so the cell stays one."""
    needs_font()
    from PIL import ImageDraw

    from benchmarks.scans import red_seal

    xs = [300 + k * 450 for k in range(4)]
    ys = [400 + k * 250 for k in range(5)]
    page = _ruled(xs, ys, grey)
    mid = (xs[1] + xs[2]) // 2
    d = ImageDraw.Draw(page)
    d.line((mid, ys[1], mid, ys[1] + 190), fill=(0, 0, 0), width=3)  # meets the row line above
    d.rectangle((mid - 12, ys[1] + 185, mid + 12, ys[2] + 4), fill=(232, 105, 112))  # seal ink on to the next
    grid = _grid(red_seal(page, (mid, ys[2]), 170))
    assert (len(grid.ys), len(grid.xs)) == (5, 4)
    assert len(grid.cells) == 12 and all(c.rows == 1 and c.cols == 1 for c in grid.cells)


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


def test_ring_along_a_column_position_makes_no_border() -> None:
    """A seal's ring running along a column position where the cell spans it (the border is
    printed below only) covers the whole side from one row line to the next: nothing of the
    rule is seen there, so it is a merged cell's missing border and stays missing."""
    needs_font()
    from PIL import ImageDraw

    from benchmarks.scans import red_seal

    xs = [300 + k * 450 for k in range(4)]
    ys = [400 + k * 80 for k in range(9)]
    page = _ruled(xs, ys, 0)
    # the first two rows span columns 1-2: paper over the rule between them
    ImageDraw.Draw(page).line((xs[2], ys[0] + 3, xs[2], ys[2] - 3), fill=(255, 255, 255), width=8)
    radius, ring = 170, 170 // 14
    # the ring's middle tangent to that position at the middle of the first row
    grid = _grid(red_seal(page, (xs[2] - radius + ring // 2, (ys[0] + ys[1]) // 2), radius))
    assert (len(grid.ys), len(grid.xs)) == (9, 4)
    assert [(c.row, c.col, c.rows, c.cols) for c in grid.cells if c.cols > 1 or c.rows > 1] == [
        (0, 1, 1, 2),
        (1, 1, 1, 2),
    ]
