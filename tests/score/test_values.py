"""Printed targets and actuals as typed values, and their comparison (values checked by hand)."""

from __future__ import annotations

import pytest

from jixiao.score.compare import compare
from jixiao.score.values import Direction, Outcome, ValueKind, direction_from_name, parse_value


@pytest.mark.parametrize(
    ("text", "kind", "comparator", "number", "unit"),
    [
        ("≥ 95%", ValueKind.NUMBER, ">=", 0.95, "%"),
        (">90%", ValueKind.NUMBER, ">", 0.90, "%"),
        ("≤1‰", ValueKind.NUMBER, "<=", 0.001, "‰"),
        ("100家以上", ValueKind.NUMBER, ">=", 100, "家"),
        ("不低于 20 次", ValueKind.NUMBER, ">=", 20, "次"),
        ("不超过3起", ValueKind.NUMBER, "<=", 3, "起"),
        ("2小时内", ValueKind.NUMBER, "<=", 2, "小时"),
        ("约30项", ValueKind.NUMBER, "~", 30, "项"),
        ("12,517.42", ValueKind.NUMBER, None, 12517.42, ""),
        ("0.87万元", ValueKind.NUMBER, None, 8700, "元"),
        ("353.69亿元", ValueKind.NUMBER, None, 35_369_000_000, "元"),
        ("190万", ValueKind.NUMBER, None, 1_900_000, ""),
        ("≥4 次/年·辆", ValueKind.NUMBER, ">=", 4, "次"),
        ("20人次/年", ValueKind.NUMBER, None, 20, "人次"),
        ("1100人次", ValueKind.NUMBER, None, 1100, "人次"),
        ("三星及以上", ValueKind.NUMBER, ">=", 3, "星"),
        ("-18%", ValueKind.NUMBER, None, -0.18, "%"),
        ("目标值≤5%", ValueKind.NUMBER, "<=", 0.05, "%"),
        ("100%，0投诉", ValueKind.NUMBER, None, 1.0, "%"),
        (
            "项目实施后,园区内无生产、消防一般以上安全事故发生次数。目标值0次。",
            ValueKind.NUMBER,
            None,
            0,
            "次",
        ),
    ],
)
def test_numbers(text: str, kind: ValueKind, comparator: str | None, number: float, unit: str) -> None:
    v = parse_value(text)
    assert (v.kind, v.comparator, v.unit) == (kind, comparator, unit)
    assert v.number == pytest.approx(number)


def test_ranges_dates_and_references() -> None:
    r = parse_value("2-4个")
    assert (r.kind, r.number, r.high, r.unit) == (ValueKind.RANGE, 2, 4, "个")
    assert parse_value("2021.11.30前").date == (2021, 11, 30)
    assert parse_value("2021.11.30前").comparator == "<="
    assert parse_value("2020年6月").date == (2020, 6, 0)
    assert parse_value("2020年工作日天数").kind is ValueKind.REFERENCE
    assert parse_value("2023 年法定工作日天数").kind is ValueKind.REFERENCE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("达成", Outcome.MET),
        ("已达成", Outcome.MET),
        ("已完成", Outcome.MET),
        ("达到预期目标", Outcome.MET),
        ("良好", Outcome.MET),
        ("具有", Outcome.MET),
        ("可持续", Outcome.MET),
        ("未达成上级确定的任务量", Outcome.NOT_MET),
        ("未达成预期指标", Outcome.NOT_MET),
        ("未完成", Outcome.NOT_MET),
        ("部分完成", Outcome.PARTLY),
        ("部分达成", Outcome.PARTLY),
    ],
)
def test_levels(text: str, level: Outcome) -> None:
    v = parse_value(text)
    assert (v.kind, v.level) == (ValueKind.LEVEL, level)


def test_a_sentence_with_a_number_inside_is_not_a_value() -> None:
    assert parse_value("预备党员转正2人").kind is ValueKind.TEXT


def test_a_change_stated_in_words_is_a_signed_percentage() -> None:
    """seed 004 购买人员服务: target 增长 10% 以上, actual 下降 45% — clearly not met."""
    target = parse_value("审批人员未增加的情况下, 办件量同比增长 10%以上")
    actual = parse_value("因疫情线上办件比例增大，线下办件量同比下降45%")
    assert (target.comparator, target.number, target.unit) == (">=", pytest.approx(0.10), "%")
    assert (actual.comparator, actual.number) == (None, pytest.approx(-0.45))
    c = compare("审批人员未增加的情况下, 办件量同比增长 10%以上", "线下办件量同比下降45%", "审批成本大幅降低")
    assert c.outcome is Outcome.NOT_MET
    # "下降 5% 以上" is a change of at most -5%
    assert (parse_value("能耗下降5%以上").comparator, parse_value("能耗下降5%以上").number) == (
        "<=",
        pytest.approx(-0.05),
    )
    # two changes in one cell say nothing single
    assert parse_value("收入增长5%，支出下降3%").kind is ValueKind.TEXT


def test_positive_ratio_b_over_a() -> None:
    c = compare("200名", "174名", "培养入党积极分子数量")
    assert c.outcome is Outcome.PARTLY and c.direction is Direction.POSITIVE and c.direction_certain
    assert c.ratio == pytest.approx(0.87)


def test_negative_by_comparator_and_by_name() -> None:
    assert compare("≤72小时", "80小时").ratio == pytest.approx(0.9)  # A/B = 72/80
    c = compare("5%", "0%", "成本控制偏差率")  # 偏差率 is negative: 0% meets a 5% ceiling
    assert c.outcome is Outcome.MET and c.direction is Direction.NEGATIVE
    assert compare("0次", "0次", "园区重大安全事故发生次数").outcome is Outcome.MET
    assert compare("8次", "13次", "消防火灾事故演练次数").direction is Direction.POSITIVE


def test_direction_from_name() -> None:
    assert direction_from_name("政务服务有效投诉率") is Direction.NEGATIVE
    assert direction_from_name("宣传稿件采编发布耗时") is Direction.NEGATIVE
    assert direction_from_name("成本节约率") is Direction.POSITIVE
    assert direction_from_name("公务接待费用") is None


def test_money_without_comparator_is_an_uncertain_direction() -> None:
    c = compare("1万元", "0.87万元", "公务接待费用")
    assert c.ratio == pytest.approx(0.87) and not c.direction_certain


def test_units_must_agree() -> None:
    assert compare("≤1‰", "100%").incomparable  # ‰ vs %
    assert compare("95%", "100家").incomparable  # a rate vs a count
    assert compare("10户", "10人").outcome is Outcome.UNKNOWN  # different counts: say nothing
    assert compare("90家/年", "92").outcome is Outcome.MET  # unit left off the actual


def test_ranges_ranks_stars_dates() -> None:
    assert compare("2-3人/年", "2人").outcome is Outcome.MET
    assert compare("5-7个", "8个").outcome is Outcome.MET
    assert compare("三星及以上", "四星").outcome is Outcome.MET
    assert compare("前三", "第二").outcome is Outcome.MET
    assert compare("全市排名前五", "第8").outcome is Outcome.PARTLY
    assert compare("2021.11.30前", "2021.11.1前").outcome is Outcome.MET
    assert compare("2020年6月", "2020年6月").outcome is Outcome.MET
    assert compare("2020年6月", "2020年8月").outcome is Outcome.NOT_MET


def test_qualitative_and_unknown() -> None:
    assert compare("达成上级确定的任务量", "未达成上级确定的任务量").outcome is Outcome.NOT_MET
    assert compare("达成上级确定的任务量", "达成上级确定的任务量").outcome is Outcome.MET
    assert compare("建立", "已建立").outcome is Outcome.MET
    assert compare("2020年工作日天数", "251个工作日").outcome is Outcome.UNKNOWN
    assert compare(">3%", "-18%").outcome is Outcome.NOT_MET
    assert compare("≥90%", None).outcome is Outcome.UNKNOWN


def test_negations_that_are_not_failures() -> None:
    assert parse_value("无不合格产品").level is None  # the failure word is itself negated
    assert parse_value("未发生安全事故").level is None
    assert parse_value("不合格率0%").level is None  # names a measure
    assert parse_value("任务未完成").level is Outcome.NOT_MET
    assert parse_value("基本完成").level is None  # neither met nor partly: say nothing


def test_approximate_target_within_a_tenth() -> None:
    assert compare("约60家", "55家").outcome is Outcome.MET
    assert compare("约60家", "50家").outcome is Outcome.PARTLY
