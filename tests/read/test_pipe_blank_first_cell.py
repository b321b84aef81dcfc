"""Pipe rows that print an empty first cell without a leading border: `` | 一级指标 | …``.

A Hubei form puts each goal's table under a blank column; its rows alternate between a leading
``|`` (the border, ``|  | 效果指标 | …``) and none (`` | 一级指标 | …``). Stripping the line before
dropping the border took the blank first cell with it, so the header lost a column, the next
row no longer fitted it and its 一级 label 效果指标 was lost (then filled in as 效益指标).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

LINES = [
    "| 2023年度部门整体绩效自评表 |||",
    "单位名称 | 苇塘县应急管理局 | 填报日期 | 2024-04-22 ||||",
    "| 年度绩效目标（80分） | 目标内容 | 分值 | 得分 ||||",
    "年度目标1 | 开展应急演练 | 40 | 40 |||||",
    "|  | 一级指标 | 二级指标 | 三级指标 | 分值 | 年初目标值 | 实际完成值 | 得分 |||",
    " | 产出指标 | 数量指标 | 组织应急演练 | 40 | ≥30场 | 32场 | 40 ||||",
    "| 年度目标2 | 事故起数下降 | 40 | 40 ||||",
    " | 一级指标 | 二级指标 | 三级指标 | 分值 | 年初目标值 | 实际完成值 | 得分 |||||",
    "|  | 效果指标 | 社会效益 | 生产安全事故起数 | 25 | ≤6起 | 4起 | 25 |||",
    " | 可持续影响 | 应急预案体系 | 15 | 健全完善 | 健全完善 | 15 ||||",
    "| 总分 | 100 | 100 |||||",
]


def test_blank_first_cell_kept_without_a_border(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(g.name, i.level1, i.level2, i.name, i.weight) for g in form.goals for i in g.indicators]
    assert got == [
        ("年度目标1", "产出指标", "数量指标", "组织应急演练", 40),
        ("年度目标2", "效果指标", "社会效益", "生产安全事故起数", 25),
        ("年度目标2", "效果指标", "可持续影响", "应急预案体系", 15),
    ]
