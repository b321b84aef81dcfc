"""A budget row read by order (a TAB row whose cells do not stand under their header columns)
takes the roles of the header's columns from the vocabulary, longest label first: 执行率权重 is
the points and 执行率得分 the score, not three execution rates (the old substring rule, which
also knew no 支出实现率), so the budget kept neither its points nor its score."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import read

CHONGQING = """桐江县市场监督管理局2024年度部门整体绩效自评表
单位名称\t桐江县市场监督管理局
预算执行情况\t年初预算数（万元）\t全年预算数（万元）\t全年执行数（万元）\t执行率（%）\t执行率权重\t执行率得分（分）
1280\t1280\t1195.52\t93.4%\t10\t9.34
绩效指标\t指标名称\t计量单位\t指标性质\t年初指标值\t全年完成值\t得分系数（%）\t指标权重（分）\t指标得分（分）
\t食品安全抽检批次\t批次\t定量\t≥2400\t2530\t100\t45\t45
\t市场主体满意度\t%\t定量\t≥90\t92.1\t100\t45\t45
总分\t99.34
"""

FUJIAN = """桐江县市场监督管理局2024年度部门整体支出绩效自评表
单位名称\t桐江县市场监督管理局
预算执行情况\t全年预算数④=①+②+③\t全年支出数⑤\t支出实现率⑥=⑤/④\t分值\t得分
1280\t1195.52\t93.4%\t10\t9.34
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标\t数量指标\t食品安全抽检批次\t≥2400批次\t2530批次\t45\t45
\t满意度指标\t服务对象满意度指标\t市场主体满意度\t≥90%\t92.1%\t45\t45
总分\t99.34
"""


@pytest.mark.parametrize("text", [CHONGQING, FUJIAN], ids=["chongqing", "fujian"])
def test_budget_row_without_its_label_cell_keeps_points_and_score(text: str, tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(text, encoding="utf-8")
    [form] = read(path).forms
    b = form.budget
    assert b is not None
    # 1195.52 / 1280 = 93.4 %; 10 × 93.4 % = 9.34; 9.34 + 45 + 45 = 99.34
    assert (b.planned, b.executed, b.rate, b.weight, b.score) == (1280, 1195.52, 0.934, 10, 9.34)
