"""Each check fires on a minimal hand-written form and stays silent on a correct one.

Expected values are worked out by hand from the rules printed in the forms' 备注.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jixiao.model import Document, NarrativeReport
from jixiao.review import CATALOGUE, review_document
from jixiao.review.runner import run_checks
from jixiao.score import load_rule_set, score_form

Codes = Callable[..., set[tuple[str | None, str]]]

CORRECT = """
title: 2020 年度统计工作经费项目自评表
budget: 20 | 1029.73 | 475.12 | 46.14% | 9.23
goal: 年度绩效目标1 | 80
产出指标 | 数量指标 | 统计报表上报完成率 | 40 | 100% | 100% | 40
产出指标 | 数量指标 | 支持集成电路企业数量 | 8 | 30 家 | 28 家 | 7.47
效益指标 | 社会效益指标 | 火炬统计工作评估结果 | 24 | 优秀 | 优秀 | 24
满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 8 | ≥90% | 98% | 8
total: 88.70
"""


def test_a_correct_form_gives_no_finding(review_codes: Codes) -> None:
    # 20 × 46.14% = 9.228 → 9.23; 8 × 28/30 = 7.467 → 7.47; 9.23 + 40 + 7.47 + 24 + 8 = 88.70.
    assert review_codes(CORRECT) == set()


def test_catalogue_covers_the_contract() -> None:
    codes = {
        "budget.rate_mismatch",
        "budget.score_mismatch",
        "indicator.score_exceeds_weight",
        "indicator.score_mismatch",
        "indicator.full_score_unmet",
        "indicator.missing_score",
        "indicator.missing_actual",
        "indicator.incomparable",
        "goal.weight_mismatch",
        "goal.score_exceeds_weight",
        "form.total_mismatch",
        "form.weight_mismatch",
        "report.score_mismatch",
        "report.figure_mismatch",
        "target.vague",
        "target.missing_basis",
        "target.missing_dimension",
    }
    assert codes <= set(CATALOGUE)
    assert all(t.rule and t.title and t.template for t in CATALOGUE.values())


def test_budget_rate_mismatch(review_codes: Codes) -> None:
    # 1918.63 / 2625.65 = 73.07%, printed 79.1%; the score 15.82 follows the wrong printed rate,
    # so it is wrong too: 20 × 73.07% = 14.61 (seed 004, 党政办公室).
    form = """
budget: 20 | 2625.65 | 1918.63 | 79.1% | 15.82
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 派遣人员到岗率 | 80 | 100% | 100% | 80
total: 95.82
"""
    assert review_codes(form) == {(None, "budget.rate_mismatch"), (None, "budget.score_mismatch")}
    # A rate printed capped at 100% is accepted: 944.63 / 940 = 100.49%.
    ok = form.replace("2625.65 | 1918.63 | 79.1% | 15.82", "940 | 944.63 | 100% | 20").replace("95.82", "100")
    assert review_codes(ok) == {(None, "budget.overspent")}  # 944.63 > 940: spent beyond the budget


def test_budget_score_mismatch(review_codes: Codes, review: Callable) -> None:
    # 20 × 99.1% = 19.82, printed 19.2 (seed 004, 管委会机关).
    form = """
budget: 20 | 95803.81 | 94945.88 | 99.1% | 19.2
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 招商引资实际到位资金 | 80 | 736亿元 | 854.2亿元 | 80
total: 99.2
"""
    assert review_codes(form) == {(None, "budget.score_mismatch")}
    finding = review(form).findings[0]
    assert (finding.printed, finding.expected) == (19.2, 19.82)
    assert "19.2" in finding.message and "19.82" in finding.message
    assert review_codes(form.replace("19.2\n", "19.82\n").replace("99.2", "99.82")) == set()


def test_score_exceeds_weight(review_codes: Codes) -> None:
    form = """
budget: 20 | 10 | 10 | 100% | 20
goal: 年度绩效目标1 | 80
产出指标 | 数量指标 | 文章发布总量 | 40 | ≥100条 | 265条 | 45
产出指标 | 质量指标 | 内容排版合格率 | 40 | 100% | 100% | 40
total: 105
"""
    assert ("文章发布总量", "indicator.score_exceeds_weight") in review_codes(form)


def test_full_score_unmet_qualitative(review: Callable) -> None:
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度目标4 | 80
产出指标 | 数量指标 | 完成工业投资额 | 0.5 | 达成上级确定的任务量 | 未达成上级确定的任务量 | 0.5
产出指标 | 数量指标 | 完成固定资产投资 | 79.5 | 达成上级确定的任务量 | 达成上级确定的任务量 | 79.5
total: 100
"""
    [f] = [f for f in review(form).findings if f.severity == "error"]
    assert (f.code, f.indicator, f.printed, f.expected) == (
        "indicator.full_score_unmet",
        "完成工业投资额",
        0.5,
        0.25,
    )
    assert f.message.startswith("目标“达成上级确定的任务量”，实际“未达成上级确定的任务量”，却得满分 0.5 分")
    # Inside the 未达成 band (0–0.25) is fine.
    assert [
        f
        for f in review(
            form.replace("任务量 | 0.5\n", "任务量 | 0.2\n").replace("total: 100", "total: 99.7")
        ).findings
        if f.severity == "error"
    ] == []


def test_full_score_unmet_quantitative(review_codes: Codes) -> None:
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 开展党课次数 | 0.5 | 8次 | 4次 | 0.5
产出指标 | 数量指标 | 其他 | 79.5 | 100% | 100% | 79.5
total: 100
"""
    assert review_codes(form) == {("开展党课次数", "indicator.full_score_unmet")}
    # 0.5 × 4/8 = 0.25 (seed 000).
    assert (
        review_codes(form.replace("4次 | 0.5", "4次 | 0.25").replace("total: 100", "total: 99.75")) == set()
    )


def test_score_mismatch_quantitative(review_codes: Codes, review: Callable) -> None:
    # 10 × 90/95 = 9.47, printed 9.48 (seed 004, 疫情防控资金).
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标 | 80
产出指标 | 社会效益指标 | 把疫情对社会、对群众的影响降到最低 | 10 | ≥95% | ≥90% | 9.48
产出指标 | 数量指标 | 其他 | 70 | 100% | 100% | 70
total: 99.48
"""
    assert review_codes(form) == {("把疫情对社会、对群众的影响降到最低", "indicator.score_mismatch")}
    assert review(form).findings[0].expected == 9.47
    assert review_codes(form.replace("9.48", "9.47")) == set()


@pytest.mark.parametrize(
    ("target", "actual", "printed", "expected"),
    [
        ("≥18万册次", "15万册次", 6.83, 8.33),  # 10 × 15/18 = 8.333
        ("≥500户次", "450户次", 8, 9),  # 10 × 450/500 = 9
    ],
)
def test_score_mismatch_with_a_unit_counted_per_occurrence(
    review_codes: Codes, review: Callable, target: str, actual: str, printed: float, expected: float
) -> None:
    # A count unit + 次 (册次, 户次) is one unit on both sides, as 人次: the shortfall is scored.
    form = f"""
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 年度借阅图书册次 | 10 | {target} | {actual} | {printed}
产出指标 | 数量指标 | 其他 | 70 | 100% | 100% | 70
total: {20 + 70 + printed}
"""
    assert review_codes(form) == {("年度借阅图书册次", "indicator.score_mismatch")}
    assert review(form).findings[0].expected == expected
    right = form.replace(f"| {printed}\n", f"| {expected}\n")
    assert review_codes(right.replace(f"total: {20 + 70 + printed}", f"total: {20 + 70 + expected}")) == set()


@pytest.mark.parametrize(
    ("target", "actual", "weight", "score"),
    [
        ("1万元", "0.87万元", 0.5, 0.43),  # seed 000 公务接待费用: 0.5 × 0.87 = 0.435, truncated
        ("200名", "174名", 0.5, 0.43),  # seed 000: 0.5 × 174/200 = 0.435
        ("30 家", "28 家", 8, 7.47),  # seed 004 发改局: 8 × 28/30 = 7.467, half-up
        ("500处", "489处", 0.5, 0.48),  # seed 000: 0.5 × 489/500 = 0.489, truncated
        ("≥90%", "≥80%", 8, 7.11),  # seed 004 疫情防控: 8 × 80/90 = 7.111
    ],
)
def test_worked_examples_are_not_flagged(
    review_codes: Codes, target: str, actual: str, weight: float, score: float
) -> None:
    rest = 80 - weight
    form = f"""
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 被测指标 | {weight} | {target} | {actual} | {score}
产出指标 | 数量指标 | 其他 | {rest} | 100% | 100% | {rest}
total: {round(20 + rest + score, 2)}
"""
    assert review_codes(form) == set()


def test_missing_score_and_missing_actual(review_codes: Codes) -> None:
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 短信平台发送量 | 40 | ≥90% | - | 0
产出指标 | 质量指标 | 网络应急能力提升 | 40 | 良好 | 良好 | -
total: 20
"""
    found = review_codes(form)
    assert ("短信平台发送量", "indicator.missing_actual") in found
    assert ("网络应急能力提升", "indicator.missing_score") in found


def test_incomparable(review_codes: Codes) -> None:
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标 | 80
产出指标 | 时效指标 | 政务服务有效投诉率 | 40 | ≤1‰ | 100% | 40
效益指标 | 社会效益指标 | 服务质量不断提高 | 40 | 服务质量不断提高 | 达到预期目标 | 40
total: 100
"""
    assert review_codes(form) == {
        ("政务服务有效投诉率", "indicator.incomparable"),
        ("服务质量不断提高", "indicator.incomparable"),
    }


def test_goal_weight_and_score(review_codes: Codes) -> None:
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度目标1 | 40
产出指标 | 数量指标 | 组织入党积极分子培训 | 20 | 20人次/年 | 20人次 | 20
产出指标 | 数量指标 | 党建指导 | 30 | 9家/年 | 9家 | 30
goal: 年度目标2 | 40
产出指标 | 数量指标 | 支持乡村建设项目 | 40 | 1个 | 1个 | 40
total: 110
"""
    found = review_codes(form)
    assert ("年度目标1", "goal.weight_mismatch") in found  # 20 + 30 ≠ 40
    assert ("年度目标1", "goal.score_exceeds_weight") in found  # 50 > 40


def test_form_total_and_weights(review_codes: Codes) -> None:
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度目标1 | 70
产出指标 | 数量指标 | 支持乡村建设项目 | 70 | 1个 | 1个 | 70
total: 95
"""
    assert review_codes(form) == {(None, "form.total_mismatch"), (None, "form.weight_mismatch")}


def test_total_counts_a_lost_score_cell(review_codes: Codes) -> None:
    """The budget score cell is blank but the total counts it: a warning, not a wrong total."""
    form = """
budget: 20 | 145 | 148.75 | - | -
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 评估咨询报告完成率 | 80 | 100% | 100% | 80
total: 100
"""
    # 148.75 > 145 is also spending beyond the budget (a warning of its own)
    assert review_codes(form) == {(None, "budget.score_mismatch"), (None, "budget.overspent")}


def _report(**kw: object) -> NarrativeReport:
    return NarrativeReport(title="2020 年度管委会机关整体绩效自评结果", form_index=0, **kw)


def test_report_score_and_figures(review_codes: Codes) -> None:
    form = """
budget: 20 | 95803.81 | 94945.88 | 99.1% | 19.82
goal: 年度绩效目标 | 80
效益指标 | 社会效益指标 | 进一步加强对外交流 | 80 | 加强 | 加强 | 76.18
total: 96
"""
    assert (
        review_codes(
            form, [_report(stated_score=96, stated_scores=[96], stated_budget_score=19.82, stated_rate=0.991)]
        )
        == set()
    )
    found = review_codes(
        form, [_report(stated_score=95, stated_scores=[95], stated_budget_score=19.2, stated_rate=0.95)]
    )
    assert found == {(None, "report.score_mismatch"), (None, "report.figure_mismatch")}


def test_report_rate_on_another_base_is_not_a_mismatch(review_codes: Codes) -> None:
    """网络中心: the report states 39.14% on the budget before cuts and prints both amounts."""
    form = """
budget: 20 | 3306.912 | 1470.352183 | 44.46% | 8.89
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 节约企业的时间成本 | 80 | ≥5000 | 31198 | 80
total: 88.89
"""
    report = _report(
        stated_scores=[87.83, 88.89],
        stated_rate=0.3914,
        amounts=[("可支配预算金额为", 3756.912), ("预算共支出", 1470.352183)],
    )
    # 31198 against ≥5000 (624%): the target was set far too low (a warning, not a score error)
    assert review_codes(form, [report]) == {("节约企业的时间成本", "indicator.target_too_low")}


TARGET = """
kind: project_target
title: 项目支出绩效目标表
goal: 年度绩效目标1
产出指标 | 数量指标 | 开展安全生产宣讲活动次数 | - | ≥4次 | - | - | 计划标准
效益指标 | 社会效益指标 | 宣传工作对产业发展的影响效果 | - | 有影响 | - | - | 计划标准
满意度指标 | 服务对象满意度指标 | 服务对象满意率 | - | ≥90% | - | -
"""


def test_target_table_checks(review_codes: Codes) -> None:
    assert review_codes(TARGET) == {
        ("宣传工作对产业发展的影响效果", "target.vague"),
        ("服务对象满意率", "target.missing_basis"),
        ("年度绩效目标1", "target.missing_subdimension"),  # 产出 has 数量 only: no 质量/时效 (目标审核)
    }
    no_benefit = "\n".join(line for line in TARGET.splitlines() if not line.startswith("效益指标"))
    assert ("年度绩效目标1", "target.missing_dimension") in review_codes(no_benefit)


def test_national_rules_require_satisfaction(review_codes: Codes) -> None:
    no_satisfaction = "\n".join(line for line in TARGET.splitlines() if not line.startswith("满意度指标"))
    assert ("年度绩效目标1", "target.missing_dimension") not in review_codes(no_satisfaction)
    assert ("年度绩效目标1", "target.missing_dimension") in review_codes(
        no_satisfaction, rules="national-2020"
    )


def test_a_crashing_check_becomes_an_internal_finding(make_form: Callable) -> None:
    def broken(*args: object) -> list:
        raise ZeroDivisionError("division by zero")

    form = make_form(CORRECT)
    rules = load_rule_set("wuhan")
    doc = Document(path="x.txt", forms=[form])
    findings = run_checks(form, 0, score_form(form, 0, rules), rules, doc, checks=[broken])
    assert [f.code for f in findings] == ["internal.check_failed"]
    assert "broken" in findings[0].message


def test_review_result_shape(make_form: Callable) -> None:
    doc = Document(path="x.txt", forms=[make_form(CORRECT), make_form(TARGET)])
    result = review_document(doc)
    assert result.rule_set == "wuhan"
    assert [c.form for c in result.scorecards] == [0, 1]
    card = result.scorecards[0]
    assert (card.budget_computed, card.total_printed, card.grade_printed) == (9.23, 88.7, "良")
    assert card.total_computed == pytest.approx(88.70)


def test_goal_scores_adding_to_its_weight_mean_full_marks(review: Callable) -> None:
    """Weights unprinted, scores 15 + 15 + 10 + … = 80 = the goal's weight: every indicator got full marks,
    so 240 of ≥300 人次 scored 15 is a full score for an unmet target (15 × 240/300 = 12)."""
    form = """
budget: 20 | 186.5 | 171.2 | 91.80% | 18.36
goal: 年度绩效目标1 | 80
产出指标 | 数量指标 | 举办广场文化活动场次 | - | ≥40 场 | 46 场 | 15
产出指标 | 数量指标 | 培训基层文艺骨干人数 | - | ≥300 人次 | 240 人次 | 15
产出指标 | 时效指标 | 活动按计划开展率 | - | 100% | 100% | 50
total: 98.36
"""
    [f] = [f for f in review(form).findings if f.severity == "error"]
    assert (f.indicator, f.code, f.printed, f.expected) == (
        "培训基层文艺骨干人数",
        "indicator.full_score_unmet",
        15,
        12,
    )
    # Scores short of the goal's weight fix nothing: no finding.
    assert [
        f
        for f in review(form.replace("240 人次 | 15", "240 人次 | 12").replace("98.36", "95.36")).findings
        if f.severity == "error"
    ] == []


def test_goal_weight_placeholder_is_an_error(make_form: Callable) -> None:
    """组织部: “年度绩效目标1 (XX 分)” — the reader marks the placeholder in ``extra``."""
    form = make_form("""
budget: 20 | 4512 | 3034 | 67.24% | 13.44
goal: 年度绩效目标1
产出指标 | 数量指标 | 校园招聘 | - | 4 场 | 4 场 | 80
total: 93.44
""")
    unmarked = review_document(Document(path="x.txt", forms=[form])).findings
    assert [(f.code, f.severity) for f in unmarked if f.severity != "info"] == [
        ("form.weight_mismatch", "warning")
    ]
    form.extra["placeholder_weights"] = ["年度绩效目标1"]
    [f] = [f for f in review_document(Document(path="x.txt", forms=[form])).findings if f.severity != "info"]
    assert (f.code, f.severity, f.printed) == ("form.weight_mismatch", "error", "XX")


def test_scored_without_a_target(review_codes: Codes) -> None:
    form = """
budget: 20 | 116 | 115.94 | 99.9% | 19.98
goal: 年度绩效目标1 | 80
产出指标 | 时效指标 | 就近办网点办件量显著提高 | - | - | 2020年办件量39013件 | 40
满意度指标 | 服务对象满意度指标 | 群众满意度 | - | >95% | 100% | 40
total: 99.98
"""
    assert review_codes(form) == {("就近办网点办件量显著提高", "indicator.incomparable")}


NATIONAL = """
title: 项目支出绩效自评表
budget: 10 | 100 | 95 | 95% | 9.5
goal: 绩效指标
产出指标 | 数量指标 | 服务老人人数 | 20 | ≥300人 | 310人 | 20
产出指标 | 数量指标 | 上门服务次数 | 20 | ≥3000次 | 2700次 | 18
效益指标 | 社会效益指标 | 老人生活质量改善 | 30 | 明显改善 | 明显改善 | 28
满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 20 | ≥90% | 93% | 20
total: 95.5
"""


def test_national_template(review: Callable, review_codes: Codes) -> None:
    """财预〔2020〕10号: 10 for execution (10 × 95% = 9.5), weights in a 分值 column adding up to 90."""
    result = review(NATIONAL)
    assert result.rule_set == "national-2020"
    assert [f for f in result.findings if f.severity != "info"] == []
    assert result.scorecards[0].grade_computed == "优"
    # 2700 of ≥3000 at 20 points is 18, not the full 20.
    wrong = NATIONAL.replace("2700次 | 18", "2700次 | 20").replace("95.5", "97.5")
    assert review_codes(wrong) == {("上门服务次数", "indicator.full_score_unmet")}


def test_negative_scores_only_for_constraint_indicators(review_codes: Codes) -> None:
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标1 | 80
产出指标 | 数量指标 | 服务人数 | 80 | 100人 | 100人 | 80
{level} | 安全指标 | 重大安全事故 | - | 0次 | 1次 | -2
total: 98
"""
    assert review_codes(form.format(level="约束性指标")) == set()  # wuhan: 约束性指标以负数计分
    assert review_codes(form.format(level="效益指标")) == {("重大安全事故", "indicator.score_mismatch")}


def test_budget_weight_not_printed(review_codes: Codes) -> None:
    """No (20分) printed: a score of 10 × 95% = 9.5 fits the national rules, so say nothing."""
    form = """
budget: - | 100 | 95 | 95% | 9.5
goal: 年度绩效目标1 | 90
产出指标 | 数量指标 | 服务老人人数 | 90 | ≥300人 | 310人 | 90
total: 99.5
"""
    assert (None, "budget.score_mismatch") not in review_codes(form)
    assert (None, "budget.score_mismatch") in review_codes(form.replace("| 9.5", "| 7").replace("99.5", "97"))


def test_target_that_describes_instead_of_stating(review_codes: Codes) -> None:
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度目标6 | 80
产出指标 | 时效指标 | 维护完成及时率 | 80 | 计划完成时间与实际完成时间的情况，以反映时效 | 100% | 80
total: 100
"""
    assert review_codes(form) == {("维护完成及时率", "indicator.incomparable")}


def test_qualitative_score_outside_its_band(review_codes: Codes) -> None:
    """备注第3条: 达成 80–100%, 部分达成 50–80%, 未达成 0–50% of the weight."""
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标1 | 80
效益指标 | 社会效益指标 | 群众文化参与度 | 10 | 明显提升 | 部分达成 | {score}
产出指标 | 数量指标 | 举办活动场次 | 70 | ≥40 场 | 46 场 | 70
total: {total}
"""
    assert review_codes(form.format(score=6, total=96)) == set()  # inside 5–8
    assert review_codes(form.format(score=9, total=99)) == {("群众文化参与度", "indicator.score_mismatch")}


def test_catalogue_matches_the_contract_file() -> None:
    """Every code of ../shared/contract/findings-v1.md has a catalogue entry."""
    import re
    from pathlib import Path

    contract = Path(__file__).resolve().parents[2].parent / "shared" / "contract" / "findings-v1.md"
    if not contract.is_file():
        pytest.skip("contract not present")
    codes = set(re.findall(r"^\| `([a-z]+\.[a-z_]+)` \|", contract.read_text(encoding="utf-8"), re.M))
    assert len(codes) >= 17
    assert codes <= set(CATALOGUE)


def test_extension_checks_use_the_same_door(make_form: Callable) -> None:
    from jixiao.review import all_checks
    from jixiao.review.catalogue import make_finding

    def no_unit_name(form, index, card, rules, doc):  # type: ignore[no-untyped-def]
        if form.unit is None:
            yield make_finding("target.missing_basis", form, index, printed=None, expected=None)

    doc = Document(path="x.txt", forms=[make_form(CORRECT)])
    found = review_document(doc, checks=[*all_checks(), no_unit_name]).findings
    assert [f.code for f in found if f.severity != "info"] == ["target.missing_basis"]


def test_unmet_score_bounded_by_what_the_goal_leaves(review_codes: Codes) -> None:
    """No weights printed; goal 80, the others scored 69, so this indicator weighs at most 11 and
    8 of 10 activities earns at most 11 × 80% = 8.8 — not 10."""
    form = """
budget: 20 | 250 | 238.396 | 95.36% | 19.07
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 防范非法集资专项行动排查企业数 | - | 2000 家 | 3000 家 | 69
产出指标 | 数量指标 | 非法集资宣传教育活动次数 | - | 10 | 8 | {score}
total: {total}
"""
    too_low = ("防范非法集资专项行动排查企业数", "indicator.target_too_low")  # 3000 of 2000: 150%
    assert review_codes(form.format(score=10, total=98.07)) == {
        ("非法集资宣传教育活动次数", "indicator.score_mismatch"),
        too_low,
    }
    assert review_codes(form.format(score=8.8, total=96.87)) == {too_low}


def test_every_indicator_met_but_the_goal_falls_short(review_codes: Codes) -> None:
    """党政办公室: all met, yet 74 of 80 — some indicator lost points it should not have (a warning)."""
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 派遣人员到岗率 | - | 100% | 100% | 70
效益指标 | 社会效益 | 进一步加强管委会机关对外交流 | - | 加强 | 加强 | {score}
total: {total}
"""
    assert review_codes(form.format(score=4, total=94)) == {("年度绩效目标", "goal.weight_mismatch")}
    assert review_codes(form.format(score=10, total=100)) == set()
    assert review_codes(form.format(score=8.5, total=98.5)) == set()  # 8.5 ≥ 80% of a weight of 10


def test_missing_actual_severity(review: Callable) -> None:
    """Points without an actual are an error; a zero with no actual is worth a look."""
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度目标1 | 80
产出指标 | 数量指标 | 短信平台发送量 | 40 | ≥90% | - | {score}
产出指标 | 质量指标 | 网络应急能力提升 | 40 | 良好 | 良好 | 40
total: {total}
"""

    def severity(score: int) -> str:
        result = review(form.format(score=score, total=60 + score))
        [f] = [f for f in result.findings if f.code == "indicator.missing_actual"]
        return f.severity

    assert severity(0) == "warning"
    assert severity(40) == "error"


def test_score_on_a_wrong_rate_names_both(review: Callable) -> None:
    form = """
budget: 20 | 2625.65 | 1918.63 | 79.1% | 15.82
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 派遣人员到岗率 | 80 | 100% | 100% | 80
total: 95.82
"""
    score = next(f for f in review(form).findings if f.code == "budget.score_mismatch")
    assert (score.printed, score.expected) == (15.82, 14.61)
    assert "印错的执行率 79.1%" in score.message


def test_full_goal_with_zero_scores_is_a_weight_warning(review: Callable) -> None:
    # seed 004, 网络中心: scores add up to the goal's 80 although two indicators score 0
    form = """
budget: 20 | 100 | 100 | 100% | 20
goal: 年度目标1 | 80
产出指标 | 数量指标 | 短信平台发送量 | | ≥90% | 80% | 0
产出指标 | 质量指标 | 网络应急能力提升 | | 良好 | 良好 | 40
效益指标 | 社会效益指标 | 节省企业群众成本 | | 良好 | 未达成预期指标 | 0
效益指标 | 经济效益指标 | 节约企业的时间成本 | | ≥5000 | 31198 | 40
total: 100
"""
    found = [f for f in review(form).findings if f.code == "goal.weight_mismatch"]
    assert [(f.severity, f.goal) for f in found] == [("warning", "年度目标1")]
    assert "恰等于目标分值" in found[0].message


def test_full_score_unmet_when_every_indicator_prints_full_marks(review: Callable) -> None:
    # Every indicator score printed equals its weight, so the score column shows no precision of
    # its own; the budget score 19.4 (20 × 97%) and the total 99.4 print one decimal. At one
    # decimal 7 × 79.4/85 = 6.5388 → 6.5, not the full 7 (c02: 衔接 form split over two tables).
    form = """
budget: 20 | 640 | 620.8 | 97% | 19.4
goal: 年度绩效目标 | 80
产出指标 | 数量指标 | 配套粪污处理设施的养殖场 | 40 | ≥35个 | 39个 | 40
产出指标 | 质量指标 | 设施验收合格率 | 26 | 100% | 100% | 26
效益指标 | 生态效益指标 | 畜禽粪污综合利用率 | 7 | ≥85% | 79.4% | 7
满意度指标 | 服务对象满意度指标 | 养殖户满意度 | 7 | ≥90% | 95% | 7
total: 99.4
"""
    [f] = [f for f in review(form).findings if f.severity == "error"]
    assert (f.code, f.indicator, f.printed, f.expected) == ("indicator.full_score_unmet", "畜禽粪污综合利用率", 7, 6.54)
    # Printed in whole points throughout (20, 100), 7 is 6.54 rounded to the form's precision.
    whole = form.replace("620.8 | 97% | 19.4", "640 | 100% | 20").replace("99.4", "100")
    assert [f for f in review(whole).findings if f.severity == "error"] == []


def test_full_width_placeholder_target_is_vague(review_codes: Codes) -> None:
    """``≥＊＊％`` typed in full width is the template's ``≥**%`` (NFKC-equal): still no target
    (corpus4 i02, missed before)."""
    for typed in ("≥＊＊％", "≥**％"):
        table = TARGET.replace("≥4次", typed)
        assert ("开展安全生产宣讲活动次数", "target.vague") in review_codes(table), typed
