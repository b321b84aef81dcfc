"""A flattened form whose table runs over a page break: the title and header fields printed
again at the top of the next page stand between two rows of the table.

Before, the repeated title ended the table and every row after it was no table row (the
corpus_wuhan page-break forms read 36–47 % flattened). Now a run that repeats word for word
the title and fields printed before the table, ending with a value, and after which the table
goes on, is dropped from the rows. A second form with the same title is followed by its own
field values and header, so it still starts a form.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

HEAD = """2022年度桐江县水务局 部门整体绩效自评表

单位名称: 桐江县水务局

填报日期: 2023年03月10日

"""
PAGE_1 = """预算执行情况 (万元) (20分)\t\t预算数(A)\t执行数(B)\t执行率(B/A)\t得分 (20分*执行率)
\t部门整体支出总额\t820\t779\t95%\t19
年度目标1: (80分)\t保障城乡供水安全，推进水利工程建设
一级指标\t二级指标\t三级指标\t\t年初目标值\t实际完成值\t得分
年度 绩效 指标\t产出 指标(40分)\t数量指标(20分)\t新建供水管网长度(10分)\t≥30公里\t32公里\t10
\t\t\t改造农村饮水工程处数(10分)\t≥12处\t12处\t10
\t\t质量指标(20分)\t水质检测合格率(20分)\t≥98%\t99%\t20
\t效益指标(20分)\t社会效益指标(20分)\t供水保障人口(20分)\t≥8万人\t8.2万人\t20
"""
PAGE_2 = """\t\t可持续影响指标(10分)\t工程长效管护机制(10分)\t健全\t健全\t10
\t满意度指标(10分)\t服务对象满意度指标(10分)\t用水群众满意度(10分)\t≥90%\t93%\t10
\t总分\t\t\t\t\t99
"""
EXPECTED = [
    ("新建供水管网长度", "≥30公里", "32公里", 10, 10),
    ("改造农村饮水工程处数", "≥12处", "12处", 10, 10),
    ("水质检测合格率", "≥98%", "99%", 20, 20),
    ("供水保障人口", "≥8万人", "8.2万人", 20, 20),
    ("工程长效管护机制", "健全", "健全", 10, 10),
    ("用水群众满意度", "≥90%", "93%", 10, 10),
]


def _flat(text: str) -> str:
    """Every cell of every line on one line, as a copy that lost its line breaks gives."""
    return " ".join(tok for line in text.splitlines() for cell in line.split("\t") for tok in cell.split())


def _indicators(form) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(i.name, i.target, i.actual, i.weight, i.score) for _, i in form.indicators()]


def test_a_page_break_inside_the_table_of_a_flattened_form(tmp_path: Path) -> None:
    text = HEAD + PAGE_1 + "\n" + HEAD + PAGE_2
    tab = tmp_path / "分页.txt"
    tab.write_text(text, encoding="utf-8")
    [as_printed] = read(tab).forms
    assert _indicators(as_printed) == EXPECTED  # the TAB form itself, checked by hand
    flat = tmp_path / "一行.txt"
    flat.write_text(_flat(text) + "\n", encoding="utf-8")
    [form] = read(flat).forms
    assert _indicators(form) == EXPECTED
    assert [i.level2 for _, i in form.indicators()][-2:] == ["可持续影响指标", "服务对象满意度指标"]
    assert form.total_score == 99  # 19 + 10 + 10 + 20 + 20 + 10 + 10


def test_two_forms_of_one_title_stay_two_forms(tmp_path: Path) -> None:
    """The second form repeats the title and the field labels, not the values: no page break."""
    other = HEAD.replace("桐江县水务局\n", "桐江县农业农村局\n").replace(
        "单位名称: 桐江县水务局", "单位名称: 桐江县农业农村局"
    )
    no_total = PAGE_2.rsplit("\t总分", 1)[0]  # no total row to end the first table
    text = HEAD + PAGE_1 + no_total + "\n" + other + PAGE_1 + PAGE_2
    flat = tmp_path / "一行.txt"
    flat.write_text(_flat(text) + "\n", encoding="utf-8")
    forms = read(flat).forms
    assert [f.unit for f in forms] == ["桐江县水务局", "桐江县农业农村局"]
    assert [_indicators(f) for f in forms] == [EXPECTED, EXPECTED]
