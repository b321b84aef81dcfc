"""Which characters make a PDF cell's text: the clustering and the cell boxes of the PDF reader."""

from __future__ import annotations

import math

from jixiao.read._pdf_page import Char
from jixiao.read._pdf_tables import Table
from jixiao.read._pdf_text import cell_text, cluster


def _char(text: str, x0: float, top: float, size: float = 10.0) -> Char:
    return Char(text, x0, x0 + size, top, top + size, size)


def test_tops_chaining_within_tolerance_are_one_line() -> None:
    """Tops 0, 2.5, 5, 7.5 chain (each within 3 pt of the last) though the ends are 7.5 apart."""
    assert cluster([0.0, 2.5, 5.0, 7.5], float) == [[0.0, 2.5, 5.0, 7.5]]
    assert cluster([0.0, 3.0, 6.5], float) == [[0.0, 3.0], [6.5]]
    assert cluster([6.5, 0.0, 3.0], float) == [[0.0, 3.0], [6.5]]  # groups in key order
    assert cluster([6.5, 0.0, 3.0], float, keep_order=True) == [[6.5], [0.0, 3.0]]
    assert cluster([], float) == []


def test_a_nan_top_never_splits_a_line() -> None:
    groups = cluster([1.0, math.nan, 2.0], float)
    assert len(groups) == 1 and len(groups[0]) == 3


def test_cell_text_lines_and_words() -> None:
    chars = [_char("乙", 20, 14), _char("甲", 10, 14), _char("丙", 10, 30), _char("丁", 40, 31)]
    assert cell_text(chars) == "甲乙\n丙 丁"  # a gap over 3 pt starts a word, a new top a line


def test_each_cell_takes_the_characters_centred_in_it() -> None:
    """Centre x in [x0, x1), centre y in [top, bottom): a merged cell spans its rows' band."""
    top_row = [(0.0, 0.0, 50.0, 20.0), (50.0, 0.0, 100.0, 40.0)]  # the second merged down
    table = Table([top_row, [(0.0, 20.0, 50.0, 40.0), None]], (0.0, 0.0, 100.0, 40.0), [0.0, 20.0])
    chars = [
        _char("甲", 10, 5),
        _char("乙", 45, 5),  # centre x 50: the next cell's
        _char("丙", 60, 25),  # in the merged cell, below the first row's band
        _char("丁", 10, 25),
        _char("戊", 95, 5),  # centre x 100: outside the table
    ]
    texts = table.texts(chars, lambda cs: "".join(c.text for c in cs), blocks=False)
    assert texts == [["甲", "乙丙"], ["丁", None]]
