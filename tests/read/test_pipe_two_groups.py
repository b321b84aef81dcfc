"""A Hebei export in pipe rows: the second header row fills two group columns side by side.

``指标值`` stands over 年度指标值/实际完成值 and ``得分情况`` over 单项指标得分/权重占比/折算得分;
the pipe layout drops the covered cells, so the lower row arrives as five labels. All five went
under the first group, the 得分情况 column stayed after them, and the 折算得分 was read as the
score (10.8 for 18) with the actuals of later rows lost.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

LINES = [
    "| 2023年度项目支出绩效自评表 |||",
    "单位名称 | 苇塘县林业局 | 导出时间 | 2024-03-05 10:21:36 ||||",
    "| 项目名称 | 森林防火能力提升工程 | 项目编码 | HB2023-6713 |||||",
    "| 一级指标 | 二级指标 | 三级指标 | 指标分值 | 指标值 | 得分情况 |||||",
    "年度指标值 | 实际完成值 | 单项指标得分 | 权重占比（%） | 单项指标折算得分 |||",
    "| 产出指标 | 数量指标 | 新建生物防火隔离带 | 60 | ≥45公里 | 47公里 | 60 | 60 | 36 ||||",
    "新建防火瞭望塔 | 40 | ≥4座 | 3座 | 30 | 60 | 18 |||||",
    "| 效果指标 | 满意度 | 林区群众满意度 | 100 | ≥90% | 86.4% | 96 | 40 | 38.4 |||",
    "总分 | 92.4 ||||",
]


def test_two_groups_filled_by_the_lower_header_row(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(i.level1, i.name, i.weight, i.target, i.actual, i.score) for _, i in form.indicators()]
    assert got == [
        ("产出指标", "新建生物防火隔离带", 60, "≥45公里", "47公里", 60),
        ("产出指标", "新建防火瞭望塔", 40, "≥4座", "3座", 30),
        ("效果指标", "林区群众满意度", 100, "≥90%", "86.4%", 96),
    ]
