"""Rebuilding table rows from a stream of cells printed one per line.

Some publication pages print a table one cell per line: row boundaries are gone, covered cells
are absent, an empty cell is a blank. The header says how many columns follow; every data row
holds its value columns in full (empty ones as blanks) but may miss its leading label cells
(merged 一级/二级 labels are printed once). So a row starts at the column its first cell names
(a 一级 label, a 二级 label or else the indicator's name) and ends after the last value column.
Label/value pairs (项目名称 | …), totals and text boxes are recognised by the same vocabulary.
Where a header starts and how wide it is: ``_stream_head``.
"""

from __future__ import annotations

import re

from jixiao.model import Source
from jixiao.read._align import fit, level_sets, placement
from jixiao.read._clean import strip_points
from jixiao.read._grid import Row
from jixiao.read._headers import (
    INDICATOR_VALUE_ROLES,
    LABEL_ROLES,
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
    text_field_of,
)
from jixiao.read._levels import parents
from jixiao.read._segment import form_title_kind, is_report_title
from jixiao.read._stream_head import GOAL, LINE_END, budget_header, goal_text, header_run
from jixiao.read._vocab import GOAL_NUMBERED, NOTES, is_goal_label, is_level1

__all__ = ["TOTAL", "stream_rows"]

TOTAL = re.compile(r"^(总分|合计|总计|自评得分|自评总分|综合得分)[:：]?$")
_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*[%分]?$")
_DASH = {"-", "—", "/", "——", "－", ""}


def _two_row_header(texts: list[str], i: int, width: int) -> list[str] | None:
    """A two-row header printed one cell per line (``… | 指标值 | 得分情况`` then ``年度指标值 |
    实际完成值 | 单项指标得分 …``): the one header row of the data's width, each group label
    replaced by the sub-labels under it. The split between the two rows is the one whose columns
    the first data row fits best; ``None`` when the header is one row."""
    window = texts[i : i + width]
    if not any(c and is_group_label(c) for c in window):
        return None
    best: tuple[float, list[str]] | None = None
    for cut in range(3, width + 1):  # cut == width: one header row
        upper, lower = window[:cut], window[cut:]
        groups = [k for k, c in enumerate(upper) if c and is_group_label(c)] if lower else [cut]
        if not groups or groups != list(range(groups[0], groups[0] + len(groups))):
            continue
        if lower and (
            len(lower) < 2 * len(groups) or any(column_role(c) not in INDICATOR_VALUE_ROLES for c in lower)
        ):
            continue
        after = upper[groups[-1] + 1 :]
        while lower and after and not after[-1]:
            after = after[:-1]  # the lower row's empty cells, under the columns merged down to it
        sub = _sub_labels(lower)
        labels = [*upper[: groups[0]], *sub, *after]
        schema = indicator_schema(labels)
        if schema is None or not ({"level1", "level2", "name"} & set(schema.roles)):
            continue
        j = i + width
        while j < len(texts) and not texts[j]:
            j += 1
        if j >= len(texts):
            continue
        start = min(_label_start(texts, j, schema), schema.first_value)
        cells = texts[j : j + len(labels) - start]
        fits = [fit(r, c) for r, c in zip(schema.roles[start:], cells, strict=False)]
        if sub is not lower and all(f > 0 for f in fits):
            return labels  # a group label under a group label: three rows, the data fits them all
        score = sum(fits)
        if best is None or score > best[0] or (score == best[0] and not lower):
            best = (score, labels)
    return best[1] if best and len(best[1]) < width else None


def _sub_labels(lower: list[str]) -> list[str]:
    """The column labels under a group label: the row below it, where a group label of its own
    (近两年指标值 over 前年 | 上年, beside 预期当年实现值) is replaced by the third row's labels. The
    third row holds only those sub-labels, columns by year (the others are merged down beside
    them), so the middle row is the longest whose groups leave at least two of them each."""
    for cut in range(len(lower) - 1, 0, -1):
        mid, bottom = lower[:cut], lower[cut:]
        groups = [k for k, c in enumerate(mid) if c and is_group_label(c)]
        if not groups or groups != list(range(groups[0], groups[0] + len(groups))):
            continue
        if len(bottom) < 2 * len(groups) or not all(_by_year(c) for c in bottom):
            continue
        return [*mid[: groups[0]], *bottom, *mid[groups[-1] + 1 :]]
    return lower


def _by_year(cell: str) -> bool:
    """A column of one year's value (前年, 上年, 2023年): what a group over years stands over."""
    return column_role(cell) in ("prev2", "prev1") or names_by_year(cell)


def _label_start(texts: list[str], j: int, schema: Schema) -> int:
    """The column a data row starts in: the goal column for a goal's name (长期绩效目标1, merged
    over its indicators and printed once), else its first cell's level, else the name column."""
    l1, l2 = level_sets()
    key = label_key(strip_points(texts[j]))
    nxt = label_key(texts[j + 1]) if j + 1 < len(texts) else ""
    p1, p2, pn = schema.position("level1"), schema.position("level2"), schema.position("name")
    pg = schema.position("goal")
    if pg is not None and (p1 is None or pg < p1) and is_goal_label(texts[j]):
        return pg
    if p1 is not None and key in l1 and (key not in l2 or nxt in l2):
        return p1
    if (
        p1 is not None
        and p2 is not None
        and key in l1
        and key in l2
        and _next_row_starts(texts, j, p1, schema)
        and not _next_row_starts(texts, j, p2, schema)
    ):
        return p1  # 满意度指标 is both: only as 一级 does the row end where the next one starts
    if (
        p1 is not None
        and p2 is not None
        and key in l1
        and key in l2
        and _next_row_starts(texts, j, p1, schema)
        and _fit_from(texts, j, p1, schema) > _fit_from(texts, j, p2, schema)
    ):
        return p1  # … or both end where a row can start (a blank last cell): the better fit
    if p2 is not None and key in l2:
        return p2
    if (
        pn is not None
        and p2 is not None
        and p2 < pn
        and parents(key)
        and _fits_as_level2(texts, j, p2, pn, schema)
    ):
        return p2  # an unlisted 二级 label (服务对象满意度): the row's values decide
    if pn is not None:
        return pn
    return p2 if p2 is not None else (p1 or 0)


def _fit_from(texts: list[str], j: int, start: int, schema: Schema) -> float:
    """How well the row at ``j`` fits its columns when it starts in column ``start``."""
    roles = schema.roles[start:]
    cells = texts[j : j + len(roles)]
    return sum(fit(r, c) for r, c in zip(roles, cells, strict=False) if c != LINE_END)


def _fits_as_level2(texts: list[str], j: int, p2: int, pn: int, schema: Schema) -> bool:
    """Whether the row at ``j`` fits its columns better starting in the 二级 column than in the
    name column: its first cell names a framework dimension the vocabulary does not list, and
    every value column is printed, so the wrong start shifts the values out of their columns."""
    roles = schema.roles
    cells = texts[j : j + len(roles) - p2]
    if LINE_END in cells or len(cells) < len(roles) - p2:
        return False
    as_level2 = sum(fit(r, c) for r, c in zip(roles[p2:], cells, strict=True))
    as_name = sum(fit(r, c) for r, c in zip(roles[pn:], cells, strict=False))
    return as_level2 > as_name and _next_row_starts(texts, j, p2, schema)


def _next_row_starts(texts: list[str], j: int, start: int, schema: Schema) -> bool:
    """Whether a row starting at column ``start`` leaves, after its last cell, a cell that can
    start a row (a blank, a level label, the end of the block) rather than a value."""
    k = j + len(schema.roles) - start
    if k >= len(texts) or not texts[k] or texts[k] == LINE_END:
        return True
    l1, l2 = level_sets()
    key = label_key(strip_points(texts[k]))
    goal_next = schema.position("goal") is not None and is_goal_label(texts[k])
    return key in l1 or key in l2 or goal_next or _ends_block(texts, k)


def _ends_block(texts: list[str], j: int) -> bool:
    t = texts[j]
    if t == LINE_END:
        return True
    return bool(
        TOTAL.match(label_key(t))
        or _goal_row_width(texts, j)
        or field_of(t)
        or text_field_of(t)
        or NOTES.match(t)
        or form_title_kind(t)
        or is_report_title(t)
        or header_run(texts, j, indicator_schema, goal_once=True)
        or header_run(texts, j, budget_schema)
        or _titles_header(texts, j)
    )


def _titles_header(texts: list[str], j: int) -> bool:
    """Whether the cell at ``j`` is a table's title (年度绩效目标表) over the header after it: it
    names a label column, as the header's first cell does, so the header cannot take it in."""
    return (
        j + 1 < len(texts)
        and column_role(texts[j]) in LABEL_ROLES
        and header_run(texts, j + 1, indicator_schema, goal_once=True) is not None
    )


def _goal_row_width(texts: list[str], i: int) -> int:
    """Cells of a goal row ``年度目标1 | text | 分值 [| 得分]`` starting at ``i`` (Hubei goal rows
    one cell per line), else 0. A label carrying its own text or points stands alone."""
    m = GOAL_NUMBERED.match(label_key(texts[i]))
    if not m or m.group("rest") or i + 2 >= len(texts):
        return 0
    text = texts[i + 1]
    if not text or text == LINE_END or _NUMBER.match(text) or is_level1(text):
        return 0
    width = 2
    while width < 4 and i + width < len(texts) and _NUMBER.match(texts[i + width]):
        width += 1
    return width if width > 2 else 0


def stream_rows(cells: list[tuple[str, Source]]) -> list[Row]:
    texts = [t for t, _ in cells]
    rows: list[Row] = []
    i = 0
    n = len(texts)

    def emit(j: int, row_cells: list[str], table: bool = True) -> None:
        rows.append(Row(cells=row_cells, source=cells[j][1], table=table, exact=table))

    while i < n:
        t = texts[i]
        if t == LINE_END:
            i += 1
            continue
        if not t:
            i += 1
            continue
        run = header_run(texts, i, indicator_schema, goal_once=True, unknown_ok=True)
        if run is not None:
            schema, width = run
            labels = _two_row_header(texts, i, width) or texts[i : i + width]
            emit(i, labels)
            i = _indicator_rows(texts, i + width, indicator_schema(labels) or schema, emit)
            continue
        brun = budget_header(texts, i)
        if brun is not None:
            schema, first, width = brun
            emit(i, texts[i : i + width])
            i = _budget_rows(texts, i + width, schema, first, emit)
            continue
        if i + 4 < n and overall_role(texts[i + 1]) == "target" and overall_role(texts[i + 2]) == "actual":
            k = i + 3
            while k < min(n, i + 5) and texts[k] and column_role(texts[k]) in ("score", "weight"):
                k += 1  # 得分 (分值) columns after the two texts: the goal row holds them too
            emit(i, texts[i:k])
            j = k
            while j < n and not texts[j]:
                j += 1  # the goal row's empty first cell (under 年度目标)
            emit(j, ["", *texts[j : j + k - i - 1]])
            i = j + k - i - 1
            continue
        goal = _goal_row_width(texts, i)
        if goal:
            emit(i, texts[i : i + goal])
            i += goal
            continue
        if TOTAL.match(label_key(t)):
            j = i + 1
            filled = 0  # the points and dashes taken: the empty cells under merged columns are free
            while (
                j < n
                and filled < 4
                and (_NUMBER.match(texts[j]) or texts[j] in _DASH)
                and texts[j] != LINE_END
            ):
                filled += texts[j] != ""
                j += 1
            emit(i, texts[i:j])
            i = j
            continue
        if (field_of(t) or text_field_of(t) or overall_role(t)) and i + 1 < n and texts[i + 1] != LINE_END:
            nxt = texts[i + 1]
            if not (field_of(nxt) or text_field_of(nxt)):
                emit(i, [t, nxt])
                i += 2
                continue
        heads = _goal_headings(texts, i)
        if heads:  # 总体目标 | 中期目标（…） | 年度目标, then one text under each heading
            emit(i, texts[i : i + 1 + heads])
            emit(i + 1 + heads, ["", *texts[i + 1 + heads : i + 1 + 2 * heads]])
            i += 1 + 2 * heads
            continue
        numbered = GOAL_NUMBERED.match(label_key(t))
        if (GOAL.match(label_key(t)) or (numbered and not numbered.group("rest"))) and (
            i + 1 < n and goal_text(texts[i + 1])
        ):
            emit(i, [t, texts[i + 1]])  # 年度绩效目标 (or 长期绩效目标1) | its text, as a TAB row prints them
            i += 2
            continue
        emit(i, [t], table=False)
        i += 1
    return rows


_PERIOD_GOAL = re.compile(r"^(中期|长期|年度|近期)(绩效)?目标$")


def _goal_headings(texts: list[str], i: int) -> int:
    """How many goal headings (``中期目标（2024年—2026年）``, ``年度目标``) follow a goal-text label
    at ``i`` with as many goal texts after them — a target table's 总体目标 row printed one cell
    per line; 0 when they do not."""
    if not GOAL.match(label_key(texts[i])):
        return 0
    k = 0
    while i + 1 + k < len(texts) and _PERIOD_GOAL.match(label_key(texts[i + 1 + k])):
        k += 1
    texts_after = texts[i + 1 + k : i + 1 + 2 * k]
    if k < 2 or len(texts_after) < k or not all(goal_text(x) for x in texts_after):
        return 0
    return k


def _indicator_rows(texts: list[str], i: int, schema: Schema, emit) -> int:  # type: ignore[no-untyped-def]
    width = len(schema.roles)
    first_value = schema.first_value
    n = len(texts)
    while i < n:
        if texts[i] == LINE_END:
            i += 1
            continue
        if not texts[i] or _ends_block(texts, i):
            if not texts[i]:
                i += 1
                continue
            return i
        if _goal_heading(texts, i):  # 长期目标 2： | its text: the next goal's rows, same columns
            emit(i, texts[i : i + 2])
            i += 2
            continue
        start = min(_label_start(texts, i, schema), first_value)
        take = width - start
        row = [""] * start + texts[i : i + take]
        if LINE_END in row or _header_within(texts, i + 1, i + take):
            return i
        short = _short_row(texts, i, start, schema)
        if short is not None:
            row, take = short, take - 1
        emit(i, row + [""] * (width - len(row)))
        i += take
    return i


def _goal_heading(texts: list[str], i: int) -> bool:
    """A numbered goal's label alone (长期目标 2：) with its text after it, as the rows of a target
    table print each goal before its indicators under one header."""
    m = GOAL_NUMBERED.match(label_key(texts[i]))
    return bool(m and not m.group("rest") and i + 1 < len(texts) and goal_text(texts[i + 1]))


def _header_within(texts: list[str], j: int, end: int) -> bool:
    """Whether a header starts among the cells ``j:end`` a row would take: then they are not a
    row (长期目标2： | its text, the next table's heading) and the block ends before them."""
    return any(
        column_role(texts[k]) in LABEL_ROLES
        and header_run(texts, k, indicator_schema, goal_once=True) is not None
        for k in range(j, min(end, len(texts)))
    )


def _short_row(texts: list[str], i: int, start: int, schema: Schema) -> list[str] | None:
    """The row at ``i`` one cell short, placed under its columns, when a value column is merged
    over several rows and printed once (Hebei's 权重占比 per 一级 group): read in full, its last
    cell is the next row's label (a value column holding 质量指标 or a name). ``None`` when the
    full row fits as well, or the cell left over cannot start a row."""
    roles = schema.roles
    cells = texts[i : i + len(roles) - start]
    full = sum(fit(r, c) for r, c in zip(roles[start:], cells, strict=False))
    if len(cells) < 3 or fit(roles[-1], cells[-1]) >= 0:
        return None
    left = cells[-1]
    key = label_key(strip_points(left))
    l1, l2 = level_sets()
    if not (key in l1 or key in l2 or _ends_block(texts, i + len(cells) - 1) or fit("name", left) > 0):
        return None
    score, row = placement(cells[:-1], roles, start)
    return row if score > full else None


def _label_lines(texts: list[str], i: int) -> int:
    """How many more lines the budget row label at ``i`` takes: words (no amount, no label of
    their own) between it and the row's first amount, as a cell of two paragraphs prints."""
    k = i + 1
    while (
        k < len(texts)
        and k - i <= 2
        and texts[k]
        and texts[k] != LINE_END
        and not _NUMBER.match(texts[k])
        and texts[k] not in _DASH
        and not (is_budget_label(texts[k]) or budget_role(texts[k]) or overall_role(texts[k]))
        and not GOAL.match(label_key(texts[k]))
    ):
        k += 1
    return k - i - 1 if k > i + 1 and k < len(texts) and _NUMBER.match(texts[k]) else 0


def _budget_rows(texts: list[str], i: int, schema: Schema, lead: int, emit) -> int:  # type: ignore[no-untyped-def]
    """Budget data rows: a row label then one cell per budget column."""
    values = len(schema.roles) - lead
    label_col = max(lead - 1, 0)
    n = len(texts)
    while i < n:
        t = texts[i]
        if t == LINE_END or not t:
            i += 1  # an empty cell before a row's label: the row label merged over the block
            continue
        if _ends_block(texts, i) or overall_role(t) or GOAL.match(label_key(t)):
            return i
        has_label = not _NUMBER.match(t)
        wrapped = _label_lines(texts, i) if has_label else 0
        if wrapped:  # the row label's cell printed over lines (部门整体支出 | 总额): one label
            t = "".join(texts[i : i + 1 + wrapped])
            i += wrapped
        row_cells = texts[i + 1 : i + 1 + values] if has_label else texts[i : i + values]
        # the label of the next part (年度总体目标 …) ends the row, however wide its header
        cut = next((k for k, c in enumerate(row_cells) if overall_role(c) or GOAL.match(label_key(c))), None)
        if cut is not None and any(_NUMBER.match(c) for c in row_cells[:cut]):
            row_cells = row_cells[:cut]
        if LINE_END in row_cells or not any(_NUMBER.match(c) for c in row_cells):
            return i
        row = [""] * len(schema.roles)
        if has_label:
            row[label_col] = t
        row[lead : lead + len(row_cells)] = row_cells
        emit(i, row)
        i += (1 if has_label else 0) + len(row_cells)
    return i
