"""A Hubei goal row that labels its points in the row itself (``年度目标1 | text | 分值 | 50``, the
indicator header below starting in column 0) opens the goal with its text and points."""

from __future__ import annotations

from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

ROWS = [
    ["澄湖区气象局2024年度部门整体绩效自评表"],
    ["单位名称", "澄湖区气象局"],
    ["预算执行情况（万元）（20分）", "", "", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20分*执行率）"],
    ["", "部门整体支出总额", "", "300", "291", "97.00%", "19.4"],
    ["年度目标1", "提升监测预报能力", "", "", "", "分值", "50"],
    ["一级指标", "二级指标", "三级指标", "分值", "年初目标值", "实际完成值", "得分"],
    ["产出指标", "数量指标", "维护自动气象站", "30", "≥50个", "50个", "30"],
    ["", "质量指标", "晴雨预报准确率", "20", "≥85%", "86%", "20"],
    ["年度目标2", "做好为农气象服务", "", "", "", "分值", "30"],
    ["一级指标", "二级指标", "三级指标", "分值", "年初目标值", "实际完成值", "得分"],
    ["效益指标", "经济效益指标", "为农服务产品份数", "30", "≥60份", "62份", "30"],
    ["总分", "", "", "", "", "", "99.4"],
]


def test_goal_rows_with_a_points_label(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    for row in ROWS:
        wb.active.append(row)
    path = tmp_path / "goals.xlsx"
    wb.save(path)
    form = form_to_contract(read(path).forms[0])
    got = [(g["name"], g["text"], g["weight"], [i["name"] for i in g["indicators"]]) for g in form["goals"]]
    assert got == [
        ("年度目标1", "提升监测预报能力", 50, ["维护自动气象站", "晴雨预报准确率"]),
        ("年度目标2", "做好为农气象服务", 30, ["为农服务产品份数"]),
    ]
