"""Header cells of a scanned table: a label misread by one character, and the reader's own doubt
threshold (tests on a grid of known texts, no image to recognise)."""

from __future__ import annotations

from typing import Any

import pytest

import jixiao.read._ocr as ocr
from jixiao.read._ocr_grid import Cell, Grid
from jixiao.read._ocr_image import Page

_W, _H = 120, 40  # pixels of one cell


def _read(rows: list[list[tuple[str, float]]]) -> ocr.PageResult:
    """The table of ``rows`` (text, confidence per cell) as ``_table_rows`` reads it."""
    import numpy as np

    ncols = max(len(r) for r in rows)
    grid = Grid(ys=[k * _H for k in range(len(rows) + 1)], xs=[k * _W for k in range(ncols + 1)])
    read: dict[tuple[int, int, int, int], tuple[str, float]] = {}
    cells: list[tuple[Any, list[tuple[int, int, int, int]]]] = []
    for r, row in enumerate(rows):
        for c, (text, conf) in enumerate(row):
            box = (c * _W, r * _H, (c + 1) * _W, (r + 1) * _H)
            cell = Cell(r, c, 1, 1, box)
            grid.cells.append(cell)
            line = (box[0] + 4, box[1] + 4, box[2] - 4, box[3] - 4)
            cells.append((cell, [line] if text else []))
            if text:
                read[line] = (text, conf)
    blank = np.zeros((grid.ys[-1], grid.xs[-1]), np.uint8)
    page = Page(original=np.full((*blank.shape, 3), 255, np.uint8), gray=blank + 255, dpi=300)
    result = ocr.PageResult(page=page, pageno=1)
    result.rows = [
        row
        for _y, row in ocr._table_rows(
            grid, 1, cells, read, result, "x.pdf", 1, (blank, blank + 255, 30, None)
        )
    ]
    return result


_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
_ROW = ["产出指标", "数量指标", "培训人次", "100人次", "120人次", "30", "30"]


def _table(head: list[tuple[str, float]]) -> list[list[tuple[str, float]]]:
    return [head, [(t, 0.99) for t in _ROW], [(t, 0.99) for t in _ROW]]


def test_a_header_label_misread_by_one_character_keeps_its_column() -> None:
    head = [(t, 1.0) for t in _HEAD]
    head[4] = ("实际究成值", 0.89)  # a phone photo: 完 read as 究
    result = _read(_table(head))
    fixed = next(c for c in result.cells if c.row == 0 and c.col == 4)
    assert (fixed.read_as, fixed.text) == ("实际究成值", "实际完成值")
    assert fixed.repair and "实际完成值" in fixed.repair  # recorded, and shown to a person
    actual = next(c for c in result.cells if c.row == 1 and c.col == 4)
    assert actual.role == "actual" and actual.doubt is None
    assert result.rows[0].cells[4] == "实际完成值"


def test_a_header_cell_read_sure_or_near_no_single_label_stays_as_read() -> None:
    head = [(t, 1.0) for t in _HEAD]
    head[4] = ("实际究成值", 0.99)  # read with confidence: a label we do not know, kept
    assert next(c for c in _read(_table(head)).cells if c.row == 0 and c.col == 4).repair is None
    head[4] = ("执行究竟值", 0.5)  # two characters off every label
    cell = next(c for c in _read(_table(head)).cells if c.row == 0 and c.col == 4)
    assert cell.repair is None and cell.text == "执行究竟值"


def test_the_header_doubt_does_not_follow_a_raised_display_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark raises LOW_CONFIDENCE to see every cell; the reader's doubts stay its own."""
    head = [(t, 1.0) for t in _HEAD] + [("核查情况", 0.9)]  # no label, read at 0.9: not unread
    monkeypatch.setattr(ocr, "LOW_CONFIDENCE", 1.01)
    result = _read(_table(head))
    assert not [c for c in result.cells if c.row > 0 and c.doubt]
