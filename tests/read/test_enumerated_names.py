"""Indicator names numbered by the office that filled the form: ``1.`` ``（1）`` ``①`` ``一、``.

The number is list layout, like the ``★`` of a core indicator: the 三级指标 is the text after it.
Kept, the name differs from the same indicator on every other form of the unit (targets, last
year's form), and a reviewer's finding names ``②★新增高效节水灌溉面积`` (corpus4 a05, a06, c02).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import read
from jixiao.read._clean import strip_enumerator

ROWS = [
    "2023年度项目支出绩效自评表",
    "项目名称\t乡镇文化站免费开放",
    "项目资金（万元）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分",
    "\t年度资金总额\t80\t80\t72\t10\t90%\t9",
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
    "\t产出指标\t数量指标\t{0}免费开放文化站数量\t≥12个\t12个\t50\t50",
    "\t效益指标\t社会效益指标\t{1}★年服务群众人次\t≥3万人次\t3.2万人次\t30\t30",
    "\t满意度指标\t服务对象满意度指标\t{2}群众满意度\t≥90%\t93%\t10\t10",
    "总分\t\t\t\t\t\t100\t99",
]


@pytest.mark.parametrize(
    "marks",
    [
        ("1.", "2.", "3."),
        ("（1）", "（2）", "（3）"),
        ("①", "②", "③"),
        ("一、", "二、", "三、"),
        ("1、", "2、", "3、"),
    ],
    ids=["dot", "paren", "circled", "chinese", "comma"],
)
def test_numbered_names_read_without_the_number(tmp_path: Path, marks: tuple[str, str, str]) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(ROWS).format(*marks) + "\n", encoding="utf-8")
    [form] = read(path).forms
    names = [i.name for g in form.goals for i in g.indicators]
    assert names == ["免费开放文化站数量", "年服务群众人次", "群众满意度"]


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("5G基站覆盖率", "5G基站覆盖率"),  # a number that is part of the name
        ("2.5级以上地震监测率", "2.5级以上地震监测率"),  # a decimal, not a list number
        ("12345热线办结率", "12345热线办结率"),
        ("（1分）", "（1分）"),  # nothing after the bracket: not a numbered name
        ("★1.改造老旧小区数量", "改造老旧小区数量"),
    ],
)
def test_only_a_list_number_is_cut(printed: str, name: str) -> None:
    assert strip_enumerator(printed)[0] == name
