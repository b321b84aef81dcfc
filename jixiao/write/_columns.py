"""Per-indicator columns a form carries beyond its template's own, printed only when it has them.

A form read from another region's template keeps per-row figures and texts the Wuhan or national
layout has no column for (a 偏差原因 per row, Chongqing's 得分系数, Hebei's 权重占比 and 折算得分, a
target table's 指标值说明). Each is printed as the column its source template prints, under that
template's header label, so the written form shows what the department wrote and reads back whole.
Core indicators are marked ``★`` before the name, as 衔接资金 forms print them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jixiao.model import Form, Indicator
from jixiao.write._page import fmt_num

__all__ = ["IndicatorColumn", "indicator_columns", "starred"]


@dataclass(frozen=True, slots=True)
class IndicatorColumn:
    head: str
    width: float  # layout width in CJK characters
    text: Callable[[Indicator], str]
    value: Callable[[Indicator], float | None] = lambda _: None  # a number a spreadsheet keeps


def _mapping(form: Form, key: str) -> dict[str, object]:
    value = form.extra.get(key)
    return value if isinstance(value, dict) else {}


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _percent(value: object) -> str:
    number = _number(value)
    return "" if number is None else fmt_num(round(number * 100, 6))


def indicator_columns(
    form: Form, *, deviation: bool = True, value_notes: bool = False
) -> list[IndicatorColumn]:
    """The extra columns of ``form``'s indicator block, in the order the source templates print them
    after the score: 得分系数, 权重占比, 折算得分, then the 偏差原因 text (``deviation``: the layout has
    no 偏差 column of its own). ``value_notes``: a target table's 指标值说明 (before 设定依据)."""
    cols: list[IndicatorColumn] = []
    if value_notes:
        notes = _mapping(form, "value_notes")
        if notes:
            cols.append(IndicatorColumn("指标值说明", 14, lambda i: str(notes.get(i.name) or "")))
        return cols
    coefficients = _mapping(form, "score_coefficients")
    if coefficients:
        cols.append(IndicatorColumn("得分系数（%）", 7, lambda i: _percent(coefficients.get(i.name))))
    shares = _mapping(form, "share_by_level1")
    if shares:
        cols.append(IndicatorColumn("权重占比（%）", 7, lambda i: _percent(shares.get(i.level1 or ""))))
    converted = _mapping(form, "converted_scores")
    if converted:
        cols.append(
            IndicatorColumn(
                "单项指标折算得分",
                8,
                lambda i: fmt_num(_number(converted.get(i.name))),
                lambda i: _number(converted.get(i.name)),
            )
        )
    by_indicator = _mapping(form, "deviation_by_indicator")
    if deviation and by_indicator:
        cols.append(
            IndicatorColumn("未完成原因分析及改进措施", 16, lambda i: str(by_indicator.get(i.name) or ""))
        )
    return cols


def starred(form: Form, ind: Indicator) -> str:
    """The indicator's name as printed: ``★`` before a core indicator's."""
    core = form.extra.get("core_indicators")
    return "★" + ind.name if isinstance(core, list) and ind.name in core else ind.name


def with_sub_rows(form: Form, inds: list[Indicator]) -> list[tuple[Indicator, bool]]:
    """The rows of an indicator block: each indicator, then its ``其中`` rows (衔接资金 forms break an
    indicator into parts that carry a target and an actual but no points) as ``(row, True)``."""
    subs = form.extra.get("sub_rows")
    by_parent: dict[str, list[dict[str, object]]] = {}
    for sub in subs if isinstance(subs, list) else []:
        if isinstance(sub, dict) and sub.get("name"):
            by_parent.setdefault(str(sub.get("parent")), []).append(sub)
    out: list[tuple[Indicator, bool]] = []
    for ind in inds:
        out.append((ind, False))
        for sub in by_parent.pop(ind.name, []):
            text = {k: str(sub[k]) if sub.get(k) is not None else None for k in ("target", "actual")}
            update = {"name": str(sub["name"]), "weight": None, "score": None, "basis": None, "extra": {}}
            out.append((ind.model_copy(update={**update, **text}), True))
    return out
