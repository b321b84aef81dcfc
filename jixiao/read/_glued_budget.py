"""Budget rows of a glued table (``_glued``): a row label, then one number per budget column.

Where the digits of two numbers touch, the cut is the one the block's arithmetic agrees with
(rate = B/A, score = weight × rate, score ≤ weight ≤ 100), then the one whose amounts are of
one size.
"""

from __future__ import annotations

import re

from jixiao.read._headers import budget_role

__all__ = ["NUM", "budget_row", "numbers"]

NUM = r"(?:0|[1-9]\d*)(?:\.\d+)?"  # a printed figure: no leading zero, optional decimals
_AMOUNT_UNITS = "万元"
_AMOUNT = re.compile(rf"^{NUM}(%|万元|万|元)?$|^[/—－-]$")  # a dash or slash: an empty cell
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_MAX_CELL = 40  # longest stretch of digits tried for a glued number cell
_AMOUNT_ROLES = ("initial", "planned", "received", "executed")


def budget_row(line: str, header: list[str]) -> list[str] | None:
    """The cells of a glued budget row in ``header``'s columns (``None``: no cut fits)."""
    m = _DIGIT.search(line)
    if m is None:
        return None
    label, rest = line[: m.start()], line[m.start() :]  # a row under the block label has none
    roles = [r for r in (budget_role(c) for c in header) if r is not None]
    reason = ""
    if "reason" in roles:  # 原因 text after the figures
        cut = _CJK.search(rest)
        while cut is not None and rest[cut.start()] in _AMOUNT_UNITS:
            cut = _CJK.search(rest, cut.start() + 1)
        if cut is not None:
            rest, reason = rest[: cut.start()], rest[cut.start() :]
    values = numbers(rest, [r for r in roles if r != "reason"])
    if values is None:
        return None
    return [label, *values, *([reason] if "reason" in roles else [])]


def numbers(text: str, roles: list[str]) -> list[str] | None:
    """``text`` cut into one number per role (fewer when the last cells are empty): the cut the
    block's arithmetic agrees with most, then the one whose amounts are of one size."""
    if " " in text:  # figures printed apart (a reading-order dump): the cells are given
        parts = text.split(" ")
        if len(parts) > len(roles) or not all(_AMOUNT.match(p) for p in parts):
            return None
        cells = parts + [""] * (len(roles) - len(parts))
        return cells if _arithmetic(dict(zip(roles, cells, strict=True))) is not None else None
    if len(text) > _MAX_CELL:
        return None
    best: tuple[tuple[int, int, int], list[str]] | None = None
    for n in range(len(roles), 0, -1):
        for parts in _splits(text, n):
            if not all(_AMOUNT.match(p) for p in parts):
                continue
            cells = dict(zip(roles, parts, strict=False))
            fit = _arithmetic(cells)
            if fit is None:
                continue
            key = (fit, -_spread(cells), n)
            if best is None or key > best[0]:
                best = (key, parts + [""] * (len(roles) - n))
    return best[1] if best is not None else None


def _spread(cells: dict[str, str]) -> int:
    """How far the amounts' digit counts differ (a row's budget figures are of one size)."""
    sizes = [
        len(v.rstrip("万元").split(".")[0])
        for k, v in cells.items()
        if k in _AMOUNT_ROLES and v[:1].isdigit()
    ]
    return max(sizes) - min(sizes) if sizes else 0


def _splits(text: str, n: int):  # type: ignore[no-untyped-def]
    if n == 1:
        yield [text]
        return
    for i in range(1, len(text) - n + 2):
        for rest in _splits(text[i:], n - 1):
            yield [text[:i], *rest]


def _num(text: str | None) -> float | None:
    if not text or not text[0].isdigit():
        return None
    return float(text.rstrip("%万元")) / (100 if text.endswith("%") else 1)


def _arithmetic(cells: dict[str, str]) -> int | None:
    """How many of the block's sums agree (``None`` when one is broken)."""
    weight, score = _num(cells.get("weight")), _num(cells.get("score"))
    planned, executed = _num(cells.get("planned")), _num(cells.get("executed"))
    rate_text = cells.get("rate")
    rate = _num(rate_text)
    if rate is not None and rate_text and not rate_text.endswith("%"):
        rate = rate / 100 if rate > 1.5 else rate
    if (rate is not None and rate > 1.5) or (planned == 0 and executed):
        return None  # 457.69 % executed, or money spent of no budget: a cut through a figure
    fit = 0
    if weight is not None:
        if weight > 100:
            return None
        if score is not None:
            if score > weight + 1e-9:
                return None
            fit += 1
    if planned and executed is not None and rate is not None:
        if abs(executed / planned - rate) > 0.006:
            return None
        fit += 2
    if weight is not None and score is not None and rate is not None:
        # a region may give full points from a threshold (≥90 %): no agreement, but no break;
        # a zero score of a zero rate agrees with any weight (7064|57.69|0|1|0): no agreement
        fit += 2 if score > 0 and abs(weight * min(rate, 1.0) - score) <= 0.06 else 0
    return fit
