"""Target tables of the seeds' family (seed 001): 部门整体支出绩效目标表 and 项目支出绩效目标表.

Records in the ``jixiao.form/1`` shape plus ``_goals`` / ``_meta`` for the renderers, and their
TAB text as the PDF-to-text conversion prints them: header label/value rows, 长期 and 年度 goals
with the same indicators, each value with its 指标值确定依据, the annual table's 前年 / 上年 /
预计当年实现 columns (history left blank, or filled with ``history``). Indicator names, values
and sentences come from ``_pools``; only the template's labels are the template's.
"""

from __future__ import annotations

import random
import re

from tests.corpus_wuhan._forms import _indicators, _target_text, num, sector_pool
from tests.corpus_wuhan._pools import DEPT_GOALS, SECTORS, SURNAMES

BASES = ["计划标准", "计划标准", "历史指标", "行业标准", "计划指标"]
DUTIES = [
    "贯彻执行国家和省、市有关方针政策和法律法规，拟订本区相关规划并组织实施。",
    "负责本系统业务工作的统筹协调、监督检查和考核评价。",
    "承担机关日常运转、财务管理、政务公开和信息化建设等工作。",
    "完成区委、区政府交办的其他任务。",
]


def _blank(kind: str, unit: str | None) -> dict:
    return {
        "schema": "jixiao.form/1",
        "kind": kind,
        "title": None,
        "year": None,
        "unit": unit,
        "project": None,
        "supervisor": None,
        "implementer": None,
        "filled_on": None,
        "budget": None,
        "overall_goal": None,
        "goals": [],
        "total_score": None,
        "deviation_reason": None,
        "improvement": None,
        "extra": {},
    }


def _goal_indicators(pool: list[str], rng: random.Random, spaced: bool, history: bool) -> list[dict]:
    inds = _indicators(pool, rng.randint(4, 7), rng)
    for ind in inds:
        ind["target"] = _target_text(ind, rng, spaced and rng.random() < 0.6)
        ind["basis"] = rng.choice(BASES)
        ind["history"] = ("", "")
        if history and ind["kind"] != "q":
            t = float(ind["value"])
            dec = 2 if "." in ind["value"] else 0
            ind["history"] = tuple(f"{num(round(t * f, dec))}{ind['unit']}" for f in (0.9, 0.95))
    return inds


def _contract(ind: dict) -> dict:
    return {
        "level1": ind["level1"],
        "level2": ind["level2"],
        "name": ind["name"],
        "weight": None,
        "target": ind["target"],
        "actual": None,
        "score": None,
        "basis": ind["basis"],
    }


def _pair(goals: list[tuple[str, list[dict]]], long_name: str, annual_name: str) -> list[dict]:
    """长期 goals first, then 年度 goals with the same texts and indicators (as 001 prints)."""
    out = [{"name": f"{long_name}{k + 1}", "text": t, "inds": i} for k, (t, i) in enumerate(goals)]
    out += [{"name": f"{annual_name}{k + 1}", "text": t, "inds": i} for k, (t, i) in enumerate(goals)]
    return out


def _finish(f: dict) -> None:
    f["goals"] = [
        {
            "name": g["name"],
            "text": g["text"],
            "weight": None,
            "indicators": [_contract(i) for i in g["inds"]],
        }
        for g in f["_goals"]
    ]


def dept_target(rng: random.Random, year: int, unit: str, o: dict) -> dict:
    """A 部门整体支出绩效目标表: the unit's 2–3 goals, each long-term and annual."""
    f = _blank("department_target", unit)
    f["title"] = f"{year}年部门整体支出绩效目标表" if o.get("title_year") else "部门整体支出绩效目标表"
    f["year"] = year if o.get("title_year") else None
    core = rng.choice(sorted(SECTORS))
    picked = rng.sample(DEPT_GOALS, rng.choice([2, 3]))
    goals = [
        (
            text,
            _goal_indicators(
                sector_pool(core if s == "core" else s), rng, o["val_sp"], o.get("history", False)
            ),
        )
        for text, s in picked
    ]
    f["_goals"] = _pair(goals, "长期目标", "年度目标")
    amount = round(rng.uniform(300, 9000), rng.choice([0, 1, 2]))
    f["_meta"] = {
        "filler": rng.choice(SURNAMES) + rng.choice(["晓明", "丽", "建华", "婷", "志强"]),
        "phone": f"027{rng.randint(80000000, 89999999)}",
        "amount": amount,
        "past": (round(amount * rng.uniform(0.8, 1.2)), round(amount * rng.uniform(0.8, 1.2))),
        "duties": rng.sample(DUTIES, 3),
        "year": year,
    }
    _finish(f)
    return f


def project_target(rng: random.Random, year: int, unit: str, implementer: str, o: dict) -> dict:
    """A 项目支出绩效目标表: 1–3 goals, each long-term and annual (长期/年度绩效目标表)."""
    sector = rng.choice(sorted(SECTORS))
    project = rng.choice(SECTORS[sector][0]) + rng.choice(["专项", "经费", "项目"])
    f = _blank("project_target", implementer)  # the unit the table prints is the 项目执行单位
    f["title"] = "项目支出绩效目标表"
    f["year"] = year
    f["project"] = project
    f["supervisor"] = unit
    f["implementer"] = implementer
    pool = list(sector_pool(sector))
    n = rng.choice([1, 2, 2, 3])
    rng.shuffle(pool)
    chunk = max(4, len(pool) // n)
    goals = []
    for k in range(n):
        part = pool[k * chunk : (k + 1) * chunk] if k < n - 1 else pool[k * chunk :]
        if len(part) < 3:
            part = pool[:chunk]
        part.sort(key=sector_pool(sector).index)
        text = (
            f"完成{project}第{k + 1}阶段任务，保障{re.sub('(专项|经费|项目)+$', '', project)}工作有序推进。"
        )
        goals.append((text, _goal_indicators(part, rng, o["val_sp"], o.get("history", False))))
    f["_goals"] = _pair(goals, "长期绩效目标", "年度绩效目标")
    amount = round(rng.uniform(20, 900), rng.choice([0, 1]))
    f["_meta"] = {
        "code": f"42010{rng.randint(10**12, 10**13 - 1)}",
        "owner": rng.choice(SURNAMES) + rng.choice(["文", "敏", "国强", "红", "海燕"]),
        "phone": f"{rng.randint(80000000, 89999999)}",
        "amount": amount,
        "year": year,
        "basis": f"根据年度工作计划，{project}主要用于{rng.choice(['购买服务', '设备运维', '专项业务'])}等方面支出。",
    }
    _finish(f)
    return f


# ---------------------------------------------------------------- TAB rendering


def _rows_of(inds: list[dict], col0: str, blanks: int, history: bool) -> list[list[str]]:
    """[col0, level1, level2, name, (前年, 上年,) value, basis] with merged labels left empty."""
    rows, last1, last2 = [], None, None
    for k, ind in enumerate(inds):
        l1 = ind["level1"] if ind["level1"] != last1 else ""
        l2 = ind["level2"] if (ind["level2"], ind["level1"]) != last2 else ""
        last1, last2 = ind["level1"], (ind["level2"], ind["level1"])
        mid = list(ind["history"]) if history else [""] * blanks
        rows.append([col0 if k == 0 else "", l1, l2, ind["name"], *mid, ind["target"], ind["basis"]])
    return rows


def _goal_list(goals: list[dict]) -> str:
    return " ".join(f"目标 {k + 1}: {g['text']}" for k, g in enumerate(goals))


def dept_target_rows(f: dict, o: dict) -> tuple[list[str], list[list[str]]]:
    """Lines before the table and the table rows of a 部门整体支出绩效目标表."""
    m = f["_meta"]
    half = len(f["_goals"]) // 2
    longs, annuals = f["_goals"][:half], f["_goals"][half:]
    amt = num(m["amount"])
    rows: list[list[str]] = [
        ["部门（单位）名称", f["unit"], "", "", "", ""],
        ["填报人", m["filler"], "联系电话", m["phone"], "", ""],
        ["部门总体资金情况", "总体资金情况", "", "当年金额", "占比", "近两年收支金额", ""],
        ["", "", "", "", "", "前年", "上年"],
        ["", "收入构成", "财政拨款", amt, "100%", num(m["past"][0]), num(m["past"][1])],
        ["", "", "合计", amt, "100%", num(m["past"][0]), num(m["past"][1])],
        ["部门职能概述", " ".join(f"<p>{k + 1}. {d}</p>" for k, d in enumerate(m["duties"])), "", "", "", ""],
        [
            "年度工作任务",
            f"<p>{m['year']}年，{f['unit']}将围绕年度重点工作，做好各项任务。</p>",
            "",
            "",
            "",
            "",
        ],
        ["整体绩效总目标", "长期目标", "", "年度目标", "", ""],
        ["", _goal_list(longs), "", _goal_list(annuals), "", ""],
    ]
    hist = o.get("history", False)
    for k, g in enumerate(longs):
        rows.append([f"长期目标 {k + 1}:", g["text"], "", "", "", ""])
        if k == 0:
            rows.append(["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"])
        rows += [r for r in _rows_of(g["inds"], "长期绩效指标", 0, False)]
    for k, g in enumerate(annuals):
        rows.append([f"年度目标 {k + 1}:", g["text"], "", "", "", "", "", ""])
        if k == 0:
            rows.append(
                ["年度绩效指标", "一级 指标", "二级指标", "三级指标", "指标值", "", "", "指标值确定 依据"]
            )
            rows.append(["", "", "", "", "近两年指标值", "", "预期当年 实现值", ""])
            rows.append(["", "", "", "", "前年", "上年", "", ""])
        rows += _rows_of(g["inds"], "年度绩效指标", 2, hist)
    return ["", f["title"], "", "单位：万元", ""], rows


def project_target_rows(f: dict, o: dict) -> list[tuple[list[str], list[list[str]]]]:
    """(lines before, rows) of each block of a 项目支出绩效目标表 (as 001 prints them apart)."""
    m = f["_meta"]
    half = len(f["_goals"]) // 2
    longs, annuals = f["_goals"][:half], f["_goals"][half:]
    amt = num(m["amount"])
    head = [
        ["项目名称", f["project"], "项目编码", m["code"]],
        ["项目主管部门", f["supervisor"], "项目执行单位", f["implementer"]],
        ["项目负责人", m["owner"], "联系电话", m["phone"]],
        [
            "项目属性",
            '持续性项目 <input checked="" type="checkbox"/> 新增项目 <input type="checkbox"/>',
            "",
            "",
        ],
        ["起始年度", str(m["year"]), "终止年度", str(m["year"])],
        ["项目立项依据", m["basis"], "", ""],
        ["项目总预算", amt, "项目当年预算", amt],
    ]
    goals = [["名称", "目标说明"]] + [[g["name"][:-1] + " " + g["name"][-1], g["text"]] for g in f["_goals"]]
    long_rows = [["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"]]
    for g in longs:
        long_rows += _rows_of(g["inds"], g["name"][:-1] + " " + g["name"][-1], 0, False)
    hist = o.get("history", False)
    annual_rows = [
        ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "", "", "指标值确定依据"],
        ["", "", "", "", "前年", "上年", "预计当年实现", ""],
    ]
    for g in annuals:
        annual_rows += _rows_of(g["inds"], g["name"][:-1] + " " + g["name"][-1], 2, hist)
    return [
        (["", f["title"], "", "单位：万元", ""], head),
        (["", "项目绩效总目标", ""], goals),
        (["", "长期绩效目标表", ""], long_rows),
        (["", "年度绩效目标表", ""], annual_rows),
    ]
