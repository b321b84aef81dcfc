"""A markdown (GFM) table — a header line, the ``|---|`` rule, rows of as many cells — keeps every
cell in its column (covered cells printed empty), so it is read as a grid: the 前年/上年 columns
left blank do not shift the 预期当年实现值 and 依据 of a target table's annual rows to the left."""

from __future__ import annotations

from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

WIDTH = 8


def table(rows: list[list[str]]) -> list[str]:
    rows = [r + [""] * (WIDTH - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * WIDTH]
    return lines + ["| " + " | ".join(r) + " |" for r in rows[1:]]


def test_department_target_history_blank_in_markdown(tmp_path: Path) -> None:
    rows = [
        ["部门（单位）名称", "示范区统计局"],
        ["年度目标 1：", "做好统计调查和数据发布工作"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "", "", "指标值确定依据"],
        ["", "", "", "", "近两年指标值", "", "预期当年实现值", ""],
        ["", "", "", "", "前年", "上年", "", ""],
        ["年度绩效指标", "产出指标", "数量指标", "完成统计调查项目", "", "", "≥12项", "计划标准"],
        ["", "", "质量指标", "数据差错率", "", "", "≤1%", "行业标准"],
        ["", "满意度指标", "服务对象满意度指标", "数据使用者满意度", "", "", "≥90%", "历史指标"],
    ]
    path = tmp_path / "target.md"
    path.write_text("部门整体支出绩效目标表\n\n" + "\n".join(table(rows)) + "\n", encoding="utf-8")
    form = form_to_contract(read(path).forms[0])
    assert form["kind"] == "department_target" and form["unit"] == "示范区统计局"
    got = [(i["name"], i["target"], i["basis"]) for g in form["goals"] for i in g["indicators"]]
    assert got == [
        ("完成统计调查项目", "≥12项", "计划标准"),
        ("数据差错率", "≤1%", "行业标准"),
        ("数据使用者满意度", "≥90%", "历史指标"),
    ]
