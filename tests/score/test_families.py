"""Each family's rule set on small forms of our own (units and numbers unlike the examples).

Every expected figure below was worked out by hand from the rule quoted beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao.contract import form_from_contract
from jixiao.model import Document, Finding
from jixiao.review import ReviewResult, review_document
from jixiao.score.rules import detect_rule_set, load_rule_set, rule_set_names


def ind(
    name: str,
    weight: float | None,
    target: str | None,
    actual: str | None,
    score: float | None,
    level1: str | None = "产出指标",
    level2: str | None = "数量指标",
) -> dict[str, Any]:
    return {
        "level1": level1,
        "level2": level2,
        "name": name,
        "weight": weight,
        "target": target,
        "actual": actual,
        "score": score,
        "basis": None,
    }


def form(
    indicators: list[dict[str, Any]],
    *,
    budget: tuple[float | None, float | None, float | None, float | None, float | None] | None = None,
    total: float | None = None,
    goal: str = "绩效指标",
    goal_weight: float | None = None,
    title: str = "2023年度项目支出绩效自评表",
    kind: str = "project_self_evaluation",
    year: int | None = 2023,
    filled_on: str | None = None,
    unit: str | None = None,
    extra: dict[str, Any] | None = None,
    goals: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A form-v1 object; ``budget`` = (分值, 预算数, 执行数, 执行率, 得分)."""
    b = None
    if budget is not None:
        w, a, e, r, s = budget
        b = {"weight": w, "planned": a, "executed": e, "rate": r, "score": s}
    return {
        "schema": "jixiao.form/1",
        "kind": kind,
        "title": title,
        "year": year,
        "unit": unit,
        "project": None,
        "supervisor": None,
        "implementer": None,
        "filled_on": filled_on,
        "budget": b,
        "overall_goal": None,
        "goals": goals or [{"name": goal, "text": None, "weight": goal_weight, "indicators": indicators}],
        "total_score": total,
        "deviation_reason": None,
        "improvement": None,
        "extra": extra or {},
    }


def review(*forms: dict[str, Any]) -> ReviewResult:
    return review_document(Document(path="mine.json", forms=[form_from_contract(f) for f in forms]))


def codes(result: ReviewResult, severity: str | None = None) -> set[tuple[str | None, str]]:
    return {
        (f.indicator, f.code)
        for f in result.findings
        if f.severity != "info" and (severity is None or f.severity == severity)
    }


def one(result: ReviewResult, code: str) -> Finding:
    [f] = [f for f in result.findings if f.code == code]
    return f


# --- the shipped rule sets ---------------------------------------------------------------------


def test_every_family_ships_with_its_basis_in_chinese() -> None:
    assert {"national-2020", "sichuan", "chongqing", "hebei", "yunnan", "xianjie", "hubei", "wuhan"} <= set(
        rule_set_names()
    )
    for name in rule_set_names():
        rules = load_rule_set(name)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rules.title + rules.basis)
    # qualitative bands per family: 80/60 national, 80/50 Hubei
    for name in ("national-2020", "sichuan", "chongqing", "hebei", "yunnan", "xianjie"):
        q = load_rule_set(name).qualitative
        assert (q.met.low, q.partly.low) == (0.8, 0.6), name
    for name in ("hubei", "wuhan"):
        q = load_rule_set(name).qualitative
        assert (q.met.low, q.partly.low) == (0.8, 0.5), name
    assert not load_rule_set("hebei").budget.scored
    assert load_rule_set("hebei").total.formula == "converted"


# --- national 10/50/30/10 -------------------------------------------------------------------------


NATIONAL = [
    ind("新建村级文化广场", 30, "≥24个", "24个", 30),
    ind("书屋图书更新册数", 20, "≥5000册", "4600册", 18.4),  # 20 × 4600/5000 = 18.4
    ind("群众文化活动参与率", 30, "≥70%", "72%", 30, "效益指标", "社会效益指标"),
    ind("村民满意度", 10, "≥85%", "90%", 10, "满意度指标", "服务对象满意度指标"),
]


def test_national_project_scores_by_10_and_b_over_a() -> None:
    # 执行率 612 / 720 = 85%; 10 × 85% = 8.5; total 8.5 + 30 + 18.4 + 30 + 10 = 96.9
    result = review(form(NATIONAL, budget=(10, 720, 612, 0.85, 8.5), total=96.9))
    assert result.scorecards[0].rule_set == "national-2020"
    assert codes(result) == set()
    assert result.scorecards[0].total_computed == pytest.approx(96.9)
    assert result.scorecards[0].grade_computed == "优"


def test_national_qualitative_bands_80_60() -> None:
    # 部分达成 of 10 points: 6–8 under 财预〔2020〕10号; 7 inside, 5 below the band.
    base = [*NATIONAL[:3], ind("长效管护机制", 10, "健全", "基本健全", 7, "效益指标", "可持续影响指标")]
    ok = form(base, budget=(10, 100, 100, 1.0, 10), total=95.4)  # 10 + 30 + 18.4 + 30 + 7
    assert codes(review(ok), "error") == set()
    low = [*NATIONAL[:3], ind("长效管护机制", 10, "健全", "基本健全", 5, "效益指标", "可持续影响指标")]
    result = review(form(low, budget=(10, 100, 100, 1.0, 10), total=93.4))
    assert ("长效管护机制", "indicator.score_mismatch") in codes(result, "error")
    assert "6–8" in one(result, "indicator.score_mismatch").message


def test_hubei_qualitative_band_reaches_down_to_half() -> None:
    # Same 5 of 10 for 部分达成 is inside Hubei's 50%–80% band (鄂财绩发〔2020〕3号).
    low = [ind("长效管护机制", 10, "健全", "基本健全", 5, "效益指标", "可持续影响指标")]
    others = [ind("村级文化广场", 70, "≥24个", "24个", 70)]
    result = review(
        form(
            others + low,
            budget=(20, 100, 100, 1.0, 20),
            total=95,
            goal="年度绩效目标",
            goal_weight=80,
            unit="襄阳市某区文化和旅游局",
        )
    )
    assert result.scorecards[0].rule_set == "hubei"
    assert codes(result, "error") == set()


def test_hubei_reverse_indicator_a_over_b() -> None:
    # 反向指标 ≤4小时, actual 5小时, weight 3: 3 × 4/5 = 2.4; printed 3 is a full score for an unmet target.
    rows = [
        ind("群众办件平均等候时长", 3, "≤4小时", "5小时", 2.4),
        ind("窗口开放天数", 77, "≥250天", "251天", 77),
    ]
    ok = form(rows, budget=(20, 50, 45, 0.9, 18), total=97.4, goal="年度绩效目标", goal_weight=80)
    assert codes(review(ok), "error") == set()
    rows[0] = ind("群众办件平均等候时长", 3, "≤4小时", "5小时", 3)
    bad = review(form(rows, budget=(20, 50, 45, 0.9, 18), total=98, goal="年度绩效目标", goal_weight=80))
    assert codes(bad, "error") == {("群众办件平均等候时长", "indicator.full_score_unmet")}
    assert one(bad, "indicator.full_score_unmet").expected == 2.4


# --- Sichuan 10/90 --------------------------------------------------------------------------------


def test_sichuan_goal_of_90_points() -> None:
    rows = [
        ind("义诊下乡场次", 40, "≥36", "40场", 40),
        ind("慢病随访覆盖率", 30, "≥80%", "84%", 30, "效益指标", "社会效益指标"),
        ind("患者满意度", 20, "≥90%", "93%", 20, "满意度指标", "服务对象满意度指标"),
    ]
    sichuan = form(
        rows,
        budget=(10, 250, 230, 0.92, 9.2),  # 10 × 230/250 = 9.2
        total=99.2,
        goal_weight=90,
        title="青山县2023年度部门预算项目支出绩效自评表",
    )
    result = review(sichuan)
    assert result.scorecards[0].rule_set == "sichuan"
    assert codes(result, "error") == set()
    rows[2] = ind("患者满意度", 15, "≥90%", "93%", 15, "满意度指标", "服务对象满意度指标")
    short = review(form(rows, budget=(10, 250, 230, 0.92, 9.2), total=94.2, goal_weight=90))
    assert (None, "goal.weight_mismatch") in codes(short, "error")  # 40 + 30 + 15 = 85, not 90


# --- Chongqing: 得分系数 × 指标权重 -------------------------------------------------------------


def _chongqing(rows: list[dict[str, Any]], coefficients: dict[str, float], budget_score: float, total: float):
    return form(
        rows,
        budget=(10, 300, 291, 0.97, budget_score),
        total=total,
        kind="department_self_evaluation",
        title="某区卫生健康委员会2023年度部门整体绩效自评表",
        extra={"score_coefficients": coefficients},
    )


def test_chongqing_execution_and_coefficient_scores() -> None:
    # 执行率得分 = 97% × 10 = 9.7; 指标得分 = 85% × 8 = 6.8 (家庭医生签约 68 of 80 户 = 85%).
    rows = [
        ind("家庭医生签约户数", 8, "≥80户", "68户", 6.8, None, None),
        ind("基层诊疗量占比", 82, "≥60%", "61%", 82, None, None),
    ]
    coefficients = {"家庭医生签约户数": 0.85, "基层诊疗量占比": 1.0}
    result = review(_chongqing(rows, coefficients, 9.7, 98.5))
    assert result.scorecards[0].rule_set == "chongqing"
    assert result.scorecards[0].budget_computed == pytest.approx(9.7)
    assert codes(result, "error") == set()
    # 8 points printed against a coefficient of 85%: 0.85 × 8 = 6.8
    rows[0] = ind("家庭医生签约户数", 8, "≥80户", "68户", 8, None, None)
    bad = review(_chongqing(rows, coefficients, 9.7, 99.7))
    assert ("家庭医生签约户数", "indicator.coefficient_mismatch") in codes(bad, "error")
    assert one(bad, "indicator.coefficient_mismatch").expected == pytest.approx(6.8)


def test_chongqing_qualitative_coefficient_inside_the_band() -> None:
    # 定性 部分达成 (基本完成) with a 70% coefficient × 5 = 3.5: inside 60–80%.
    rows = [
        ind("医共体建设推进", 5, "按期建成", "基本完成", 3.5, None, None),
        ind("基层诊疗量占比", 85, "≥60%", "61%", 85, None, None),
    ]
    result = review(_chongqing(rows, {"医共体建设推进": 0.7, "基层诊疗量占比": 1.0}, 9.7, 98.2))
    assert codes(result, "error") == set()


# --- Hebei: 折算得分 = 单项得分 × 权重占比 ---------------------------------------------------


def _hebei(converted_first: float, total: float) -> dict[str, Any]:
    rows = [
        # 40 × 88/95 = 37.05; × 70% = 25.94 (printed 25.94)
        ind("新增技改设备台数", 40, "≥95台", "88台", 37.05),
        ind("设备验收合格率", 60, "100%", "100%", 60, "产出指标", "质量指标"),
        # 50 × 5.7/6 = 47.5; × 30% = 14.25
        ind("企业产值增长率", 50, "≥6%", "5.7%", 47.5, "效果指标", "经济效益"),
        ind("企业满意度", 50, "≥90%", "92%", 50, "效果指标", "满意度"),
    ]
    return form(
        rows,
        budget=(None, 800, 760, 0.95, None),
        total=total,
        extra={
            "share_by_level1": {"产出指标": 0.7, "效果指标": 0.3},
            "converted_scores": {
                "新增技改设备台数": converted_first,
                "设备验收合格率": 42,
                "企业产值增长率": 14.25,
                "企业满意度": 15,
            },
        },
    )


def test_hebei_converted_total() -> None:
    # Σ 折算 = 25.94 + 42 + 14.25 + 15 = 97.19; the budget is not scored; each 一级's points make 100.
    result = review(_hebei(25.94, 97.19))
    card = result.scorecards[0]
    assert card.rule_set == "hebei"
    assert card.budget_weight is None
    assert card.total_computed == pytest.approx(97.19)
    assert codes(result, "error") == set()


def test_hebei_converted_score_wrong() -> None:
    # 37.05 × 70% = 25.935 → 25.94; a printed 26.00 (column of two decimals) is wrong.
    result = review(_hebei(26, 97.25))
    assert ("新增技改设备台数", "indicator.converted_mismatch") in codes(result, "error")
    assert one(result, "indicator.converted_mismatch").expected == pytest.approx(25.94)


# --- Yunnan: look-alike signs -----------------------------------------------------------------


def test_yunnan_look_alike_signs_compare_as_the_signs_they_stand_for() -> None:
    # ═12台 with 11台: 6 × 11/12 = 5.5; ≧80% with 76%: 10 × 76/80 = 9.5.
    rows = [
        ind("配备消防车辆", 6, "═12台", "11台", 5.5),
        ind("消防设施完好率", 10, "≧80%", "76%", 9.5, "产出指标", "质量指标"),
        ind("火灾起数下降", 74, "≥5%", "6%", 74, "效益指标", "社会效益指标"),
    ]
    result = review(form(rows, budget=(10, 90, 90, 1.0, 10), total=99))
    assert result.scorecards[0].rule_set == "yunnan"
    scores = {s.indicator: s.computed for s in result.scorecards[0].indicators}
    assert scores["配备消防车辆"] == pytest.approx(5.5)
    assert scores["消防设施完好率"] == pytest.approx(9.5)
    rows[0] = ind("配备消防车辆", 6, "═12台", "11台", 6)
    assert ("配备消防车辆", "indicator.full_score_unmet") in codes(
        review(form(rows, budget=(10, 90, 90, 1.0, 10)))
    )


# --- 衔接资金 ----------------------------------------------------------------------------------


def test_xianjie_detected_by_its_title_and_scored_nationally() -> None:
    rows = [ind("新建产业路", 90, "≥3公里", "3.2公里", 90)]
    f = form(rows, budget=(10, 150, 150, 1.0, 10), total=100, title="某县2023年度衔接资金项目绩效自评表")
    detection = detect_rule_set(form_from_contract(f))
    assert detection.name == "xianjie"
    assert any("衔接" in e for e in detection.evidence)


# --- review on unseen forms -------------------------------------------------------------------


def test_weights_not_adding_to_100_leave_the_total_unverified() -> None:
    # 10 + 60 + 48.94 = 118.94 points: no recomputed total and no grade (never 优 for 118.94).
    rows = [ind("培训人次", 60, "≥500人次", "520人次", 60), ind("结业率", 48.94, "≥90%", "95%", 48.94)]
    result = review(form(rows, budget=(10, 40, 40, 1.0, 10), total=118.94))
    card = result.scorecards[0]
    assert card.total_computed is None and card.grade_computed is None and card.grade_printed is None
    assert (None, "form.weight_mismatch") in codes(result, "error")


def test_printed_precision_is_respected() -> None:
    # 10 × 853/1000 = 8.53; printed "9.00" (two decimals kept by the reader) is not 8.53 rounded.
    rows = [
        ind("宣传册发放份数", 10, "≥1000份", "853份", 9),
        ind("其他", 80, "100%", "100%", 80, "产出指标", "质量指标"),
    ]
    printed = form(
        rows,
        budget=(10, 60, 60, 1.0, 10),
        total=99,
        extra={"printed": {"goals[0].indicators[0].score": "9.00"}},
    )
    assert ("宣传册发放份数", "indicator.score_mismatch") in codes(review(printed), "error")
    # A whole-number column prints 8.53 as 9: that agrees (findings-v1 rounding to printed decimals).
    plain = form(rows, budget=(10, 60, 60, 1.0, 10), total=99)
    assert ("宣传册发放份数", "indicator.score_mismatch") not in codes(review(plain))


def test_rate_above_100_percent_is_read_as_printed() -> None:
    # 247 / 50 = 494%, printed 494% (4.94 as a fraction): no rate mismatch, never shown as 4.94%.
    rows = [ind("设备采购台数", 90, "≥10台", "10台", 90)]
    result = review(form(rows, budget=(10, 50, 247, 4.94, 10), total=100))
    assert "budget.rate_mismatch" not in {f.code for f in result.findings}
    over = one(result, "budget.overspent")
    assert "494%" in over.message and "4.94%" not in over.message


def test_a_subtotal_read_as_the_total_is_a_warning() -> None:
    # 合计 90 | 87.5 read as the 总分: it equals the indicators' scores alone, the budget scored 9.
    rows = [ind("巡查次数", 50, "≥40次", "40次", 50), ind("整改率", 40, "≥95%", "89.06%", 37.5)]
    result = review(form(rows, budget=(10, 200, 180, 0.9, 9), total=87.5))
    finding = one(result, "form.total_mismatch")
    assert finding.severity == "warning" and "小计" in finding.message


def test_placeholder_rows_are_reported_not_reviewed() -> None:
    rows = [ind("巡查次数", 90, "≥40次", "40次", 90), ind("指标1：", None, None, None, None)]
    result = review(form(rows, budget=(10, 20, 20, 1.0, 10), total=100, extra={"placeholders": ["……"]}))
    finding = one(result, "form.placeholder")
    assert finding.severity == "info" and "指标1" in finding.message and "……" in finding.message
    assert {f.code for f in result.findings if f.indicator == "指标1："} <= {"form.placeholder"}


def test_target_set_too_low() -> None:
    # 130 of ≥100 (130%) is far above target; 129 of 100 is not; a reverse ≤ target never is.
    rows = [
        ind("志愿服务人次", 45, "≥100人次", "130人次", 45),
        ind("活动场次", 45, "≥100场", "129场", 45),
        ind("投诉件数", 0, "≤10件", "2件", 0),
    ]
    result = review(form(rows, budget=(10, 20, 20, 1.0, 10), total=100))
    low = [f for f in result.findings if f.code == "indicator.target_too_low"]
    assert [(f.indicator, f.severity) for f in low] == [("志愿服务人次", "warning")]


def test_year_of_the_title_against_the_content() -> None:
    rows = [ind("完成河道清淤", 90, "2022年10月底前完成", "2022年9月完成", 90)]
    result = review(form(rows, budget=(10, 20, 20, 1.0, 10), total=100, year=2023, filled_on="2024-02-20"))
    finding = one(result, "form.year_mismatch")
    assert "2022年10月底前" in finding.message
    fine = [ind("完成河道清淤", 90, "2023年10月底前完成", "2023年9月完成", 90)]
    assert "form.year_mismatch" not in {
        f.code
        for f in review(form(fine, budget=(10, 20, 20, 1.0, 10), total=100, filled_on="2024-02-20")).findings
    }
    late = review(form(fine, budget=(10, 20, 20, 1.0, 10), total=100, filled_on="2026-01-05"))
    assert "2026-01-05" in one(late, "form.year_mismatch").message


def test_one_root_cause_one_finding() -> None:
    # The same vague target in the long-term and the annual goal of a target table: one finding.
    vague = ind("服务质量", None, "明显提升", None, None, "效益指标", "社会效益指标")
    goals = [
        {"name": "中期目标（2023年—2025年）", "text": None, "weight": None, "indicators": [dict(vague)]},
        {"name": "年度目标", "text": None, "weight": None, "indicators": [dict(vague)]},
    ]
    result = review(form([], goals=goals, kind="project_target", title="项目支出绩效目标申报表"))
    vagues = [f for f in result.findings if f.code == "target.vague"]
    assert len(vagues) == 1
    assert "共 2 处" in vagues[0].message and "年度目标" in vagues[0].message


def test_chosen_rule_set_title_in_text_html_and_json() -> None:
    from rich.console import Console

    from jixiao.contract import findings_to_json
    from jixiao.review.render import build_page, render_html, render_text

    rows = [ind("家庭医生签约户数", 90, "≥80户", "80户", 90, None, None)]
    f = _chongqing(rows, {"家庭医生签约户数": 1.0}, 9.7, 99.7)
    doc = Document(path="mine.json", forms=[form_from_contract(f)])
    result = review_document(doc)
    title = load_rule_set("chongqing").title
    payload = findings_to_json(result.findings)
    assert any(d["code"] == "form.rule_set" and title in d["message"] for d in payload)
    page = build_page([("mine.json", doc, result)])
    console = Console(record=True, width=200)
    render_text(page, console)
    assert title in console.export_text() and title in render_html(page)


def test_unverified_total_is_shown_as_such() -> None:
    from jixiao.review.render import build_page

    rows = [ind("培训人次", 60, "≥500人次", "520人次", 60), ind("结业率", 48.94, "≥90%", "95%", 48.94)]
    doc = Document(
        path="mine.json", forms=[form_from_contract(form(rows, budget=(10, 40, 40, 1.0, 10), total=118.94))]
    )
    view = build_page([("mine.json", doc, review_document(doc))]).forms[0]
    assert (view.total_computed, view.grade_computed) == ("无法复核", "—")


def test_hebei_structure_not_judged_when_a_block_was_not_read() -> None:
    # The reader lost the 一级 of two rows and the 产出 share: nothing certain to say about the weights.
    f = _hebei(25.94, 97.19)
    for row in f["goals"][0]["indicators"][:2]:
        row["level1"] = None
    f["extra"]["share_by_level1"] = {"效果指标": 0.3}
    assert "form.weight_mismatch" not in {x.code for x in review(f).findings}


def test_hebei_shares_must_make_100_percent() -> None:
    f = _hebei(25.94, 97.19)
    f["extra"]["share_by_level1"] = {"产出指标": 0.7, "效果指标": 0.4}
    assert (None, "form.weight_mismatch") in codes(review(f), "error")


def test_a_target_without_its_figure_is_a_placeholder() -> None:
    rows = [ind("取证率", None, "≥%", None, None, "产出指标", "质量指标")]
    result = review(form(rows, kind="project_target", title="项目支出绩效目标申报表", year=2024))
    assert "模板占位符" in one(result, "target.vague").message


def test_level_points_printed_in_labels_match_their_indicators() -> None:
    # 产出指标（50分） over 30 + 15 = 45 points: a warning on the goal.
    rows = [ind("新建村级文化广场", 30, "≥24个", "24个", 30), ind("书屋更新", 15, "≥10个", "10个", 15)]
    rows.append(ind("参与率", 35, "≥70%", "72%", 35, "效益指标", "社会效益指标"))
    f = form(
        rows,
        budget=(20, 10, 10, 1.0, 20),
        total=100,
        goal="年度绩效目标",
        goal_weight=80,
        extra={"level1_weights": {"产出指标": 50, "效益指标": 35}},
    )
    found = [x for x in review(f).findings if x.code == "goal.weight_mismatch"]
    assert [(x.severity, x.printed, x.expected) for x in found] == [("warning", 50, 45)]


def test_weak_hints_alone_choose_no_regional_rule_set() -> None:
    # 效果指标 and an unscored budget hint at Hebei, but without its 折算/权重占比 columns they do not
    # switch the form to converted scoring (which would judge each 一级 against 100 points).
    rows = [ind("产值增长率", 50, "≥6%", "6.5%", 50, "效果指标", "经济效益")]
    f = form(rows, budget=(None, 100, 90, 0.9, None), total=50)
    assert detect_rule_set(form_from_contract(f)).name != "hebei"


def test_hebei_recognised_by_its_point_structure_alone() -> None:
    # No 折算/占比 kept by the reader: two 一级指标 of 100 points each still say "Hebei".
    f = _hebei(25.94, 97.19)
    f["extra"] = {}
    assert detect_rule_set(form_from_contract(f)).name == "hebei"
    assert codes(review(f), "error") == set()


def test_month_end_deadlines() -> None:
    from jixiao.score.compare import compare
    from jixiao.score.values import Outcome

    # "2024年9月底前" is met by any day of September 2024, not by 3 October; "2024年底前" by December.
    assert compare("2024年9月底前", "2024年9月30日").outcome is Outcome.MET
    assert compare("2024年9月底前", "2024年10月3日").outcome is Outcome.NOT_MET
    assert compare("2024年底前", "2024年12月").outcome is Outcome.MET
    # A full score for a late finish is a full score for an unmet target.
    rows = [ind("完工时限", 5, "2024年9月底前", "2024年10月3日", 5, "产出指标", "时效指标")]
    rows.append(ind("完工数量", 85, "≥8处", "8处", 85))
    f = form(rows, budget=(10, 50, 50, 1.0, 10), total=100, year=2024)
    assert ("完工时限", "indicator.full_score_unmet") in codes(review(f), "error")


def test_budget_row_unscored_when_the_indicators_make_100() -> None:
    # 40/40/20 with the budget row printed without points or score: execution earns nothing.
    rows = [
        ind("巡回演出场次", 40, "≥20场", "20场", 40),
        ind("观众人次", 40, "≥1万人次", "1.2万人次", 40, "效益指标", "社会效益指标"),
        ind("观众满意度", 20, "≥90%", "95%", 20, "满意度指标", "服务对象满意度指标"),
    ]
    result = review(form(rows, budget=(None, 30, 27, 0.9, None), total=100))
    card = result.scorecards[0]
    assert card.budget_weight is None and card.total_computed == pytest.approx(100)
    assert codes(result, "error") == set()
    assert "budget.score_mismatch" not in {f.code for f in result.findings}


def test_missed_reverse_target_accepts_both_common_formulas() -> None:
    # ≤20天 with 25天, 10 points: A/B = 10 × 20/25 = 8; 1 − (B−A)/A = 10 × (1 − 5/20) = 7.5. Both pass
    # under 财预〔2020〕10号 (no formula given); Hubei prints A/B only.
    def one_row(score: float, **kw: Any) -> dict[str, Any]:
        rows = [ind("审批办结时限", 10, "≤20天", "25天", score), ind("办件量", 80, "≥100件", "100件", 80)]
        return form(rows, budget=(10, 20, 20, 1.0, 10), total=90 + score, **kw)

    assert codes(review(one_row(8)), "error") == set()
    assert codes(review(one_row(7.5)), "error") == set()
    assert ("审批办结时限", "indicator.score_mismatch") in codes(review(one_row(6.5)), "error")
    rows = [ind("审批办结时限", 10, "≤20天", "25天", 7.5), ind("办件量", 70, "≥100件", "100件", 70)]
    hubei = form(rows, budget=(20, 20, 20, 1.0, 20), total=97.5, goal="年度绩效目标", goal_weight=80)
    assert ("审批办结时限", "indicator.score_mismatch") in codes(review(hubei), "error")


def test_evidence_needs_exactly_one_matcher() -> None:
    from jixiao.score.rules import RuleSetError, parse_rule_set

    text = (Path(__file__).resolve().parents[2] / "jixiao" / "score" / "rulesets" / "sichuan.yaml").read_text(
        encoding="utf-8"
    )
    bad = text.replace("- {goal_weight: 90,", "- {goal_weight: 90, title: 四川,", 1)
    with pytest.raises(RuleSetError, match="恰有一个匹配项"):
        parse_rule_set(bad, "sichuan.yaml")
    with pytest.raises(RuleSetError, match="未知的键"):
        parse_rule_set(text.replace("goal_weight: 90", "goal_wieght: 90", 1), "sichuan.yaml")


def test_budget_block_without_points_or_score_takes_the_rules_points() -> None:
    # The budget row kept no 分值 and no 得分 (blank, or lost in reading); indicators make 90:
    # the structure is 10 + 90 (no weight error), and a total 7.4 above the parts is not an error.
    rows = [ind("新建泵站", 90, "≥3座", "3座", 90)]
    result = review(form(rows, budget=(None, 500, 370, 0.74, None), total=97.4))
    assert codes(result, "error") == set()
    assert one(result, "form.total_mismatch").severity == "warning"
