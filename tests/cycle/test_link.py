"""Targets ↔ self-evaluation: matching and drift, on hand-made pairs and on the seeds."""

from __future__ import annotations

from jixiao.cycle import link_evaluation, match_targets, pair_indicators
from jixiao.cycle._names import text_key
from jixiao.read import read
from tests.conftest import seed
from tests.cycle.conftest import form

TARGET = """
kind: project_target
title: 2021年社区服务项目支出绩效目标表
unit: 某区民政局
project: 社区服务项目
year: 2021
goal: 年度绩效目标1
产出指标 | 数量指标 | 服务社区数量 | 20 | ≥10个 | - | - | 计划标准
产出指标 | 质量指标 | 服务达标率 | 20 | ≥95% | - | - | 行业标准
产出指标 | 时效指标 | 投诉处理及时率 | 10 | ≥98% | - | - | 历史标准
满意度指标 | 服务对象满意度指标 | 居民满意度 | 20 | ≥90% | - | - | 计划标准
"""

EVALUATION = """
title: 2021年度社区服务项目自评表
unit: 民政局
project: 社区服务
year: 2021
budget: 20 | 300 | 300 | 100% | 20
goal: 年度绩效目标1 | 80
产出指标 | 数量指标 | 服务社区数量 | 20 | ≥8个 | 9个 | 20
产出指标 | 质量指标 | 服务达标率 | 20 | ≤95% | 93% | 20
满意度指标 | 服务对象满意度指标 | 居民满意率 | 10 | ≥90% | 95% | 10
效益指标 | 社会效益指标 | 社区活动参与人次 | 30 | ≥500人次 | 600人次 | 30
"""

ALIASES = {text_key("民政局"): text_key("某区民政局")}


def codes(findings) -> set[tuple[str | None, str, str]]:
    return {(f.indicator, f.code, f.severity) for f in findings}


def test_hand_made_pair_drift() -> None:
    t, e = form(TARGET), form(EVALUATION)
    linkage = link_evaluation(e, 0, [t], ALIASES)
    assert linkage is not None
    assert linkage.match.confident
    assert "单位经别名对应（“某区民政局”）" in linkage.match.reasons
    assert codes(linkage.findings) == {
        ("服务社区数量", "target.changed", "error"),  # ≥10个 lowered to ≥8个
        ("服务达标率", "target.changed", "error"),  # ≥95% turned into ≤95%
        ("居民满意率", "target.weight_changed", "warning"),  # 20 → 10 (满意率 = 满意度)
        ("投诉处理及时率", "target.dropped", "warning"),
        ("社区活动参与人次", "target.added", "warning"),
    }
    by = {(f.indicator, f.code): f for f in linkage.findings}
    lowered = by[("服务社区数量", "target.changed")]
    assert (lowered.printed, lowered.expected) == ("≥8个", "≥10个")
    assert "目标值调低（10 → 8）" in lowered.message
    assert "“≥”改为“≤”" in by[("服务达标率", "target.changed")].message
    moved = by[("居民满意率", "target.weight_changed")]
    assert (moved.printed, moved.expected) == (10, 20)


def test_raised_target_is_a_warning_and_same_value_spelled_differently_is_silent() -> None:
    t = form(TARGET)
    e = form(EVALUATION.replace("≥8个 | 9个", "≥ 10 个 | 12个").replace("≤95% | 93%", "≥96% | 97%"))
    found = codes(link_evaluation(e, 0, [t], ALIASES).findings)
    assert ("服务社区数量", "target.changed", "error") not in found
    assert all(ind != "服务社区数量" for ind, _, _ in found)
    assert ("服务达标率", "target.changed", "warning") in found  # raised: not easier


def test_unchanged_pair_has_no_drift() -> None:
    t = form(TARGET)
    rows = [line for line in TARGET.splitlines() if "|" in line]
    body = "\n".join(" | ".join([*cells[:5], "x", "1", "-"]) for cells in (r.split(" | ") for r in rows))
    e = form(
        "title: 社区服务项目自评表\nunit: 某区民政局\nproject: 社区服务项目\nyear: 2021\n"
        "goal: 年度绩效目标1\n" + body
    )
    linkage = link_evaluation(e, 0, [t])
    assert linkage is not None and linkage.match.confidence == 1.0
    assert linkage.findings == []
    assert linkage.matched == 4


def test_matching_rules_out_other_year_unit_and_kind() -> None:
    e = form(EVALUATION)
    other_year = form(TARGET.replace("year: 2021", "year: 2020"))
    other_unit = form(TARGET.replace("unit: 某区民政局", "unit: 某区教育局"))
    department = form(TARGET.replace("kind: project_target", "kind: department_target"))
    other_project = form(TARGET.replace("project: 社区服务项目", "project: 道路养护"))
    assert match_targets(e, [other_year, other_unit, department, other_project], ALIASES) == []
    no_year = form(TARGET.replace("year: 2021\n", ""))
    [m] = match_targets(e, [no_year], ALIASES)
    assert not m.confident and "目标表未印年度" in m.reasons
    drift = link_evaluation(e, 0, [no_year], ALIASES)
    assert drift is not None and {f.severity for f in drift.findings} == {"info"}


def test_seed_department_target_and_its_units_evaluation() -> None:
    """Seed 001 holds the 部门整体支出绩效目标表 of the unit whose 2020 部门整体绩效自评表 is seed 000.

    The target table prints no year, but its values name 2023 ("2023 年工作日"): it is shown as
    a candidate of low confidence, and the drift it gives is information, not an error.
    """
    targets = read(seed("001")).forms
    evaluation = read(seed("000")).forms[0]
    matches = match_targets(evaluation, targets)
    assert [m.index for m in matches] == [0]  # the department table; the project tables are another kind
    m = matches[0]
    assert m.reasons[0] == "单位相同"
    assert any("2023 年" in r and "2020 年" in r for r in m.reasons)
    assert not m.confident
    linkage = link_evaluation(evaluation, 0, targets)
    assert linkage is not None
    assert all(f.severity == "info" for f in linkage.findings)
    pairs = {(x.target.name, x.evaluation.name) for x in linkage.links if x.target and x.evaluation}
    assert ("办公场所正常运转天数", "办公场所正常运转天数") in pairs  # printed in both
    assert ("全年工作任务完成及时率", "工作任务完成及时率") in pairs


def test_pairing_keeps_different_indicators_apart() -> None:
    t = form(TARGET.replace("服务达标率", "服务复工率"))
    e = form(EVALUATION.replace("服务达标率", "服务复产率"))
    links = pair_indicators(t, e)
    assert not any(x.target and x.evaluation and x.target.name == "服务复工率" for x in links)


def test_review_reports_drift_from_the_target_table_in_the_same_document() -> None:
    from jixiao.model import Document
    from jixiao.review import review_document

    same_unit = EVALUATION.replace("unit: 民政局", "unit: 某区民政局")
    doc = Document(path="x", forms=[form(TARGET), form(same_unit)])
    result = review_document(doc)
    drift = {
        (f.form, f.indicator, f.code) for f in result.findings if f.code.startswith("target.") and f.form == 1
    }
    assert (1, "服务社区数量", "target.changed") in drift
    assert (1, "投诉处理及时率", "target.dropped") in drift
    alone = review_document(Document(path="y", forms=[form(same_unit)]))
    assert not any(f.code in ("target.changed", "target.dropped") for f in alone.findings)


def test_national_project_form_names_its_unit_as_implementer() -> None:
    """财预〔2020〕10号 project forms print 主管部门/实施单位, no 单位名称; the target table has 中期/年度 halves."""
    target = form(
        TARGET.replace("goal: 年度绩效目标1", "goal: 中期目标（2021年—2023年）\n"
                       "产出指标 | 数量指标 | 服务社区数量 | - | ≥30个 | - | - | 计划标准\ngoal: 年度目标")
    )  # fmt: skip
    evaluation = form(EVALUATION.replace("unit: 民政局\n", ""))
    evaluation.implementer = "某区民政局"
    [m] = match_targets(evaluation, [target])
    assert m.confident and "实施单位" in m.reasons[0]
    linkage = link_evaluation(evaluation, 0, [target])
    lowered = [f for f in linkage.findings if f.indicator == "服务社区数量" and f.code == "target.changed"]
    assert [f.expected for f in lowered] == ["≥10个"]  # the annual target, not the 中期 one
    evaluation.implementer = evaluation.supervisor = "某区教育局"
    assert match_targets(evaluation, [target]) == []


def test_value_changes() -> None:
    from jixiao.cycle.link import value_change

    assert value_change("服务达标率", "≥95%", "95%") is None  # the comparator left off
    assert value_change("服务达标率", "≥95%", "≥ 95 %") is None
    assert value_change("服务达标率", "≥95%", "≥90%") == ("目标值调低（95% → 90%）", True)
    assert value_change("投诉处理时间", "≤3天", "≤5天") == ("上限调高（3 → 5）", True)
    assert value_change("投诉处理时间", "≤3天", "≥3天") == ("比较方向由“≤”改为“≥”", True)
    assert value_change("服务社区数量", "≥10个", "≥10家")[1] is False  # another unit: shown, not "easier"
