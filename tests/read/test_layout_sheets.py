"""``pdftotext -layout`` of sheets that print awkwardly (``tests/read/data/layout``; how each was
made is in its README): wide sheets, spaced labels, score sheets."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import ReadError, read

DATA = Path(__file__).parent / "data" / "layout"


def test_a_score_sheet_whose_labels_print_one_space_apart_is_no_form() -> None:
    # `分值 评分标准 指标解释 得分` is one segment of the line: 评分标准 must still be a column of
    # its own, or the scoring sheet reads as a form of indicators without targets
    with pytest.raises(ReadError) as err:
        read(DATA / "pdftotext_score_sheet.txt")
    assert "pdftotext_score_sheet.txt" in str(err.value)
