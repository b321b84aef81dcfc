"""An office scanner's page (grey paper, light falling off, a fill of another tone where the
page was turned, blur): the steps of tone at the page's margins are no ink, so the title above
the table and the cells next to the margin are read, not joined to "I 1 ■" edge marks."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import needs_font, small_form

DPI = 200


def _margin_page() -> Any:
    """Grey paper falling off from 225 to 185 across the page, a strip of another tone (240)
    along the right side (what a scanner fills where it turned the page), a ruled box."""
    import numpy as np

    h, w = 1200, 900
    light = np.linspace(225, 185, w, dtype=np.float32)[None, :]
    img = np.repeat(light, h, axis=0).astype(np.uint8)
    img[:, 860:] = 240
    img[300:303, 100:800] = 20
    img[900:903, 100:800] = 20
    img[300:903, 100:103] = 20
    img[300:903, 797:800] = 20
    img[150:170, 350:550] = 25  # the title, as a stroke
    return img


def test_steps_of_tone_at_the_margin_are_no_ink() -> None:
    """Binarised after the light is evened, the strip's edge leaves no band of ink beside the
    paper; the border and the title stay ink."""
    from jixiao.read._ocr_image import binarize
    from jixiao.read._ocr_light import even_light

    img = _margin_page()
    assert (binarize(img)[:, 830:] > 0).any(axis=1).mean() > 0.5  # before: a band down the page
    out = even_light(img, DPI)
    ink = binarize(out) > 0
    assert not ink[:, 810:].any()
    assert not ink[:290, :340].any()
    assert ink[301, 110:790].mean() > 0.9 and ink[310:890, 101].mean() > 0.9
    assert ink[152:168, 360:540].mean() > 0.9
    assert out[600, 600] >= 245  # the paper is white wherever its light fell


def test_a_white_page_is_left_white() -> None:
    """A clean scan: the paper stays paper and the ink stays as dark as it was."""
    import numpy as np

    from jixiao.read._ocr_light import even_light

    img = np.full((400, 400), 250, np.uint8)
    img[100:104, 50:350] = 10
    out = even_light(img, DPI)
    assert out[200, 200] >= 250 and out[102, 200] <= 15


@pytest.fixture(scope="module")
def scanned() -> Any:
    """The small form printed at 200 dpi, scanned by a cheap scanner turned by 1.2°."""
    needs_font()
    import numpy as np

    from benchmarks.scans import degrade, draw_form

    page = draw_form(small_form(), dpi=DPI, notes="auto")[0]
    out = degrade(page, skew=1.2, noise=3, jpeg=75, scanner=True, blur=0.8, seed=11)
    return np.asarray(out)[..., ::-1].copy()


@pytest.mark.slow
def test_an_office_scan_reads_its_title_and_keeps_edge_marks_out_of_cells(scanned: Any) -> None:
    from jixiao.read._ocr import read_page

    result = read_page(scanned, 1, "scan.png")
    text = [r.cells[0] for r in result.rows if not r.table]
    assert any("示范培训项目自评表" in t for t in text), text
    assert not any(t.strip() in {"I", "1", "■", "口", "|", "l"} for t in text), text
    for c in result.cells:
        assert not any(line.strip() in {"I", "1", "■", "|"} for line in c.text.split("\n")[1:]), c.text
