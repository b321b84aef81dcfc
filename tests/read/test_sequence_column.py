"""A 序号 column before the indicator names is aside, never the goal: a Chongqing list printed
with one keeps the section label above it (``绩效指标``) as the goal's name."""

from __future__ import annotations

from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

ROWS = [
    ["泊溪区档案馆2024年度部门整体绩效自评表"],
    ["单位名称", "泊溪区档案馆", "", "", "", "", "", "", "填报日期", "2025年2月10日"],
    ["年初预算数", "全年预算数", "全年执行数", "执行率（%）", "执行率权重", "执行率得分（分）"],
    ["200", "200", "190", "95", "10", "9.5"],
    ["绩效指标"],
    [
        "序号",
        "指标名称",
        "计量单位",
        "指标性质",
        "年初指标值",
        "调整指标值",
        "全年完成值",
        "得分系数（%）",
        "指标权重（分）",
        "指标得分（分）",
        "是否核心指标",
    ],
    ["1", "接收进馆档案", "万卷", "定量", "≥1.2", "", "1.3", "100", "50", "50", "是"],
    ["2", "查档群众满意度", "%", "定量", "≥90", "", "92", "100", "40", "40", "否"],
    ["合计", "", "", "", "", "", "", "", "", "99.5", ""],
]


def test_sequence_column_is_not_the_goal(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    for row in ROWS:
        wb.active.append(row)
    path = tmp_path / "list.xlsx"
    wb.save(path)
    form = form_to_contract(read(path).forms[0])
    assert [g["name"] for g in form["goals"]] == ["绩效指标"]
    assert [(i["name"], i["target"], i["score"]) for i in form["goals"][0]["indicators"]] == [
        ("接收进馆档案", "≥1.2万卷", 50),
        ("查档群众满意度", "≥90%", 40),
    ]
