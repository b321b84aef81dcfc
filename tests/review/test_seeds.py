"""The real mistakes in the seed documents are found, and correct seed forms get no error.

Each expectation was checked by hand against the printed form in ``../shared/seeds``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from jixiao.model import Finding
from jixiao.read import read
from jixiao.review import ReviewResult, review_document

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@cache
def _review(name: str) -> ReviewResult:
    [path] = SEEDS.glob(f"{name}*.txt")
    return review_document(read(path))


def _errors(name: str, title_part: str) -> list[Finding]:
    result = _review(name)
    return [f for f in result.findings if f.severity == "error" and title_part in f.form_title]


def test_000_full_score_for_unmet_tasks() -> None:
    errors = _errors("000", "部门整体绩效自评表")
    assert {(f.indicator, f.code) for f in errors} == {
        ("完成工业投资额", "indicator.full_score_unmet"),
        ("实际利用外资额", "indicator.full_score_unmet"),
    }
    assert {(f.printed, f.expected) for f in errors} == {(0.5, 0.25)}


def test_004_budget_score_19_2_for_99_1_percent() -> None:
    errors = _errors("004", "管委会机关项目绩效自评表")
    budget = [f for f in errors if f.code == "budget.score_mismatch"]
    assert [(f.printed, f.expected) for f in budget] == [(19.2, 19.82)]  # 20 × 99.1% = 19.82
    report = [f for f in errors if f.code == "report.figure_mismatch"]
    assert [(f.printed, f.expected) for f in report] == [(19.8, 19.2)]  # 自评结果 says 19.8


def test_004_budget_score_100_for_weight_20() -> None:
    errors = _errors("004", "街道分中心建设")
    assert [(f.code, f.printed) for f in errors if f.code.startswith("budget.")] == [
        ("budget.score_mismatch", 100)
    ]


def test_004_printed_rate_does_not_follow_the_amounts() -> None:
    errors = _errors("004", "2020年度管委会办公室项目自评表")
    # 1918.63 / 2625.65 = 73.07%, not 79.1%; the score 15.82 = 20 × 79.1% inherits the error
    assert [(f.code, f.printed, f.expected) for f in errors] == [
        ("budget.rate_mismatch", 0.791, 0.7307),
        ("budget.score_mismatch", 15.82, 14.61),
    ]


def test_004_score_off_by_rounding() -> None:
    errors = _errors("004", "疫情防控资金")
    assert [(f.indicator, f.printed, f.expected) for f in errors] == [
        ("把疫情对社会、对群众的影响降到最低", 9.48, 9.47),  # 10 × 90/95 = 9.47
        (None, 40, 20),  # its 自评结果's score table gives 效益指标 40 points; the form prints (20分)
    ]


@pytest.mark.parametrize(
    ("name", "title_part"),
    [
        ("004", "发改局工作经费"),  # 8 × 28/30 = 7.47, 20 × 68.83% = 13.77
        ("004", "统计工作经费"),  # 20 × 46.14% = 9.23
        ("004", "投资促进局"),
        ("004", "自贸改革创新局"),
        ("004", "财政局预算绩效管理经费"),
        ("003", "科学技术研究与开发资金"),
        ("003", "安全生产第三方服务经费"),
        ("003", "国家示范基地管理费"),
    ],
)
def test_correct_forms_have_no_error(name: str, title_part: str) -> None:
    result = _review(name)
    assert any(title_part in f.title for f in read(next(SEEDS.glob(f"{name}*.txt"))).forms)
    assert _errors(name, title_part) == []
    assert result.scorecards


def test_every_seed_reviews_without_internal_errors() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        result = review_document(read(path))
        assert not [f for f in result.findings if f.code.startswith("internal.")], path.name
        assert len(result.scorecards) == len(read(path).forms)
