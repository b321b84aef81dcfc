"""A form flattened onto one line, cut back into the lines it was printed in.

Some pages reach us with every line break lost: title, header fields, budget block, goal and
indicator table run on in one line of space-separated cells, and empty cells leave no trace. The
vocabulary gives the cuts, never a position learned from one file:

- a table header is a run of column labels (``header_run`` / ``budget_header``), so its line
  ends where the labels end, and its columns say what a data row may hold;
- a budget row is its label words and then at most one amount per budget column: a word after
  an amount starts the next row (unless the table has a 原因 column for it);
- an indicator row is a sequence of cells in increasing columns of the header. Where rows start
  is chosen for the whole table at once by dynamic programming (``_oneline_rows``) over
  (cell, column, row has a name): each cell scores its fit to its column (``_align.fit``, the
  rule that places sparse rows), a row costs a little, a row without an indicator name costs
  much — so a text after the score is the 偏差原因 of its row when the next cell can start a
  row, and the name of the next row when it must;
- a numbered goal's label alone and its text (长期目标2： | 落实…) inside a table are that goal's
  名称 | 目标说明 line, between the rows of two goals (the next goal's rows print no header);
- elsewhere a label (header field, goal, total …) after a value starts a new line, and a run
  of labels followed by values is a header line of its own.

The indicator table's lines are cut in ``_oneline_table``; the lines are then read as the
space-separated rows they were (``_layouts``).
"""

from __future__ import annotations

import re

from jixiao.read._headers import (
    LABEL_ROLES,
    budget_role,
    column_role,
    field_of,
    indicator_schema,
    is_budget_label,
    is_budget_total,
    label_key,
    overall_role,
    text_field_of,
    vocabulary,
)
from jixiao.read._oneline_cells import (
    NUMBER as _NUMBER,
)
from jixiao.read._oneline_cells import (
    close_brackets,
    is_goal_label,
    join_cells,
)
from jixiao.read._oneline_rows import LABEL_CHARS
from jixiao.read._oneline_table import ends_table, indicator_lines, is_box, is_pair, is_title
from jixiao.read._stream import TOTAL
from jixiao.read._stream_head import GOAL, budget_header, header_run
from jixiao.read._vocab import head_key, head_line

__all__ = ["flattened_lines"]

MIN_TOKENS = 12  # fewer cells than a header and one row: a line of a space-separated table
_AMOUNT = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*[%％万元]*$|^[-—/－]+$")
_TOKEN_SPLIT = re.compile(r"[ \u3000\u00a0]+")


def flattened_lines(raw: str) -> list[str] | None:
    """The lines of a form printed on the one line ``raw``, or ``None`` if it is not one.

    A line is taken for a flattened form when it holds a table header followed by at least as
    many cells again (a space-separated header line alone holds no data row).
    """
    tokens = [t for t in _TOKEN_SPLIT.split(raw.strip()) if t]
    if len(tokens) < MIN_TOKENS:
        return None  # the joins below only merge tokens: too few already (most long lines)
    tokens = close_brackets(tokens)
    tokens = join_cells(tokens, _table_roles(tokens))
    if len(tokens) < MIN_TOKENS or not _holds_table(tokens):
        return None
    return [" ".join(line) for line in _cut(tokens)]


def _table_roles(tokens: list[str]) -> set[str | None]:
    """The roles of the columns the indicator table headers in ``tokens`` print."""
    roles: set[str | None] = set()
    for i in range(len(tokens)):
        width = _indicator_header(tokens, i)
        roles.update(column_role(t) for t in tokens[i : i + width])
    return roles


def _holds_table(tokens: list[str]) -> bool:
    for i in range(len(tokens)):
        run = header_run(tokens, i, indicator_schema)
        width = run[1] if run is not None else None
        if width is None:
            brun = budget_header(tokens, i)
            width = brun[2] if brun is not None else None
        if width is not None and len(tokens) - i - width >= width:
            return True
    return False


def _is_label(t: str) -> bool:
    """A label cell outside the tables: header field, goal, total, text box, budget row."""
    key = label_key(t)
    return bool(
        field_of(t)
        or head_key(t)
        or text_field_of(t)
        or overall_role(t)
        or GOAL.match(key)
        or TOTAL.match(key)
        or is_goal_label(t)
        or is_budget_label(t)
        or _is_total_label(t)
        or head_line().match(t)
        or t.startswith(("注：", "注:", "备注"))
    )


def _in_goal_head(t: str) -> bool:
    """A cell of the goal block's header: a goal label, or a column label (得分, 分值)."""
    return is_goal_label(t) or column_role(t) is not None or budget_role(t) is not None


def _is_total_label(t: str) -> bool:
    """A budget total row label, also with a period before it (中期资金总额, 年度资金总额)."""
    key = label_key(t)
    return is_budget_total(t) or any(key.endswith(label_key(x)) for x in vocabulary().budget_total_rows)


def _indicator_header(tokens: list[str], i: int) -> int:
    """The width of the indicator table header starting at ``i``, or 0.

    ``header_run`` ends at the first cell naming no column; a header may hold one such cell
    (指标说明) between labels, as ``indicator_schema`` allows: the run is extended over it when a
    label follows. The goal column is named once (``goal_once``): a goal's name after the
    header starts a row, a title naming it before the header (长期绩效目标表) is no column.
    """
    run = header_run(tokens, i, indicator_schema, goal_once=True)
    if run is None:
        return 0
    width = run[1]
    unknown = 0
    for w in range(width + 1, min(len(tokens) - i, 16) + 1):
        if is_title(tokens[i + w - 1]) or is_box(tokens[i + w - 1]):
            break  # a page break's title and header fields after the header: no column of it
        if column_role(tokens[i + w - 1]) is None:
            unknown += 1
            if unknown > 1:
                break
            continue
        if indicator_schema(tokens[i : i + w]) is not None:
            width = w
    if width > 1 and column_role(tokens[i + width - 1]) == "goal":
        width -= 1  # a goal column is printed first: a goal label after the header is a row's
    return width


def _cut(tokens: list[str]) -> list[list[str]]:
    lines: list[list[str]] = []
    cur: list[str] = []

    def flush() -> None:
        if cur:
            lines.append(cur[:])
            cur.clear()

    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        width = _indicator_header(tokens, i)
        if width:
            if len(cur) > 1 and column_role(cur[-1]) in LABEL_ROLES:
                title = cur.pop()  # the table's title over its header (长期绩效目标表): a line
                flush()
                cur.append(title)
            flush()
            i = indicator_lines(tokens, i + width, tokens[i : i + width], lines)
            continue
        brun = budget_header(tokens, i)
        if brun is not None:
            flush()
            bschema, lead, width = brun
            lines.append(tokens[i : i + width])
            i = _budget_lines(tokens, i + width, bschema.roles, lead, lines)
            continue
        if is_title(t):
            if any(_is_label(c) or _NUMBER.match(c) for c in cur):
                flush()  # else the words before it are the title's first words
            cur.append(t)
            flush()
            i += 1
            continue
        label = _is_label(t)
        goal_head = bool(cur) and is_goal_label(cur[0]) and all(_in_goal_head(c) for c in cur)
        if cur:
            if goal_head and _in_goal_head(t):
                pass  # 年度总体目标 | 预期目标 | 实际完成情况 | 得分: one header line
            elif label and (not _is_label(cur[-1]) or is_pair(cur[-1]) or (is_box(cur[-1]) and is_box(t))):
                flush()  # a label after a value, a "label：value" cell or an empty box starts a line
            elif not label and goal_head and len(cur) >= 2:
                flush()  # the goal header line; its values follow
            elif (
                not label
                and not _NUMBER.match(t)
                and TOTAL.match(label_key(cur[0]))
                and _NUMBER.match(cur[-1])
            ):
                flush()  # words after a total's figures
        cur.append(t)
        i += 1
    flush()
    return lines


# ------------------------------------------------------------------ budget block


def _ends_budget(tokens: list[str], i: int) -> bool:
    t = tokens[i]
    if is_budget_total(t):
        return False  # 合计 is a budget row here
    return ends_table(tokens, i) or bool(overall_role(t) or GOAL.match(label_key(t)))


def _budget_lines(
    tokens: list[str], i: int, roles: list[str | None], lead: int, lines: list[list[str]]
) -> int:
    """Budget rows: label words, then at most one amount per budget column."""
    values = len(roles) - lead
    has_reason = "reason" in roles
    n = len(tokens)
    while i < n and not _ends_budget(tokens, i):
        start, row, amounts = i, [], 0
        while i < n and not _ends_budget(tokens, i):
            t = tokens[i]
            amount = bool(_AMOUNT.match(t))
            if amounts and not amount and not (has_reason and _reason_at(tokens, i)):
                break  # a word after the amounts: the next row's label
            if amount and amounts >= values:
                break  # every column filled: an unlabelled next row
            if not amount and budget_role(t) is not None and not is_budget_label(t):
                break
            row.append(t)
            amounts += amount
            i += 1
        if not amounts:
            return start  # no amount: not a budget row
        lines.append(row)
    return i


def _reason_at(tokens: list[str], i: int) -> bool:
    """A word after a row's amounts is its 原因 unless it is a row label: a budget label, a word
    followed by an amount, or a short name (其他资金) where a reason is a sentence."""
    t = tokens[i]
    if is_budget_label(t) or _is_total_label(t) or t.startswith("其中"):
        return False
    if i + 1 < len(tokens) and _AMOUNT.match(tokens[i + 1]):
        return False
    return len(label_key(t)) > LABEL_CHARS or t.endswith(("。", "；", ";"))
