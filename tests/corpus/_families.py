"""Invented forms of each family, internally consistent by the family's rules (templates README §4).

A builder draws units, projects and indicators from ``_pools``, decides which targets are met,
computes every printed score by the rules, then (when asked) plants exactly one error and
records it. Everything a renderer prints and every answer field come from the same record.
"""

from __future__ import annotations

import random
from typing import Any

from _model import Budget, Form, Goal, Ind, agrees, dec, fmt, half_up, is_number, leading_number, pct
from _pools import (
    BASES,
    COUNTIES,
    DEPARTMENTS,
    DEVIATIONS,
    DISTRICTS,
    PROJECTS,
    VALUE_NOTES,
    VILLAGES,
    XIANJIE,
)

L1 = {"产出": "产出指标", "效益": "效益指标", "满意": "满意度指标", "成本": "成本指标"}
L2 = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "成本": "成本指标",
    "经济": "经济效益指标",
    "社会": "社会效益指标",
    "生态": "生态效益指标",
    "可持续": "可持续影响指标",
    "满意": "服务对象满意度指标",
}
HEBEI_L2 = {
    "经济": "经济效益",
    "社会": "社会效益",
    "生态": "生态效益",
    "可持续": "可持续影响",
    "满意": "满意度",
}

CHONGQING_COMMON = """
管理|管理|财政供养人员控制率|neg|100|%|0
管理|管理|“三公”经费变动率|neg|0|%|1
管理|管理|预算调整率|neg|10|%|1
管理|管理|结转结余率|neg|5|%|1
管理|管理|政府采购执行率|pos|95|%|0
"""


def parse_pool(text: str) -> list[dict[str, Any]]:
    out = []
    for line in text.strip().splitlines():
        l1, l2, name, kind, value, unit, places = line.split("|")
        core = name.startswith("*")
        out.append(
            {
                "l1": l1,
                "l2": l2,
                "name": name.lstrip("*"),
                "kind": kind,
                "value": value,
                "unit": unit,
                "places": int(places),
                "core": core,
            }
        )
    return out


def split_points(rng: random.Random, total: int, k: int, low: int = 2) -> list[int]:
    """``k`` integer weights ≥ ``low`` that add up to ``total``, unevenly."""
    base = [total // k] * k
    for i in range(total - sum(base)):
        base[i % k] += 1
    for _ in range(k):
        a, b = rng.randrange(k), rng.randrange(k)
        step = rng.choice([1, 2])
        if a != b and base[a] - step >= low:
            base[a] -= step
            base[b] += step
    return base


def _round_places(x: float, places: int) -> str:
    return fmt(half_up(x, places)) if places else str(int(half_up(x, 0)))


def achieve(rng: random.Random, ind: Ind, cls: str, year: int, rules: str, places: int) -> None:
    """Decide the printed actual and score of ``ind`` (weight set) for the truth ``cls``."""
    w = ind.weight
    v = float(ind.value) if ind.kind in ("pos", "neg", "eq") else None
    ind.cls = cls
    ind.met = cls == "met"
    if ind.kind == "time":
        month = int(ind.value.split("月")[0])
        ind.value = f"{year}年{ind.value}"
        ind.actual = f"{year}年{month}月{rng.randint(10, 28)}日"
        ind.score = w
        return
    if ind.kind == "qual":
        if cls == "met":
            ind.actual = ind.value
            ind.score = w
        elif cls == "partial":
            ind.actual = "基本" + ind.value.removeprefix("明显").removeprefix("持续")
            ind.score = None if w is None else half_up(dec(w) * dec("0.7"), 2)
        else:
            ind.actual = "未" + ind.value.removeprefix("明显").removeprefix("持续")
            ind.score = None if w is None else half_up(dec(w) * dec("0.4"), 2)
        return
    assert v is not None
    if cls == "met":
        if ind.kind == "pos":
            top = min(100.0, v * 1.05) if ind.unit == "%" else v * 1.15
            a = float(_round_places(rng.uniform(v, max(v, top)), places))
            a = max(a, v)
        elif ind.kind == "neg":
            a = 0.0 if v == 0 else float(_round_places(rng.uniform(v * 0.7, v), places))
            a = min(a, v)
        else:
            a = v
        ind.actual = fmt(a)
        ind.score = w
        return
    # missed: proportional score (reverse only under Hubei rules: weight × A/B)
    if ind.kind == "neg":
        a = float(_round_places(v * rng.uniform(1.1, 1.25), places))
        if a <= v:
            a = v + 1
        ind.actual = fmt(a)
        ind.score = None if w is None else half_up(dec(w) * dec(fmt(v)) / dec(fmt(a)), 2)
        return
    if ind.kind == "eq" and ind.unit != "%":
        a = v - max(1, int(v * 0.1))
    else:
        lo = 0.86 if ind.unit != "%" else (v - 9) / v
        a = float(_round_places(v * rng.uniform(lo, 0.97), places))
    if a >= v:
        a = v - 1
    ind.actual = fmt(a)
    ind.score = None if w is None else half_up(dec(w) * dec(fmt(a)) / dec(fmt(v)), 2)


def print_units(inds: list[Ind]) -> None:
    """Where no unit column exists the actual carries its unit (``970公里``)."""
    for i in inds:
        if i.kind in ("pos", "neg", "eq") and i.actual is not None and not i.actual_bare:
            i.actual = i.actual + i.unit


def make_ind(p: dict[str, Any], l1: dict[str, str], l2: dict[str, str], signs: dict[str, str]) -> Ind:
    kind = p["kind"]
    sign = signs.get(kind, "")
    return Ind(
        l1=l1.get(p["l1"], p["l1"]),
        l2=l2.get(p["l2"], p["l2"]),
        name=p["name"],
        kind=kind,
        value=p["value"],
        unit=p["unit"] if kind not in ("qual", "time") else "",
        sign=sign,
        core=p["core"],
    )


def pick(rng: random.Random, pool: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` indicators keeping every level 1 of the pool and the pool's order."""
    by_l1: dict[str, list[int]] = {}
    for i, p in enumerate(pool):
        by_l1.setdefault(p["l1"], []).append(i)
    keep = {rng.choice(ix) for ix in by_l1.values()}
    rest = [i for i in range(len(pool)) if i not in keep]
    rng.shuffle(rest)
    keep |= set(rest[: max(0, n - len(keep))])
    return [pool[i] for i in sorted(keep)]


def assign_weights(rng: random.Random, inds: list[Ind], split: dict[str, int]) -> None:
    groups: dict[str, list[Ind]] = {}
    for i in inds:
        groups.setdefault(i.l1 or "", []).append(i)
    for key, members in groups.items():
        pts = split[key]
        for ind, w in zip(members, split_points(rng, pts, len(members)), strict=True):
            ind.weight = w


def decide(
    rng: random.Random, inds: list[Ind], year: int, rules: str, missed: int, places: dict[str, int]
) -> None:
    """Mark ``missed`` indicators as missed (partial for qualitative ones) and score all."""
    candidates = [
        i
        for i in inds
        if i.kind in ("pos", "eq") or (i.kind == "qual") or (i.kind == "neg" and rules == "hubei")
    ]
    rng.shuffle(candidates)
    chosen = {id(i) for i in candidates[:missed]}
    for ind in inds:
        cls = "met"
        if id(ind) in chosen:
            cls = "partial" if ind.kind == "qual" else "missed"
        achieve(rng, ind, cls, year, rules, places.get(ind.name, 1))


def budget_block(
    rng: random.Random, weight: float | None, rows: list[str], places: int = 2, adjusted: bool = True
) -> Budget:
    """Budget figures whose rate and score agree: B/A printed, score = weight × rate."""
    planned = float(rng.choice([48, 64, 85, 120, 156, 210, 236, 300, 415, 560, 780, 1260, 2450]))
    initial = planned if not adjusted else float(half_up(planned * rng.choice([0.8, 0.9, 0.95, 1.0, 1.1]), 0))
    rate_target = rng.choice([0.8625, 0.9, 0.925, 0.9536, 0.97, 0.985, 1.0, 1.0])
    executed = half_up(planned * rate_target, 2)
    rate = half_up(dec(fmt(executed)) / dec(fmt(planned)), 4)
    score = None if weight is None else half_up(dec(weight) * dec(str(min(rate, 1.0))), 2)
    b = Budget(
        weight=weight,
        initial=initial,
        planned=planned,
        executed=executed,
        rate=rate,
        score=score,
        rate_places=places,
    )
    # sub-rows: planned split into the row labels; executed at the overall rate, the last row the rest
    if rows:
        shares = split_points(rng, 100, len(rows), low=5)
        plan_rows = [half_up(planned * s / 100, 0) for s in shares[:-1]]
        plan_rows.append(half_up(dec(fmt(planned)) - sum(dec(fmt(x)) for x in plan_rows), 2))
        init_rows = [half_up(initial * s / 100, 0) for s in shares[:-1]]
        init_rows.append(half_up(dec(fmt(initial)) - sum(dec(fmt(x)) for x in init_rows), 2))
        exec_rows = [half_up(dec(fmt(p)) * dec(str(rate)), 2) for p in plan_rows[:-1]]
        exec_rows.append(half_up(dec(fmt(executed)) - sum(dec(fmt(x)) for x in exec_rows), 2))
        for label, i0, p0, e0 in zip(rows, init_rows, plan_rows, exec_rows, strict=True):
            b.rows.append((label, i0, p0, e0))
    return b


def place(rng: random.Random, family: str) -> tuple[str, str]:
    """A county-level place and its prefix for unit names."""
    if family == "f":
        p = rng.choice(DISTRICTS)
    elif family == "h" and rng.random() < 0.5:
        p = rng.choice(["凤栖市", "橙岭市", "荻港市"])
    else:
        p = rng.choice(COUNTIES)
    return p, p


def filled(rng: random.Random, year: int) -> tuple[str, str]:
    m, d = rng.randint(2, 4), rng.randint(1, 28)
    iso = f"{year + 1}-{m:02d}-{d:02d}"
    printed = rng.choice([f"{year + 1}年{m}月{d}日", iso])
    return iso, printed


def goal_texts(rng: random.Random, spec: dict[str, Any], inds: list[Ind]) -> tuple[str, str]:
    a, b = spec.get("a", ""), spec.get("b", "")
    by_value = {i.value: i for i in inds}
    a2 = leading_number(by_value[a].actual or "") if a in by_value and by_value[a].actual else a
    b2 = leading_number(by_value[b].actual or "") if b in by_value and by_value[b].actual else b
    a2, b2 = a2 or a, b2 or b
    return spec["goal"].format(a=a, b=b, village="本"), spec["done"].format(a2=a2, b2=b2, village="本")


def total_of(form: Form) -> float:
    parts = [form.budget.score or 0] if form.budget and form.budget.score is not None else []
    parts += [i.score or 0 for i in form.all_inds()]
    return half_up(sum(dec(fmt(p)) for p in parts), 2)


# ---------------------------------------------------------------- planted errors

PLANTABLE = {
    "a": [
        "budget.score_mismatch",
        "indicator.score_mismatch",
        "indicator.full_score_unmet",
        "form.total_mismatch",
    ],
    "b": ["indicator.full_score_unmet", "form.total_mismatch", "budget.score_mismatch"],
    "c": ["indicator.full_score_unmet", "indicator.score_mismatch"],
    "d": ["goal.weight_mismatch", "budget.score_mismatch", "indicator.score_mismatch"],
    "e": ["indicator.score_mismatch", "form.total_mismatch"],
    "f": ["budget.score_mismatch", "form.total_mismatch"],
    "g": ["indicator.full_score_unmet"],
    "h": [
        "indicator.score_mismatch",
        "goal.weight_mismatch",
        "indicator.full_score_unmet",
        "budget.score_mismatch",
    ],
    "i": ["target.vague"],
}


def plant(rng: random.Random, form: Form, code: str, index: int = 0) -> None:
    """Plant exactly one error of ``code`` and record it; the total follows the printed parts
    unless the error is the total itself."""
    inds = form.all_inds()
    err: dict[str, Any] = {"form": index, "code": code, "indicator": None}
    if code == "budget.score_mismatch":
        b = form.budget
        assert b is not None and b.weight is not None and b.score is not None
        wrong = float(b.weight)
        if agrees(wrong, dec(fmt(b.score))) or b.score >= b.weight:
            wrong = half_up(b.score - 0.8, 2)
        err["why"] = (
            f"执行率{pct(b.rate)}，分值{fmt(b.weight)}，按 {fmt(b.weight)}×{pct(b.rate)} 应得{fmt(b.score)}分，"
            f"表中印{fmt(wrong)}分。"
        )
        b.score = wrong
    elif code == "indicator.score_mismatch":
        cand = [i for i in inds if i.cls == "missed" and i.kind in ("pos", "eq", "neg")]
        assert cand, form.title
        i = rng.choice(cand)
        right = i.score
        assert right is not None and i.weight is not None
        wrong = half_up(right + 0.5, 2) if right + 0.5 < i.weight else half_up(right - 0.6, 2)
        assert not agrees(wrong, dec(fmt(right)))
        err["indicator"] = i.name
        err["why"] = (
            f"目标{i.target()}，实际{i.actual_answer()}，按比例应得{fmt(right)}分（权重{fmt(i.weight)}），"
            f"表中印{fmt(wrong)}分。"
        )
        i.score = wrong
    elif code == "indicator.full_score_unmet":
        cand = [i for i in inds if i.cls in ("missed", "partial")]
        assert cand, form.title
        i = rng.choice(cand)
        assert i.weight is not None
        err["indicator"] = i.name
        err["why"] = f"目标{i.target()}，实际{i.actual_answer()}，未达到目标却得满分{fmt(i.weight)}分。"
        i.score = i.weight
    elif code == "goal.weight_mismatch":
        g = next(g for g in form.goals if g.weight is not None)
        i = max(g.inds, key=lambda x: x.weight or 0)
        assert i.weight is not None
        i.weight -= 2
        if i.met:
            i.score = i.weight
        else:  # keep the indicator's own score consistent with its new weight
            achieve_again(i)
        total = sum(x.weight or 0 for x in g.inds if not x.placeholder)
        err["why"] = (
            f"{g.label}下各指标权重合计{fmt(total)}分，不等于{fmt(g.weight)}分（“{i.name}”只给了{fmt(i.weight)}分）。"
        )
    elif code == "form.total_mismatch":
        pass  # handled after the total
    elif code == "target.vague":
        cand = [i for i in inds if i.unit == "%" and i.kind == "pos"]
        i = rng.choice(cand)
        i.value = "**"
        err["indicator"] = i.name
        err["why"] = f"指标值“{i.target()}”是模板占位符，没有填具体数值，无法考核。"
    else:  # pragma: no cover
        raise ValueError(code)
    form.errors.append(err)


def achieve_again(i: Ind) -> None:
    a = leading_number(i.actual or "")
    if i.kind == "qual":
        i.score = half_up(dec(fmt(i.weight)) * dec("0.7"), 2)
    elif i.kind == "neg":
        i.score = half_up(dec(fmt(i.weight)) * dec(i.value) / dec(a), 2)
    else:
        i.score = half_up(dec(fmt(i.weight)) * dec(a) / dec(i.value), 2)


def finish_total(rng: random.Random, form: Form, code: str | None, total: float | None = None) -> None:
    form.total = total_of(form) if total is None else total
    if code == "form.total_mismatch":
        wrong = half_up(form.total + rng.choice([1, -1, 1.5]), 2)
        form.errors.append(
            {
                "form": form.errors[0]["form"] if form.errors else 0,
                "code": code,
                "indicator": None,
                "why": f"各部分得分合计{fmt(form.total)}分，总分却印{fmt(wrong)}分。",
            }
        )
        form.total = wrong


# ---------------------------------------------------------------- families


def _pool_for(rng: random.Random, sector: str | None) -> tuple[str, dict[str, Any]]:
    key = sector or rng.choice(sorted(PROJECTS))
    return key, PROJECTS[key]


def national_project(
    rng: random.Random, year: int, sector: str, error: str | None, family: str = "a", **opt: Any
) -> Form:
    """(a) 财预〔2020〕10号 project self-evaluation; (e) Yunnan is the same with a split target."""
    county, _ = place(rng, family)
    _, spec = _pool_for(rng, sector)
    pool = parse_pool(spec["inds"])
    n = opt.get("n", rng.randint(7, len(pool)))
    chosen = pick(rng, pool, n)
    signs = {"pos": "≥", "neg": "≤", "eq": ""}
    if family == "e":
        signs = {"pos": rng.choice(["≧", "≥"]), "neg": "≤", "eq": rng.choice(["═", "﹦", "="])}
    inds = [make_ind(p, L1, L2, signs) for p in chosen]
    split = rng.choice(
        [
            {"产出指标": 50, "效益指标": 30, "满意度指标": 10},
            {"产出指标": 60, "效益指标": 20, "满意度指标": 10},
            {"产出指标": 40, "效益指标": 40, "满意度指标": 10},
        ]
    )
    assign_weights(rng, inds, split)
    missed = 1 if error is None else 2
    if error in ("indicator.score_mismatch",):
        missed = 2
    decide(
        rng,
        inds,
        year,
        "national",
        rng.choice([0, 1, 2]) if error is None else missed,
        {p["name"]: p["places"] for p in chosen},
    )
    if error == "indicator.score_mismatch" and not any(i.cls == "missed" and i.kind != "qual" for i in inds):
        force_miss(rng, inds, year)
    if error == "indicator.full_score_unmet" and not any(i.cls != "met" for i in inds):
        force_miss(rng, inds, year)
    if family == "a" or rng.random() < 0.8:
        print_units(inds)
    else:  # Yunnan forms with bare actuals: the 度量单位 column supplies the unit
        for i in inds:
            i.actual_bare = True
    dept = county + spec["dept"]
    form = Form(
        family=family,
        kind="project_self_evaluation",
        title=None,
        year=year,
        project=spec["project"],
        supervisor=dept,
        implementer=county + spec["impl"],
        rules="national",
    )
    form.budget = budget_block(rng, 10, ["其中：当年财政拨款", "上年结转资金", "其他资金"])
    if error == "budget.score_mismatch" and form.budget.rate >= 1:
        form.budget = budget_block(rng, 10, ["其中：当年财政拨款", "上年结转资金", "其他资金"])
        while form.budget.rate >= 1:
            form.budget = budget_block(rng, 10, ["其中：当年财政拨款", "上年结转资金", "其他资金"])
    if opt.get("int_budget_score"):  # printed as an integer (8.7 → 9): agrees by the rounding rule
        form.budget.score = half_up(form.budget.score, 0)
    if opt.get("precut"):
        b = form.budget
        b.planned_text = f"{fmt(half_up(b.planned * 1.25, 0))}（压缩前）{fmt(b.planned)}（压缩后）"
    form.overall = goal_texts(rng, spec, inds)
    form.goals = [Goal(name="绩效指标", label="绩效指标", inds=inds)]
    for i in inds:
        if i.cls != "met":
            i.deviation = rng.choice(DEVIATIONS)
    form.extra["initial_budget"] = form.budget.initial
    if opt.get("l1_points"):
        form.extra["level1_weights"] = {k: sum(i.weight for i in inds if i.l1 == k) for k in split}
    if error and error != "form.total_mismatch":
        plant(rng, form, error)
    finish_total(rng, form, error)
    devs = {i.name: i.deviation for i in inds if i.deviation}
    if devs:
        form.extra["deviation_by_indicator"] = devs
    return form


def force_miss(rng: random.Random, inds: list[Ind], year: int) -> None:
    cand = [i for i in inds if i.kind == "pos"]
    i = rng.choice(cand)
    i.value = i.value.split("年")[-1] if i.kind == "time" else i.value
    achieve(rng, i, "missed", year, "national", 1 if "." in i.value else 0)
    i.deviation = rng.choice(DEVIATIONS)


def national_department(rng: random.Random, year: int, sector: str, error: str | None, **opt: Any) -> Form:
    """(b) 部门（单位）整体支出绩效自评表."""
    county, _ = place(rng, "b")
    spec = DEPARTMENTS[sector]
    pool = parse_pool(spec["inds"])
    chosen = pick(rng, pool, opt.get("n", rng.randint(7, len(pool))))
    inds = [make_ind(p, L1, L2, {"pos": "≥", "neg": "≤", "eq": ""}) for p in chosen]
    assign_weights(rng, inds, {"产出指标": 50, "效益指标": 30, "满意度指标": 10})
    decide(
        rng,
        inds,
        year,
        "national",
        1 if error else rng.choice([0, 1]),
        {p["name"]: p["places"] for p in chosen},
    )
    if error == "indicator.full_score_unmet" and not any(i.cls != "met" for i in inds):
        force_miss(rng, inds, year)
    print_units(inds)
    unit = county + spec["dept"]
    form = Form(family="b", kind="department_self_evaluation", title=None, year=year, unit=unit)
    form.budget = budget_block(rng, 10, ["其中：基本支出", "项目支出"])
    while error == "budget.score_mismatch" and form.budget.rate >= 1:
        form.budget = budget_block(rng, 10, ["其中：基本支出", "项目支出"])
    form.overall = goal_texts(rng, spec, inds)
    form.goals = [Goal(name="绩效指标", label="绩效指标", inds=inds)]
    form.extra["initial_budget"] = form.budget.initial
    if opt.get("merged_deviation"):
        form.deviation_reason = rng.choice(DEVIATIONS)
    else:
        for i in inds:
            if i.cls != "met":
                i.deviation = rng.choice(DEVIATIONS)
        devs = {i.name: i.deviation for i in inds if i.deviation}
        if devs:
            form.extra["deviation_by_indicator"] = devs
    if error and error != "form.total_mismatch":
        plant(rng, form, error)
    finish_total(rng, form, error)
    return form


def xianjie(rng: random.Random, year: int, sector: str, error: str | None, **opt: Any) -> Form:
    """(c) 衔接资金 project: 分值 before the target, ★ core indicators, 其中 rows."""
    county, _ = place(rng, "c")
    spec = XIANJIE[sector]
    village = rng.choice(VILLAGES)
    pool = parse_pool(spec["inds"])
    chosen = pick(rng, pool, opt.get("n", len(pool) - rng.randint(0, 1)))
    inds = [make_ind(p, L1, L2, {"pos": "≥", "neg": "≤", "eq": ""}) for p in chosen]
    assign_weights(rng, inds, {"产出指标": 50, "效益指标": 30, "满意度指标": 10})
    decide(
        rng,
        inds,
        year,
        "national",
        1 if error else rng.choice([0, 1]),
        {p["name"]: p["places"] for p in chosen},
    )
    if error == "indicator.score_mismatch" and not any(i.cls == "missed" and i.kind != "qual" for i in inds):
        force_miss(rng, inds, year)
    subs = []
    for i in inds:
        if i.name in spec["sub"]:
            sname, share = spec["sub"][i.name]
            if share is None:
                t, a = "≥500立方米", "520立方米"
            else:
                tv = int(float(i.value) * share)
                av = int(float(i.actual) * share) if i.actual and is_number(i.actual) else tv
                av = max(av, tv)
                t, a = f"≥{tv}{i.unit}", f"{av}{i.unit}"
            i.subrows.append({"name": sname, "target": t, "actual": a})
            subs.append({"parent": i.name, "name": sname, "target": t, "actual": a})
        if i.cls != "met":
            i.deviation = rng.choice(DEVIATIONS)
    print_units(inds)
    dept = county + "农业农村局"
    form = Form(
        family="c",
        kind="project_self_evaluation",
        title=None,
        year=year,
        project=spec["project"].format(village=village),
        supervisor=dept,
        implementer=f"{county[:-1]}{village}乡人民政府" if rng.random() < 0.5 else f"{village}镇人民政府",
    )
    level = rng.choice(["市县级衔接资金", "县级衔接资金"])
    form.budget = budget_block(
        rng, 10, ["其中：中央衔接资金", "省级衔接资金", level, "其他资金"], adjusted=False
    )
    by_value = {i.value: leading_number(i.actual or "") for i in inds}
    form.overall = (
        spec["goal"].format(a=spec["a"], b=spec["b"], village=village),
        spec["done"].format(
            a2=by_value.get(spec["a"]) or spec["a"], b2=by_value.get(spec["b"]) or spec["b"], village=village
        ),
    )
    form.goals = [Goal(name="绩效指标", label="绩效指标", inds=inds)]
    form.extra["initial_budget"] = form.budget.initial
    form.extra["core_indicators"] = [i.name for i in inds if i.core]
    if subs:
        form.extra["sub_rows"] = subs
    if error and error != "form.total_mismatch":
        plant(rng, form, error)
    finish_total(rng, form, error)
    devs = {i.name: i.deviation for i in inds if i.deviation}
    if devs:
        form.extra["deviation_by_indicator"] = devs
    return form


def sichuan(rng: random.Random, year: int, sector: str, error: str | None, **opt: Any) -> Form:
    """(d) Sichuan 10/90: 调整后预算数, 指标性质/指标值/度量单位, 权重 column, boxes."""
    county, _ = place(rng, "d")
    spec = PROJECTS[sector]
    pool = parse_pool(spec["inds"])
    chosen = pick(rng, pool, opt.get("n", rng.randint(7, len(pool))))
    if opt.get("no_satisfaction"):
        chosen = [p for p in chosen if p["l1"] != "满意"]
    inds = [make_ind(p, L1, L2, {"pos": "≥", "neg": "≤", "eq": "="}) for p in chosen]
    split = {"产出指标": 60, "效益指标": 20, "满意度指标": 10}
    if opt.get("no_satisfaction"):
        split = {"产出指标": 60, "效益指标": 30}
    assign_weights(rng, inds, split)
    decide(
        rng,
        inds,
        year,
        "national",
        1 if error else rng.choice([0, 1, 2]),
        {p["name"]: p["places"] for p in chosen},
    )
    if error == "indicator.score_mismatch" and not any(i.cls == "missed" and i.kind != "qual" for i in inds):
        force_miss(rng, inds, year)
    for i in inds:
        i.actual_bare = i.kind in ("pos", "neg", "eq")
        if i.cls != "met":
            i.deviation = rng.choice(DEVIATIONS)
    dept = county + spec["dept"]
    form = Form(
        family="d",
        kind="project_self_evaluation",
        title=None,
        year=year,
        unit=dept,
        project=spec["project"],
        supervisor=dept,
        implementer=county + spec["impl"],
    )
    form.budget = budget_block(rng, 10, [])
    while error == "budget.score_mismatch" and form.budget.rate >= 1:
        form.budget = budget_block(rng, 10, [])
    b = form.budget
    b.rows = [
        ("财政资金", b.initial, b.planned, b.executed),
        ("财政专户管理资金", 0, 0, 0),
        ("单位资金", 0, 0, 0),
        ("其他资金", 0, 0, 0),
    ]
    if b.rate < 0.9:
        b.reason = "部分项目款项待竣工结算后支付，执行率未达90%。"
        form.extra["budget_reason"] = b.reason
    form.overall = goal_texts(rng, spec, inds)
    form.goals = [Goal(name="绩效指标", label="绩效指标（90分）", weight=90, inds=inds)]
    form.extra["initial_budget"] = b.initial
    missed = [i for i in inds if i.cls != "met"]
    form.deviation_reason = f"{missed[0].name}未达到年度目标。" if missed else "无。"
    form.improvement = "加强项目实施进度管理，按季度开展绩效运行监控。"
    form.extra["conclusion"] = "项目总体完成较好，自评等级为优。"
    if error and error != "form.total_mismatch":
        plant(rng, form, error)
    finish_total(rng, form, error)
    devs = {i.name: i.deviation for i in inds if i.deviation}
    if devs:
        form.extra["deviation_by_indicator"] = devs
    return form


def chongqing(rng: random.Random, year: int, sector: str, error: str | None, **opt: Any) -> Form:
    """(f) Chongqing department: flat list, 得分系数 × 指标权重, 执行率 × 执行率权重."""
    district, _ = place(rng, "f")
    spec = DEPARTMENTS[sector]
    pool = parse_pool(spec["inds"])
    business = [
        p
        for p in pool
        if p["l1"] != "满意"
        and p["name"]
        not in ("“三公”经费控制率", "预算调整率", "结转结余率", "政府采购执行率", "公用经费控制率")
    ]
    n_b = opt.get("n", rng.randint(5, min(8, len(business))))
    chosen = pick(rng, business, n_b) + rng.sample(parse_pool(CHONGQING_COMMON), rng.randint(3, 5))
    inds = [make_ind(p, {}, {}, {"pos": "≥", "neg": "≤", "eq": ""}) for p in chosen]
    places = {p["name"]: p["places"] for p in chosen}
    for i in inds:
        i.l1 = i.l2 = None
    pts = split_points(rng, 90, len(inds), low=3)
    for i, w in zip(inds, pts, strict=True):
        i.weight = w
    # score: coefficient = min(B/A, 1) for 定量; qualitative bands
    missed = (
        rng.sample([i for i in inds if i.kind == "pos" and i.unit != "%"] or inds, 1)
        if rng.random() < 0.7
        else []
    )
    for i in inds:
        if i in missed:
            coef = rng.choice([0.9, 0.95, 0.96, 0.97, 0.98])
            v = dec(i.value)
            a = half_up(v * dec(str(coef)), places[i.name])
            i.actual = fmt(a)
            i.coef = half_up(dec(fmt(a)) / v, 4)
            i.cls = "missed"
            i.met = False
        elif i.kind == "qual":
            if rng.random() < 0.4:
                i.actual = "基本" + i.value.removeprefix("明显").removeprefix("持续")
                i.coef = 0.7
                i.cls = "partial"
                i.met = False
            else:
                i.actual, i.coef = i.value, 1.0
        elif i.kind == "time":
            achieve(rng, i, "met", year, "chongqing", 0)
            i.coef = 1.0
        else:
            achieve(rng, i, "met", year, "chongqing", 1 if "." in i.value else 0)
            i.coef = 1.0
        i.score = half_up(dec(str(i.coef)) * dec(i.weight), 2)
        i.actual_bare = i.kind in ("pos", "neg", "eq")
    # adjusted target for one indicator: 年初 → 调整
    adj = next((i for i in inds if i.kind == "pos" and i.cls == "met" and i.unit != "%"), None)
    if adj is not None and rng.random() < 0.7:
        adj.initial = fmt(half_up(dec(adj.value) * dec("0.8"), 2))
        if dec(adj.actual) < dec(adj.value):
            adj.actual = adj.value
    unit = district + spec["dept"]
    form = Form(
        family="f", kind="department_self_evaluation", title=None, year=year, unit=unit, rules="chongqing"
    )
    b = budget_block(rng, 10, [], places=1)
    b.rate = half_up(b.rate, 3)  # printed as 87.5 in a (%) column
    b.executed = half_up(b.planned * b.rate, 2)
    b.score = half_up(dec(str(b.rate)) * 10, 2)
    form.budget = b
    if error == "budget.score_mismatch":
        while b.rate >= 1:
            b = budget_block(rng, 10, [], places=1)
            b.rate = half_up(b.rate, 3)
            b.executed = half_up(b.planned * b.rate, 2)
            b.score = half_up(dec(str(b.rate)) * 10, 2)
        form.budget = b
    form.overall = goal_texts(rng, spec, inds)
    form.goals = [Goal(name="绩效指标", label="绩效指标", inds=inds)]
    form.extra["initial_budget"] = b.initial
    if adj is not None and adj.initial:
        form.extra["initial_targets"] = {adj.name: f"{adj.sign}{adj.initial}{adj.unit}"}
    form.extra["score_coefficients"] = {i.name: i.coef for i in inds}
    cores = rng.sample(inds, max(2, len(inds) // 3))
    for i in inds:
        i.core = i in cores
    form.extra["core_indicators"] = [i.name for i in inds if i.core]
    if error and error != "form.total_mismatch":
        plant(rng, form, error)
    finish_total(rng, form, error)
    return form


def hebei(rng: random.Random, year: int, sector: str, error: str | None, **opt: Any) -> Form:
    """(g) Hebei export: 指标分值 per level 1 adding to 100, 权重占比, 折算得分; budget unscored."""
    county, _ = place(rng, "g")
    spec = PROJECTS[sector]
    pool = parse_pool(spec["inds"])
    chosen = pick(rng, pool, opt.get("n", rng.randint(8, len(pool))))
    inds = []
    for p in chosen:
        i = make_ind(p, L1, {**L2, **HEBEI_L2}, {"pos": "≥", "neg": "≤", "eq": ""})
        if p["l1"] in ("效益", "满意"):
            i.l1 = "效果指标"
        inds.append(i)
    assign_weights(rng, inds, {"产出指标": 100, "效果指标": 100})
    decide(
        rng,
        inds,
        year,
        "national",
        1 if error else rng.choice([1, 2]),
        {p["name"]: p["places"] for p in chosen},
    )
    if error == "indicator.full_score_unmet" and not any(i.cls != "met" for i in inds):
        force_miss(rng, inds, year)
    print_units(inds)
    share = rng.choice(
        [
            {"产出指标": 0.6, "效果指标": 0.4},
            {"产出指标": 0.5, "效果指标": 0.5},
            {"产出指标": 0.7, "效果指标": 0.3},
        ]
    )
    dept = county + spec["dept"]
    form = Form(
        family="g",
        kind="project_self_evaluation",
        title=None,
        year=year,
        unit=dept,
        project=spec["project"],
        supervisor=dept,
        implementer=county + spec["impl"],
        rules="hebei",
    )
    b = budget_block(rng, None, [], adjusted=False)
    b.rate = half_up(b.rate, 4)
    b.received = half_up(b.planned * 0.98, 0) if b.executed <= b.planned * 0.98 else b.planned
    form.budget = b
    form.overall = goal_texts(rng, spec, inds)
    form.goals = [Goal(name="绩效指标", label="绩效指标", inds=inds)]
    if error:
        plant(rng, form, error)
    for i in inds:
        i.converted = half_up(dec(fmt(i.score)) * dec(str(share[i.l1])), 2)
    form.extra["project_code"] = f"{county[:1]}{year}-{rng.randint(100, 999):04d}"
    form.extra["budget_received"] = b.received
    form.extra["share_by_level1"] = share
    form.extra["converted_scores"] = {i.name: i.converted for i in inds}
    form.total = half_up(sum(dec(fmt(i.converted)) for i in inds), 2)
    form.options["share"] = share
    return form


def hubei(
    rng: random.Random, year: int, sector: str, error: str | None, arrangement: int = 1, **opt: Any
) -> Form:
    """(h) Hubei 20/80 outside Wuhan: one 80-point block with points in labels, or 年度目标N rows."""
    city, _ = place(rng, "h")
    spec = PROJECTS[sector] if arrangement == 1 else DEPARTMENTS[sector]
    pool = parse_pool(spec["inds"])
    chosen = pick(rng, pool, opt.get("n", rng.randint(7, len(pool))))
    inds = [make_ind(p, L1, L2, {"pos": "≥", "neg": "≤", "eq": ""}) for p in chosen]
    has_sat = any(i.l1 == "满意度指标" for i in inds)
    split = (
        {"产出指标": 50, "效益指标": 20, "满意度指标": 10} if has_sat else {"产出指标": 50, "效益指标": 30}
    )
    assign_weights(rng, inds, split)
    decide(
        rng, inds, year, "hubei", 1 if error else rng.choice([1, 2]), {p["name"]: p["places"] for p in chosen}
    )
    if error in ("indicator.score_mismatch", "indicator.full_score_unmet") and not any(
        i.cls == "missed" and i.kind != "qual" for i in inds
    ):
        force_miss(rng, inds, year)
    print_units(inds)
    name = city + spec["dept"]
    b = budget_block(rng, 20, [], adjusted=False)
    while error == "budget.score_mismatch" and b.rate >= 1:
        b = budget_block(rng, 20, [], adjusted=False)
    b.total_label = "年度财政资金总额" if arrangement == 1 else "部门整体支出总额"
    if arrangement == 1:
        form = Form(
            family="h",
            kind="project_self_evaluation",
            title=None,
            year=year,
            unit=name,
            project=spec["project"],
            supervisor=name,
            implementer=city + spec["impl"],
            rules="hubei",
        )
        form.goals = [Goal(name="年度绩效目标", label="年度绩效目标（80分）", weight=80, inds=inds)]
    else:
        form = Form(
            family="h", kind="department_self_evaluation", title=None, year=year, unit=name, rules="hubei"
        )
        # goals: split the indicators in 2–3 runs, each goal weight = its indicators' sum
        k = rng.choice([2, 3])
        cuts = sorted(rng.sample(range(1, len(inds)), k - 1))
        runs = [inds[a:b] for a, b in zip([0, *cuts], [*cuts, len(inds)], strict=True)]
        texts = [t.strip("。") for t in spec["goal"].format(a=spec["a"], b=spec["b"]).split("，")]
        texts = ([*texts, "加强内部管理，提高资金使用效益", "提升服务对象获得感"])[:k]
        form.goals = [
            Goal(
                name=f"年度目标{n + 1}",
                label=f"年度目标{n + 1}",
                text=texts[n],
                weight=sum(i.weight for i in run),
                inds=run,
            )
            for n, run in enumerate(runs)
        ]
    form.budget = b
    missed = [i for i in inds if i.cls != "met"]
    form.deviation_reason = f"{missed[0].name}未完成年度目标，主要受项目实施进度影响。" if missed else "无"
    form.improvement = "加强绩效运行监控，将自评结果作为下年度预算安排的重要依据。"
    if arrangement == 1:
        lw: dict[str, float] = {}
        l2w: dict[str, float] = {}
        for i in inds:
            lw[i.l1] = lw.get(i.l1, 0) + i.weight
            l2w[f"{i.l1}/{i.l2}"] = l2w.get(f"{i.l1}/{i.l2}", 0) + i.weight
        form.options["l1w"], form.options["l2w"] = lw, l2w
    if error and error != "form.total_mismatch":
        plant(rng, form, error)
    if arrangement == 1:
        lw, l2w = {}, {}
        for i in inds:
            lw[i.l1] = lw.get(i.l1, 0) + i.weight
            l2w[f"{i.l1}/{i.l2}"] = l2w.get(f"{i.l1}/{i.l2}", 0) + i.weight
        form.options["l1w"], form.options["l2w"] = lw, l2w
        form.extra["level1_weights"] = lw
        form.extra["level2_weights"] = l2w
    finish_total(rng, form, error)
    return form


def project_target(rng: random.Random, year: int, sector: str, error: str | None, **opt: Any) -> Form:
    """(i1) national 项目支出绩效目标申报表 with 中期 / 年度 halves side by side."""
    county, _ = place(rng, "i")
    spec = PROJECTS[sector]
    pool = parse_pool(spec["inds"])
    chosen = pick(rng, pool, opt.get("n", rng.randint(6, min(8, len(pool)))))
    mid, ann = [], []
    for p in chosen:
        a = make_ind(p, L1, L2, {"pos": "≥", "neg": "≤", "eq": ""})
        m = make_ind(p, L1, L2, {"pos": "≥", "neg": "≤", "eq": ""})
        if a.kind in ("pos", "eq") and a.unit != "%":
            m.value = fmt(half_up(dec(a.value) * 3, p["places"]))
        if a.kind == "time":
            a.value = f"{year}年{a.value}"
            m.value = f"{year + 2}年底前"
        mid.append(m)
        ann.append(a)
    dept = county + spec["dept"]
    form = Form(
        family="i1",
        kind="project_target",
        title=None,
        year=year,
        project=spec["project"],
        supervisor=dept,
        implementer=county + spec["impl"],
        rules="target",
    )
    mname = f"中期目标（{year}年—{year + 2}年）"
    t_a, _ = goal_texts(rng, spec, ann)
    t_m = f"目标1：{year}—{year + 2}年三年累计，" + t_a + "目标2：形成长效管理机制。"
    form.goals = [
        Goal(name=mname, label=mname, text=t_m, inds=mid),
        Goal(name="年度目标", label="年度目标", text="目标1：" + t_a, inds=ann),
    ]
    total_mid = float(rng.choice([600, 900, 1500]))
    total_ann = half_up(total_mid * rng.choice([0.3, 0.35, 0.4]), 0)
    form.extra["medium_term_funds"] = {"total": total_mid, "fiscal": total_mid - 60, "other": 60}
    form.extra["annual_funds"] = {"total": total_ann, "fiscal": total_ann - 20, "other": 20}
    form.extra["project_attribute"] = rng.choice(["新增项目", "延续项目"])
    form.extra["project_period"] = "3年"
    if error:
        plant(rng, form, error)
    return form


def department_target(rng: random.Random, year: int, sector: str, error: str | None, **opt: Any) -> Form:
    """(i2) national 部门整体支出绩效目标申报表: tasks, 年度总体目标, one indicator block."""
    county, _ = place(rng, "i")
    spec = DEPARTMENTS[sector]
    pool = parse_pool(spec["inds"])
    chosen = pick(rng, pool, opt.get("n", rng.randint(7, len(pool))))
    inds = [make_ind(p, L1, L2, {"pos": "≥", "neg": "≤", "eq": ""}) for p in chosen]
    for i in inds:
        if i.kind == "time":
            i.value = f"{year}年{i.value}"
    unit = county + spec["dept"]
    form = Form(family="i2", kind="department_target", title=None, year=year, unit=unit, rules="target")
    text = spec["goal"].format(a=spec["a"], b=spec["b"])
    form.goals = [Goal(name="年度绩效指标", label="年度绩效指标", text=text, inds=inds)]
    tasks = []
    for name, content in spec["tasks"]:
        fiscal = float(rng.choice([60, 85, 120, 240, 310]))
        other = float(rng.choice([0, 0, 10, 20]))
        tasks.append(
            {"name": name, "content": content, "total": fiscal + other, "fiscal": fiscal, "other": other}
        )
    form.extra["tasks"] = tasks
    form.extra["budget_request"] = {k: sum(t[k] for t in tasks) for k in ("total", "fiscal", "other")}
    if error:
        plant(rng, form, error)
    return form


def target_101(rng: random.Random, year: int, sector: str, error: str | None, **opt: Any) -> Form:
    """(i3) 101号-style target: 指标性质 | 指标值 | 度量单位 | 指标值说明 | 指标值设定依据, 成本指标 first."""
    county, _ = place(rng, "i")
    spec = PROJECTS[sector]
    pool = parse_pool(spec["inds"])
    chosen = pick(rng, pool, opt.get("n", rng.randint(7, len(pool))))
    inds = []
    for p in chosen:
        i = make_ind(p, L1, L2, {"pos": "≥", "neg": "≤", "eq": "="})
        if p["l2"] == "成本":
            i.l1, i.l2 = "成本指标", "经济成本指标"
        if i.kind == "time":
            i.value = f"{year}年{i.value}"
        i.basis = rng.choice(BASES)
        i.note = rng.choice(VALUE_NOTES)
        inds.append(i)
    inds.sort(key=lambda i: 0 if i.l1 == "成本指标" else 1)
    dept = county + spec["dept"]
    form = Form(
        family="i3",
        kind="project_target",
        title=None,
        year=year,
        unit=dept,
        project=spec["project"],
        supervisor=dept,
        implementer=county + spec["impl"],
        rules="target",
    )
    text, _ = goal_texts(rng, spec, inds)
    form.goals = [Goal(name="年度绩效目标", label="年度绩效目标", text=text, inds=inds)]
    total = float(rng.choice([120, 180, 260, 340]))
    form.extra["funds"] = {"total": total, "fiscal": total - 10, "other": 10}
    form.extra["value_notes"] = {i.name: i.note for i in inds}
    if error:
        plant(rng, form, error)
    return form


def today(rng: random.Random, form: Form) -> str:
    """Set a 填报日期 on the form and return it as printed."""
    iso, printed = filled(rng, form.year or 2023)
    form.filled_on = iso
    return printed


def person(rng: random.Random) -> str:
    return rng.choice(["王", "李", "张", "刘", "陈"]) + rng.choice(["建华", "秀英", "志强", "丽娟", "晓东"])
