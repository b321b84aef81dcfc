"""A grid row cut by a page break (a DOCX printed to PDF): the rest of its wrapped cells is the
next page's first row.

LibreOffice splits a tall row over two pages: the 二级 label ``服务对象满\\n意度指标`` prints
``服务对象满意`` at the foot of one page and ``度指标`` alone in its column at the top of the next.
Read as a row of its own, the indicator kept a cut 二级 label.
"""

from __future__ import annotations

from jixiao.model import Source
from jixiao.read._forms import build_forms
from jixiao.read._grid import Row

_ROWS = [
    ["项目支出绩效目标表"],
    ["项目名称", "课后服务保障项目"],
    ["项目执行单位", "某区教育局"],
    ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
    ["年度绩效目标1", "产出指标", "数量指标", "开展课后服务学校数", "≥46所", "行业标准"],
    ["", "满意度指标", "服务对象满意", "家长满意度", "≥90%", "历史指标"],
]


def _form(split: list[str]) -> list[tuple]:
    rows = [Row(c, Source(file="t.pdf", page=1), table=len(c) > 1, exact=True) for c in _ROWS]
    rows.append(Row(split, Source(file="t.pdf", page=2), exact=True, after_gap=True))
    [form] = build_forms(rows, "t.pdf").forms
    return [(i.level1, i.level2, i.name, i.target) for _, i in form.indicators()]


def test_the_rest_of_a_cut_level_label_joins_it() -> None:
    assert _form(["", "", "度指标"])[-1] == ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%")


def test_a_row_with_values_on_the_next_page_is_its_own() -> None:
    got = _form(["", "", "", "家长投诉办结率", "100%", "计划标准"])
    assert got[-2:] == [
        ("满意度指标", "服务对象满意", "家长满意度", "≥90%"),
        ("满意度指标", "服务对象满意", "家长投诉办结率", "100%"),
    ]
