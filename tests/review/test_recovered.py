"""A score the reader recovered from the total is reported, for the reviewer to check."""

from __future__ import annotations

from jixiao.review import review_document
from tests.conftest import read_doc
from tests.read.test_layouts import PROJECT_HEAD


def test_recovered_score_is_an_info_finding_naming_the_indicator() -> None:
    doc = read_doc(
        PROJECT_HEAD
        + """
    |产出指标|数量指标|培训人次||≥100 人次|120 人次|40
    |效益指标|社会效益指标|群众知晓率||≥80%|85%
    总分||98
    """
    )
    found = [f for f in review_document(doc).findings if f.code == "form.recovered_value"]
    assert [(f.severity, f.indicator, f.expected) for f in found] == [("info", "群众知晓率", 40)]
    assert "推定为 40 分" in found[0].message


def test_nothing_recovered_nothing_said() -> None:
    doc = read_doc(PROJECT_HEAD + "\n    |产出指标|数量指标|培训人次||≥100 人次|120 人次|80\n    总分||98\n")
    assert not [f for f in review_document(doc).findings if f.code == "form.recovered_value"]


def test_report_rate_of_a_part_is_not_compared_but_a_wrong_overall_rate_is() -> None:
    doc = read_doc(
        PROJECT_HEAD
        + """
    |产出指标|数量指标|培训人次||≥100 人次|120 人次|80
    总分||98

    2022年度示范项目自评结果

    一是预算未压减时，整体预算执行率为 80%，其中专项执行率为 85%。
    二是预算压减后，整体预算执行率为 90%，其中结转经费的执行率为 70%。
    全年支出 90 万元，预算执行率约 70%。
    """
    )
    found = [f for f in review_document(doc).findings if f.code == "report.figure_mismatch"]
    # 80% is on another base (未压减), 85% and 70% (其中) are parts; 90% agrees; "约 70%" is wrong
    assert [(f.printed, f.expected) for f in found] == [(0.7, 0.9)]


def test_report_score_table_against_the_forms_first_level_weights() -> None:
    """seed 004 疫情防控: the report's table gives 效益指标 40 points, the form 20."""
    doc = read_doc(
        """
        2022年度示范项目自评表

        项目名称||示范项目
        预算执行情况 (万元) (20分)||预算数(A)|执行数(B)|执行率(B/A)|得分
        ||年度财政资金总额|100|100|100%|20
        年度绩效目标 (80分)|一级 指标|二级指标|三级指标||年初目标值 (A)|实际完成值 (B)|得分
        |产出指标 (60分)|数量指标|培训人次||≥100 人次|120 人次|60
        |效益指标 (20分)|社会效益指标|群众知晓率||≥80%|85%|20
        总分||100

        2022年度示范项目自评结果

        评价准则|权重|评价得分|评价等级
        预算执行情况|20.00|20.00|
        产出指标|60.00|60.00|
        效益指标|40.00|20.00|
        综合绩效|100.00|100.00|优
        """
    )
    found = [f for f in review_document(doc).findings if f.code == "report.figure_mismatch"]
    assert [(f.printed, f.expected) for f in found] == [(40, 20)]
    assert "“效益指标”的权重 40 分" in found[0].message


def test_a_target_table_value_that_only_describes_is_vague() -> None:
    doc = read_doc(
        """
        项目支出绩效目标表

        项目名称|示范项目
        年度绩效目标表
        目标名称|一级指标|二级指标|三级指标|指标值|指标值确定依据
        年度绩效目标 1|效益指标|社会效益指标|强化党建引领作用|通过党建引领，发动群众，强化共建共治力度|计划标准
        ||满意度指标|群众满意度|≥90%|计划标准
        |产出指标|数量指标|开展活动|全年开展三次以上主题活动|计划标准
        """
    )
    vague = [f.indicator for f in review_document(doc).findings if f.code == "target.vague"]
    assert vague == ["强化党建引领作用"]
