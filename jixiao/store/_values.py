"""Numbers parsed from printed indicator values, stored beside the printed text.

The scoring stage owns value parsing (``jixiao.score.values.parse_value``); storage keeps
its verdict in columns so that analysts can query targets and actuals as numbers. Until that
module is present, a small parser fills the same columns for the plain cases: a whole cell
that is one number with an optional comparison and a short measure (``"≥85%"``, ``"=1 份"``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

__all__ = ["ParsedValue", "parse_value"]


class ParsedValue(NamedTuple):
    kind: str | None  # number / range / date / level / reference / text / empty; None if unparsed
    op: str | None  # >=, >, <=, <, =, ~ or None
    value: float | None  # percentages as fractions
    high: float | None  # upper end of a range
    unit: str | None  # "%", "‰", "个" …, or None


NOTHING = ParsedValue(None, None, None, None, None)

_OPS = {"≥": ">=", ">=": ">=", ">": ">", "≤": "<=", "<=": "<=", "<": "<", "=": "=", "≈": "~"}
_VALUE = re.compile(r"^(≥|>=|>|≤|<=|<|=|≈)?([-+]?\d[\d,]*(?:\.\d+)?)(%|‰)?([^\d]{0,4})$")


def _plain(text: str) -> ParsedValue:
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    m = _VALUE.match(flat)
    if not m:
        return NOTHING
    op, number, percent, measure = m.groups()
    if percent and measure:
        return NOTHING  # "100%以上" and the like: leave to the rule sets
    value = float(number.replace(",", ""))
    if percent == "%":
        value /= 100
    elif percent == "‰":
        value /= 1000
    return ParsedValue("number", _OPS.get(op) if op else None, value, None, percent or measure or None)


def _scoring_parser() -> Callable[[str], ParsedValue] | None:
    try:
        from jixiao.score import values
    except ImportError:
        return None
    parse = getattr(values, "parse_value", None)
    if parse is None:
        return None

    def parse_with_scoring(text: str) -> ParsedValue:
        v = parse(text)
        kind = getattr(v, "kind", None)
        return ParsedValue(
            kind=str(kind.value if hasattr(kind, "value") else kind) if kind is not None else None,
            op=getattr(v, "comparator", None),
            value=getattr(v, "number", None),
            high=getattr(v, "high", None),
            unit=getattr(v, "unit", None) or None,
        )

    return parse_with_scoring


_parser = _scoring_parser() or _plain


def parse_value(text: str | None) -> ParsedValue:
    """``"≥ 85%"`` → kind number, op ``>=``, value 0.85, unit ``%``; no number → value None."""
    if not text:
        return NOTHING
    return _parser(text)
