"""Numbers parsed from printed indicator values, stored beside the printed text.

A deliberately small parser: a whole cell that is one number with an optional comparison and
a short measure (``"≥85%"``, ``"251个工作日"``, ``"=1 份"``). Anything else gives no number;
rule sets do their own, richer reading (``jixiao.score``) and store their verdicts as scorecards.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["ParsedValue", "parse_value"]

_OPS = {"≥": ">=", ">=": ">=", ">": ">", "≤": "<=", "<=": "<=", "<": "<", "=": "=", "≈": "~"}
_VALUE = re.compile(r"^(≥|>=|>|≤|<=|<|=|≈)?([-+]?\d[\d,]*(?:\.\d+)?)(%|‰)?([^\d]{0,4})$")


class ParsedValue(NamedTuple):
    op: str | None  # >=, >, <=, <, =, ~ or None
    value: float | None  # percentages as fractions
    unit: str | None  # "%", "‰", "万元", "个工作日", or None


NOTHING = ParsedValue(None, None, None)


def parse_value(text: str | None) -> ParsedValue:
    """``"≥ 85%"`` → (">=", 0.85, "%"); ``"251个工作日"`` → (None, 251, "个工作日")."""
    if not text:
        return NOTHING
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    m = _VALUE.match(flat)
    if not m:
        return NOTHING
    op, number, percent, measure = m.groups()
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return NOTHING
    if percent == "%":
        value /= 100
    elif percent == "‰":
        value /= 1000
    unit = percent or measure or None
    if percent and measure:
        return NOTHING  # "100%以上" and the like: leave to the rule sets
    return ParsedValue(_OPS.get(op) if op else None, value, unit)
