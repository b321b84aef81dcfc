"""Blocks every printed layout of ``_layout`` is built from: title and header lines, indicator
cell runs, the budget's 年初预算数 / 到位数 cells, label/value and other rows read from ``extra``, notes.
"""

from __future__ import annotations

import re

from jixiao.model import Form, Goal, Indicator
from jixiao.write._page import Paragraph, Table, fmt_date, fmt_num


def _pts(weight: float | None) -> str:
    """The printed weight suffix: 7 -> "（7分）"; nothing when the form prints none."""
    return "" if weight is None else f"（{fmt_num(weight)}分）"


def _header(form: Form) -> list[Paragraph]:
    parts = []
    if form.unit:
        parts.append(f"单位名称：{form.unit}")
    if form.filled_on:
        parts.append(f"填报日期：{fmt_date(form.filled_on)}")
    return [Paragraph("　　".join(parts), "header")] if parts else []


def _title(form: Form) -> Paragraph:
    return Paragraph(form.title, "title")


def _runs(items: list[Indicator], key: object) -> list[tuple[int, int]]:
    """(start, length) of consecutive runs of equal ``key(item)``; the merges of a label column."""
    out: list[tuple[int, int]] = []
    prev: object = object()
    for i, item in enumerate(items):
        k = key(item)  # type: ignore[operator]
        if out and k == prev:
            s, n = out[-1]
            out[-1] = (s, n + 1)
        else:
            out.append((i, 1))
        prev = k
    return out


def _indicator_block(t: Table, start: int, inds: list[Indicator], first_col: int) -> None:
    """一级/二级 labels merged over their rows, then 三级 name and the values (one row each)."""
    for s, n in _runs(inds, lambda i: (i.level1, i.level1_weight)):
        ind = inds[s]
        t.put(start + s, first_col, (ind.level1 or "") + _pts(ind.level1_weight), rowspan=n)
    for s, n in _runs(inds, lambda i: (i.level1, i.level1_weight, i.level2, i.level2_weight)):
        ind = inds[s]
        t.put(start + s, first_col + 1, (ind.level2 or "") + _pts(ind.level2_weight), rowspan=n)


def _initial_budget(form: Form) -> float | None:
    """The 年初预算数 a form prints beside its 全年预算数 (national and most provincial forms)."""
    value = form.extra.get("initial_budget")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _received(form: Form) -> float | None:
    """The 到位数 (funds received) an export prints beside 预算数 (Hebei's system)."""
    value = form.extra.get("budget_received")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _budget_lead(t: Table, row: int, form: Form, planned_head: str, label: str) -> None:
    """Columns 1–3 of the budget's head row and total row: the row's label, then 预算数 after a
    年初预算数 column, or before a 到位数 column (预算数 | 到位数 | 执行数, as Hebei prints them),
    or alone; the 执行数 column that follows is the layout's."""
    b = form.budget
    planned = b.planned if b is not None else None
    initial, received = _initial_budget(form), _received(form)
    if initial is None and received is None:
        t.put(row, 1, "", colspan=2)
        t.put(row + 1, 1, label, colspan=2)
        cells = [(3, planned_head, planned)]
    else:
        t.put(row, 1, "")
        t.put(row + 1, 1, label)
        if initial is not None:
            cells = [(2, "年初预算数", initial), (3, planned_head, planned)]
        else:
            cells = [(2, planned_head, planned), (3, "到位数", received)]
    for col, head, value in cells:
        t.put(row, col, head)
        t.put(row + 1, col, fmt_num(value), value=value)


def _sum_cell(t: Table, row: int, col: int, parts: list[tuple[int, int]], values: list[float | None]) -> None:
    """A total cell: the sum of ``parts`` when every part has a value, else left blank."""
    cell = next(c for c in t.cells if c.row == row and c.col == col)
    if values and all(v is not None for v in values):
        total = round(sum(v for v in values if v is not None), 6)
        cell.text, cell.value, cell.sum_of = fmt_num(total), total, parts


def _goal_label(form: Form, goal: Goal) -> str:
    """The goal label with its weight on a line of its own (a narrow label column then never breaks
    inside "（9分）"); a weight the form left as "(XX分)" is printed so again."""
    placeholders = form.extra.get("placeholder_weights") or []
    if goal.weight is None and goal.name in placeholders:
        return f"{goal.name}\n（XX分）"
    return goal.name + ("\n" + _pts(goal.weight) if goal.weight is not None else "")


def _fields(t: Table, form: Form) -> None:
    """Label/value cells the form prints beyond the contract (项目类别, 填报人 …), kept as printed."""
    fields = form.extra.get("fields")
    if not isinstance(fields, dict):
        return
    for label, value in fields.items():
        if isinstance(value, str | int | float) and label and str(value):
            t.row(str(label), (str(value), t.ncols - 1), align="left")
            t.cells[-2].align = "center"


def _extra_rows(form: Form) -> list[list[str]]:
    """Rows of blocks the model has no field for (资金来源, 支出明细 …), their non-empty texts."""
    rows = form.extra.get("rows")
    if not isinstance(rows, list):
        return []
    out = [[str(x) for x in texts if str(x)] if isinstance(texts, list) else [] for texts in rows]
    return [x for x in out if x]


def _other_rows(t: Table, rows: list[list[str]]) -> None:
    """Rows of blocks the model has no field for, printed as read across the table's width."""
    for texts in rows:
        cells = texts[: t.ncols]
        if not cells:
            continue
        # the columns shared out evenly: a long text never squeezed into the narrow label column
        n = len(cells)
        spans = [t.ncols // n + (1 if k < t.ncols % n else 0) for k in range(n)]
        r = t.nrows
        c = 0
        for text, span in zip(cells, spans, strict=True):
            t.put(r, c, text, colspan=span, align="left" if len(text) > 2 * span * 4 else "center")
            c += span


def _notes(notes: list[str]) -> list[Paragraph | Table]:
    if not notes:
        return []
    return [Paragraph("备注：", "note"), *(Paragraph(n, "note") for n in notes)]


def _sheet_name(form: Form) -> str:
    """A worksheet name: the project's (or unit's) name, else the title; Excel allows 31 characters
    and none of []:*?/\\."""
    for name in (form.project, form.unit, form.title):
        cleaned = re.sub(r"[\[\]:*?/\\]", "", name or "").strip().strip("'")
        if cleaned:
            return cleaned[:31]
    return "表"
