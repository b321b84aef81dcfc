"""A cell whose text runs through its borders is doubtful, and a review finding that rests on a
doubtful cell says so instead of asserting an error the form may not have.

The overflow pages are drawn here, small (150 dpi, two columns), as a spreadsheet printed with
fixed row heights looks: text too tall for its row, cut by the ruling line below it.
"""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.model import CellReading, Document, Source
from jixiao.review import review_document

from .conftest import needs_font, small_form

DPI = 150


def _page(overflow: bool) -> Any:
    """A 3-row table; in row 1 the text is twice as tall as the row (``overflow``) or fits."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.scans import FONT

    w, h, row = 1240, 1754, 60  # an A4 page at 150 dpi
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    top, left, mid, right = 60, 60, 400, 840
    for k in range(4):
        d.line((left, top + k * row, right, top + k * row), fill="black", width=2)
    for x in (left, mid, right):
        d.line((x, top, x, top + 3 * row), fill="black", width=2)
    small = ImageFont.truetype(str(FONT), 26)
    d.text((left + 10, top + 15), "指标名称", font=small, fill="black")
    d.text((mid + 10, top + 15), "实际完成值", font=small, fill="black")
    text = "改造燃气管网"
    if overflow:  # one row's height of text placed so the line below cuts through it
        d.text((left + 10, top + row + 30), text, font=ImageFont.truetype(str(FONT), 48), fill="black")
    else:
        d.text((left + 10, top + row + 15), text, font=small, fill="black")
    d.text((mid + 10, top + row + 15), "59.7公里", font=small, fill="black")
    d.text((left + 10, top + 2 * row + 15), "合计", font=small, fill="black")
    return np.asarray(img)[..., ::-1].copy()


def _marked(img: Any) -> dict[tuple[int, int], str | None]:
    from jixiao.read._ocr import _despeckle
    from jixiao.read._ocr_check import overflow_doubts
    from jixiao.read._ocr_grid import find_grids
    from jixiao.read._ocr_image import binarize

    binary = binarize(img[..., 0])
    grids, lines = find_grids(binary, DPI)
    assert len(grids) == 1
    ink = _despeckle(binary & ~lines, DPI)

    class C:
        def __init__(self, cell: Any) -> None:
            self.row, self.col, self.box, self.text, self.doubt = cell.row, cell.col, cell.box, "", None

    cells = [C(c) for c in grids[0].cells]
    overflow_doubts(cells, ink, lines, DPI)
    return {(c.row, c.col): c.doubt for c in cells}


def test_text_cut_by_the_line_below_makes_both_cells_doubtful() -> None:
    needs_font()
    doubts = _marked(_page(overflow=True))
    assert doubts[(1, 0)] and "越过单元格边框" in doubts[(1, 0)]
    assert doubts[(2, 0)]  # the cell the text spills into
    assert doubts[(0, 0)] is None and doubts[(1, 1)] is None and doubts[(0, 1)] is None


def test_text_that_fits_its_cell_is_not_doubtful() -> None:
    needs_font()
    assert not any(_marked(_page(overflow=False)).values())


def test_overflowing_cell_is_reported_when_the_page_is_read() -> None:
    needs_font()
    from jixiao.read._ocr import read_page

    result = read_page(_page(overflow=True), 1, "page.png")
    doubts = {(c.row, c.col): c.doubt for c in result.cells}
    assert doubts[(1, 0)] and "越过单元格边框" in doubts[(1, 0)]
    assert doubts[(2, 0)]  # (an earlier check may give the reason: ink the text read leaves unexplained)
    assert all(c.doubt is None for c in result.cells if c.col == 1)
    assert {(c.source.cell if c.source else None) for c in result.to_check("page.png")} >= {"r2c1", "r3c1"}


def _scanned_form(score: float) -> Any:
    """The small form as if read from a scan: each indicator on its own table row, the second
    indicator's score above its weight (an error if the cell was read right)."""
    form = small_form()
    for k, (_g, ind) in enumerate(form.indicators()):
        ind.weight = 30
        ind.source = Source(file="scan.png", page=1, sheet="1", cell=f"r{6 + k}c3")
    form.goals[0].indicators[1].score = score
    return form


def _doc(cells: list[CellReading], score: float = 35) -> Document:
    return Document(path="scan.png", reader="ocr", forms=[_scanned_form(score)], cells=cells)


def _cell(row: int, text: str, confidence: float, doubt: str | None = None) -> CellReading:
    return CellReading(
        text=text,
        confidence=confidence,
        doubt=doubt,
        source=Source(file="scan.png", page=1, sheet="1", cell=f"r{row}c7"),
    )


def _exceeds(doc: Document) -> Any:
    found = [f for f in review_document(doc).findings if f.code == "indicator.score_exceeds_weight"]
    assert len(found) == 1
    return found[0]


def test_an_error_on_a_confident_reading_stays_an_error() -> None:
    f = _exceeds(_doc([]))
    assert f.severity == "error" and "待核对" not in f.message
    f = _exceeds(_doc([_cell(6, "30", 0.55)]))  # a doubtful cell on another indicator's row
    assert f.severity == "error" and f.indicator == "培训合格率"


@pytest.mark.parametrize(
    "confidence, doubt", [(0.55, None), (0.99, "得分 35 高于分值 30，两格必有一格识别有误")]
)
def test_an_error_resting_on_a_doubtful_cell_says_so_and_is_a_warning(
    confidence: float, doubt: str | None
) -> None:
    f = _exceeds(_doc([_cell(7, "35", confidence, doubt)]))
    assert f.severity == "warning" and f.indicator == "培训合格率"
    assert "第1页表1r7c7识别待核对" in f.message
    card = review_document(_doc([_cell(7, "35", confidence, doubt)])).scorecards[0]
    assert any(s.uncertain for s in card.indicators if s.indicator == "培训合格率")
