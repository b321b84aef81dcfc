"""Weights printed as percentages under the 分值 column (``20%``): a share of the form's 100
points, read as 20 points. Read as nothing, every weight was lost and no score could be checked."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

FORM = """2023年度项目支出绩效自评表
项目名称\t乡镇文化站免费开放
主管部门\t桐江县文化和旅游局\t实施单位\t桐江县文化馆
项目资金（万元）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分
\t年度资金总额\t80\t80\t72\t10\t90%\t9
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标\t数量指标\t免费开放文化站数量\t≥12个\t12个\t50%\t50
\t效益指标\t社会效益指标\t年服务群众人次\t≥3万人次\t2.4万人次\t30%\t24
\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t93%\t10%\t10
总分\t\t\t\t\t\t100\t93
"""


def test_percentage_weights_under_the_points_column(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(FORM, encoding="utf-8")
    [form] = read(path).forms
    got = [(i.name, i.weight, i.score) for _, i in form.indicators()]
    # 50 + 30 + 10 + budget 10 = 100; 30 × 2.4/3 = 24
    assert got == [("免费开放文化站数量", 50, 50), ("年服务群众人次", 30, 24), ("群众满意度", 10, 10)]
    assert form.total_score == 93
