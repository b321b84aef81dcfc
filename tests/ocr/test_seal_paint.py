"""A seal on a photo's shaded paper is painted with that paper's grey, not white."""

from __future__ import annotations

from typing import Any

from .conftest import needs_font

DPI = 200
UNIT = "岭丰县水利局"
PROJECT = "水利工程维修养护"


def _shaded_page(paper: int) -> Any:
    """An A4 page of ``paper`` grey (a photo's shadow) with a two-row table stamped over the
    right half of its rows (the star and words in the second), as a BGR array."""
    import numpy as np
    from PIL import Image, ImageDraw

    from benchmarks.scans import _font, red_seal

    page = Image.new("RGB", (round(8.27 * DPI), round(11.69 * DPI)), (paper,) * 3)
    d = ImageDraw.Draw(page)
    xs, ys = [150, 500, 1500], [300, 420, 540]
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill=(30, 30, 30), width=3)
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill=(30, 30, 30), width=3)
    font = _font(round(DPI * 12 / 72))
    d.text((xs[0] + 20, ys[0] + 40), "部门（单位）", fill=(20, 20, 20), font=font)
    d.text((xs[1] + 20, ys[0] + 40), UNIT, fill=(20, 20, 20), font=font)
    d.text((xs[0] + 20, ys[1] + 40), "项目名称", fill=(20, 20, 20), font=font)
    d.text((xs[1] + 20, ys[1] + 40), PROJECT, fill=(20, 20, 20), font=font)
    page = red_seal(page, (1200, ys[1]), 150, colour=(200, 60, 50, 200))
    return np.asarray(page)[..., ::-1].copy()


def test_seal_on_shaded_paper_leaves_no_negative_read_as_text() -> None:
    """Painted white, the star and words of a seal on grey paper stood out as a white negative
    whose frame binarised as ink: the cell read its text and invented characters after it
    ("水利T程维修养护-→--_L-."; 12 phone of the unseen set: the unit's name). Painted grey, the
    cells hold their text."""
    needs_font()
    from jixiao.read._ocr import read_page

    result = read_page(_shaded_page(150), 1, "shaded.png")
    by_pos = {(c.row, c.col): c.text for c in result.cells}
    assert (by_pos.get((0, 1)), by_pos.get((1, 1))) == (UNIT, PROJECT)


def test_paper_tone_is_white_on_white_paper() -> None:
    """A scan's white paper: the seal is painted white, as before."""
    needs_font()
    import numpy as np

    from jixiao.read._ocr_image import remove_seal, seal_mask

    img = _shaded_page(255)
    out, n = remove_seal(img)
    paint = seal_mask(img)
    assert n > 0 and paint.any()
    assert int(np.median(out[paint])) >= 250
