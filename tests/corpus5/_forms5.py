"""Form builders of every family (a–i, Wuhan): the records a perfect reader outputs.

Weights follow each family's rules (national 10 + 90, Hubei 20 + 80, Hebei 100 per 一级 with a
share, Chongqing 执行率权重 10 + 90). ``misses`` are indicator offsets that are not met.
"""

from __future__ import annotations

import random
from decimal import Decimal

from _model5 import Budget, Form, Goal, Ind, fmt, half_up, make_ind, total_of
from _vocab5 import DEPARTMENTS, PROJECTS

W_PROJECT = [12, 12, 10, 8, 8, 15, 15, 10]
W_HUBEI = [12, 12, 10, 8, 8, 10, 10, 10]
W_DEPT = [10, 10, 8, 8, 8, 10, 10, 8, 8, 10]
W_HEBEI = [25, 25, 20, 15, 15, 40, 30, 30]
W_WUHAN_P = [8, 8, 8, 6, 6, 8, 8, 8]


def _date(rng: random.Random, year: int) -> tuple[str, str]:
    m, d = rng.randint(2, 5), rng.randint(3, 28)
    shown = rng.choice(
        [f"{year + 1}年{m}月{d}日", f"{year + 1}-{m:02d}-{d:02d}", f"{year + 1}年{m:02d}月{d:02d}日"]
    )
    return f"{year + 1}-{m:02d}-{d:02d}", shown


def _budget(rng: random.Random, weight: float | None, rate: float | None = None) -> Budget:
    planned = rng.choice([120, 260, 300, 480, 850, 1200])
    rate = rate if rate is not None else rng.choice([0.86, 0.92, 0.955, 0.97, 1.0])
    executed = round(planned * rate, 2)
    score = half_up(Decimal(str(weight)) * Decimal(str(rate))) if weight else None
    initial = planned - rng.choice([0, 20, 50]) if planned > 200 else planned
    return Budget(weight, planned, executed, rate, score, initial)


def project_self(
    rng: random.Random,
    sec: int,
    family: str,
    year: int,
    place: str,
    misses: tuple[int, ...] = (4,),
    title: str = "",
) -> Form:
    """Families a, c, d, e, h (arrangement 1) and g on one project sector."""
    _short, proj, bureau, impl, tgt, act, specs = PROJECTS[sec]
    weights = {"h": W_HUBEI, "g": W_HEBEI, "wp": W_WUHAN_P}.get(family, W_PROJECT)
    inds = [make_ind(rng, s, w, k in misses) for k, (s, w) in enumerate(zip(specs, weights, strict=True))]
    unit = f"{place}{bureau}"
    filled, shown = _date(rng, year)
    b = _budget(rng, {"h": 20, "wp": 20, "g": None}.get(family, 10))
    default = {
        "a": f"{year}年度{proj}项目支出绩效自评表",
        "c": f"{place}{year}年度衔接资金项目绩效自评表",
        "d": f"{place}{year}年度部门预算项目支出绩效自评表",
        "e": f"{year}年度项目支出绩效自评表",
        "h": f"{year}年度{proj}项目支出绩效自评表",
        "g": f"{year}年度项目支出绩效自评表",
        "wp": f"{year}年度{proj}项目自评表",
    }[family]
    f = Form(
        "project_self_evaluation",
        title or default,
        year,
        None,
        proj,
        unit,
        f"{place}{impl}",
        filled,
        b,
        (tgt, act),
        [Goal("绩效指标", None, None, inds)],
        None,
        family=family,
    )
    f.shown["filled_on"] = shown
    f.extra["initial_budget"] = b.initial
    if family in ("d", "e"):
        for i in inds:
            if i.kind != "qual":
                if family == "e":
                    i.sign = {"≥": "≧", "≤": "≤"}[i.sign]
                i.target = f"{i.sign}{i.value}{i.unit}"
            else:
                i.target = i.value
            if family == "d":
                i.actual = f"{i.actual_bare}{i.unit}" if i.kind != "qual" else i.actual
        if family == "d":
            f.goals[0].weight = 90
            f.extra["conclusion"] = "项目总体完成较好，自评等级为优。"
            f.deviation = "个别指标受施工季节影响未达预期。"
            f.improvement = "加强项目前期论证，合理设置年度指标值。"
    if family == "c":
        f.unit = None
        for k in (0, 2, 5, 7):
            inds[k].star = True
        f.extra["core_indicators"] = [inds[k].name for k in (0, 2, 5, 7)]
        f.extra["sub_rows"] = [
            {"parent": inds[1].name, "name": "其中：脱贫户（监测户）", "target": "≥60人", "actual": "64人"}
        ]
    if family == "wp":
        f.goals[0] = Goal("项目年度绩效指标", None, 60, inds)
        f.overall_score = (20, 20)
    if family in ("h", "wp"):
        if family == "h":
            f.goals[0] = Goal("年度绩效目标", None, 80, inds)
            f.overall = None
        f.unit = unit
        lw: dict[str, float] = {}
        l2w: dict[str, float] = {}
        for i in inds:
            lw[i.level1] = lw.get(i.level1, 0) + i.weight
            key = f"{i.level1}/{i.level2}"
            l2w[key] = l2w.get(key, 0) + i.weight
        f.extra = {"level1_weights": lw, "level2_weights": l2w}
        f.deviation = "部分工程受汛期影响推迟完工。"
        f.improvement = "加强施工组织调度，结果应用于下年度预算安排。"
    if family == "g":
        f.unit = unit
        f.filled_on = None
        for i in inds:
            if i.level1 != "产出指标":
                i.level2 = {"满意度指标": "满意度"}.get(i.level1, (i.level2 or "").removesuffix("指标"))
                i.level1 = "效果指标"
        share = {"产出指标": 0.6, "效果指标": 0.4}
        conv = {i.name: half_up(Decimal(str(i.score)) * Decimal(str(share[i.level1]))) for i in inds}
        f.extra = {
            "project_code": f"HB{year}-0{rng.randint(100, 999)}",
            "budget_received": b.planned,
            "share_by_level1": share,
            "converted_scores": conv,
        }
        f.total = float(sum(Decimal(str(v)) for v in conv.values()))
    return f


def dept_self(
    rng: random.Random, dep: int, family: str, year: int, place: str, misses: tuple[int, ...] = (1,)
) -> Form:
    """Families b, f (Chongqing), h arrangement 2 and Wuhan department forms."""
    name, tgt, act, specs = DEPARTMENTS[dep]
    unit = f"{place}{name}"
    w = [10, 10, 8, 6, 6, 8, 8, 8, 8, 8] if family in ("h2", "w") else W_DEPT
    inds = [make_ind(rng, s, wk, k in misses) for k, (s, wk) in enumerate(zip(specs, w, strict=True))]
    filled, shown = _date(rng, year)
    b = _budget(rng, 20 if family in ("h2", "w") else 10)
    title = {
        "b": f"{year}年度部门整体支出绩效自评表",
        "f": f"{unit}{year}年度部门整体绩效自评表",
        "h2": f"{unit}{year}年度部门整体绩效自评表",
        "w": f"{year}年度{unit} 部门整体绩效自评表",
    }[family]
    f = Form(
        "department_self_evaluation",
        title,
        year,
        unit,
        None,
        None,
        None,
        filled,
        b,
        (tgt, act),
        [Goal("绩效指标", None, None, inds)],
        None,
        family=family,
    )
    f.shown["filled_on"] = shown
    if family == "b":
        f.extra["initial_budget"] = b.initial
    if family == "f":
        coef: dict[str, float] = {}
        for i in inds:
            i.level1 = i.level2 = None
            c = 1.0
            if i.kind == "qual" and i.actual and i.actual.startswith("基本"):
                c = 0.7
            elif i.kind != "qual" and i.score != i.weight:
                c = half_up(Decimal(str(i.anum)) / Decimal(str(i.tnum)) * 100) / 100
                i.score = half_up(Decimal(str(c)) * Decimal(str(i.weight)))
            coef[i.name] = c
            if i.kind != "qual":
                i.target = f"{i.sign}{i.value}{i.unit}"
            i.star = i.kind != "qual" and len(coef) % 3 == 1
        f.extra = {
            "initial_budget": b.initial,
            "score_coefficients": coef,
            "core_indicators": [i.name for i in inds if i.star],
        }
    if family in ("h2", "w"):
        f.overall = None
        g1 = Goal("年度目标1", tgt, 40, inds[:5])
        g2 = Goal("年度目标2", act.split("，")[0].rstrip("。") + "等工作有序推进", 40, inds[5:])
        f.goals = [g1, g2]
        f.deviation = "个别指标受上级政策调整影响未完全达到年初目标。"
        f.improvement = "细化年度目标任务分解，加强执行进度监控。"
        lw: dict[str, float] = {}
        for g in f.goals:
            for i in g.inds:
                k1 = f"{g.name}/{i.level1}"
                lw[k1] = lw.get(k1, 0) + i.weight
                lw[f"{k1}/{i.level2}"] = lw.get(f"{k1}/{i.level2}", 0) + i.weight
        f.extra = {"level_weights": lw} if family == "w" else {}
    return f


def finish(f: Form) -> Form:
    """Total as printed = the parts (a planted total changes it afterwards)."""
    if f.family != "g" and not f.kind.endswith("target"):
        f.total = total_of(f)
    return f


def project_target_halves(rng: random.Random, sec: int, year: int, place: str) -> Form:
    """i1: 中期 (three years) and 年度 halves."""
    _short, proj, bureau, impl, tgt, _act, specs = PROJECTS[sec]
    specs7 = [s for k, s in enumerate(specs) if k != 1]
    mid, ann = [], []
    for s in specs7:
        a = make_ind(rng, s, None, scored=False)
        m = make_ind(rng, s, None, scored=False)
        if s[3] == "ge":
            m.value = fmt(s[4] * 3)
            m.target = f"{m.sign}{m.value}{m.unit}"
            m.name = "累计" + s[2]
        mid.append(m)
        ann.append(a)
    goals = [
        Goal(f"中期目标（{year}年—{year + 2}年）", f"三年内{tgt.replace('，', '，累计')}", None, mid),
        Goal("年度目标", tgt, None, ann),
    ]
    f = Form(
        "project_target",
        "项目支出绩效目标申报表",
        year,
        None,
        proj,
        f"{place}{bureau} 10{sec}",
        f"{place}{impl}",
        None,
        None,
        None,
        goals,
        None,
        family="i1",
    )
    f.extra = {
        "medium_term_funds": {"total": 900, "fiscal": 840, "other": 60},
        "annual_funds": {"total": 300, "fiscal": 280, "other": 20},
        "project_attribute": "延续项目",
        "project_period": "3年",
    }
    return f


def dept_target(rng: random.Random, dep: int, year: int, place: str) -> Form:
    name, tgt, _act, specs = DEPARTMENTS[dep]
    inds = [make_ind(rng, s, None, scored=False) for s in specs]
    unit = f"{place}{name}"
    f = Form(
        "department_target",
        "部门整体支出绩效目标申报表",
        year,
        unit,
        None,
        None,
        None,
        None,
        None,
        None,
        [Goal("年度绩效指标", tgt, None, inds)],
        None,
        family="i2",
    )
    f.extra = {
        "tasks": [
            {
                "name": "履职保障",
                "content": "保障机关正常运转和日常办公",
                "total": 380,
                "fiscal": 380,
                "other": 0,
            },
            {
                "name": "重点业务",
                "content": specs[0][2] + "等重点工作",
                "total": 260,
                "fiscal": 240,
                "other": 20,
            },
        ],
        "budget_request": {"total": 640, "fiscal": 620, "other": 20},
    }
    return f


def target_101(rng: random.Random, sec: int, year: int, place: str, mixed: bool = False) -> Form:
    _short, proj, bureau, impl, tgt, _act, specs = PROJECTS[sec]
    inds = [make_ind(rng, s, None, scored=False) for s in specs]
    bases = ["计划标准", "行业标准", "历史标准", "其他"]
    notes = {}
    for k, i in enumerate(inds):
        i.basis = bases[k % 4]
        i.target = f"{i.sign}{i.value}{i.unit}" if i.kind != "qual" else i.value
        if k % 2 == 0:
            notes[i.name] = "按年度实施方案测算"
        if mixed and i.level1 == "满意度指标":
            i.level2 = None
    f = Form(
        "project_target",
        f"{year}年度项目支出绩效目标表",
        year,
        None,
        proj,
        f"{place}{bureau}",
        f"{place}{impl}",
        None,
        None,
        None,
        [Goal("年度绩效目标", tgt, None, inds)],
        None,
        family="i3",
    )
    f.extra = {"funds": {"total": 300, "fiscal": 280, "other": 20}, "value_notes": notes}
    return f


def mixed_levels(f: Form) -> None:
    """满意度 rows printed with one cell across 一级 and 二级: level 2 not printed (null)."""
    for i in f.inds():
        if i.level1 == "满意度指标":
            i.level2 = None


__all__ = [
    "Ind",
    "dept_self",
    "dept_target",
    "finish",
    "mixed_levels",
    "project_self",
    "project_target_halves",
    "target_101",
]


def wuhan_target(rng: random.Random, idx: int, year: int, place: str, project: bool) -> Form:
    """Wuhan 绩效目标表 (department or project): 长期 and 年度 goals, each with its own indicator
    rows and an 指标值确定依据 column; no weights, actuals or scores."""
    bases = ["计划标准", "行业标准", "历史标准", "计划指标"]
    if project:
        _short, name, bureau, impl, tgt, _act, specs = PROJECTS[idx]
        specs = specs[:6]
    else:
        name, tgt, _act, specs = DEPARTMENTS[idx]
        specs = specs[:8]
    half = len(specs) // 2
    texts = [tgt, f"{specs[half][2]}等工作有序推进，保障年度任务按期完成"]
    prefix = ("长期绩效目标", "年度绩效目标") if project else ("长期目标", "年度目标")
    goals = []
    for p in prefix:
        for k, part in enumerate((specs[:half], specs[half:])):
            inds = [make_ind(rng, s, None, scored=False) for s in part]
            for j, i in enumerate(inds):
                i.basis = bases[(j + k) % 4]
            goals.append(Goal(f"{p}{k + 1}", texts[k], None, inds))
    if project:
        f = Form(
            "project_target",
            "项目支出绩效目标表",
            year,
            f"{place}{impl}",
            name,
            f"{place}{bureau}",
            f"{place}{impl}",
            None,
            None,
            None,
            goals,
            None,
            family="wt",
        )
        f.extra = {}
        f.shown["code"] = f"4201{rng.randint(10**13, 10**14 - 1)}"
        f.shown["budget"] = rng.choice([120, 260, 357, 480])
    else:
        f = Form(
            "department_target",
            "部门整体支出绩效目标表",
            None,
            f"{place}{name}",
            None,
            None,
            None,
            None,
            None,
            None,
            goals,
            None,
            family="wt",
        )
        f.extra = {}
    return f
