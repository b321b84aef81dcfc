"""Records of Wuhan 20/80 forms with every printed figure computed by the 备注 rules.

备注 (the seeds' own rules): 执行率 = 执行数/预算数, budget score = 20 × 执行率; 正向指标 (≥X)
得分 = 权重 × B/A, 反向指标 (≤X) 得分 = 权重 × A/B, never above the weight; qualitative
达成 / 部分达成 / 未达成 → 100 % / 70 % / 30 % of the points (inside the printed bands
100–80 %, 80–50 %, 50–0 %). The total is the sum of the printed parts. A record is a dict in
the ``jixiao.form/1`` shape plus ``_rows`` (indicator metadata the renderer needs).
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from tests.corpus_wuhan._pools import DEPT_POOLS, SECTORS


def r2(x: float) -> float:
    """Half-up to two decimals, as the forms print."""
    return float(Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def num(x: float) -> str:
    """A figure as printed: no trailing zeros."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s or "0"


def split(total: float, n: int, rng: random.Random, step: float = 0.5) -> list[float]:
    """``n`` positive parts of ``total`` in multiples of ``step``, summing exactly."""
    if abs(total / step - round(total / step)) > 1e-9:
        step = 0.5  # 26.5 cannot be cut in whole points
    units = round(total / step)
    base = [units // n] * n
    for k in rng.sample(range(n), units - sum(base)):
        base[k] += 1
    return [b * step for b in base]


def parse(line: str) -> dict:
    l1, l2, name, kind, value, unit = line.split("|")
    return {"level1": l1, "level2": l2, "name": name, "kind": kind, "value": value, "unit": unit}


def _target_text(ind: dict, rng: random.Random, spaced: bool) -> str:
    if ind["kind"] == "q":
        return ind["value"]
    sign = "≥" if ind["kind"] == "ge" else "≤"
    if ind["kind"] == "ge" and ind["unit"] != "%" and rng.random() < 0.3:
        sign = ""  # a bare count target is a ≥ target too
    if ind["kind"] == "ge" and ind["unit"] == "%" and rng.random() < 0.25:
        sign = ">" if rng.random() < 0.5 else "≥"
    gap = " " if spaced else ""
    return f"{sign}{gap}{ind['value']}{gap if ind['unit'] != '%' else ''}{ind['unit']}".strip()


def score_indicator(ind: dict, w: float, miss: bool, rng: random.Random) -> tuple[str, float, bool]:
    """(actual text, score, met) for one indicator under the 备注 rules."""
    if ind["kind"] == "q":
        if not miss:
            return rng.choice(["达成预期指标", "达成", ind["value"], "已达成"]), w, True
        if rng.random() < 0.7:
            return rng.choice(["部分达成预期指标", "基本达成"]), r2(0.7 * w), False
        return "未达成预期指标", r2(0.3 * w), False
    t = float(ind["value"])
    dec = 2 if "." in ind["value"] else 0
    if ind["kind"] == "ge":
        if not miss:
            a = t if rng.random() < 0.5 or (ind["unit"] == "%" and t >= 99) else t * rng.uniform(1.0, 1.15)
            a = min(a, 100.0) if ind["unit"] == "%" else a
            a = round(a, dec)
            return f"{num(a)}{ind['unit']}", w, True
        a = round(t * rng.uniform(0.6, 0.97), dec)
        if a <= 0 or a >= t:
            a = round(t * 0.9, 2)
        return f"{num(a)}{ind['unit']}", r2(w * a / t), False
    if not miss or t == 0:
        a = round(t * rng.uniform(0.5, 1.0), dec) if t else 0
        return f"{num(a)}{ind['unit']}", w, True
    a = round(t * rng.uniform(1.1, 1.5), max(dec, 1) if t < 10 else dec)
    return f"{num(a)}{ind['unit']}", r2(w * t / a), False


def budget(rng: random.Random, exact: bool) -> dict:
    a = round(rng.uniform(15, 3000), rng.choice([0, 1, 2]))
    b = a if exact else round(a * rng.uniform(0.82, 0.999), 2)
    rate = round(b / a, 4)
    return {"weight": 20, "planned": a, "executed": b, "rate": rate, "score": r2(20 * rate)}


def _indicators(pool: list[str], n: int, rng: random.Random) -> list[dict]:
    """``n`` indicators of the pool in printed order, every level 1 of the pool kept."""
    lines = [parse(x) for x in pool]
    keep = {
        l1: next(i for i, x in enumerate(lines) if x["level1"] == l1) for l1 in {x["level1"] for x in lines}
    }
    rest = [i for i in range(len(lines)) if i not in keep.values()]
    pick = sorted(set(keep.values()) | set(rng.sample(rest, max(0, min(len(rest), n - len(keep))))))
    return [dict(lines[i]) for i in pick]


def goal_indicators(
    pool: list[str], n: int, total: float, rng: random.Random, misses: int, spaced: bool
) -> list[dict]:
    """Indicators with weights summing to ``total`` and their printed figures."""
    inds = _indicators(pool, n, rng)
    step = 1.0 if total >= 2 * len(inds) and rng.random() < 0.6 else 0.5
    ws = split(total, len(inds), rng, step)
    missed = set(rng.sample(range(len(inds)), min(misses, len(inds))))
    for k, (ind, w) in enumerate(zip(inds, ws, strict=True)):
        ind["weight"] = w
        ind["target"] = _target_text(ind, rng, spaced and rng.random() < 0.5)
        ind["actual"], ind["score"], ind["met"] = score_indicator(ind, w, k in missed, rng)
    return inds


LEVEL2 = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}


def add_placeholders(inds: list[dict]) -> None:
    """Unused level-2 groups printed as placeholder rows (无) after their level 1's last row."""
    for k, ind in enumerate(inds):
        if k + 1 == len(inds) or inds[k + 1]["level1"] != ind["level1"]:
            used = {i["level2"] for i in inds if i["level1"] == ind["level1"]}
            ind["placeholders_after"] = [x for x in LEVEL2.get(ind["level1"], []) if x not in used]


def contract_indicator(ind: dict, weight_printed: bool) -> dict:
    return {
        "level1": ind["level1"],
        "level2": ind["level2"],
        "name": ind["name"],
        "weight": ind["weight"] if weight_printed else None,
        "target": ind["target"],
        "actual": ind["actual"],
        "score": ind["score"],
        "basis": None,
    }


def sector_pool(sector: str) -> list[str]:
    return SECTORS[sector][1] if sector in SECTORS else DEPT_POOLS[sector]


def plant(form: dict, code: str, rng: random.Random) -> dict:
    """Plant exactly one inconsistency of ``code``; the total keeps following the parts."""
    inds = [i for g in form["_goals"] for i in g["inds"]]
    if code == "budget.score_mismatch":
        form["budget"]["score"] = r2(form["budget"]["score"] - rng.choice([2.5, 3, 4]))
        return {"code": code, "indicator": None, "why": "得分与 20 × 执行率 不符"}
    if code == "indicator.score_mismatch":
        cand = [i for i in inds if not i["met"] and i["kind"] != "q"] or [i for i in inds if i["kind"] != "q"]
        ind = cand[0]
        if ind["met"]:  # make it missed first, with the right score, then misprint the score
            t = float(ind["value"])
            a = round(t * 0.8, 2)
            ind["actual"] = f"{num(a)}{ind['unit']}"
            ind["met"] = False
            right = r2(ind["weight"] * (a / t if ind["kind"] == "ge" else 1))
            if ind["kind"] == "le":
                a = round(t * 1.25, 2)
                ind["actual"] = f"{num(a)}{ind['unit']}"
                right = r2(ind["weight"] * t / a)
            ind["score"] = right
        ind["score"] = r2(max(0.0, ind["score"] - max(0.5, ind["weight"] * 0.3)))
        return {"code": code, "indicator": ind["name"], "why": "得分与 权重×B/A（反向 权重×A/B）不符"}
    if code == "indicator.full_score_unmet":
        cand = [i for i in inds if not i["met"] and i["kind"] != "q"]
        if not cand:
            ind = next(i for i in inds if i["kind"] == "ge")
            t = float(ind["value"])
            ind["actual"] = f"{num(round(t * 0.75, 2))}{ind['unit']}"
        else:
            ind = cand[0]
        ind["met"] = False
        ind["score"] = ind["weight"]
        return {"code": code, "indicator": ind["name"], "why": "未达到目标值却得满分"}
    if code == "goal.weight_mismatch":
        g = form["_goals"][-1]
        met = [i for i in g["inds"] if i["met"]] or g["inds"]
        ind = max(met, key=lambda i: i["weight"])  # a weight 2 short of the goal's points
        ind["weight"] = ind["weight"] - 2
        ind["met"] = True
        ind["actual"] = ind["target"].lstrip("≥≤>= ") if ind["kind"] != "q" else "达成预期指标"
        ind["score"] = ind["weight"]
        return {
            "code": code,
            "indicator": None,
            "why": "指标分值之和与目标分值不符",
            "goal": len(form["_goals"]) - 1,
        }
    raise ValueError(code)


PERMILLE = ["服务差错率", "有效投诉率", "数据差错率", "设备故障率"]


def permille(form: dict, rng: random.Random) -> None:
    """A ≤ target in ‰ whose actual prints ``100%`` (the target met, written as a rate) with full
    points, as 004 prints ``≤1‰ | 100% | 13``: the one indicator in a form the rule cannot compare."""
    inds = [i for g in form["_goals"] for i in g["inds"] if i["met"] and i["kind"] != "q"]
    ind = next((i for i in inds if i["level2"] == "质量指标"), inds[0])
    ind.update(kind="le", value=rng.choice(["1", "0.5", "2", "3"]), unit="‰", met=True, score=ind["weight"])
    ind["name"] = rng.choice(PERMILLE)
    ind["target"] = f"≤{ind['value']}‰"
    ind["actual"] = "100%"
