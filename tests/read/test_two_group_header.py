"""A second header row under two group labels (指标值 over 年度指标值 | 实际完成值, 得分情况 over
单项指标得分 | 权重占比 | 单项指标折算得分, the Hebei form) copied as pipes or spaces: the sub-labels
are split between the groups, the later group starting at its own role (得分 → 单项指标得分).
Before, the first group took all five and the 得分情况 column stayed behind them: every score was
read from the converted column. In rows that print 权重占比 once per 一级, a row's two figures are
its score and converted score."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import read

ROWS = [
    ["2023年度项目支出绩效自评表"],
    ["项目名称", "乡村文化广场建设"],
    ["主管部门", "桐江县文化和旅游局", "实施单位", "桐江县文化馆"],
    ["预算执行情况（万元）", "预算数", "到位数", "执行数", "预算执行进度（%）"],
    ["100", "100", "96", "96"],
    ["一级指标", "二级指标", "三级指标", "指标分值", "指标值", "得分情况"],
    ["年度指标值", "实际完成值", "单项指标得分", "权重占比（%）", "单项指标折算得分"],
    ["产出指标", "数量指标", "新建文化广场", "50", "≥10个", "9个", "45", "60", "27"],
    ["质量指标", "验收合格率", "50", "100%", "100%", "50", "30"],
    ["效果指标", "满意度", "群众满意度", "100", "≥90%", "95%", "100", "40", "40"],
    ["自评总分", "100", "97"],
]


@pytest.mark.parametrize("sep", [" | ", "  "], ids=["pipe", "spaces"])
def test_sub_labels_split_between_two_groups(sep: str, tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(sep.join(r) for r in ROWS) + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(i.name, i.weight, i.target, i.actual, i.score) for _, i in form.indicators()]
    # 45 × 60 % = 27; 50 × 60 % = 30; 100 × 40 % = 40; 27 + 30 + 40 = 97
    assert got == [
        ("新建文化广场", 50, "≥10个", "9个", 45),
        ("验收合格率", 50, "100%", "100%", 50),
        ("群众满意度", 100, "≥90%", "95%", 100),
    ]
