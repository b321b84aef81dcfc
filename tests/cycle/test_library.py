"""指标库: the same indicator spelled differently across units grouped; suggestions; easy targets."""

from __future__ import annotations

from jixiao.cycle import build_library, peer_findings, suggest
from jixiao.cycle.library import IndicatorLibrary
from jixiao.read import read
from tests.conftest import SEEDS, seed
from tests.cycle.conftest import form


def unit_form(unit: str, project: str, *rows: str) -> str:
    return (
        f"kind: project_target\ntitle: {project}目标表\nunit: {unit}\nproject: {project}\nyear: 2022\n"
        + "\n".join(rows)
    )


FORMS = [
    unit_form(
        "甲局",
        "社区养老服务",
        "满意度指标 | 服务对象满意度指标 | 服务对象满意率 | - | ≥90% | - | - | 计划标准",
        "产出指标 | 数量指标 | 养老服务人次 | - | ≥1000人次 | - | - | 计划标准",
    ),
    unit_form(
        "乙局",
        "居家养老补贴",
        "满意度指标 | 服务对象满意度指标 | 服务对象 满意度 | - | ≥95% | - | - | 计划标准",
        "产出指标 | 数量指标 | 养老服务人次 | - | ≥800人次 | - | - | 计划标准",
    ),
    unit_form(
        "丙局",
        "养老机构运营补贴",
        "满意度指标 | 服务对象满意度指标 | 服务对象满意度（%） | - | ≥92% | - | - | 计划标准",
        "产出指标 | 数量指标 | 养老服务人次数 | - | ≥1200人次 | - | - | 计划标准",
    ),
    unit_form(
        "丁局",
        "道路养护",
        "满意度指标 | 服务对象满意度指标 | 服务对象满意度 | - | ≥60% | - | - | 计划标准",
        "产出指标 | 数量指标 | 道路养护里程 | - | ≥30公里 | - | - | 计划标准",
    ),
]


def test_same_indicator_spelled_differently_is_one_group() -> None:
    lib = build_library([form(t) for t in FORMS])
    group = lib.find("服务对象满意率")
    assert group is not None
    assert set(group.spellings) == {
        "服务对象满意率",
        "服务对象 满意度",
        "服务对象满意度（%）",
        "服务对象满意度",
    }
    assert group.users == ["丁局", "丙局", "乙局", "甲局"]
    [rates] = group.ranges
    assert (rates.family, rates.low, rates.high) == ("rate", 0.6, 0.95)
    assert group.comparators == {">=": 4}
    assert group.level2 == {"服务对象满意度指标": 4}
    assert lib.find("道路养护里程") is not lib.find("养老服务人次")
    assert lib.find("养老服务人次数") is lib.find("养老服务人次")


def test_library_round_trips_as_json() -> None:
    lib = build_library([form(t) for t in FORMS])
    again = IndicatorLibrary.from_json(lib.to_json())
    assert [g.key for g in again.groups] == [g.key for g in lib.groups]
    assert again.groups[0].usages == lib.groups[0].usages


def test_suggest_for_a_new_project() -> None:
    lib = build_library([form(t) for t in FORMS])
    names = [s.group.name for s in suggest(lib, "社区居家养老服务")]
    assert "养老服务人次" in names
    assert "道路养护里程" not in names


def test_easy_target_is_flagged_against_peers() -> None:
    lib = build_library([form(t) for t in FORMS])
    easy = form(FORMS[3])  # 丁局: 满意度 ≥60% where 甲/乙/丙 set 90–95%
    [f] = peer_findings(lib, easy, 0)
    assert (f.code, f.indicator, f.expected) == ("target.below_peers", "服务对象满意度", "92%")
    assert not peer_findings(lib, form(FORMS[0]), 0)


def test_seed_library_groups_across_units() -> None:
    if not SEEDS.is_dir():
        seed("000")
    forms = [f for p in sorted(SEEDS.glob("*.txt")) for f in read(p).forms]
    lib = build_library(forms)
    group = lib.find("服务对象满意率")
    # 发改局 and 统计局 print 服务对象满意度 / 服务对象满意率; the 生物办 target table 服务对象满意率
    assert {"服务对象满意率", "服务对象满意度"} <= set(group.spellings)
    assert len(group.users) >= 3
    assert lib.find("2020年4月份规上企业和重点企业项目复工率") is not lib.find(
        "2020年4月份规上企业和重点企业项目复产率"
    )
