"""Cross-checks that make a confident OCR reading doubtful, so a person sees the cell.

A wrong value read with high confidence is the worst outcome of a scan: nothing sends a
reviewer to it. The figures of a row bound each other, by the cells' roles (``_ocr_fix``):
a score is at most its weight, an execution rate is the executed amount over the budget.
Where a row breaks such a bound, one of its cells is misread or the form is wrong; either way
the cells are shown with their crops (``read.low_confidence``), never corrected here. The
review's own findings on the form (a score above its weight …) are reported as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from jixiao.read._clean import amount, rate_value, score_value

__all__ = ["row_doubts"]

_RATE_TOLERANCE = 0.0051  # a rate printed to two decimals of a percent (or a whole percent)


class _Cell(Protocol):
    col: int
    text: str
    doubt: str | None


def _doubt(cells: Sequence[_Cell], why: str) -> None:
    for c in cells:
        if c.doubt is None:
            c.doubt = why


def row_doubts(cells: Sequence[_Cell], roles: Sequence[str]) -> None:
    """Mark the cells of one table row whose figures contradict each other (``cell.doubt``)."""
    by_role: dict[str, list[_Cell]] = {}
    for c in cells:
        role = roles[c.col] if c.col < len(roles) else ""
        if role and c.text:
            by_role.setdefault(role, []).append(c)
    score = next(iter(by_role.get("score", [])), None)
    weight = next(iter(by_role.get("weight", [])), None)
    if score is not None and weight is not None:
        s, w = score_value(score.text), score_value(weight.text)
        if s is not None and w is not None and s > w:
            why = f"得分 {score.text} 高于分值 {weight.text}，两格必有一格识别有误或原表有误"
            _doubt([score, weight], why)
    rate = next(iter(by_role.get("rate", [])), None)
    planned = next(iter(by_role.get("planned", [])), None)
    executed = next(iter(by_role.get("executed", [])), None)
    if rate is not None and planned is not None and executed is not None:
        p, e, r = amount(planned.text), amount(executed.text), rate_value(rate.text)
        if p and e is not None and r is not None and abs(e / p - r) > _RATE_TOLERANCE + r * 0.001:
            _doubt(
                [rate, planned, executed],
                f"执行率 {rate.text} 与执行数 {executed.text} ÷ 预算数 {planned.text} 不符，"
                "其中必有一格识别有误或原表有误",
            )
