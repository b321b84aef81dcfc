"""Text that ``pdftotext -raw`` makes of a PDF a word processor printed: one space between runs
(a figure apart from its unit: ``≥500 人次``), and a cell that wraps goes on lines of its own,
the row's next cells on the line after. Read as glued cells with the wrapped rows joined where
the joined line reads as one row (``jixiao/read/_glued_raw.py``); before, the spaces cut every
figure from its unit (target 500, actual 人次) and the wrapped name was a row of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import read

# invented form, laid out as pdftotext -raw prints a Writer table; figures checked by hand:
# 225/250 = 90 %, 10 × 90 % = 9; 15 × 81/90 = 13.5; 9 + 20 + 13.5 + 10 + 30 + 15 = 97.5 of 10 + 90
RAW = """\
2024 年度项目支出绩效自评表
填报单位（盖章）：溪口县就业服务中心 填报日期：2025 年 3 月 12 日
项目名称 职业技能提升培训
主管部门 溪口县人力资源和社会保障局 实施单位 溪口县就业服务中心
项目资金（万元） 年初预算数 全年预算数
（A）
全年执行数（B） 分值 执行率（B/A） 得分
年度资金总额 200 250 225 10 90% 9
其中：当年财政拨
款
200 250 225 - - -
年度总体目标 预期目标 实际完成情况
开展职业技能培训 500 人次，提升劳动者就业能力。 完成职业技能培训 520 人次，学员就业率明显提高。
绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改
进措施
产出指标 数量指标 培训人次 ≥500 人次 520 人次 20 20
质量指标 培训合格率 ≥90% 81% 15 13.5 部分学员考核未通
过，下年加强辅导。
成本指标 人均培训补贴标
准
≤1500 元 1380 元 10 10
效益指标 社会效益指标 带动就业人数 ≥100 人 100 人 30 30
满意度指标 服务对象满意度指
标
学员满意度 ≥90% 95% 15 15
总分 100 97.5
"""


# the same dump whose title and date print no year apart from 年: the figures apart from their
# units still tell it (no header of it has a 度量单位 column whose cells they could be)
NO_YEAR = RAW.replace("2024 年度", "2024年度").replace("2025 年 3 月 12 日", "2025-03-12")

# the same dump from a table of narrow columns: every header label wraps (年度指标 / 值), the
# header over seven lines
NARROW = RAW.replace(
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改\n进措施\n",
    "绩效指标 一级指标 二级指标 三级指标 年度指标\n值\n实际完成\n值\n分值 得分 偏差原因\n分析及改\n进措施\n",
)

# the same dump with the table broken over two pages, the header repeated on the second: the
# row before the break wraps its name, its figures (≤1500 元 1380 元 10 10) open no header
_HEADER = "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改\n进措施\n"
PAGED = RAW.replace("≤1500 元 1380 元 10 10\n", "≤1500 元 1380 元 10 10\n\n\f" + _HEADER)

# the same dump whose cost row wraps its name and both values in narrow cells: the row over
# eight lines (as a 偏差原因 column squeezes the others: ≤3 个工作 / 日 / 2.5 个工作 / 日 / 5 5)
TALL_ROW = RAW.replace(
    "成本指标 人均培训补贴标\n准\n≤1500 元 1380 元 10 10\n",
    "成本指标 人均培\n训补贴\n标准\n≤1500\n元\n1380\n元\n10 10\n",
)


@pytest.mark.parametrize(
    "text",
    [RAW, NO_YEAR, NARROW, PAGED, TALL_ROW],
    ids=["year-apart", "no-year-apart", "narrow", "paged", "tall-row"],
)
def test_raw_dump_reads_wrapped_rows_and_split_units(tmp_path: Path, text: str) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(text, encoding="utf-8")
    [form] = read(path).forms
    assert (form.project, form.supervisor, form.implementer) == (
        "职业技能提升培训",
        "溪口县人力资源和社会保障局",
        "溪口县就业服务中心",
    )
    b = form.budget
    assert (b.planned, b.executed, b.weight, b.score) == (250, 225, 10, 9)
    rows = [
        (i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score)
        for g in form.goals
        for i in g.indicators
    ]
    assert rows == [
        ("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 20, 20),
        ("产出指标", "质量指标", "培训合格率", "≥90%", "81%", 15, 13.5),
        ("产出指标", "成本指标", "人均培训补贴标准", "≤1500元", "1380元", 10, 10),
        ("效益指标", "社会效益指标", "带动就业人数", "≥100人", "100人", 30, 30),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", 15, 15),
    ]
    [quality] = [i for g in form.goals for i in g.indicators if i.name == "培训合格率"]
    assert quality.extra["deviation"] == "部分学员考核未通过，下年加强辅导。"
    assert form.overall_goal.target == "开展职业技能培训500人次，提升劳动者就业能力。"


# the score of the budget row left blank (its digits would glue onto the rate's) and the goal's
# actual wrapped onto a line of its own
BLANK_SCORE = RAW.replace("年度资金总额 200 250 225 10 90% 9", "年度资金总额 200 250 225 10 90%").replace(
    "学员就业率明显提高。", "学员就业率明显\n提高。"
)


def test_raw_dump_budget_figures_apart_and_wrapped_goal(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(BLANK_SCORE, encoding="utf-8")
    [form] = read(path).forms
    b = form.budget
    assert (b.planned, b.executed, b.weight, b.rate, b.score) == (250, 225, 10, 0.9, None)
    assert form.overall_goal.actual == "完成职业技能培训520人次，学员就业率明显提高。"
    assert [g.name for g in form.goals] == ["绩效指标"]
