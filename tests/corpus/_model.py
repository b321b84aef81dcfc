"""The generator's own data model: printed forms as records, and the grid they are drawn on.

Independent of jixiao: the answers are built from these records, never from a reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

# ---------------------------------------------------------------- numbers


def dec(x: float | int | str) -> Decimal:
    return Decimal(str(x))


def half_up(x: Decimal | float, places: int = 2) -> float:
    """Round half-up on decimals, as the rules print (9.625 → 9.63), never binary floats."""
    return float(dec(x).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def trunc(x: Decimal | float, places: int = 2) -> float:
    return float(dec(x).quantize(Decimal(1).scaleb(-places), ROUND_DOWN))


def jnum(x: float | int | None) -> float | int | None:
    """Plain JSON numbers: 20.0 → 20."""
    if x is None:
        return None
    f = float(x)
    return int(f) if f.is_integer() else f


def fmt(x: float | int | Decimal, places: int | None = None) -> str:
    """A number as a form prints it: trimmed (``9.5``), or with fixed decimals (``9.50``)."""
    d = dec(x)
    if places is not None:
        return f"{d.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}"
    s = f"{d.normalize():f}"
    return s


def agrees(printed: float, computed: Decimal | float) -> bool:
    """findings-v1 rounding: equal to the computed value rounded half-up or truncated to the
    printed decimals (or to two decimals, the most any form prints)."""
    text = fmt(printed)
    places = len(text.split(".")[1]) if "." in text else 0
    return printed in (
        half_up(computed, places),
        trunc(computed, places),
        half_up(computed, 2),
        trunc(computed, 2),
    )


def pct(rate: float, places: int = 2) -> str:
    """A fraction printed as a percentage: 0.9625 → ``96.25%``."""
    return fmt(dec(rate) * 100, places) + "%"


def leading_number(text: str) -> str:
    """The number a value starts with, after its comparator: ``≥860公里`` → ``860``."""
    m = re.match(r"^[≥≧≤=═﹦＞＜<>]?(-?\d+(?:\.\d+)?)", text)
    return m.group(1) if m else ""


NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def is_number(text: str) -> bool:
    return bool(NUMBER.match(text))


# ---------------------------------------------------------------- grid


@dataclass
class Cell:
    text: str
    rs: int = 1
    cs: int = 1


COVER = object()


class Grid:
    """A table as printed: anchors with rowspan/colspan; covered slots marked ``COVER``."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.slots: list[list[Any]] = []
        self.kinds: list[str] = []  # per row: a tag the renderers may use (e.g. "head")

    def _ensure(self, rows: int) -> None:
        while len(self.slots) < rows:
            self.slots.append([None] * self.width)
            self.kinds.append("")

    def add(self, *items: Any, kind: str = "") -> int:
        """Place cells left to right in a new row, skipping slots covered from above."""
        r = len(self.slots)
        # a row may already exist because a rowspan above created it
        r = next((i for i in range(len(self.slots)) if self._fresh(i)), len(self.slots))
        self._ensure(r + 1)
        self.kinds[r] = kind
        c = 0
        for item in items:
            if isinstance(item, Cell):
                cell = item
            elif isinstance(item, tuple):
                cell = Cell(str(item[0]), *(item[1:]))
            else:
                cell = Cell("" if item is None else str(item))
            while c < self.width and self.slots[r][c] is COVER:
                c += 1
            if c + cell.cs > self.width:
                raise ValueError(f"row {r} overflows width {self.width}: {items}")
            self._ensure(r + cell.rs)
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    if dr or dc:
                        self.slots[r + dr][c + dc] = COVER
            self.slots[r][c] = cell
            c += cell.cs
        self._placed.add(r)
        return r

    @property
    def _placed(self) -> set[int]:
        if not hasattr(self, "_placed_rows"):
            self._placed_rows: set[int] = set()
        return self._placed_rows

    def _fresh(self, i: int) -> bool:
        return i not in self._placed

    def rows(self) -> int:
        return len(self.slots)

    def anchors(self, r: int) -> list[tuple[int, Cell | None]]:
        """The printed (uncovered) slots of row r: (column, cell or None for an empty slot)."""
        return [(c, s) for c, s in enumerate(self.slots[r]) if s is not COVER]

    def text_at(self, r: int, c: int) -> str:
        s = self.slots[r][c]
        return s.text if isinstance(s, Cell) else ""


# ---------------------------------------------------------------- forms


@dataclass
class Ind:
    """One indicator as the form prints it."""

    l1: str | None
    l2: str | None
    name: str
    kind: str  # pos | neg | eq | time | qual
    value: str  # 指标值 without sign and unit (a number as text, or a qualitative text)
    unit: str = ""
    sign: str = ""  # the comparator as printed (≥ ≧ ≤ = ═ ﹦ or "")
    weight: float | None = None
    weight_text: str | None = None  # a printed weight that is not a number (XX)
    actual: str | None = None  # as printed in the cell
    actual_bare: bool = False  # printed without its unit, the unit column supplies it
    score: float | None = None
    basis: str | None = None
    note: str | None = None
    core: bool = False
    deviation: str | None = None
    subrows: list[dict[str, str]] = field(default_factory=list)
    initial: str | None = None  # Chongqing 年初指标值 when an adjusted value is printed
    coef: float | None = None  # Chongqing 得分系数 (fraction)
    converted: float | None = None  # Hebei 单项指标折算得分
    met: bool = True
    cls: str = "met"  # met | partial | unmet (the truth the generator decided)
    remark: str | None = None  # the cell of a column no vocabulary names (备注, 数据来源)
    placeholder: bool = False  # a template row left in (指标1：, ……, （XX分）): not an indicator

    def target(self) -> str:
        """The joined target: sign + value + unit, no spaces (定性 dropped)."""
        if self.kind in ("qual", "time"):
            return self.value
        return f"{self.sign}{self.value}{self.unit}"

    def actual_answer(self) -> str | None:
        if self.actual is None or self.actual == "":
            return None
        if self.actual_bare and is_number(self.actual):
            return self.actual + self.unit
        return self.actual


@dataclass
class Goal:
    name: str
    label: str  # as printed (with points)
    text: str | None = None
    weight: float | None = None
    inds: list[Ind] = field(default_factory=list)
    # target-table halves
    inds2: list[Ind] = field(default_factory=list)


@dataclass
class Budget:
    weight: float | None
    initial: float | None
    planned: float
    executed: float
    rate: float  # fraction as printed
    score: float | None
    rate_places: int = 2
    score_places: int | None = None
    planned_text: str | None = None  # "520（压缩前）480（压缩后）"
    rows: list[tuple[str, float | None, float | None, float | None]] = field(default_factory=list)
    reason: str | None = None
    received: float | None = None  # Hebei 到位数
    total_label: str = "年度资金总额"


@dataclass
class Form:
    family: str
    kind: str
    title: str | None
    year: int | None
    unit: str | None = None
    project: str | None = None
    supervisor: str | None = None
    implementer: str | None = None
    filled_on: str | None = None
    budget: Budget | None = None
    overall: tuple[str, str] | None = None
    goals: list[Goal] = field(default_factory=list)
    total: float | None = None
    deviation_reason: str | None = None
    improvement: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)  # printing choices
    rules: str = "national"  # national | hubei | chongqing | hebei | target

    def all_inds(self) -> list[Ind]:
        return [i for g in self.goals for i in (*g.inds, *g.inds2) if not i.placeholder]


def indicator_answer(i: Ind, target_table: bool) -> dict[str, Any]:
    return {
        "level1": i.l1,
        "level2": i.l2,
        "name": i.name,
        "weight": None if target_table else jnum(i.weight),
        "target": i.target(),
        "actual": None if target_table else i.actual_answer(),
        "score": None if target_table else jnum(i.score),
        "basis": i.basis,
    }


def answer(form: Form) -> dict[str, Any]:
    """The form-v1 object a perfect reader outputs for this form."""
    target_table = form.kind.endswith("_target")
    b = form.budget
    budget = None
    if b is not None:
        budget = {
            "weight": jnum(b.weight),
            "planned": jnum(b.planned),
            "executed": jnum(b.executed),
            "rate": jnum(b.rate),
            "score": jnum(b.score),
        }
    goals = []
    for g in form.goals:
        goals.append(
            {
                "name": g.name,
                "text": g.text,
                "weight": jnum(g.weight),
                "indicators": [indicator_answer(i, target_table) for i in g.inds if not i.placeholder],
            }
        )
        if g.inds2:
            raise ValueError("halves are separate goals")
    overall = None
    if form.overall is not None:
        overall = {"weight": None, "target": form.overall[0], "actual": form.overall[1], "score": None}
    return {
        "schema": "jixiao.form/1",
        "kind": form.kind,
        "title": form.title,
        "year": form.year,
        "unit": form.unit,
        "project": form.project,
        "supervisor": form.supervisor,
        "implementer": form.implementer,
        "filled_on": form.filled_on,
        "budget": budget,
        "overall_goal": overall,
        "goals": goals,
        "total_score": jnum(form.total),
        "deviation_reason": form.deviation_reason,
        "improvement": form.improvement,
        "extra": _plain(form.extra),
    }


def _plain(x: Any) -> Any:
    """Numbers in ``extra`` as the contract prints them (858.0 → 858)."""
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    if isinstance(x, float):
        return jnum(x)
    return x
