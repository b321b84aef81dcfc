"""Budget headings carrying a column reference (Fujian: 年初预算数①, 支出实现率⑥=⑤/④).

The circled digits and the formula joining them name columns for the reader, not the role;
read as part of the label, 支出实现率⑥=⑤/④ was no known heading and the rate was lost.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

FORM = """2023年度部门整体支出绩效自评表
部门（单位）名称\t桐江县文化和旅游局
部门资金（万元）\t\t年初预算数①\t全年预算数④=①+②+③\t全年执行数⑤\t分值\t支出实现率⑥=⑤/④\t得分
\t年度资金总额\t500\t600\t540\t10\t90%\t9
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标\t数量指标\t免费开放文化站数量\t≥12个\t12个\t50\t50
\t效益指标\t社会效益指标\t年服务群众人次\t≥3万人次\t3.2万人次\t30\t30
\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t93%\t10\t10
总分\t\t\t\t\t\t100\t99
"""


def test_circled_column_references_are_stripped_from_budget_headings(tmp_path: Path) -> None:
    path = tmp_path / "整体自评表.txt"
    path.write_text(FORM, encoding="utf-8")
    [form] = read(path).forms
    b = form.budget
    assert b is not None
    # 540 / 600 = 90 %, printed under 支出实现率⑥=⑤/④; 10 × 90 % = 9
    assert (b.planned, b.executed, b.rate, b.weight, b.score) == (600, 540, 0.9, 10, 9)
    assert form.extra.get("initial_budget") == 500
