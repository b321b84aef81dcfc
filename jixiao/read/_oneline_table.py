"""The indicator table of a form flattened onto one line: its rows, cut back as printed.

``_oneline`` finds the table's header; this module takes the cells after it up to the table's
end (a total, a field, the next header; a page break's repeated title and fields skipped),
lays the numbered goals' 名称 | 目标说明 lines between two goals' rows apart, chooses the
header's reading (one row, or a top row and a second under its group label) and where rows
start (``_oneline_rows``), and puts each wrapped name's tail back at the end of its name.
"""

from __future__ import annotations

from jixiao.read._align import level_sets
from jixiao.read._clean import strip_points
from jixiao.read._headers import (
    column_role,
    field_of,
    indicator_schema,
    is_group_label,
    label_key,
    text_field_of,
)
from jixiao.read._oneline_cells import is_goal_column
from jixiao.read._oneline_rows import Rows, best_rows
from jixiao.read._segment import form_title_kind, is_report_title
from jixiao.read._stream import TOTAL
from jixiao.read._stream_head import budget_header, goal_text, header_run
from jixiao.read._vocab import GOAL_NUMBERED, head_key, head_line

__all__ = ["ends_table", "indicator_lines", "is_box", "is_pair", "is_title"]


def is_title(t: str) -> bool:
    """A form's or report's title: a page break repeats it, the next form starts with it."""
    return form_title_kind(t) is not None or is_report_title(t)


def is_box(t: str) -> bool:
    """A header field or text box label: the next such label means this one was left empty."""
    return bool(field_of(t) or head_key(t) or text_field_of(t))


def is_pair(t: str) -> bool:
    """A "label：value" cell: a label and its value in one."""
    m = head_line().match(t)
    return m is not None and m.end() < len(t)


def ends_table(tokens: list[str], i: int) -> bool:
    t = tokens[i]
    key = label_key(t)
    return bool(
        is_title(t)
        or TOTAL.match(key)
        or field_of(t)
        or text_field_of(t)
        or t.startswith(("注：", "注:", "备注"))
        or header_run(tokens, i, indicator_schema)
        or budget_header(tokens, i)
    )


def indicator_lines(tokens: list[str], i: int, header: list[str], lines: list[list[str]]) -> int:
    start, end, cells = i, i, []
    while True:
        while end < len(tokens) and not ends_table(tokens, end):
            end += 1
        cells.extend(tokens[i:end])
        repeat = _page_head(tokens, start - len(header), end)
        if repeat is None:
            break
        back, length = repeat  # a page break's repeated title and header fields: the rows go on
        del cells[len(cells) - back :]
        i = end = end + length
    # a goal column's label (年度绩效指标) in the rows of a header without that column: a line
    lone = set()
    if all(column_role(c) != "goal" for c in header):
        lone = {k for k, c in enumerate(cells) if is_goal_column(c)}
    kept = [k for k in range(len(cells)) if k not in lone]
    rest = [cells[k] for k in kept]
    # a numbered goal and its text (长期目标2： | 落实…) between two goals' rows: a line of its own
    bounds, marks, a = [], [], 0
    for k in range(len(rest)):
        width = _goal_description(rest, k) if k >= a else 0
        if width:
            bounds.append((a, k))
            marks.append((k, k + width))
            a = k + width
    bounds.append((a, len(rest)))
    readings = []
    for k, roles in _headers(header):
        cuts = [best_rows(rest[a:b], roles) for a, b in bounds]
        score = sum(c.score for c in cuts)
        readings.append((score, [c.starts for c in cuts], k, cuts))
    _, _, split, cuts = max(readings, key=lambda r: (r[0], r[1], r[2]))
    lines.append(header[:split])
    if split < len(header):
        lines.append(header[split:])
    spans: list[tuple[int, int, Rows | None]] = []
    for n, ((a, b), rows) in enumerate(zip(bounds, cuts, strict=True)):
        starts = [a + s for s in rows.starts]
        tails = {a + t: a + cell for t, cell in rows.tails.items()}
        ends = [*starts[1:], b] if starts else []
        spans += [(s, e, Rows(0.0, [], tails)) for s, e in zip(starts, ends, strict=True)]
        if n < len(marks):
            spans.append((*marks[n], None))
    pending = sorted(lone)
    for a, b, rows in spans:
        while pending and pending[0] < kept[a]:
            lines.append([cells[pending.pop(0)]])
        lines.append(_join_tail(rest, a, b, rows.tails) if rows is not None else rest[a:b])
    lines.extend([cells[k]] for k in pending)
    return end


def _goal_description(cells: list[str], k: int) -> int:
    """The cells of a numbered goal's label alone, its points if printed apart, and its text
    (长期目标2： | 落实…; 年度目标2: | (16分) | 落实…) at ``k`` — the goal's 名称 | 目标说明 row
    printed between two goals' indicator rows — else 0."""
    m = GOAL_NUMBERED.match(label_key(cells[k]))
    if not m or m.group("rest"):
        return 0
    width = 2 if k + 2 < len(cells) and not strip_points(cells[k + 1]) else 1
    if k + width >= len(cells):
        return 0
    text = cells[k + width]
    l1, l2 = level_sets()
    return width + 1 if goal_text(text) and label_key(strip_points(text)) not in l1 | l2 else 0


def _join_tail(cells: list[str], a: int, b: int, tails: dict[int, int]) -> list[str]:
    """The row ``cells[a:b]`` with a wrapped name's tail put back at the end of its name."""
    row = cells[a:b]
    for t, name in sorted(tails.items(), reverse=True):
        if a <= t < b:
            row[name - a] += row[t - a]
            del row[t - a]
    return row


def _page_head(tokens: list[str], table: int, end: int) -> tuple[int, int] | None:
    """At ``end``, the form's title and header fields printed again at a page break inside
    the table starting at ``table``: (tokens of it before ``end``, tokens from ``end``).

    It repeats word for word a run printed before the table (title, then at least one more
    cell) that ends with a value, not a field's label, and the table goes on after it — a new
    form's title is followed by its own field values and its budget or indicator header.
    """
    if end >= len(tokens) or not is_title(tokens[end]):
        return None
    for j in range(table):
        if tokens[j] != tokens[end]:
            continue
        length = 1
        while (
            end + length < len(tokens) and j + length < table and tokens[j + length] == tokens[end + length]
        ):
            length += 1
        last = tokens[end + length - 1]
        if length < 2 or end + length >= len(tokens) or ends_table(tokens, end + length):
            continue
        if is_box(last) and not is_pair(last):
            continue  # the repeat ends at a field's label: the next form's own value follows
        back = 0  # the title's first words the table's last row took (2021年度…局 | 部门整体…表)
        while (
            back < 3
            and end - back - 1 >= table
            and j - back > 0
            and tokens[end - back - 1] == tokens[j - back - 1]
        ):
            back += 1
        return back, length
    return None


def _headers(header: list[str]) -> list[tuple[int, list[str | None]]]:
    """The readings of a header run: one row, or a top row and the second header row under its
    group label (年度指标值 over 指标性质 | 指标值 | 度量单位) run together after it. The second row
    holds the label repeating the group's role; where it starts is left to the data rows."""
    schema = indicator_schema(header)
    out: list[tuple[int, list[str | None]]] = [(len(header), schema.roles if schema else [])]
    roles = [column_role(c) for c in header]
    group = next((k for k, c in enumerate(header) if is_group_label(c)), None)
    if group is None:
        return out
    repeat = next((k for k in range(group + 1, len(header)) if roles[k] == roles[group]), None)
    for k in range(group + 1, repeat + 1 if repeat is not None else group + 1):
        top = indicator_schema(header[:k])
        if top is not None and top.expand(header[k:]):
            out.append((k, top.roles))
    if len(out) > 1:
        del out[0]  # a group label, then labels of its role (指标值 … 近两年指标值): two header rows
    return out
