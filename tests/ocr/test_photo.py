"""Phone photos of a form: the desk around the sheet, shadow, perspective, a photo with no form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao.read import ReadError, read

from .conftest import needs_font, small_form

DPI = 150


def _desk_page() -> tuple[Any, tuple[int, int, int, int], tuple[int, int, int, int]]:
    """A grey sheet (tone 200) lying on a darker desk (110), a ruled box and a text bar on it."""
    import numpy as np

    h, w = 1200, 900
    img = np.full((h, w), 110, np.uint8)
    sheet = (60, 40, 860, 1170)  # x0, y0, x1, y1: the page does not reach the bottom edge
    img[sheet[1] : sheet[3], sheet[0] : sheet[2]] = 200
    box = (120, 200, 800, 900)
    img[box[1] : box[1] + 3, box[0] : box[2]] = 20  # the table's border: dark lines on paper
    img[box[3] - 3 : box[3], box[0] : box[2]] = 20
    img[box[1] : box[3], box[0] : box[0] + 3] = 20
    img[box[1] : box[3], box[2] - 3 : box[2]] = 20
    img[100:108, 300:600] = 30  # the title, as a stroke of ink
    return img, sheet, box


def test_the_desk_around_a_photographed_sheet_is_no_ink() -> None:
    """The step from desk to paper must not become a band of ink beside the title."""
    from jixiao.read._ocr_image import binarize
    from jixiao.read._ocr_sheet import fill_background

    img, (x0, y0, x1, y1), box = _desk_page()
    before = binarize(img) > 0
    assert before[y0 + 200, x0 - 12 : x0 + 12].any()  # the sheet's edge is "ink" as photographed
    out = fill_background(img, DPI)
    ink = binarize(out) > 0
    for strip in (
        ink[y0 + 5 : y1 - 5, : x0 + 10],  # left of the sheet and its edge
        ink[y0 + 5 : y1 - 5, x1 - 10 :],  # right
        ink[: y0 + 10, x0 + 5 : x1 - 5],  # above
        ink[y1 - 10 :, x0 + 5 : x1 - 5],  # below
    ):
        assert not strip.any()
    inside = (slice(y0 + 30, y1 - 30), slice(x0 + 30, x1 - 30))
    assert (ink == before)[inside].all()  # on the sheet nothing changes: the title stays
    assert ink[101:107, 310:590].mean() > 0.9
    bx0, by0, bx1, by1 = box
    assert ink[by0 : by0 + 3, bx0 + 10 : bx1 - 10].mean() > 0.9  # and the table's border
    assert ink[by0 + 10 : by1 - 10, bx0 : bx0 + 3].mean() > 0.9


def test_a_scan_without_desk_is_left_as_it_is() -> None:
    """A white page whose table border runs near the margin: no sheet edge, nothing filled."""
    import numpy as np

    from jixiao.read._ocr_sheet import fill_background

    img = np.full((1200, 900), 245, np.uint8)
    img[100:1100, 30:33] = 20  # a border line close to the page's edge, paper on both sides
    img[100:1100, 870:873] = 20
    img[60:63, 30:873] = 20
    assert fill_background(img, DPI) is img


@pytest.fixture(scope="module")
def clean_page():  # type: ignore[no-untyped-def]
    needs_font()
    from benchmarks.scans import draw_form

    return draw_form(small_form(), dpi=DPI, notes="form")[0]


@pytest.mark.slow
def test_a_shaded_warped_photo_reads_its_title_and_key_cells(clean_page) -> None:  # type: ignore[no-untyped-def]
    """Perspective 5 %, a shadow along one side, paper texture, 3° turn, the desk in view: the
    title above the table is read (it was lost to the sheet's edge) and the indicator rows are
    read exactly or their cells are shown to a person."""
    import numpy as np

    from benchmarks.scans import degrade
    from jixiao.read._ocr import read_page

    photo = degrade(clean_page, photo=True, warp=0.05, shadow=True, skew=3, noise=3, jpeg=80, seed=5)
    result = read_page(np.asarray(photo)[..., ::-1].copy(), 1, "photo.jpg")
    text = [r.cells[0] for r in result.rows if not r.table]
    assert any("示范培训项目自评表" in t for t in text), text
    assert not any("■" in t for t in text), text
    rows = [r.cells for r in result.rows if r.table]
    flagged = {c.text for c in result.cells if c.confidence < 0.8 or c.doubt}
    for name, target, actual, score in (("培训人次", "≥100人次", "120人次", "30"), ("学员满意度", "≥90%", "92%", "20")):
        row = next(r for r in rows if name in r)
        got = row[row.index(name) + 1 : row.index(name) + 4]
        for want, cell in zip((target, actual, score), got, strict=True):
            assert cell == want or cell in flagged, (name, got)


def test_a_photo_with_no_form_is_a_clear_chinese_error(tmp_path: Path) -> None:
    """A photographed blank sheet on a desk (texture, light falling off): no form, said so."""
    from PIL import Image

    from benchmarks.scans import degrade

    blank = Image.new("RGB", (1240, 1754), "white")
    path = tmp_path / "照片.jpg"
    degrade(blank, photo=True, warp=0.05, shadow=True, skew=3, noise=3, seed=2).save(path, quality=85)
    with pytest.raises(ReadError) as e:
        read(path)
    message = str(e.value)  # paper texture may leave a speck read as a character: no form either
    assert "照片.jpg" in message and ("没有识别出任何文字" in message or "未找到任何绩效" in message)
    assert "Traceback" not in message
