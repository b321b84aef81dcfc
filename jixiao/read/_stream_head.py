"""The headers and labels of a stream of cells printed one per line, as ``_stream`` reads them.

Where an indicator or budget header starts and how wide it is (``header_run``,
``budget_header``), the goal labels, and what may be a goal's text. The readers of a
form flattened onto one line (``_oneline``) find their headers with the same rules.
"""

from __future__ import annotations

import re

from jixiao.read._headers import (
    Schema,
    budget_role,
    budget_schema,
    column_role,
    field_of,
    indicator_schema,
    is_budget_label,
    is_group_label,
    label_key,
    names_by_year,
    overall_role,
    role_in,
    role_memo,
    text_field_of,
)
from jixiao.read._segment import form_title_kind, is_report_title
from jixiao.read._vocab import is_level1

__all__ = ["GOAL", "LINE_END", "budget_header", "goal_text", "header_run"]

GOAL = re.compile(r"^(年度|项目|部门)?(总体|绩效)?目标$|^年度总体目标$")
LINE_END = "\x00"  # the end of a printed line among the cells
_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*[%分]?$")

_TABLE_OF = {indicator_schema: "indicator_columns", budget_schema: "budget_columns"}


def header_run(  # type: ignore[no-untyped-def]
    texts: list[str], i: int, make, goal_once: bool = False, unknown_ok: bool = False
) -> tuple[Schema, int] | None:
    """The longest header (by ``make``) starting at ``i``: its schema and width.

    A header's every cell names a column, so no window reaching past the first cell that names
    none can be the header: the windows tried stop there (at most cells a data row starts with).
    With ``goal_once`` (cells one per line), nor past a second cell naming the goal column
    (目标名称 … 长期绩效目标1, a row's first cell; 长期绩效目标表 | 目标名称, a table's title before
    its header): a header names it once (the 二级/三级 columns of 中期/年度 halves do repeat).
    A flattened line's header (``_oneline``) is cut by the same rule, the title a line of its own.
    With ``unknown_ok``, an indicator header may hold one cell naming no column between two
    labels (评（扣）分标准 between 权重 and 指标值设定依据), as ``indicator_schema`` allows.
    """
    table = _TABLE_OF[make]
    memo = role_memo(table)
    limit = min(len(texts) - i, 16)
    span = 0
    goal = False
    unknown = None
    while span < limit:
        c = texts[i + span]
        role = role_in(memo, table, c) if c else None
        if c and role is None and not (make is indicator_schema and names_by_year(c)):
            nxt = texts[i + span + 1] if span + 1 < limit else ""
            if not (unknown_ok and unknown is None and make is indicator_schema and span >= 3 and nxt):
                break
            if nxt == LINE_END or role_in(memo, table, nxt) is None:
                break
            unknown = span  # 评（扣）分标准: no column the vocabulary names, a label after it
        if goal_once and role == "goal" and make is indicator_schema:
            if goal:
                break
            goal = True
        span += 1
    best = None
    for width in range(3, span + 1):
        window = texts[i : i + width]
        if LINE_END in window:
            break
        schema = make(window)
        if (
            schema is not None
            and window[-1]  # a header ends at a named column: a blank after it starts the next row
            and all(
                r is not None or not c or k == unknown
                for k, (r, c) in enumerate(zip(schema.roles, window, strict=True))
            )
        ):
            best = (schema, width)
        elif schema is None and best is not None and width > best[1] + 1:
            break
    return best


def budget_header(texts: list[str], i: int) -> tuple[Schema, int, int] | None:
    """A budget header: an optional block label, an optional empty cell, then budget columns."""
    j = i
    label = is_budget_label(texts[i]) and budget_schema([texts[i]]) is None
    if label:
        j += 1
        if j < len(texts) and not texts[j]:
            j += 1
    run = header_run(texts, j, budget_schema)
    if run is None:
        return None
    schema, width = run
    lead = j - i
    roles: list[str | None] = [None] * lead + schema.roles
    return Schema(roles), lead, lead + width


def goal_text(text: str) -> bool:
    """A goal's text after its label: a sentence that names no column, field, level or form."""
    return bool(
        text
        and text != LINE_END
        and not _NUMBER.match(text)
        and column_role(text) is None
        and budget_role(text) is None
        and not (field_of(text) or text_field_of(text) or overall_role(text))
        and not (GOAL.match(label_key(text)) or is_level1(text) or is_group_label(text))
        and not (form_title_kind(text) or is_report_title(text))
    )
