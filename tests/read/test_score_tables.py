"""Evaluation score tables (评价指标体系及评分表, templates family j) are not forms.

They head a 评分标准 / 指标解释 column and score 项目决策 / 项目管理 / 项目绩效; read as a
self-evaluation they gave a form of "indicators" without targets and a page of false findings.
A score table annexed after a real form leaves that form as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import ReadError, read

SCORE_TABLE = """乡镇文化站免费开放项目绩效评价指标体系及评分表
一级指标\t二级指标\t三级指标\t分值\t指标解释\t评分标准\t得分
项目决策\t项目立项\t立项依据充分性\t4\t项目立项是否符合发展规划\t符合得4分，否则酌情扣分\t4
项目管理\t资金管理\t资金到位率\t6\t实际到位资金/计划投入资金\t每低1个百分点扣0.1分\t5.5
项目绩效\t项目产出\t免费开放文化站数量\t20\t实际开放数/计划开放数\t按比例得分\t20
合计\t\t\t30\t\t\t29.5
"""

FORM = """2023年度项目支出绩效自评表
项目名称\t乡镇文化站免费开放
主管部门\t桐江县文化和旅游局\t实施单位\t桐江县文化馆
项目资金（万元）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分
\t年度资金总额\t80\t80\t72\t10\t90%\t9
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标\t数量指标\t免费开放文化站数量\t≥12个\t12个\t50\t50
\t效益指标\t社会效益指标\t年服务群众人次\t≥3万人次\t3.2万人次\t30\t30
\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t93%\t10\t10
总分\t\t\t\t\t\t100\t99
"""


def test_a_score_table_alone_is_not_read_as_a_form(tmp_path: Path) -> None:
    path = tmp_path / "评分表.txt"
    path.write_text(SCORE_TABLE, encoding="utf-8")
    with pytest.raises(ReadError) as err:
        read(path)
    assert "评分表.txt" in str(err.value)


def test_a_score_table_after_a_form_leaves_the_form(tmp_path: Path) -> None:
    path = tmp_path / "自评表及评分表.txt"
    path.write_text(FORM + "\n" + SCORE_TABLE, encoding="utf-8")
    doc = read(path)
    assert len(doc.forms) == 1
    form = form_to_contract(doc.forms[0])
    names = [i["name"] for g in form["goals"] for i in g["indicators"]]
    assert names == ["免费开放文化站数量", "年服务群众人次", "群众满意度"]
    assert form["total_score"] == 99
