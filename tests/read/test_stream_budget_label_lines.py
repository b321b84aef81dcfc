"""A Wuhan self-assessment's head printed one cell per line (LibreOffice's text of a DOCX).

A budget row whose label cell holds two paragraphs (部门整体支出 | 总额 on two lines): the words
between the label and the row's first amount end the label — before, 总额 was read as the 预算数
and every amount shifted one column. The overall goal's header with its 得分 column: the score
is the goal row's last cell — before, 得分 was read as the goal's target."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

# invented; a Wuhan department self-assessment as LibreOffice prints it: the budget row's label
# cell holds two paragraphs (部门整体支出 | 总额), each on a line of its own
BUDGET = [
    "2023年度江城区体育局 部门整体绩效自评表",
    "单位名称：江城区体育局    填报日期：2024 年 1 月 15 日",
    "预算执行情况（万元）（20分）", "", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20分*执行率）",
    "", "部门整体支出", "总额", "200", "190", "95%", "19",
    "年度目标1：(80分)", "完成社区健身设施年度维护任务。",
    "年度绩效指标", "一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分",
    "", "产出指标 (40分)", "数量指标 (40分)", "维护健身点位数 (40分)", "≥60个", "62个", "40",
    "", "满意度指标 (40分)", "服务对象满意度指标 (40分)", "居民满意度 (40分)", "≥90%", "90%", "40",
]  # fmt: skip


def test_a_budget_label_over_two_lines_is_one_label(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(BUDGET) + "\n", encoding="utf-8")
    [form] = read(path).forms
    assert form.budget is not None
    # 190 / 200 = 95 %, 20 × 95 % = 19: the amounts in their columns, not shifted by 总额
    assert (form.budget.planned, form.budget.executed, form.budget.score) == (200, 190, 19)
    assert [(g.name, g.weight) for g in form.goals] == [("年度目标1", 80)]


def test_the_overall_goals_score_column_is_its_rows(tmp_path: Path) -> None:
    # 项目绩效总目标 | 年初设定目标 | 全年实际完成情况 | 得分, then an empty cell and the row: the
    # 得分 label is no goal text, the row's last cell is the overall goal's score
    cells = [
        *BUDGET[:15],
        "项目绩效总目标（20分）", "年初设定目标", "全年实际完成情况", "得分",
        "", "完成社区健身设施年度维护任务。", "已完成社区健身设施年度维护任务。", "20",
        *BUDGET[15:],
    ]  # fmt: skip
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    [form] = read(path).forms
    og = form.overall_goal
    assert og is not None
    assert (og.target, og.actual, og.score) == (
        "完成社区健身设施年度维护任务。",
        "已完成社区健身设施年度维护任务。",
        20,
    )
