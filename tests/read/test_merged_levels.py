"""Level cells merged differently from group to group, in XLSX and DOCX.

One table merges 一级 down over its 二级 groups and 二级 down over several 三级 rows, prints
满意度指标 merged across 一级 and 二级, and merges a 二级 label across the 三级 column
(可持续影响指标 | ≥5年 | …: the label is the indicator). The last row was dropped as
"指标行没有指标名称" — its 5 points lost from every sum; now the merged label names it.
Conventions: a label merged across 一级 and 二级 is level1 with no level2; a 二级 label merged
across 三级 is both level2 and name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import read

ROWS = [
    ["2023年度项目支出绩效自评表"],
    ["项目名称", "乡村公路养护"],
    ["主管部门", "桐江县交通运输局", "", "", "实施单位", "桐江县公路养护中心"],
    ["项目资金（万元）", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
    ["年度资金总额", "200", "200", "180", "10", "90%", "9"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", "20", "20"],
    ["", "", "桥梁检查座数", "≥30座", "30座", "15", "15"],
    ["", "质量指标", "道路优良率", "≥85%", "88%", "15", "15"],
    ["效益指标", "社会效益指标", "群众出行时间缩短", "≥10%", "12%", "15", "15"],
    ["", "", "交通事故下降率", "≥5%", "6%", "10", "10"],
    ["", "可持续影响指标", "", "≥5年", "5年", "5", "5"],
    ["满意度指标", "", "沿线群众满意度", "≥90%", "93%", "10", "10"],
    ["总分", "", "", "", "", "100", "99"],
]
# (first row, first column, last row, last column), 0-based over ROWS
MERGES = [(0, 0, 0, 6), (1, 1, 1, 6), (6, 0, 8, 0), (6, 1, 7, 1), (9, 0, 11, 0), (9, 1, 10, 1)]
MERGES += [(11, 1, 11, 2), (12, 0, 12, 1)]

EXPECTED = [
    ("产出指标", "数量指标", "养护里程", 20, 20),
    ("产出指标", "数量指标", "桥梁检查座数", 15, 15),
    ("产出指标", "质量指标", "道路优良率", 15, 15),
    ("效益指标", "社会效益指标", "群众出行时间缩短", 15, 15),
    ("效益指标", "社会效益指标", "交通事故下降率", 10, 10),
    ("效益指标", "可持续影响指标", "可持续影响指标", 5, 5),
    ("满意度指标", None, "沿线群众满意度", 10, 10),
]


def _xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r, values in enumerate(ROWS, start=1):
        for c, v in enumerate(values, start=1):
            if v:
                ws.cell(r, c, float(v) if v.replace(".", "").isdigit() else v)
    for r0, c0, r1, c1 in MERGES:
        if (r0, c0) != (r1, c1):
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    wb.save(path)
    return path


def _docx(path: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph(ROWS[0][0])
    table = doc.add_table(rows=len(ROWS) - 1, cols=7)
    for r, values in enumerate(ROWS[1:]):
        for c, v in enumerate(values):
            if v:
                table.cell(r, c).text = v
    for r0, c0, r1, c1 in MERGES[1:]:  # python-docx writes gridSpan / vMerge
        if (r0, c0) != (r1, c1):
            table.cell(r0 - 1, c0).merge(table.cell(r1 - 1, c1))
    doc.save(str(path))
    return path


@pytest.mark.parametrize("make", [_xlsx, _docx], ids=["xlsx", "docx"])
def test_level_cells_merged_differently(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / f"自评表.{make.__name__[1:]}")
    doc = read(path)
    [form] = doc.forms
    got = [(i.level1, i.level2, i.name, i.weight, i.score) for _, i in form.indicators()]
    assert got == EXPECTED
    assert 10 + sum(w for *_, w, _ in EXPECTED) == 100  # every point of the form is read
    assert form.total_score == 99  # 9 + 20 + 15 + 15 + 15 + 10 + 5 + 10
    assert not [i for i in doc.issues if "没有指标名称" in i.message]
