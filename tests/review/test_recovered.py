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
