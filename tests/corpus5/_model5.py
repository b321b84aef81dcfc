"""Records of the fifth set, their form-v1 answer, indicator values and the re-scoring check.

Rules (templates README §4): half-up to two decimals; a missed ``≥`` scores w×A/T, a missed
``≤`` w×T/A; a qualitative actual starting with 基本 scores 70 % (inside the national 60–80 %
and the Hubei 50–80 % band). ``verify`` recomputes every score from the printed figures and
returns the inconsistencies, which must be exactly the planted ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any


def half_up(x: float | Decimal, places: int = 2) -> float:
    q = Decimal(1).scaleb(-places)
    return float(Decimal(str(x)).quantize(q, rounding=ROUND_HALF_UP))


def fmt(x: float | int) -> str:
    """A number as an office prints it: no trailing zeros."""
    if float(x) == int(x):
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


def num(x: float) -> float | int:
    return int(x) if float(x) == int(x) else x


@dataclass
class Ind:
    level1: str | None
    level2: str | None
    name: str
    weight: float | None
    target: str
    actual: str | None
    score: float | None
    basis: str | None = None
    kind: str = "qual"  # ge / le / rate / qual
    sign: str = ""  # split-target families print sign, value and unit apart
    value: str = ""
    unit: str = ""
    actual_bare: str = ""  # the actual without its unit (Sichuan 完成值, Chongqing 全年完成值)
    tnum: float = 0.0
    anum: float = 0.0
    star: bool = False

    def answer(self) -> dict[str, Any]:
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "weight": num(self.weight) if self.weight is not None else None,
            "target": self.target,
            "actual": self.actual,
            "score": num(self.score) if self.score is not None else None,
            "basis": self.basis,
        }


@dataclass
class Goal:
    name: str
    text: str | None
    weight: float | None
    inds: list[Ind]


@dataclass
class Budget:
    weight: float | None
    planned: float
    executed: float
    rate: float
    score: float | None
    initial: float | None = None


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
    budget: Budget | None
    overall: tuple[str, str] | None
    goals: list[Goal]
    total: float | None
    deviation: str | None = None
    improvement: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    family: str = "a"
    planted: list[dict[str, Any]] = field(default_factory=list)
    overall_score: tuple[float, float] | None = None  # Wuhan 项目绩效总目标 (weight, score)
    shown: dict[str, Any] = field(default_factory=dict)  # printed only (a date as printed)

    def inds(self) -> list[Ind]:
        return [i for g in self.goals for i in g.inds]

    def answer(self) -> dict[str, Any]:
        b = self.budget
        og = None
        if self.overall is not None:
            w, s = self.overall_score or (None, None)
            og = {"weight": w, "target": self.overall[0], "actual": self.overall[1], "score": s}
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
            "budget": None
            if b is None
            else {
                "weight": b.weight,
                "planned": num(b.planned),
                "executed": num(b.executed),
                "rate": b.rate,
                "score": num(b.score) if b.score is not None else None,
            },
            "overall_goal": og,
            "goals": [
                {
                    "name": g.name,
                    "text": g.text,
                    "weight": num(g.weight) if g.weight is not None else None,
                    "indicators": [i.answer() for i in g.inds],
                }
                for g in self.goals
            ],
            "total_score": num(self.total) if self.total is not None else None,
            "deviation_reason": self.deviation,
            "improvement": self.improvement,
            "extra": self.extra,
        }


def make_ind(
    rng: random.Random, spec: tuple, weight: float | None, miss: bool = False, scored: bool = True
) -> Ind:
    """One indicator from its spec: met (full points) or missed (proportional / 70 %)."""
    level1, level2, name, kind, t, unit = spec
    w = weight
    if kind == "qual":
        actual = ("基本" + unit) if miss else unit
        score = half_up(w * 0.7) if (miss and w) else w
        ind = Ind(level1, level2, name, w, t, actual, score, kind="qual", value=t, actual_bare=actual)
    else:
        if kind == "rate":
            sign, u = "≥", "%"
            a = t - rng.choice([2, 3, 5]) if miss else min(100, t + rng.choice([0, 1, 2, 3]))
        elif kind == "ge":
            sign, u = "≥", unit
            f = rng.choice([0.9, 0.92, 0.95]) if miss else rng.choice([1.0, 1.05, 1.1])
            a = t * f
            a = round(a) if float(t) == int(t) and t >= 10 else round(a, 2)
        else:  # le
            sign, u = "≤", unit
            f = rng.choice([1.1, 1.2]) if miss else rng.choice([0.8, 0.9, 1.0])
            a = round(t * f, 2) if t else rng.choice([0, -2, -3.5])
            if t and float(t) == int(t) and t >= 10:
                a = round(t * f)
        score = None
        if w is not None:
            if not miss:
                score = w
            elif kind == "le":
                score = half_up(Decimal(str(w)) * Decimal(str(t)) / Decimal(str(a)))
            else:
                score = half_up(Decimal(str(w)) * Decimal(str(a)) / Decimal(str(t)))
        ind = Ind(
            level1,
            level2,
            name,
            w,
            f"{sign}{fmt(t)}{u}",
            f"{fmt(a)}{u}",
            score,
            kind=kind,
            sign=sign,
            value=fmt(t),
            unit=u,
            actual_bare=fmt(a),
            tnum=float(t),
            anum=float(a),
        )
    if not scored:
        ind.weight = ind.score = None
        ind.actual = None
    return ind


def _agrees(printed: float, exact: Decimal) -> bool:
    """findings-v1: half-up or truncated to the printed decimals."""
    p = Decimal(str(printed))
    places = max(0, -p.as_tuple().exponent)
    q = Decimal(1).scaleb(-places)
    return p in (exact.quantize(q, rounding=ROUND_HALF_UP), exact.quantize(q, rounding=ROUND_DOWN))


def expected_score(i: Ind) -> Decimal | None:
    if i.weight is None or i.score is None:
        return None
    w = Decimal(str(i.weight))
    if i.kind == "qual":
        return None  # band checked apart
    met = i.anum >= i.tnum if i.kind in ("ge", "rate") else i.anum <= i.tnum
    if met:
        return w
    if i.kind == "le":
        return w * Decimal(str(i.tnum)) / Decimal(str(i.anum))
    return w * Decimal(str(i.anum)) / Decimal(str(i.tnum))


def verify(form: Form) -> list[tuple[str, str | None]]:
    """Inconsistencies (code, indicator) the printed figures of ``form`` hold."""
    out: list[tuple[str, str | None]] = []
    if form.kind.endswith("target"):
        for i in form.inds():
            if "*" in i.target:
                out.append(("target.vague", i.name))
        return out
    parts = Decimal(0)
    b = form.budget
    if b is not None and b.score is not None:
        exact = Decimal(str(b.weight)) * min(Decimal(str(b.rate)), Decimal(1))
        if not _agrees(b.score, exact):
            out.append(("budget.score_mismatch", None))
        parts += Decimal(str(b.score))
    if form.overall_score:
        parts += Decimal(str(form.overall_score[1]))
    for i in form.inds():
        if i.score is None:
            continue
        parts += Decimal(str(i.score))
        if i.kind == "qual":
            unmet = i.actual is not None and (i.actual.startswith(("基本", "部分", "未")))
            if unmet and i.score >= i.weight:
                out.append(("indicator.full_score_unmet", i.name))
            continue
        exact = expected_score(i)
        if exact is not None and not _agrees(i.score, exact):
            out.append(("indicator.score_mismatch", i.name))
    off = form.total is not None and abs(parts - Decimal(str(form.total))) > Decimal("0.005")
    if off and form.family != "g":  # Hebei: the total is the sum of 折算得分
        out.append(("form.total_mismatch", None))
    return out


def total_of(form: Form) -> float:
    parts = Decimal(0)
    if form.budget is not None and form.budget.score is not None:
        parts += Decimal(str(form.budget.score))
    if form.overall_score:
        parts += Decimal(str(form.overall_score[1]))
    for i in form.inds():
        if i.score is not None:
            parts += Decimal(str(i.score))
    return float(parts)
