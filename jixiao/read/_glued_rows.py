"""The rows of a glued table line by line (``_glued``): a total, a budget row, header fields, a
numbered goal, an overall-goal pair or an indicator row, by the header above; and a second
header row laid out under the group labels above it.
"""

from __future__ import annotations

import re

from jixiao.read._glued_budget import NUM as _NUM
from jixiao.read._glued_budget import budget_row, numbers
from jixiao.read._glued_header import field_cells
from jixiao.read._glued_indicator import indicator_row
from jixiao.read._headers import (
    INDICATOR_VALUE_ROLES,
    budget_schema,
    column_role,
    indicator_schema,
    is_group_label,
    label_key,
    overall_role,
    simplified,
)
from jixiao.read._stream import TOTAL
from jixiao.read._vocab import GOAL_NUMBERED

__all__ = ["header_kind", "is_indicator_header", "row_cells", "total_row", "two_rows"]

_BARE = re.compile(rf"^{_NUM}$")
_TOTAL_POINTS = 50  # a total row's points are a whole table's (100, 90 …), never a few
_MAX_ROW = 240  # longest glued indicator row parsed (the parse is cubic in its length)


def is_indicator_header(cells: list[str] | None) -> bool:
    return cells is not None and len(cells) >= 3 and indicator_schema(cells) is not None


def two_rows(header: list[str], cells: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """A second header line (指标性质指标值度量单位 under 年度指标值) split among the group
    labels above as ``Schema.expand`` does: the upper and lower rows laid out in columns, and
    the one header row, each group label replaced by its sub-labels; ``None`` if it is none."""
    sub = [column_role(c) for c in cells]
    groups = [i for i, c in enumerate(header) if is_group_label(c)]
    if len(sub) < 2 or not groups or any(r not in INDICATOR_VALUE_ROLES for r in sub):
        return None
    starts = [0]
    for g in groups[1:]:  # a later group starts at the first sub-label of its own role
        nxt = next((j for j in range(starts[-1] + 1, len(sub)) if sub[j] == column_role(header[g])), None)
        if nxt is None:
            break
        starts.append(nxt)
    spans = dict(zip(groups, zip(starts, [*starts[1:], len(sub)], strict=False), strict=False))
    upper: list[str] = []
    lower: list[str] = []
    one: list[str] = []
    for j, label in enumerate(header):
        a, b = spans.get(j, (0, 0))
        if b > a:
            upper += [label, *[""] * (b - a - 1)]
            lower += cells[a:b]
            one += cells[a:b]
        else:
            upper.append(label)
            lower.append("")
            one.append(label)
    return upper, lower, one


def header_kind(cells: list[str]) -> str:
    if len(cells) >= 3 and indicator_schema(cells) is not None:
        return "indicator"
    if budget_schema(cells[1:]) is not None or budget_schema(cells) is not None:
        return "budget"
    if any(overall_role(c) for c in cells):
        return "goal"
    return ""


def row_cells(line: str, header: list[str] | None, kind: str) -> list[str] | None:
    total = total_row(line)
    if total is not None:
        return total
    if kind == "budget" and header is not None:
        row = budget_row(line, header)  # a row label may start with a field label (部门…)
        if row is not None:
            return row
    fields = field_cells(line)
    if fields is not None and len(fields) >= 2:
        return fields
    goal = _goal_name_row(line)
    if goal is not None:
        return goal
    if header is None or kind == "budget":
        return None
    if kind == "goal":
        return _goal_row(line, header)
    if kind == "indicator" and len(line) <= _MAX_ROW:
        return indicator_row(line, header)
    return None


_GRADE = re.compile(r"(优秀|良好|不合格|合格|较差|优|良|中|差)$")  # a total row's grade, last


def total_row(line: str) -> list[str] | None:
    for n in range(2, 5):
        if TOTAL.match(label_key(line[:n])):
            rest = line[n:]
            grade = _GRADE.search(rest) if rest[:1].isdigit() else None
            if grade is not None:  # 自评总分10097.57优: the grade cell after the points
                got = total_row(line[: n + grade.start()])
                return [*got, grade.group()] if got is not None and len(got) > 1 else None
            pair = numbers(rest, ["weight", "score"]) if rest else None
            if pair and pair[1] and float(pair[0]) < _TOTAL_POINTS:
                pair = [rest, ""] if _BARE.match(rest) else None  # 总分97.46: the score alone
            return [line[:n], *[c for c in pair if c]] if pair else None
    return None


_GOAL_POINTS = re.compile(r"^(.*[^\d.])(\d{1,3}(?:\.\d{1,2})?)$")


def _goal_name_row(line: str) -> list[str] | None:
    """``年度目标1完成调查项目32项26``: a numbered goal, its text, then its points (a figure
    after the text's last word; a text's own figures carry their unit)."""
    m = GOAL_NUMBERED.match(simplified(line))
    if m is None:
        return None
    tail = _GOAL_POINTS.match(line[m.start("rest") :])
    if tail is None or float(tail.group(2)) > 100:
        return None
    return [line[: m.end("label")], tail.group(1).lstrip(":："), tail.group(2)]


def _goal_row(line: str, header: list[str]) -> list[str] | None:
    """Two sentences, target then actual; under a header whose last column is a score, the
    figure after the second sentence is that score (…等任务。18)."""
    score = ""
    if len(header) >= 4 and column_role(header[-1]) == "score" and overall_role(header[-2]):
        m = re.search(rf"(?<=[^\d.]){_NUM}$", line)
        if m is None or float(m.group()) > 100:
            return None
        line, score = line[: m.start()], m.group()
        header = header[:-1]
    ends = [m.end() for m in re.finditer(r"[。！；;]", line) if m.end() < len(line)]
    if not ends:
        return None
    cut = min(ends, key=lambda e: abs(2 * e - len(line)))
    cells = [""] * max(len(header), 3)
    cells[-2], cells[-1] = line[:cut], line[cut:]
    cells = cells[: len(header)] if len(header) >= 3 else [line[:cut], line[cut:]]
    return [*cells, score] if score else cells
