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
