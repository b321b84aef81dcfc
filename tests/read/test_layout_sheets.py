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


# the indicators of make_wide_sheets.py: name, target, actual, weight, score
WIDE = [
    ("保洁河道长度", "≥45公里", "46公里", 20, 20),
    ("清理河道漂浮垃圾总量", "≥300吨", "312吨", 15, 15),
    ("河道断面水质达标率", "≥90%", "86%", 20, 18),
    ("垃圾日产日清率", "100%", "100%", 15, 15),
    ("沿河居民投诉办结率", "≥95%", "97%", 15, 15),
    ("沿河居民满意度", "≥90%", "93%", 15, 15),
]


@pytest.mark.parametrize(
    "name", ["pdftotext_wide_total.txt", "pdftotext_wide_three.txt", "pdftotext_wide_tworow.txt"]
)
def test_a_wide_sheet_printed_across_pages_is_joined_back(name: str) -> None:
    # page 1 prints the names, wrapped in a narrow column and each rest one row late (centred
    # cells); the next page(s) the values one line a row: each name with its own row's values
    form = read(DATA / name).forms[0]
    inds = [i for g in form.goals for i in g.indicators]
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in inds] == WIDE
    assert form.total_score == 98


def test_a_target_figure_and_its_unit_in_the_next_column_stay_the_target() -> None:
    # `120 公里`: the figure set from the right of a wide 指标值 cell, its unit from the left of
    # 度量单位, both left of that centred label; the figures are no cells of the unit column
    form = read(DATA / "pdftotext_unit_column.txt").forms[0]
    inds = [i for g in form.goals for i in g.indicators]
    assert [(i.target, i.actual, i.score) for i in inds] == [
        ("≥120公里", "126公里", 30),
        ("≥92%", "94%", 30),
        ("≥15分钟", "12分钟", 16),
        ("≥90%", "95%", 10),
    ]
