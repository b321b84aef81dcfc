"""Cells merged over rows in a sheet printed without borders: where their text goes.

A merged cell's text is centred in its span, so its line stands between the rows' own lines (or
on the middle one); it belongs to the span's first row, as a ruled PDF reads a merged cell. The
pages are built character by character: 8 pt type, rows 11 pt apart (one line each).
"""

from __future__ import annotations

from jixiao.read._pdf_page import Char
from jixiao.read._pdf_sheet import sheet_rows

_SIZE = 8.0


def _line(out: list[Char], text: str, x: float, top: float) -> None:
    for k, ch in enumerate(text):
        out.append(Char(ch, x + k * _SIZE, x + (k + 1) * _SIZE, top, top + _SIZE, _SIZE))


def _rows(lines: list[tuple[float, list[tuple[float, str]]]]) -> list[list[str]]:
    chars: list[Char] = []
    for top, cells in lines:
        for x, text in cells:
            _line(chars, text, x, top)
    found = sheet_rows(chars)
    assert found is not None
    return [r.texts for r in found[0]]


def test_a_header_merged_over_three_rows_starts_the_spans_below_it() -> None:
    # 指标值 over 近两年指标值 over 前年 | 上年; 一级指标 … merged down all three header rows
    # (centred on the middle one); 产出指标 and 数量指标 merged over the two indicator rows
    rows = _rows(
        [
            (100, [(300, "指标值")]),
            (
                111,
                [
                    (100, "一级指标"),
                    (160, "二级指标"),
                    (220, "三级指标"),
                    (300, "近两年指标值"),
                    (420, "指标值确定依据"),
                ],
            ),
            (122, [(300, "前年"), (360, "上年")]),
            (133, [(220, "甲指标"), (300, "52个"), (360, "55个"), (420, "历史标准")]),
            (138.5, [(100, "产出指标"), (160, "数量指标")]),
            (144, [(220, "乙指标"), (300, "108条"), (360, "114条"), (420, "计划标准")]),
        ]
    )
    first = next(r for r in rows if "甲指标" in r)
    assert first[:3] == ["产出指标", "数量指标", "甲指标"]
    assert not any(r[0] or r[1] for r in rows if "前年" in r)


def test_a_field_label_filling_its_column_is_not_continued_by_the_next_row() -> None:
    # 部门（单位）名称 fills its column to the next column's edge; 填报人 is the row below
    rows = _rows(
        [
            (100, [(100, "部门（单位）名称"), (168, "某区气象局")]),
            (111, [(100, "填报人"), (168, "某某"), (240, "联系电话"), (300, "02700000000")]),
            (122, [(100, "一级指标"), (168, "二级指标"), (240, "三级指标"), (300, "指标值")]),
            (133, [(100, "产出指标"), (168, "数量指标"), (240, "甲指标"), (300, "≥58个")]),
        ]
    )
    assert rows[0][:2] == ["部门（单位）名称", "某区气象局"]
    assert rows[1][0] == "填报人"


def test_a_level_label_ending_with_its_points_is_not_continued_by_the_next_row() -> None:
    # 质量指标（10分） fills its column (the next row's first character would not fit after it)
    rows = _rows(
        [
            (100, [(100, "一级指标"), (160, "二级指标"), (240, "三级指标"), (320, "指标值")]),
            (111, [(100, "产出指标"), (160, "质量指标（10分）"), (240, "验收合格率"), (320, "=100%")]),
            (122, [(160, "成本指标（10分）"), (240, "单位成本"), (320, "≤6元")]),
        ]
    )
    assert [r[1] for r in rows[1:]] == ["质量指标（10分）", "成本指标（10分）"]
