"""How a figure is written in a finding's message, a report's sentence or a review page: one rule.

A reviewer reads figures as finance documents print them: points and percentages with at most
2 decimals (``40.587%`` → ``40.59%``), amounts in 万元 to the 分 (``2903.5`` → ``2903.50``), rounded
half-up as findings-v1 rounds. Only where two figures a message sets against each other would then
read alike (a printed 0.435 against a computed 0.4312) are both given as many more decimals as tell
them apart: a message never says a figure differs from itself. The finding's ``printed`` and
``expected`` fields keep the full values.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = ["DECIMALS", "fmt", "fmt_money", "fmt_pair", "fmt_pct", "fmt_pct_pair"]

DECIMALS = 2  # a figure in a sentence: at most 2 decimals
_MAX_DECIMALS = 6  # how far a pair is widened to tell two figures apart
_WIDE = Context(prec=400)  # any finite float to 6 decimals (an absurd 1e38 % never raises)


def _rounded(x: float, decimals: int) -> Decimal:
    # repr of the value rounded to 10 places drops binary noise (0.1 + 0.2) before rounding half-up
    return Decimal(repr(round(x, 10))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, _WIDE)


def _text(x: float, decimals: int) -> str:
    if not math.isfinite(x):  # an absurd cell (1e400) is named as unreadable, not raised on
        return "—"
    text = f"{_rounded(x, decimals):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt(x: float | None, decimals: int = DECIMALS) -> str:
    """A number as a reviewer reads it: 0.5, 19.82, 100 (no trailing zeros, at most 2 decimals)."""
    return "—" if x is None else _text(x, decimals)


def fmt_pct(x: float | None, decimals: int = DECIMALS) -> str:
    """A fraction as a percentage of at most 2 decimals: 0.40587 -> "40.59%"."""
    return "—" if x is None else _text(x * 100, decimals) + "%"


def fmt_money(x: float) -> str:
    """An amount in 万元, always to the 分 of a 万元 figure: 2903.5 -> "2903.50"."""
    return f"{_rounded(x, 2) + 0:.2f}" if math.isfinite(x) else "—"


def _widen(a: float, b: float, scale: float) -> int:
    """The decimals at which two different figures read differently (at least ``DECIMALS``)."""
    for d in range(DECIMALS, _MAX_DECIMALS + 1):
        if _text(a * scale, d) != _text(b * scale, d):
            return d
    return _MAX_DECIMALS


def fmt_pair(a: float | None, b: float | None) -> tuple[str, str]:
    """Two figures a message compares, each with at most 2 decimals unless that makes them alike."""
    if a is None or b is None or a == b:
        return fmt(a), fmt(b)
    d = _widen(a, b, 1)
    return fmt(a, d), fmt(b, d)


def fmt_pct_pair(a: float | None, b: float | None) -> tuple[str, str]:
    """Two rates a message compares, as ``fmt_pair`` does for numbers."""
    if a is None or b is None or a == b:
        return fmt_pct(a), fmt_pct(b)
    d = _widen(a, b, 100)
    return fmt_pct(a, d), fmt_pct(b, d)
