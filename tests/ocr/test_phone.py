"""Harsh phone photos: a bowed sheet, ruling lines blurred pale beside dense text.

Small generated pages: the bend is measured and undone only where the lines show one (a scan
stays as it is), and a pale stretch of a line is taken only where it continues a line found.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from .conftest import needs_font, small_form

DPI = 150


def _bowed(curl: float) -> Any:
    """A ruled page (lines 2 px, 0.4 in apart) with its rows bent by ``curl`` of its height."""
    import cv2
    import numpy as np

    h, w = 1500, 1200
    img = np.full((h, w), 255, np.uint8)
    for y in range(200, 1300, 60):
        img[y : y + 2, 100:1100] = 0
    for x in (100, 600, 1098):
        img[200:1282, x : x + 2] = 0
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    bend = curl * h * np.sin(np.pi * xx / w) * (0.6 + 0.4 * yy / h)
    return cv2.remap(img, xx, yy - bend, cv2.INTER_LINEAR, borderValue=255)


def _line_rows(img: Any, x: int) -> list[int]:
    """The top row of each ruling line crossing column ``x``."""
    import numpy as np

    ink = np.flatnonzero(img[:, x] < 128)
    return [int(y) for k, y in enumerate(ink) if k == 0 or y - ink[k - 1] > 3]


def test_a_bowed_sheet_is_bent_back_to_level_rows() -> None:
    """A row's line at the middle of the page lies where it lies at the margin: text lines above
    the table no longer run into each other, a cell's box holds its whole row."""
    from jixiao.read._ocr_curl import flatten_curl
    from jixiao.read._ocr_image import binarize

    bowed = _bowed(0.01)
    side, middle = _line_rows(bowed, 150), _line_rows(bowed, 700)
    assert len(side) == len(middle) == 19
    assert max(abs(a - b) for a, b in zip(side, middle, strict=True)) >= 8  # as photographed
    (flat,) = flatten_curl([bowed], binarize(bowed), DPI)
    side, middle = _line_rows(flat, 150), _line_rows(flat, 700)
    assert len(side) == len(middle) == 19
    assert max(abs(a - b) for a, b in zip(side, middle, strict=True)) <= 2


def test_a_straight_scan_is_not_remapped() -> None:
    from jixiao.read._ocr_curl import flatten_curl
    from jixiao.read._ocr_image import binarize

    page = _bowed(0.0)
    (out,) = flatten_curl([page], binarize(page), DPI)
    assert out is page


def test_a_bowed_sheet_on_a_desk_keeps_no_desk_to_read() -> None:
    """The sheet's edges bow with its rows: the desk is filled after the rows are bent level,
    when each edge is straight, so no dark corner or strip of desk is left to be read as text
    (filled before, the corners and the bowed top edge stayed, binarised as ink)."""
    import cv2
    import numpy as np

    from jixiao.read._ocr_image import binarize, prepare

    h, w = 1500, 1200
    photo = np.full((h, w), 90, np.uint8)  # the desk
    photo[80:1440, 60:1140] = 235  # the sheet
    photo[200:1300] = np.where(_bowed(0.0)[200:1300] < 128, 20, photo[200:1300])  # its table
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    bend = 0.01 * h * np.sin(np.pi * xx / w) * (0.6 + 0.4 * yy / h)
    photo = cv2.remap(photo, xx, yy - bend, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    page = prepare(photo)
    assert page.photo
    ink = binarize(page.gray)
    ink[180:1300, 90:1110] = 0  # the table itself
    assert not ink.any()


def _pale_line_page() -> Any:
    """Two columns, two rows; the line between the rows is pale (205), and in the left column
    dense dark "text" hugs it from above and below (the binariser's local mean falls below it)."""
    import numpy as np

    img = np.full((700, 900), 255, np.uint8)
    x0, x1, xm, y0, y1, ym = 100, 800, 450, 100, 600, 350
    img[y0 : y0 + 3, x0:x1] = 30
    img[y1 : y1 + 3, x0:x1] = 30
    img[y0 : y1 + 3, x0 : x0 + 3] = 30
    img[y0 : y1 + 3, x1 : x1 + 3] = 30
    img[y0 : y1 + 3, xm : xm + 3] = 30
    img[ym : ym + 3, x0:x1] = 205  # the pale line
    for x in range(x0 + 12, xm - 20, 26):  # bold characters above and below it
        img[ym - 16 : ym - 2, x : x + 20] = 40
        img[ym + 5 : ym + 19, x : x + 20] = 40
    return img


def test_a_pale_line_beside_dense_text_still_divides_the_rows() -> None:
    from jixiao.read._ocr_grid import find_grids
    from jixiao.read._ocr_image import binarize

    img = _pale_line_page()
    binary = binarize(img)
    grids, _ = find_grids(binary, DPI)
    assert len(grids[0].cells) < 4  # binarised alone: the line is lost, the rows merge
    grids, mask = find_grids(binary, DPI, img)
    assert sorted((c.row, c.col, c.rows, c.cols) for c in grids[0].cells) == [
        (0, 0, 1, 1),
        (0, 1, 1, 1),
        (1, 0, 1, 1),
        (1, 1, 1, 1),
    ]
    assert not mask[330:345, 120:400].any()  # the text beside it is no line: it stays to be read


def test_a_shaded_cell_is_no_line() -> None:
    """A header cell filled light grey is darker than the pale cut, but thick: not a ruling line."""
    from jixiao.read._ocr_grid import find_grids
    from jixiao.read._ocr_image import binarize

    img = _pale_line_page()
    img[353:600, 453:800] = 215  # the lower right cell shaded
    grids, _ = find_grids(binarize(img), DPI, img)
    assert len(grids) == 1 and len(grids[0].cells) == 4
    assert len(grids[0].ys) == 3 and len(grids[0].xs) == 3


@pytest.mark.slow
def test_a_bowed_photo_of_a_form_reads_its_rows() -> None:
    """The small form printed at 200 dpi, photographed on a desk and bowed as a sheet not lying
    flat: the title stays apart from the unit line and the total row is read as printed."""
    needs_font()
    import numpy as np

    from benchmarks.scans import _phone, draw_form
    from jixiao.read._ocr import read_page

    page = _phone(draw_form(small_form(), dpi=200, notes="auto")[0], random.Random(3), curl=0.01, frame=0.05)
    result = read_page(np.asarray(page)[..., ::-1].copy(), 1, "phone.png")
    rows = [r.cells for r in result.rows]
    assert ["2022年度示范培训项目自评表"] in rows, rows
    assert ["总分", "", "", "", "", "", "98"] in rows, rows


def _trapezoid(narrow: float) -> Any:
    """A ruled page whose table closes ``narrow`` of its width narrower at the foot on each side
    (the vertical rules slant as in a sheet photographed from below its middle)."""
    import cv2
    import numpy as np

    h, w = 1500, 1200
    img = np.full((h, w), 255, np.uint8)
    for y in range(200, 1300, 60):
        img[y : y + 2, 100:1100] = 0
    for x in (100, 350, 600, 850, 1098):
        img[200:1282, x : x + 2] = 0
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    shrink = 1 - 2 * narrow * np.clip((yy - 200) / 1100, 0, 1)
    return cv2.remap(img, w / 2 + (xx - w / 2) / shrink, yy, cv2.INTER_LINEAR, borderValue=255)


def _line_cols(img: Any, y: int) -> list[int]:
    """The left column of each vertical rule crossing row ``y``."""
    import numpy as np

    ink = np.flatnonzero(img[y] < 128)
    return [int(x) for k, x in enumerate(ink) if k == 0 or x - ink[k - 1] > 3]


def test_a_trapezoid_table_has_its_columns_set_upright() -> None:
    """A vertical rule at the foot of the table lies where it lies at the head: the grid's
    vertical kernels find it whole, the cells beside it do not merge."""
    from jixiao.read._ocr_curl import flatten_slant
    from jixiao.read._ocr_grid import find_grids
    from jixiao.read._ocr_image import binarize

    page = _trapezoid(0.03)
    head, foot = _line_cols(page, 230), _line_cols(page, 1250)
    assert len(head) == len(foot) == 5
    assert max(abs(a - b) for a, b in zip(head, foot, strict=True)) >= 25  # as photographed
    (flat,) = flatten_slant([page], binarize(page), DPI)
    head, foot = _line_cols(flat, 230), _line_cols(flat, 1250)
    assert len(head) == len(foot) == 5
    assert max(abs(a - b) for a, b in zip(head, foot, strict=True)) <= 3  # 0.02 in, was 0.2
    grids, _ = find_grids(binarize(flat), DPI)
    assert len(grids) == 1 and len(grids[0].xs) == 5 and len(grids[0].cells) == 18 * 4


def test_upright_columns_are_not_remapped() -> None:
    from jixiao.read._ocr_curl import flatten_slant
    from jixiao.read._ocr_image import binarize

    page = _trapezoid(0.0)
    (out,) = flatten_slant([page], binarize(page), DPI)
    assert out is page
