"""Records of the fourth held-out set and their form-v1 answers.

Own code, own vocabulary: it shares nothing with jixiao or the other sets. The numbers of every
record are chosen here and the printed text is derived from them, so an answer and its document
cannot disagree except where an error is planted on purpose (``verify`` checks that).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

D = Decimal


def r2(x: Decimal) -> Decimal:
    """Half-up to two decimals, the way forms round a score."""
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def num(x: Decimal | None) -> float | int | None:
    """A Decimal as the plain JSON number the contract wants (9.50 -> 9.5, 10.00 -> 10)."""
    if x is None:
        return None
    x = x.normalize()
    return int(x) if x == x.to_integral_value() else float(x)


def txt(x: Decimal) -> str:
    """A Decimal printed without trailing zeros (0.60 -> 0.6, 12.00 -> 12)."""
    s = format(x.normalize(), "f")
    return s


@dataclass
class Ind:
    """One indicator: what is printed plus the meaning needed to re-score it."""

    level1: str | None
    level2: str | None
    name: str
    weight: Decimal | None
    target: str
    actual: str | None
    score: Decimal | None
    direction: str = "q"  # ">=", "<=", "=", "q"
    t: Decimal | None = None
    a: Decimal | None = None
    state: str = "met"  # qualitative: met / part / unmet
    basis: str | None = None
    extra: dict = field(default_factory=dict)

    def expected(self, weight: Decimal | None = None) -> Decimal | None:
        """The score the national rules give (w × A/T for ≥, w × T/A for ≤, 70 % for 基本)."""
        w = self.weight if weight is None else weight
        if w is None:
            return None
        if self.direction == "q":
            return w if self.state == "met" else r2(w * D("0.7"))
        t, a = self.t, self.a
        if self.direction == ">=":
            return w if a >= t else r2(w * a / t)
        if self.direction == "<=":
            return w if a <= t else r2(w * t / a)
        return w if a == t else r2(w * min(a, t) / max(a, t))

    def answer(self) -> dict[str, Any]:
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "weight": num(self.weight),
            "target": self.target,
            "actual": self.actual,
            "score": num(self.score),
            "basis": self.basis,
        }


@dataclass
class Goal:
    name: str
    text: str | None
    weight: Decimal | None
    inds: list[Ind]


@dataclass
class Budget:
    weight: Decimal | None
    planned: Decimal | None  # 万元
    executed: Decimal | None
    rate: Decimal | None  # fraction, as printed (4 decimals)
    score: Decimal | None


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
    overall: dict | None
    goals: list[Goal]
    total: Decimal | None
    deviation: str | None = None
    improvement: str | None = None
    extra: dict = field(default_factory=dict)
    family: str = "a"
    errors: list[dict] = field(default_factory=list)

    def answer(self) -> dict[str, Any]:
        b = self.budget
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
                "weight": num(b.weight),
                "planned": num(b.planned),
                "executed": num(b.executed),
                "rate": num(b.rate),
                "score": num(b.score),
            },
            "overall_goal": self.overall,
            "goals": [
                {
                    "name": g.name,
                    "text": g.text,
                    "weight": num(g.weight),
                    "indicators": [i.answer() for i in g.inds],
                }
                for g in self.goals
            ],
            "total_score": num(self.total),
            "deviation_reason": self.deviation,
            "improvement": self.improvement,
            "extra": self.extra,
        }

    def inds(self) -> list[Ind]:
        return [i for g in self.goals for i in g.inds]


# ---------------------------------------------------------------- indicator values


def make_ind(
    rng: random.Random, spec: tuple, weight: Decimal | None, *, miss: bool = False, wording: bool = True
) -> Ind:
    """An indicator from ``(level1, level2, name, direction, target, unit[, words])``: the actual
    meets the target unless ``miss``; ``wording`` lets the target be written in words
    (不低于, ≥…以上, 不超过, …完成) as offices do."""
    l1, l2, name, direction, t, unit = spec[:6]
    words = spec[6] if len(spec) > 6 else None
    if direction == "q":
        state = "part" if miss else "met"
        target = t
        actual = words[1] if miss and words else (words[0] if words else t)
        if miss and not words:
            actual = "基本" + t
        ind = Ind(l1, l2, name, weight, target, actual, None, "q", state=state)
    else:
        tv = D(str(t))
        if direction == ">=":
            if miss:
                av = (tv * D(str(rng.choice([0.86, 0.9, 0.93, 0.95])))).quantize(_q(tv))
            else:
                step = _q(tv)
                av = tv + step * rng.randint(0, 6) if tv < 100 or unit != "%" else tv
                if unit == "%" and av > 100:
                    av = D(100)
        elif direction == "<=":
            if miss:
                av = (tv * D(str(rng.choice([1.08, 1.12, 1.2])))).quantize(_q(tv))
            else:
                av = (tv * D(str(rng.choice([0.8, 0.9, 0.95, 1])))).quantize(_q(tv))
        else:
            av = (tv * D("0.96")).quantize(_q(tv)) if miss else tv
        forms = {">=": ["≥{t}{u}"], "<=": ["≤{t}{u}"], "=": ["={t}{u}", "{t}{u}"]}[direction]
        if wording:
            forms += {
                ">=": ["不低于{t}{u}", "≥{t}{u}以上", "{t}{u}以上"],
                "<=": ["不超过{t}{u}", "不高于{t}{u}"],
                "=": ["{t}{u}完成"] if unit == "%" else [],
            }[direction]
        target = rng.choice(forms).format(t=txt(tv), u=unit)
        ind = Ind(l1, l2, name, weight, target, f"{txt(av)}{unit}", None, direction, tv, av)
    ind.score = ind.expected()
    return ind


def _q(x: Decimal) -> Decimal:
    """The step of a printed number (12 -> 1, 1.5 -> 0.1, 0.15 -> 0.01)."""
    e = x.normalize().as_tuple().exponent
    return D(1).scaleb(min(int(e), 0))


def budget_of(planned: Decimal, executed: Decimal, weight: Decimal | None) -> Budget:
    rate = (executed / planned).quantize(D("0.0001"), rounding=ROUND_HALF_UP)
    score = None if weight is None else r2(weight * min(rate, D(1)))
    return Budget(weight, planned, executed, rate, score)


def pct(rate: Decimal) -> str:
    return f"{(rate * 100).quantize(D('0.01'))}%"


def split_weights(total: int, n: int, rng: random.Random) -> list[Decimal]:
    """``n`` whole-point weights adding to ``total``, none below 2."""
    base = [2] * n
    for _ in range(total - 2 * n):
        base[rng.randrange(n)] += 1
    return [D(b) for b in base]


# ---------------------------------------------------------------- planting and checking


def agrees(printed: Decimal, exact: Decimal) -> bool:
    """findings-v1 rounding: half-up or truncated to the printed number of decimals."""
    q = D(1).scaleb(min(int(printed.normalize().as_tuple().exponent), 0))
    return printed in (exact.quantize(q, rounding=ROUND_HALF_UP), exact.quantize(q, rounding=ROUND_DOWN))


def plant(form: Form, code: str, ind: Ind | None = None, why: str = "") -> None:
    form.errors.append({"form": 0, "code": code, "indicator": ind.name if ind else None, "why": why})


def verify(forms: list[Form], scoring: str) -> list[tuple[str, str | None]]:
    """Every inconsistency of the printed figures, as (code, indicator): must equal the planted."""
    found: list[tuple[str, str | None]] = []
    for f in forms:
        b = f.budget
        scored = b is not None and b.weight is not None and b.score is not None
        if scored and scoring != "hebei" and not agrees(b.score, b.weight * min(b.rate, D(1))):
            found.append(("budget.score_mismatch", None))
        for i in f.inds():
            if "**" in i.target:
                found.append(("target.vague", i.name))
            if i.score is None or i.weight is None:
                continue
            exp = i.expected()
            if exp == i.score:
                continue
            unmet = (i.direction == "q" and i.state != "met") or (
                i.direction != "q" and i.expected() != i.weight
            )
            if unmet and i.score == i.weight:
                found.append(("indicator.full_score_unmet", i.name))
            else:
                found.append(("indicator.score_mismatch", i.name))
        if f.total is not None and scoring != "hebei":
            parts = sum((i.score or D(0)) for i in f.inds()) + (
                b.score if b is not None and b.score is not None else D(0)
            )
            if parts != f.total:
                found.append(("form.total_mismatch", None))
        for g in f.goals:
            weights = [i.weight for i in g.inds]
            if g.weight is not None and None not in weights and sum(weights) != g.weight:
                found.append(("goal.weight_mismatch", None))
    return found
