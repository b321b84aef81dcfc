"""Records of the seventh set (form, goal, indicator), their form-v1 answer and the scores the
rules give, so every printed figure is computed here and a planted error is a deliberate change.

Rounding follows findings-v1: half-up to two decimals on exact decimals, never binary floats."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def r2(x: Decimal | float | int) -> float:
    """Half-up to two decimals, as a JSON number (an integer when whole)."""
    d = Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(d) if d == d.to_integral_value() else float(d)


def num(x: float | int) -> float | int:
    """A printed number as JSON: 10.0 -> 10."""
    return int(x) if float(x).is_integer() else x


@dataclass
class Ind:
    level1: str | None
    level2: str | None
    name: str
    weight: float | None
    target: str
    actual: str | None = None
    score: float | None = None
    basis: str | None = None
    note: str | None = None  # 指标值说明 (i3) / 偏差原因 per row: extra only


@dataclass
class Goal:
    name: str
    text: str | None
    weight: float | None
    indicators: list[Ind]


@dataclass
class Budget:
    weight: float | None
    planned: float
    executed: float
    rate: float
    score: float | None


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
    overall: tuple[str, str] | None  # (预期目标, 实际完成情况)
    goals: list[Goal]
    total: float | None
    deviation: str | None = None
    improvement: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    family: str = ""
    look: dict[str, Any] = field(default_factory=dict)  # how the maker prints it (labels, codes)

    def answer(self) -> dict[str, Any]:
        """The form as form-v1 prints it (templates README §3 conventions)."""
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
                "weight": b.weight,
                "planned": b.planned,
                "executed": b.executed,
                "rate": b.rate,
                "score": b.score,
            },
            "overall_goal": None
            if self.overall is None
            else {"weight": None, "target": self.overall[0], "actual": self.overall[1], "score": None},
            "goals": [
                {
                    "name": g.name,
                    "text": g.text,
                    "weight": g.weight,
                    "indicators": [
                        {
                            "level1": i.level1,
                            "level2": i.level2,
                            "name": i.name,
                            "weight": i.weight,
                            "target": i.target,
                            "actual": i.actual,
                            "score": i.score,
                            "basis": i.basis,
                        }
                        for i in g.indicators
                    ],
                }
                for g in self.goals
            ],
            "total_score": self.total,
            "deviation_reason": self.deviation,
            "improvement": self.improvement,
            "extra": self.extra,
        }

    def indicators(self) -> list[Ind]:
        return [i for g in self.goals for i in g.indicators]


def budget(weight: float | None, planned: float, executed: float, *, score: bool = True) -> Budget:
    """Execution rate printed to two decimals of a percent; score = weight × min(rate, 100 %)."""
    rate = Decimal(str(executed)) / Decimal(str(planned))
    rate4 = float(rate.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    sc = None
    if weight is not None and score:
        sc = r2(Decimal(str(weight)) * min(Decimal(str(rate4)), Decimal(1)))
    return Budget(weight, planned, executed, rate4, sc)


def ratio_score(weight: float, got: float, want: float) -> float:
    """w × B/A for a missed ≥ target (the national and Hubei positive rule)."""
    return r2(Decimal(str(weight)) * Decimal(str(got)) / Decimal(str(want)))


def reverse_score(weight: float, got: float, want: float) -> float:
    """w × A/B for a missed ≤ target (Hubei's printed reverse rule)."""
    return r2(Decimal(str(weight)) * Decimal(str(want)) / Decimal(str(got)))


def total(form: Form) -> float:
    """Execution score plus every indicator score, as printed."""
    s = Decimal(str(form.budget.score)) if form.budget and form.budget.score is not None else Decimal(0)
    for i in form.indicators():
        if i.score is not None:
            s += Decimal(str(i.score))
    return r2(s)


def pct(rate: float, decimals: int = 2) -> str:
    """A fraction as printed with a % sign: 0.9703 -> 97.03%."""
    q = Decimal(str(rate)) * 100
    return f"{q.quantize(Decimal(10) ** -decimals, rounding=ROUND_HALF_UP)}%"
