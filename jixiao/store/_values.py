"""Indicator values parsed by the scoring stage, flattened into the store's columns.

The printed text stays in ``target``/``actual``; beside it the store keeps what
``jixiao.score.values.parse_value`` reads from it, so analysts can query targets and actuals
as numbers (``"≥85%"`` → kind ``number``, op ``>=``, value 0.85, unit ``%``).
"""

from __future__ import annotations

from typing import NamedTuple

from jixiao.score import values

__all__ = ["ParsedValue", "parse_value"]


class ParsedValue(NamedTuple):
    kind: str | None  # number / range / date / level / reference / text / empty; None for no text
    op: str | None  # >=, >, <=, <, =, ~ or None
    value: float | None  # in the unit's base: percentages as fractions, 万 multiplied out
    high: float | None  # upper end of a range
    unit: str | None  # "%", "‰", "元", "个" …, or None


NOTHING = ParsedValue(None, None, None, None, None)


def parse_value(text: str | None) -> ParsedValue:
    """One printed cell as stored columns; ``NOTHING`` for an empty cell."""
    if not text:
        return NOTHING
    v = values.parse_value(text)
    return ParsedValue(v.kind.value, v.comparator, v.number, v.high, v.unit or None)
