"""Year over year: a target that fell while the budget rose; units side by side."""

from __future__ import annotations

from jixiao.cycle.history import compare_units, project_history, record_of
from jixiao.model import Scorecard
from tests.cycle.conftest import form


def year_form(year: int, planned: float, count: str, rate: str, total: float) -> str:
    return f"""
title: {year}年度社区服务项目自评表
unit: 某区民政局
project: 社区服务项目
year: {year}
budget: 20 | {planned} | {planned} | 100% | 20
goal: 年度绩效目标1 | 80
产出指标 | 数量指标 | 服务社区数量 | 40 | {count} | 12个 | 40
产出指标 | 质量指标 | 服务达标率 | 40 | {rate} | 96% | 40
total: {total}
"""


def test_target_fell_while_budget_rose() -> None:
    forms = [
        form(year_form(2020, 300, "≥10个", "≥95%", 100)),
        form(year_form(2021, 360, "≥8个", "≥95%", 98)),  # budget up 60 万元, target down
        form(year_form(2022, 340, "≥6个", "≥90%", 97)),  # budget down: no finding
    ]
    h = project_history(forms, "社区服务")
    assert h.years == [2020, 2021, 2022]
    assert h.budgets == {2020: 300, 2021: 360, 2022: 340}
    row = next(r for r in h.indicators if r.name == "服务社区数量")
    assert row.targets == {2020: "≥10个", 2021: "≥8个", 2022: "≥6个"}
    [f] = h.findings
    assert (f.code, f.form, f.indicator) == ("target.fell_budget_rose", 1, "服务社区数量")
    assert "由 2020 年的“≥10个”降为 2021 年的“≥8个”" in f.message
    assert "预算数由 300.00 万元增至 360.00 万元" in f.message  # 万元 to the 分


def test_units_compared_by_how_far_printed_scores_run_above_the_rules() -> None:
    a = form(year_form(2021, 300, "≥10个", "≥95%", 100))
    b = form(year_form(2021, 300, "≥10个", "≥95%", 90).replace("某区民政局", "某区教育局"))
    records = [
        record_of(a, Scorecard(form=0, rule_set="wuhan", total_computed=92, grade_computed="优"), []),
        record_of(b, Scorecard(form=0, rule_set="wuhan", total_computed=89, grade_computed="良"), []),
    ]
    rows = compare_units(records, 2021)
    assert [(r.unit, r.gap) for r in rows] == [("某区民政局", 8), ("某区教育局", 1)]


def test_target_tables_over_the_years_use_their_budget_field() -> None:
    """Target tables print 项目当年预算 in their header, not a 预算执行 block."""

    def target(year: int, budget: str, count: str):
        f = form(
            f"kind: project_target\ntitle: 项目支出绩效目标表\nunit: 某区民政局\nproject: 社区服务\nyear: {year}\n"
            f"产出指标 | 数量指标 | 服务社区数量 | - | {count} | - | - | 计划标准"
        )
        f.extra["fields"] = {"项目当年预算": budget}
        return f

    h = project_history([target(2022, "233", "≥12个"), target(2023, "295", "≥10个")], "社区服务项目")
    assert h.budgets == {2022: 233, 2023: 295}
    [f] = h.findings
    assert (f.code, f.indicator, f.printed, f.expected) == (
        "target.fell_budget_rose",
        "服务社区数量",
        "≥10个",
        "≥12个",
    )


def test_grades_are_split_into_recomputed_and_printed() -> None:
    """A stored grade is the re-scored one only where the rules give a 重算总分; a form they cannot
    re-score keeps its printed grade, which the unit pages must not count as a 重算等级."""
    from jixiao.cycle.history import unit_history

    a = form(year_form(2021, 300, "≥10个", "≥95%", 100))
    b = form(year_form(2021, 300, "≥10个", "≥95%", 85))
    records = [
        record_of(a, Scorecard(form=0, rule_set="wuhan", total_computed=92, grade_computed="优"), []),
        record_of(b, Scorecard(form=0, rule_set="wuhan", total_computed=None, grade_printed="良"), []),
    ]
    [year] = unit_history(records, "某区民政局")
    assert (year.grades, year.grades_printed) == ({"优": 1}, {"良": 1})
    [unit] = compare_units(records, 2021)
    assert (unit.grades, unit.grades_printed) == ({"优": 1}, {"良": 1})
