"""Hubei goal rows (``年度目标N | text | 分值 | 得分``, the indicator header repeated under each)
in layouts that lose the grid: pipe rows and one cell per line.

A goal row printing its points and its score was taken for a data row (three cells after the
label), so every goal lost its text and points; one cell per line, the goal row was not a row
at all and the blank first cell under the header widened the header by one column, shifting
every row after it.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

ROWS = [
    ["XX县应急管理局2023年度部门整体绩效自评表"],
    ["单位名称", "XX县应急管理局", "填报日期", "2024-04-22"],
    ["预算执行情况（万元）（20分）", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20分*执行率）"],
    ["部门整体支出总额", "3200", "2832", "88.5%", "17.7"],
    ["年度绩效目标（80分）", "目标内容", "分值", "得分"],
    ["年度目标1", "开展安全生产执法检查", "50", "48"],
    ["", "一级指标", "二级指标", "三级指标", "分值", "年初目标值", "实际完成值", "得分"],
    ["", "产出指标", "数量指标", "执法检查企业", "30", "≥650家", "715家", "30"],
    ["", "时效指标", "隐患整改按期完成率", "20", "≥95%", "90.25%", "19"],
    ["年度目标2", "生产安全事故起数下降", "30", "30"],
    ["", "一级指标", "二级指标", "三级指标", "分值", "年初目标值", "实际完成值", "得分"],
    ["", "效益指标", "社会效益指标", "生产安全事故起数", "30", "≤6起", "4起", "30"],
    ["总分", "100", "95.7"],
]  # fmt: skip

GOALS = [("年度目标1", "开展安全生产执法检查", 50), ("年度目标2", "生产安全事故起数下降", 30)]
INDICATORS = [
    ("年度目标1", "产出指标", "数量指标", "执法检查企业", 30, 30),
    ("年度目标1", "产出指标", "时效指标", "隐患整改按期完成率", 20, 19),
    ("年度目标2", "效益指标", "社会效益指标", "生产安全事故起数", 30, 30),
]


def _check(path: Path) -> None:
    [form] = read(path).forms
    assert [(g.name, g.text, g.weight) for g in form.goals] == GOALS
    got = [(g.name, i.level1, i.level2, i.name, i.weight, i.score) for g, i in form.indicators()]
    assert got == INDICATORS
    assert form.total_score == 95.7


def test_goal_rows_in_pipe_rows(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join("| " + " | ".join(r) + " |||" for r in ROWS) + "\n", encoding="utf-8")
    _check(path)


def test_goal_rows_one_cell_per_line(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    cells = [c or " " for r in ROWS for c in r]
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    _check(path)
