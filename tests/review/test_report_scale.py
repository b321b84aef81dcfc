"""A 20/80 narrative states each part with its scale in brackets (``绩效指标得分 74.6 分（80 分）``):
the bracketed figure is the part's full points, not a score the report claims. The finding names
the total the report states (94.6), not the scale (80)."""

from __future__ import annotations

from jixiao.review import review_document
from tests.conftest import read_doc

DOC = """
    2020 年度防灾减灾宣传项目自评表

    单位名称: 示范区应急管理局 填报日期: 2021年3月1日

    项目名称||防灾减灾宣传||||
    主管部门||示范区应急管理局||项目实施单位||示范区应急管理局
    预算执行情况 (万元) (20分)||预算数(A)|执行数(B)|执行率(B/A)|得分 (20分*执行率)|
    ||年度财政资金总额|100|100|100%|20
    年度绩效目标1 (80分)|一级指标|二级指标|三级指标|年初目标值(A)|实际完成值(B)|得分
    |产出指标|数量指标|开展宣传活动次数|≥12次|12次|40
    |满意度指标|服务对象满意度指标|群众满意度|≥90%|95%|40
    总分||{total}||||

    ## 2020 年度防灾减灾宣传项目自评结果

    (摘要版)

    ## 一、自评得分

    2020 年度防灾减灾宣传预算执行率 100.00%，预算执行得分 20 分（20 分），绩效指标得分 74.6 分（80 分），自评得分 94.6 分。
"""


def test_the_bracketed_scale_is_no_stated_score() -> None:
    doc = read_doc(DOC.format(total=100))
    assert doc.reports[0].stated_scores == [94.6]
    found = [f for f in review_document(doc).findings if f.code == "report.score_mismatch"]
    assert [(f.printed, f.expected) for f in found] == [(94.6, 100)]


def test_a_report_that_agrees_with_its_table_raises_nothing() -> None:
    doc = read_doc(DOC.format(total=94.6).replace("|40\n    |满意度", "|34.6\n    |满意度"))
    assert not [f for f in review_document(doc).findings if f.code == "report.score_mismatch"]
