"""目标审核: a vague or basis-less target flagged, a well-formed target table left alone."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from jixiao.contract import form_from_contract
from jixiao.cycle import review_target_table
from jixiao.model import Document
from jixiao.read import read
from jixiao.review import CATALOGUE, review_document
from tests.conftest import REPO, seed
from tests.cycle.conftest import form

WELL_FORMED = """
kind: project_target
title: 社区服务项目支出绩效目标表
goal: 长期目标1
产出指标 | 数量指标 | 服务社区数量 | - | ≥10个 | - | - | 计划标准
产出指标 | 质量指标 | 服务验收合格率 | - | =100% | - | - | 行业标准
产出指标 | 时效指标 | 服务完成时间 | - | 2021年12月31日前 | - | - | 计划标准
产出指标 | 成本指标 | 项目总成本 | - | ≤300万元 | - | - | 预算批复
效益指标 | 社会效益指标 | 居民办事平均等候时间 | - | ≤15分钟 | - | - | 历史标准
效益指标 | 可持续影响指标 | 社区服务运行 | - | 按《社区服务规范》长期运行 | - | - | 行业标准
满意度指标 | 服务对象满意度指标 | 居民满意度 | - | ≥90% | - | - | 历史标准
goal: 年度目标1
产出指标 | 数量指标 | 服务社区数量 | - | ≥10个 | - | - | 计划标准
产出指标 | 质量指标 | 服务验收合格率 | - | =100% | - | - | 行业标准
产出指标 | 时效指标 | 服务完成时间 | - | 2021年12月31日前 | - | - | 计划标准
产出指标 | 成本指标 | 项目总成本 | - | ≤300万元 | - | - | 预算批复
效益指标 | 社会效益指标 | 居民办事平均等候时间 | - | ≤15分钟 | - | - | 历史标准
满意度指标 | 服务对象满意度指标 | 居民满意度 | - | ≥90% | - | - | 历史标准
"""

FLAWED = """
kind: project_target
title: 社区服务项目支出绩效目标表
goal: 长期目标1
产出指标 | 数量指标 | 服务社区数量 | - | ≥10个 | - | - | 计划标准
goal: 年度目标1
产出指标 | 数量指标 | 服务社区数量 | - | ≤10个 | - | - | 计划标准
产出指标 | 数量指标 | 服务社区数量 | - | ≥10个 | - | - | 计划标准
产出指标 | 数量指标 | 节约企业的时间成本 | - | ≥5000 | - | - | 计划标准
产出指标 | 质量指标 | 服务质量 | - | 良好 | - | - | 计划标准
产出指标 | 质量指标 | 工作推进 | - | 有序推进 | - | - | 计划标准
产出指标 | 时效指标 | 投诉处理及时率 | - | ≥100% | - | - | 计划标准
产出指标 | 成本指标 | 项目总成本 | - | ≥300万元 | - | - | 计划标准
效益指标 | 社会效益指标 | 居民办事平均等候时间 | - | ≤15分钟 | - | -
满意度指标 | 服务对象满意度指标 | 居民满意度 | - | ≥70% | - | - | 计划标准
"""


def pairs(findings) -> set[tuple[str | None, str]]:
    return {(f.indicator or f.goal, f.code) for f in findings}


def test_well_formed_target_table_is_left_alone() -> None:
    assert review_target_table(form(WELL_FORMED)) == []


def test_flawed_target_table_is_flagged_point_by_point() -> None:
    found = review_target_table(form(FLAWED))
    assert pairs(found) == {
        ("服务社区数量", "target.duplicate"),
        ("服务社区数量", "target.annual_inconsistent"),  # ≤10个 against the long-term ≥10个
        ("节约企业的时间成本", "target.unmeasurable"),  # a bare number
        ("服务质量", "target.vague"),
        ("工作推进", "target.unmeasurable"),  # qualitative, no standard named
        ("投诉处理及时率", "target.rate_over_100"),
        ("项目总成本", "target.cost_not_bounded"),
        ("居民办事平均等候时间", "target.missing_basis"),
        ("居民满意度", "target.low_satisfaction"),
        ("长期目标1", "target.missing_dimension"),  # the long-term goal has no 效益指标
        ("长期目标1", "target.missing_subdimension"),  # nor 质量/时效
    }
    assert all(f.code in CATALOGUE for f in found)
    low = next(f for f in found if f.code == "target.low_satisfaction")
    assert low.message == "满意度指标“居民满意度”的指标值为“≥70%”，低于一般不低于 85% 的审核口径"


def test_weights_of_a_target_table_add_up() -> None:
    text = """
kind: project_target
title: 目标表
goal: 年度目标1 | 30
产出指标 | 数量指标 | 服务社区数量 | 10 | ≥10个 | - | - | 计划标准
产出指标 | 质量指标 | 服务验收合格率 | 10 | =100% | - | - | 计划标准
产出指标 | 时效指标 | 服务完成时间 | 5 | 2021年12月31日前 | - | - | 计划标准
"""
    [f] = [f for f in review_target_table(form(text)) if f.code == "target.weights_sum"]
    assert (f.printed, f.expected) == (25, 30)
    fixed = review_target_table(form(text.replace("| 5 |", "| 10 |")))
    assert not any(f.code == "target.weights_sum" for f in fixed)


def test_review_runs_target_checks_on_target_tables_only() -> None:
    doc = Document(path="x", forms=[form(FLAWED), form(FLAWED.replace("kind: project_target", ""))])
    result = review_document(doc)
    by_form = Counter(f.form for f in result.findings if f.code == "target.rate_over_100")
    assert by_form == Counter({0: 1})


def test_seed_target_tables() -> None:
    """Seed 001: 年度目标3 files 来访企业对接待工作满意率 under 经济成本指标, its long-term twin under
    服务对象满意度指标; every indicator prints a basis (计划标准/计划指标)."""
    doc = read(seed("001"))
    found = review_target_table(doc.forms[0], 0)
    codes = Counter(f.code for f in found)
    assert codes["target.missing_basis"] == 0
    [inconsistent] = [f for f in found if f.code == "target.annual_inconsistent"]
    assert (inconsistent.goal, inconsistent.indicator) == ("年度目标3", "来访企业对接待工作满意率")
    assert "经济成本指标" in inconsistent.message
    assert ("举办或参加各类会议活动对推动光谷生物城产业发展", "target.vague") in pairs(found)  # 有显著影响
    assert not any(f.code == "target.rate_over_100" for f in found)  # =100% is written right


def test_unseen_target_template_well_formed_is_left_alone() -> None:
    """templates/examples/13 (财预〔2021〕101号 style): every indicator has a unit or a checkable
    condition ("每台设备明确运维责任人"), a basis, all dimensions — nothing to say."""
    path = REPO.parent / "shared" / "templates" / "examples" / "13_target_101_style.answer.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    [target] = [form_from_contract(d) for d in json.loads(path.read_text(encoding="utf-8"))]
    assert review_target_table(target) == []


def test_target_weights_spread_over_the_whole_form_are_not_a_mismatch() -> None:
    """101号 target tables print a 权重 column over the full 100 points (no budget row)."""
    rows = "\n".join(
        f"{l1} | {l2} | {name} | {w} | {target} | - | - | 计划标准"
        for l1, l2, name, w, target in [
            ("产出指标", "数量指标", "改造供水管网长度", 20, "≥48公里"),
            ("产出指标", "质量指标", "管网验收合格率", 20, "=100%"),
            ("产出指标", "时效指标", "工程完工及时率", 10, "=100%"),
            ("效益指标", "社会效益指标", "受益农村人口", 20, "≥3.6万人"),
            ("满意度指标", "服务对象满意度指标", "受益群众满意度", 30, "≥90%"),
        ]
    )
    text = f"kind: project_target\ntitle: 目标表\ngoal: 年度目标1\n{rows}\n"
    assert not any(f.code == "target.weights_sum" for f in review_target_table(form(text)))
    short = review_target_table(form(text.replace("| 30 |", "| 25 |")))  # 95: neither 90 nor 100
    [f] = [f for f in short if f.code == "target.weights_sum"]
    assert f.printed == 95
