"""Repairs of OCR confusions, only where the cell's role makes them certain.

A role comes from the table's header row (the same header vocabulary the form builder uses):
a score or weight cell holds a number, so letters inside it are misread digits ("IO" → 10);
a 指标值 cell of a 正向 indicator, or a rate target above 100 %, that starts with "2" had a "≥"
the recogniser read as 2 (templates README §6). Everything else stays as read. Each repair
returns its reason, and the reader records it beside the cell.
"""

from __future__ import annotations

import re

__all__ = ["Role", "column_roles", "repair"]

Role = str  # "score" | "target" | "actual" | ""

_SCORE_HEAD = re.compile(r"得分|分值|权重|自评分")
_TARGET_HEAD = re.compile(r"指标值|目标值")
_NOT_TARGET = re.compile(r"依据|说明|实际|完成")
_ACTUAL_HEAD = re.compile(r"实际完成值|实际值|完成值|实际完成")
_POSITIVE = re.compile(r"正向|≥|不低于|不少于")

_LETTER_DIGITS = str.maketrans(
    {"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "D": "0", "Z": "2", "S": "5"}
)
_NUMBERISH = re.compile(r"^[0-9IlO|oDZS]+(?:\.[0-9IlO|oDZS]+)?$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_LEADING_TWO = re.compile(r"^2(\d+(?:\.\d+)?)(%|％)$")
_TWO_BEFORE = re.compile(r"^2(\d+(?:\.\d+)?)(\D.*)?$")
_W_BEFORE = re.compile(r"^W(\d)")


def column_roles(header: list[str]) -> list[Role]:
    """The role of each column from a header row's texts."""
    roles: list[Role] = []
    for text in header:
        if _SCORE_HEAD.search(text) and not _TARGET_HEAD.search(text):
            roles.append("score")
        elif _TARGET_HEAD.search(text) and not _NOT_TARGET.search(text):
            roles.append("target")
        elif _ACTUAL_HEAD.search(text):
            roles.append("actual")
        else:
            roles.append("")
    return roles


def _leading_zero(digits: str) -> bool:
    return digits.startswith("0") and not digits.startswith("0.")


def repair(
    text: str, role: Role, positive: bool = False, actual: float | None = None
) -> tuple[str, str | None]:
    """``text`` repaired for its role, and the reason (``None`` when nothing was changed).

    A count target is repaired only with its evidence: the row says 正向 and the value without
    the "2" fits the actual while the value with it is far above (2350 against 360).
    """
    if not text:
        return text, None
    if role == "score" and _NUMBERISH.match(text) and not _NUMBER.match(text):
        fixed = text.translate(_LETTER_DIGITS)
        if _NUMBER.match(fixed) and float(fixed) <= 100:
            return fixed, f"分值单元格只能是数字：“{text}”中的字母是误识的数字，改为 {fixed}"
    if role == "target":
        if m := _W_BEFORE.match(text):
            fixed = "≤" + text[1:]
            return fixed, f"指标值以拉丁字母 W 开头，是误识的“≤”：“{text}”改为“{fixed}”"
        m = _LEADING_TWO.match(text)
        if m and not _leading_zero(m[1]) and float("2" + m[1]) > 100 >= float(m[1]):
            fixed = "≥" + m[1] + m[2]
            return fixed, f"比率目标“{text}”超过 100%，首位“2”是误识的“≥”，改为“{fixed}”"
        m = _TWO_BEFORE.match(text)
        if (
            m
            and positive
            and actual
            and not _leading_zero(m[1])
            and float("2" + m[1]) > 3 * actual
            and float(m[1]) <= 1.5 * actual
        ):
            fixed = "≥" + text[1:]
            return fixed, f"正向指标的目标值“{text}”首位“2”是误识的“≥”，改为“{fixed}”"
    return text, None


def is_positive(cells: list[str]) -> bool:
    """Whether a row (or its header) says the indicator is 正向 (higher is better)."""
    return any(_POSITIVE.search(c) for c in cells if c and len(c) <= 12)
