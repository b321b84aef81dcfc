"""Helpers and small records the form builder's parts share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model import Goal, ReadIssue, Source
from jixiao.read._clean import compact, year_in
from jixiao.read._headers import Schema


@dataclass
class _Orphan:
    """A row with values but no name: its name may have wrapped into the name cell above."""

    goal: Goal
    position: int
    values: dict[str, str | None]
    source: Source | None
    issue: ReadIssue
    is_target: bool


@dataclass
class _Table:
    """What the current indicator table's header says about its columns."""

    roles: list[str]
    goal_column: bool = False
    step: int = 1  # 2 when the dump spreads every column over two cells
    schema: Schema | None = None  # every column's role, by position, from the header vocabulary


_TRAILING_ZERO = re.compile(r"\.\d*0(?:分)?$")


_IN_YUAN = re.compile(r"[(（]元[)）]|单位[:：]元$")


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else (value if scale == 1.0 else round(value * scale, 6))


_FIGURE = re.compile(r"-?\d")


def _label_before_figures(text: str) -> str:
    """A budget row label printed in one cell with its figures ("年度资金总额 100 90"): the text
    before the first figure (linear: no pattern that can backtrack over a long cell)."""
    m = _FIGURE.search(text)
    return text[: m.start()].rstrip(" ,.\t\n") if m else text


def _trimmed(cells: list[str]) -> list[str]:
    """A row without the empty cells a TAB line ends with."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


_GRADES = {"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较差"}


def _int(text: str | None) -> int | None:
    return year_in(text) if text else None


_FIELD_LABELS = (
    "偏差大或目标未完成原因分析",
    "改进措施及结果应用方案",
    "偏差原因分析及改进措施",
    "偏差原因分析",
)


def label_rest(c: str, least: int = 1) -> str:
    """The rest of the field label that a compacted cell ``c`` prints only the start of
    (``偏差大或目标未完`` → ``成原因分析``), or "" — a start of fewer than ``least`` characters
    counts as none."""
    if len(c) < least:
        return ""
    full = next((f for f in _FIELD_LABELS if f.startswith(c) and f != c), "")
    return full[len(c) :]


def _drop_chars(text: str, n: int) -> str:
    """``text`` without its first ``n`` non-space characters (a label, however spaced)."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
        if seen == n:
            return text[i + 1 :].strip(" ：:\n")
    return ""


def _strip_label(text: str) -> str:
    """The value printed after a field label in the same cell, if any."""
    c = compact(text)
    for label in _FIELD_LABELS:
        if c.startswith(label):
            return _drop_chars(text.strip(), len(label))
    return ""
