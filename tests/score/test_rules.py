"""Rule sets are data: shipped files load, unknown keys are rejected, rounding goes both ways."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from jixiao.model import Budget, Form, FormKind, OverallGoal
from jixiao.score.rules import (
    RuleSetError,
    agrees,
    choose_rule_set,
    load_rule_set,
    parse_rule_set,
    rule_set_names,
)


def test_shipped_rule_sets() -> None:
    assert {"wuhan", "national-2020"} <= set(rule_set_names())
    wuhan = load_rule_set("wuhan")
    assert wuhan.budget.weight == 20
    assert {(lay.budget, lay.overall_goal, lay.indicators) for lay in wuhan.layouts} == {
        (20, 0, 80),
        (20, 20, 60),
    }
    national = load_rule_set("national-2020")
    assert national.budget.weight == 10
    assert national.layouts[0].level1 == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert national.satisfaction_required and not wuhan.satisfaction_required
    assert (wuhan.qualitative.partly.low, wuhan.qualitative.partly.high) == (0.5, 0.8)


def test_unknown_key_is_rejected_with_a_clear_message() -> None:
    text = (resources.files("jixiao.score") / "rulesets" / "wuhan.yaml").read_text(encoding="utf-8")
    with pytest.raises(RuleSetError, match=r"未知的键“budget\.wieght”"):
        parse_rule_set(text.replace("  weight: 20", "  wieght: 20", 1), "wuhan.yaml")
    with pytest.raises(RuleSetError, match="未知的评分规则"):
        load_rule_set("no-such-rules")


def test_grades_national_bands() -> None:
    rules = load_rule_set("national-2020")
    assert [rules.grade(x) for x in (95.03, 90, 89.99, 80, 60, 59.9)] == ["优", "优", "良", "良", "中", "差"]


def test_choose_by_budget_weight_and_layout() -> None:
    def form(weight: float | None, overall: bool = False) -> Form:
        return Form(
            kind=FormKind.PROJECT_SELF_EVALUATION,
            title="t",
            budget=Budget(weight=weight),
            overall_goal=OverallGoal(weight=20) if overall else None,
        )

    assert choose_rule_set(form(10)) == "national-2020"
    assert choose_rule_set(form(20)) == "wuhan"
    assert choose_rule_set(form(None)) == "wuhan"
    wuhan = load_rule_set("wuhan")
    assert wuhan.layout_for(form(20, overall=True)).name == "20+20+60"
    assert wuhan.layout_for(form(20)).name == "20+80"


def test_rounding_both_ways() -> None:
    # Half-up: 8 × 28/30 = 7.4667 → 7.47; 20 × 46.14% = 9.228 → 9.23.
    assert agrees(7.47, 8 * 28 / 30)
    assert agrees(9.23, 20 * 0.4614)
    # Truncation: 0.5 × 489/500 = 0.489 → 0.48 (seed 000); 20 × 67.24% = 13.448 → 13.44 (组织部).
    assert agrees(0.48, 0.5 * 489 / 500)
    assert agrees(13.44, 20 * 0.6724)
    # 0.5 × 0.87 = 0.435: 0.43 truncated, 0.44 half-up — both agree.
    assert agrees(0.43, 0.5 * 0.87) and agrees(0.44, 0.5 * 0.87)
    # Beyond rounding.
    assert not agrees(19.2, 20 * 0.991)
    assert not agrees(9.48, 10 * 0.90 / 0.95)
    # To the printed decimals: 10 vs 12 × 21.6/25.77 = 10.058.
    assert agrees(10, 12 * 21.6 / 25.77)


def test_a_rule_file_of_ones_own(tmp_path: Path) -> None:
    text = (resources.files("jixiao.score") / "rulesets" / "wuhan.yaml").read_text(encoding="utf-8")
    own = tmp_path / "hubei-2022.yaml"
    own.write_text(
        text.replace("name: wuhan", "name: hubei-2022").replace("  weight: 20", "  weight: 15", 1),
        encoding="utf-8",
    )
    rules = load_rule_set(str(own))
    assert (rules.name, rules.budget.weight) == ("hubei-2022", 15)
    assert load_rule_set("hubei-2022") is rules  # scorecards name it; reports find it again
    bad = tmp_path / "bad.yaml"
    bad.write_text(text + "\nextra_key: 1\n", encoding="utf-8")
    with pytest.raises(RuleSetError, match="未知的键“extra_key”"):
        load_rule_set(str(bad))
