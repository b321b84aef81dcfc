"""汇总: sums, rates through numerator/denominator, funds-weighted values and scores, checked by hand."""

from __future__ import annotations

import json

import pytest

from jixiao.contract import dumps, form_from_contract, form_to_contract
from jixiao.cycle import RollupError, rollup
from jixiao.score import load_rule_set, parse_rule_set
from jixiao.write import write_xlsx
from tests.cycle.conftest import form

# Two second-level projects: funds 300 and 100 万元, so weights 0.75 and 0.25.
FIRST = """
title: 2021年度街道一所社区服务自评表
unit: 某区民政局
project: 社区服务（一所）
year: 2021
budget: 20 | 300 | 270 | 90% | 18
goal: 年度绩效目标1 | 80
产出指标 | 数量指标 | 服务社区数量 | 20 | ≥10个 | 12个 | 20
产出指标 | 质量指标 | 服务达标率 | 20 | ≥95% | 96%（48/50） | 20
效益指标 | 社会效益指标 | 居民生活便利程度 | 20 | 明显提升 | 明显提升 | 18
满意度指标 | 服务对象满意度指标 | 居民满意度 | 20 | ≥90% | 92% | 20
"""
SECOND = """
title: 2021年度街道二所社区服务自评表
unit: 某区民政局
project: 社区服务（二所）
year: 2021
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标1 | 80
产出指标 | 数量指标 | 服务社区数量 | 20 | ≥5个 | 4个 | 16
产出指标 | 质量指标 | 服务达标率 | 20 | ≥95% | 90%（90/100） | 18.95
效益指标 | 社会效益指标 | 居民生活便利程度 | 20 | 明显提升 | 有所提升 | 12
满意度指标 | 服务对象满意度指标 | 居民满意率 | 20 | ≥90% | 80% | 17.78
产出指标 | 数量指标 | 培训场次 | - | ≥2场 | 3场 | -
"""


@pytest.fixture
def result():
    return rollup([form(FIRST), form(SECOND)], load_rule_set("wuhan"), project="社区服务")


def test_funds_and_weights(result) -> None:
    assert [(s.funds, s.share) for s in result.subforms] == [(300, 0.75), (100, 0.25)]
    b = result.form.budget
    assert (b.planned, b.executed, b.rate) == (400, 370, 0.925)
    assert b.score == 18.5  # 20 × 370/400


def test_absolute_values_are_summed(result) -> None:
    v = next(v for v in result.values if v.name == "服务社区数量")
    assert (v.method, v.target, v.actual) == ("绝对值累加", "≥15个", "16个")
    assert v.score == 20  # 16 ≥ 15: full marks, recomputed from the sums


def test_rate_through_numerator_and_denominator(result) -> None:
    """(48+90)/(50+100) = 138/150 = 92%, not the plain average 93% nor the funds-weighted 94.5%."""
    v = next(v for v in result.values if v.name == "服务达标率")
    assert v.method == "分子分母合计"
    assert v.actual == "92%（138/150）"
    assert v.score == 19.37  # 20 × 0.92 / 0.95 = 19.368…
    assert "138÷150=92%" in v.working


def test_rate_without_counts_is_weighted_by_funds(result) -> None:
    """居民满意度 (满意率 in the second form): 0.75 × 92% + 0.25 × 80% = 89%."""
    v = next(v for v in result.values if v.name == "居民满意度")
    assert (v.method, v.actual) == ("按资金额度加权", "89%")
    assert v.score == 19.78  # 20 × 0.89 / 0.90 = 19.777…


def test_qualitative_scores_weighted_by_funds(result) -> None:
    v = next(v for v in result.values if v.name == "居民生活便利程度")
    assert v.method == "定性分值加权"
    assert v.score == 16.5  # (0.75 × 18/20 + 0.25 × 12/20) × 20


def test_unaligned_indicator_is_listed_not_guessed(result) -> None:
    [u] = result.unaligned
    assert u.name == "培训场次"
    assert u.present_in == ("社区服务（二所）",)
    assert u.reason == "未见于：社区服务（一所）"
    assert all(i.name != "培训场次" for _, i in result.form.indicators())
    # A total without it would be incomplete: none is claimed, the part that was combined is shown.
    assert result.form.total_score is None and result.scorecard.grade_computed is None
    assert result.partial_total == 94.15


def test_combined_form_is_scored_and_printable(tmp_path) -> None:
    second = "\n".join(line for line in SECOND.splitlines() if "培训场次" not in line)
    result = rollup([form(FIRST), form(second)], load_rule_set("wuhan"), project="社区服务")
    assert result.complete
    assert result.form.total_score == 94.15  # 18.5 + 20 + 19.37 + 16.5 + 19.78
    assert result.scorecard.total_computed == 94.15
    assert result.scorecard.grade_computed == "优"
    data = json.loads(dumps(form_to_contract(result.form)))
    assert data["schema"] == "jixiao.form/1"
    assert data["extra"]["rollup"]["subforms"][0]["share"] == 0.75
    assert form_from_contract(data).total_score == 94.15
    assert write_xlsx([result.form], tmp_path / "r.xlsx").stat().st_size > 0


def test_units_that_differ_are_not_summed() -> None:
    second = form(SECOND.replace("≥5个 | 4个", "≥5家 | 4家"))
    r = rollup([form(FIRST), second], load_rule_set("wuhan"))
    assert any(u.name == "服务社区数量" and "计量单位" in u.reason for u in r.unaligned)


def test_aggregation_is_data() -> None:
    text = load_rule_set("wuhan").model_dump()
    text["aggregation"]["relative"] = "not_aggregated"
    import yaml

    rules = parse_rule_set(yaml.safe_dump(text, allow_unicode=True))
    r = rollup([form(FIRST), form(SECOND)], rules)
    assert {u.name for u in r.unaligned} >= {"服务达标率", "居民满意度"}


def test_rollup_refuses_what_cannot_be_combined() -> None:
    with pytest.raises(RollupError, match="至少需要两张"):
        rollup([form(FIRST)], load_rule_set("wuhan"))
    with pytest.raises(RollupError, match="目标表"):
        rollup([form(FIRST), form("kind: project_target\ntitle: t")], load_rule_set("wuhan"))


def test_a_comparator_left_off_still_sums_and_ranges_are_listed() -> None:
    second = SECOND.replace("≥5个 | 4个", "5个 | 4个").replace("≥2场 | 3场", "2-3场 | 3场")
    first = FIRST + "产出指标 | 数量指标 | 培训场次 | - | ≥2场 | 3场 | -\n"
    r = rollup([form(first), form(second)], load_rule_set("wuhan"))
    v = next(v for v in r.values if v.name == "服务社区数量")
    assert v.target == "≥15个"
    [u] = r.unaligned
    assert u.name == "培训场次" and "区间值" in u.reason
