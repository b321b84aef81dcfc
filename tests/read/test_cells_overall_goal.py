"""The overall goal in one-cell-per-line dumps (each cell on its own line, blank lines between).

The goal row under 年度目标 | 预期目标 | 实际完成情况 prints an empty first cell (a lone space);
the two texts follow it. And a budget header ending in an empty column must not swallow the
年度总体目标 label that follows the budget row: the goal text was lost both ways.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

TARGET = "治理地质灾害隐患点，完善群测群防体系。"
ACTUAL = "按计划治理地质灾害隐患点，完善群测群防体系，年度目标基本实现。"

INDICATORS = [
    "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
    " ", "产出指标", "数量指标", "治理隐患点数量", "≥14处", "15处", "50", "50",
    " ", "效益指标", "社会效益指标", "受威胁群众转移率", "=100%", "100%", "30", "30",
    " ", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10",
]  # fmt: skip


def _write(tmp_path: Path, cells: list[str]) -> Path:
    path = tmp_path / "自评表.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    return path


def test_goal_row_with_an_empty_first_cell(tmp_path: Path) -> None:
    cells = [
        "2023年度项目支出绩效自评表", "项目名称", "地质灾害防治", "主管部门", "桐江县自然资源局",
        "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "100", "100", "90", "10", "90%", "9",
        "年度目标", "预期目标", "实际完成情况", " ", TARGET, ACTUAL,
        *INDICATORS,
    ]  # fmt: skip
    [form] = read(_write(tmp_path, cells)).forms
    assert form.overall_goal is not None
    assert (form.overall_goal.target, form.overall_goal.actual) == (TARGET, ACTUAL)
    assert [i.name for _, i in form.indicators()] == ["治理隐患点数量", "受威胁群众转移率", "群众满意度"]


def test_goal_label_after_a_budget_header_with_an_empty_column(tmp_path: Path) -> None:
    cells = [
        "2023年度部门整体绩效自评表", "单位名称", "桐江县自然资源局",
        "预算执行情况", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率（%）",
        "执行率权重", "执行率得分（分）", " ", "100", "100", "90", "90", "10", "9",
        "年度总体目标", TARGET, "年度目标完成情况", ACTUAL,
        *INDICATORS,
    ]  # fmt: skip
    [form] = read(_write(tmp_path, cells)).forms
    assert form.budget is not None
    assert (form.budget.planned, form.budget.executed, form.budget.score) == (100, 90, 9)
    assert form.overall_goal is not None
    assert (form.overall_goal.target, form.overall_goal.actual) == (TARGET, ACTUAL)


def test_goal_label_and_its_text_one_cell_per_line(tmp_path: Path) -> None:
    """A target form's 年度绩效目标 followed by its text: the pair a TAB row prints on one line
    (the goal's text was lost; the table's header after the text stays a header)."""
    cells = ["2024年度项目绩效目标表", "项目名称", "蔬菜大棚", "年度绩效目标", TARGET]
    cells += [
        "绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据",
        " ", "产出指标", "数量指标", "新建连栋蔬菜大棚", "≥60亩", "历史标准",
    ]  # fmt: skip
    [form] = read(_write(tmp_path, cells)).forms
    assert [(g.text, [i.name for i in g.indicators]) for g in form.goals] == [(TARGET, ["新建连栋蔬菜大棚"])]


def test_goal_label_before_a_header_is_no_pair(tmp_path: Path) -> None:
    cells = ["2024年度项目绩效目标表", "项目名称", "蔬菜大棚", "年度绩效目标"]
    cells += [
        "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据",
        "产出指标", "数量指标", "新建连栋蔬菜大棚", "≥60亩", "历史标准",
    ]  # fmt: skip
    [form] = read(_write(tmp_path, cells)).forms
    assert [i.name for _, i in form.indicators()] == ["新建连栋蔬菜大棚"]
