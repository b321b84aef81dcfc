"""Records of the sixth set and their form-v1 answers: an indicator is made met or missed from its
spec, scored by the rules of its family (templates README §4, half-up to two decimals), and a
whole form is re-checked by ``verify`` before it is written (the generator refuses a document whose
inconsistencies are not exactly the planted ones)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any


def d2(x: float | Decimal, places: int = 2) -> float:
    """Half-up rounding on decimals (never binary floats)."""
    q = Decimal(1).scaleb(-places)
    return float(Decimal(str(x)).quantize(q, rounding=ROUND_HALF_UP))


def num(x: float | int | None) -> str:
    """A number as a form prints it: no trailing zeros."""
    if x is None:
        return ""
    s = f"{Decimal(str(x)):f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


@dataclass
class Ind:
    level1: str
    level2: str | None
    name: str
    weight: float | None
    sign: str  # ≥ ≤ = or "" (qualitative)
    value: str  # the printed 指标值 without sign and unit (qualitative: its text)
    unit: str
    actual_bare: str | None  # 完成值 as a number without its unit ("" for qualitative)
    actual_text: str | None  # qualitative actual
    score: float | None
    partial: bool = False
    basis: str | None = None
    history: tuple[str, str] | None = None  # Wuhan 前年 / 上年

    @property
    def target(self) -> str:
        return f"{self.sign}{self.value}{self.unit}"

    @property
    def actual(self) -> str | None:
        if self.actual_text is not None:
            return self.actual_text
        if self.actual_bare is None:
            return None
        return f"{self.actual_bare}{self.unit}"

    def answer(self, signs: dict[str, str] | None = None) -> dict[str, Any]:
        sign = (signs or {}).get(self.sign, self.sign)
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "weight": self.weight,
            "target": f"{sign}{self.value}{self.unit}",
            "actual": self.actual,
            "score": self.score,
            "basis": self.basis,
        }


@dataclass
class Goal:
    name: str
    text: str | None
    weight: float | None
    inds: list[Ind]


@dataclass
class Form:
    kind: str
    title: str
    year: int | None
    unit: str | None
    project: str | None
    supervisor: str | None
    implementer: str | None
    filled_on: str | None
    budget: dict[str, Any] | None
    overall: tuple[str, str] | None
    goals: list[Goal]
    total: float | None
    deviation: str | None = None
    improvement: str | None = None
    planted: list[dict[str, Any]] = field(default_factory=list)
    family: str = "a"
    signs: dict[str, str] = field(default_factory=dict)  # printed look-alike signs (Yunnan)
    extra: dict[str, Any] = field(default_factory=dict)

    def answer(self) -> dict[str, Any]:
        return {
            "schema": "jixiao.form/1",
            "kind": self.kind,
            "title": self.title,
            "year": self.year,
            "unit": self.unit,
            "project": self.project,
            "supervisor": self.supervisor,
            "implementer": self.implementer,
            "filled_on": self.filled_on,
            "budget": self.budget,
            "overall_goal": (
                None
                if self.overall is None
                else {"weight": None, "target": self.overall[0], "actual": self.overall[1], "score": None}
            ),
            "goals": [
                {
                    "name": g.name,
                    "text": g.text,
                    "weight": g.weight,
                    "indicators": [i.answer(self.signs) for i in g.inds],
                }
                for g in self.goals
            ],
            "total_score": self.total,
            "deviation_reason": self.deviation,
            "improvement": self.improvement,
            "extra": self.extra,
        }

    @property
    def inds(self) -> list[Ind]:
        return [i for g in self.goals for i in g.inds]


def _scaled(value: str, factor: float) -> str:
    """A value of the same precision as ``value`` scaled by ``factor``."""
    places = len(value.split(".")[1]) if "." in value else 0
    return num(d2(float(value) * factor, places))


def make_ind(
    rng: random.Random,
    spec: tuple[str, str, str, str, str, str],
    weight: float | None,
    *,
    missed: bool = False,
    partial: bool = False,
    scored: bool = True,
    reverse: str = "A/B",
) -> Ind:
    """An indicator from its spec: met (actual at or past the target) or missed (score by ratio)."""
    l1, l2, name, sign, value, unit = spec
    w = weight
    if not sign:  # qualitative
        if value[:1].isdigit():  # a time target: met when done by then
            text = value.replace("底前", "完成")
            partial = False
        else:
            text = ("基本" + value) if partial else rng.choice(["已" + value, value, "达成预期指标"])
        score = None if not scored or w is None else (d2(w * 0.7) if partial else w)
        return Ind(l1, l2, name, w, "", value, "", None, text, score, partial)
    t = float(value)
    if sign == "=":
        missed = False
        a = value
    elif sign == "≥":
        if missed:
            a = _scaled(value, rng.choice([0.86, 0.9, 0.93]))
        else:
            up = rng.choice([1.0, 1.02, 1.05]) if unit != "%" else 1.0
            a = _scaled(value, up) if unit != "%" else num(min(100.0, t + rng.choice([0, 1, 2])))
    else:  # ≤
        if t == 0:
            missed = False
        a = _scaled(value, rng.choice([1.1, 1.2])) if missed else _scaled(value, rng.choice([0.8, 0.9, 1.0]))
    score: float | None = None
    if scored and w is not None:
        if not missed:
            score = w
        elif sign == "≥":
            score = d2(Decimal(str(w)) * Decimal(a) / Decimal(value))
        else:
            score = d2(Decimal(str(w)) * Decimal(value) / Decimal(a))
    return Ind(l1, l2, name, w, sign, value, unit, a, None, score)


def split(total: float, n: int) -> list[float]:
    """``total`` points in ``n`` near-equal integer parts, larger first."""
    base, rem = divmod(int(total), n)
    return [float(base + (1 if k < rem else 0)) for k in range(n)]


def level_weights(specs: list[tuple], shares: dict[str, float]) -> list[float]:
    """Each indicator's points: its level 1's share split among that level's indicators."""
    out: list[float] = []
    for l1 in dict.fromkeys(s[0] for s in specs):
        n = sum(1 for s in specs if s[0] == l1)
        out += split(shares[l1], n)
    return out


def budget(
    rng: random.Random, weight: float | None, *, planned: float | None = None, rate_pct: bool = False
) -> dict[str, Any]:
    """A budget block: 执行率 printed with two decimals, score = weight × printed rate."""
    p = planned if planned is not None else d2(rng.uniform(80, 900), 2)
    r = Decimal(rng.choice(["0.9215", "0.9568", "0.9834", "1", "0.8872", "0.9703"]))
    e = d2(Decimal(str(p)) * r, 2)
    rate = d2(Decimal(str(e)) / Decimal(str(p)), 4)
    score = None if weight is None else d2(Decimal(str(weight)) * Decimal(str(rate)), 2)
    return {"weight": weight, "planned": p, "executed": e, "rate": rate, "score": score}


def pct(rate: float) -> str:
    """A fraction as a printed percentage (two decimals, ``100.00%`` kept)."""
    return f"{Decimal(str(rate)) * 100:.2f}%"


def total_of(form: Form) -> float:
    parts = [form.budget["score"] if form.budget and form.budget["score"] is not None else 0.0]
    parts += [i.score or 0.0 for i in form.inds]
    return d2(sum(Decimal(str(x)) for x in parts))


def _agrees(printed: float, exact: Decimal) -> bool:
    places = len(num(printed).split(".")[1]) if "." in num(printed) else 0
    q = Decimal(1).scaleb(-places)
    up = exact.quantize(q, rounding=ROUND_HALF_UP)
    down = exact.quantize(q, rounding=ROUND_DOWN)
    return Decimal(str(printed)) in (up, down)


def verify(form: Form) -> list[str]:
    """The findings-v1 codes this form's printed figures give (exactly the planted ones expected)."""
    codes: list[str] = []
    b = form.budget
    if b and b["weight"] is not None and b["score"] is not None:
        exact = Decimal(str(b["weight"])) * min(Decimal(str(b["rate"])), Decimal(1))
        if not _agrees(b["score"], exact):
            codes.append("budget.score_mismatch")
    for i in form.inds:
        if i.score is None or i.weight is None:
            continue
        if not i.sign:
            if i.partial and i.score >= i.weight:
                codes.append("indicator.full_score_unmet")
            continue
        t, a = Decimal(i.value), Decimal(i.actual_bare or "0")
        met = (a >= t) if i.sign == "≥" else (a <= t) if i.sign == "≤" else a == t
        w = Decimal(str(i.weight))
        exact = w if met else (w * a / t if i.sign == "≥" else w * t / a)
        if not _agrees(i.score, exact):
            codes.append("indicator.score_mismatch")
    for g in form.goals:
        known = g.weight is not None and all(i.weight is not None for i in g.inds)
        if known and abs(sum(i.weight or 0 for i in g.inds) - (g.weight or 0)) > 1e-9:
            codes.append("goal.weight_mismatch")
    scored = form.total is not None and form.kind.endswith("self_evaluation") and form.family != "g"
    if scored and abs(total_of(form) - (form.total or 0)) > 0.011:
        codes.append("form.total_mismatch")
    if form.kind.endswith("target"):
        codes += ["target.vague" for i in form.inds if "**" in i.value]
    return codes
