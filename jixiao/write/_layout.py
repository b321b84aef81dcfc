"""The printed layout of a form, independent of the file format.

One layout is computed per form (title, header lines, one or more bordered tables with
merged cells, 备注 notes) and then rendered by the XLSX and DOCX writers (the PDF is the
DOCX printed by LibreOffice). Keeping the geometry here means the three files show the same
grid, and that grid is what the readers turn back into rows.
"""

from __future__ import annotations

from typing import Literal

from jixiao.model import Form, FormKind, Goal
from jixiao.write._blocks import (
    _budget_lead,
    _extra_rows,
    _fields,
    _goal_label,
    _header,
    _indicator_block,
    _initial_budget,
    _notes,
    _other_rows,
    _pts,
    _sheet_name,
    _sum_cell,
    _title,
)
from jixiao.write._columns import IndicatorColumn, indicator_columns, starred, with_sub_rows
from jixiao.write._page import (
    Paragraph,
    Sheet,
    Table,
    Template,
    fmt_num,
    fmt_rate,
)

__all__ = ["Notes", "form_layout"]


# --- notes (备注) -----------------------------------------------------------------------------

WUHAN_NOTES = [
    "1.预算执行情况口径：预算数为调整后财政资金总额（包括上年结余结转），执行数为资金使用单位财政资金实际支出数。",
    "2.定量指标完成数汇总原则：绝对值直接累加计算，相对值按照资金额度加权平均计算。"
    "定量指标计分原则：正向指标（即目标值为≥X，得分=权重×B/A），反向指标（即目标值为≤X，得分=权重×A/B），"
    "得分不得突破权重总额。定量指标先汇总完成数，再计算得分。",
    "3.定性指标计分原则：达成预期指标、部分达成预期指标、未达成预期指标三档，分别按照该指标对应分值区间"
    "100%-80%（≥80%）、80%-50%（≥50%，<80%）、50%-0%（<50%）合理确定分值。"
    "汇总时，以资金额度为权重，对分值进行加权平均计算。",
    "4.基于经济性和必要性等因素考虑，满意度指标暂可不作为必评指标。",
]

NATIONAL_NOTES = [
    "1.本表格式参照《项目支出绩效评价管理办法》（财预〔2020〕10号）所附项目支出绩效自评表。",
    "2.分值一般为：预算执行率10分，产出指标50分，效益指标30分，满意度指标10分；本表列示的分值以原表为准。",
    "3.定量指标按完成值与指标值之比计分，定性指标按达成、部分达成、未达成三档计分，得分不超过分值。",
    "4.偏差原因分析及改进措施：说明偏离绩效目标的原因，以及下一步拟采取的改进措施。",
]


def notes_for(template: Template) -> list[str]:
    """The 备注 of a template's rule set (printed under self-evaluation forms)."""
    return list(NATIONAL_NOTES if template is Template.NATIONAL else WUHAN_NOTES)


# --- layouts ----------------------------------------------------------------------------------


Notes = list[str] | Literal["auto", "form"]


def form_layout(
    form: Form, template: Template = Template.WUHAN, notes: Notes = "auto", *, weight_column: bool = False
) -> Sheet:
    """The printed layout of one form.

    ``weight_column``: the Wuhan layout with a 分值 column of its own (a spreadsheet adds it up)
    instead of each weight printed after its indicator's name.

    ``notes``: "auto" prints the form's own 备注 when it has them, else the rule set's notes of
    the template (always the national notes under the national template); "form" prints only
    the form's own; a list prints that list.
    """
    if form.kind.is_target:
        return _target_layout(form)
    own = form.extra.get("notes")
    own_lines = [x for x in own.split("\n") if x.strip()] if isinstance(own, str) else []
    if notes == "form":
        notes = own_lines
    elif notes == "auto":  # the national template states its own rule set's notes
        notes = notes_for(template) if template is Template.NATIONAL else own_lines or notes_for(template)
    if template is Template.NATIONAL:
        return _national_layout(form, notes)
    return _wuhan_layout(form, notes, weight_column)


def _wuhan_layout(form: Form, notes: list[str], weight_column: bool = False) -> Sheet:
    # columns: label | 一级 | 二级 | 三级 | [分值] | 年初目标值 | 实际完成值 | 得分 | [extra columns]
    w = 1 if weight_column else 0
    cols = indicator_columns(form)
    widths = [10, 8, 10, 19, 6, 12, 12, 9] if w else [10, 8, 10, 21, 13, 13, 10]
    t = Table(7 + w + len(cols), widths + [c.width for c in cols])
    last = 6 + w  # the 得分 column
    end = last + len(cols)  # the last column
    tail = 1 + len(cols)  # a 得分 cell above the indicator block spans the extra columns
    if form.project is not None or form.kind is FormKind.PROJECT_SELF_EVALUATION:
        t.row("项目名称", (form.project, end), align="left")
        t.row("主管部门", (form.supervisor, 2), "项目实施单位", (form.implementer, 3 + w + len(cols)))
    _fields(t, form)
    _other_rows(t, _extra_rows(form))
    scores: list[tuple[int, int]] = []  # the cells the 总分 adds up
    b = form.budget
    if b is not None:
        r = t.nrows
        t.put(r, 0, "预算执行情况（万元）" + _pts(b.weight), rowspan=2)
        total_label = "部门整体支出总额" if form.kind.is_department else "年度财政资金总额"
        _budget_lead(t, r, form, "预算数（A）", total_label)
        t.put(r, 4, "执行数（B）", colspan=1 + w)
        t.put(r, 5 + w, "执行率（B/A）")
        head = "得分" + (f"（{fmt_num(b.weight)}分*执行率）" if b.weight is not None else "")
        t.put(r, last, head, colspan=tail)
        t.put(r + 1, 4, fmt_num(b.executed), value=b.executed, colspan=1 + w)
        t.put(r + 1, 5 + w, fmt_rate(b.rate), value=b.rate)
        t.put(r + 1, last, fmt_num(b.score), value=b.score, colspan=tail)
        scores.append((r + 1, last))
    o = form.overall_goal
    if o is not None:
        r = t.nrows
        t.put(r, 0, "项目绩效总目标" + _pts(o.weight), rowspan=2)
        t.put(r, 1, "年初设定目标", colspan=3)
        t.put(r, 4, "全年实际完成情况", colspan=2 + w)
        t.put(r, last, "得分", colspan=tail)
        t.put(r + 1, 1, o.target, colspan=3, align="left")
        t.put(r + 1, 4, o.actual, colspan=2 + w, align="left")
        t.put(r + 1, last, fmt_num(o.score), value=o.score, colspan=tail)
        scores.append((r + 1, last))
    for goal in form.goals:
        rows = _wuhan_goal(t, form, goal, w, cols)
        scores += [(rr, last) for rr in rows]
    r = t.nrows
    if w:
        # the budget's points sit in its label, not in this column: no 分值 total to print
        t.row(("总分", 4), None, ("", 2), (fmt_num(form.total_score), tail), bold=True)
    else:
        t.row(("总分", 6), (fmt_num(form.total_score), tail), bold=True)
    total = next(c for c in t.cells if c.row == r and c.col == last)
    total.value = form.total_score
    parts = [c.value for c in t.cells if (c.row, c.col) in set(scores) and c.value is not None]
    if form.total_score is not None and parts and abs(sum(parts) - form.total_score) < 0.005:
        total.sum_of = scores  # a formula only where it gives the printed total
    _conclusion(t, form)
    t.row("偏差大或目标未完成原因分析", (form.deviation_reason, end), align="left")
    t.cells[-2].align = "center"
    t.row("改进措施及结果应用方案", (form.improvement, end), align="left")
    t.cells[-2].align = "center"
    blocks: list[Paragraph | Table] = [_title(form), *_header(form), t]
    blocks += _notes(notes)
    return Sheet(_sheet_name(form), blocks, landscape=bool(w) or bool(cols))


def _wuhan_goal(t: Table, form: Form, goal: Goal, w: int, cols: list[IndicatorColumn]) -> list[int]:
    """A goal's rows; returns the rows of its indicators (for the totals)."""
    last = 6 + w
    label = _goal_label(form, goal)
    if goal.text is not None:
        t.keep.add(t.row(label, (goal.text, last + len(cols)), align="left"))
        t.cells[-2].align = "center"
        label = "年度绩效指标"
    r = t.nrows
    t.keep.add(r)  # a goal's heading rows never end a page
    rows = with_sub_rows(form, goal.indicators)
    t.put(r, 0, label, rowspan=1 + len(rows))
    heads = ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分", *(c.head for c in cols)]
    if w:
        heads.insert(3, "分值")
    for c, head in enumerate(heads, start=1):
        t.put(r, c, head, bold=True)
    _indicator_block(t, r + 1, [ind for ind, _ in rows], 1)
    for rr, (ind, sub) in enumerate(rows, start=r + 1):
        name = starred(form, ind)
        if w:
            t.put(rr, 3, name, align="left")
            t.put(rr, 4, fmt_num(ind.weight), value=ind.weight)
        else:
            t.put(rr, 3, name + _pts(ind.weight), align="left")
        t.put(rr, 4 + w, ind.target)
        t.put(rr, 5 + w, ind.actual)
        t.put(rr, last, fmt_num(ind.score), value=ind.score)
        for n, col in enumerate(cols, start=last + 1):
            text = "" if sub else col.text(ind)
            t.put(
                rr,
                n,
                text,
                value=None if sub else col.value(ind),
                align="left" if len(text) > 8 else "center",
            )
    return [rr for rr, (_, sub) in enumerate(rows, start=r + 1) if not sub]


def _national_layout(form: Form, notes: list[str]) -> Sheet:
    # 财预〔2020〕10号 项目支出绩效自评表:
    # label | 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    cols = indicator_columns(form, deviation=False)  # after the template's own columns
    widths = [9, 8, 9, 17, 12, 11, 8, 6, 16]  # 分值 column wide enough for 执行率 "96.25%"
    t = Table(9 + len(cols), widths + [c.width for c in cols])
    end = 8 + len(cols)
    tail = 1 + len(cols)  # the blank 偏差 cell of rows above the indicators spans the extra columns
    if form.kind.is_department:
        t.row("单位名称", (form.unit, end), align="left")
    else:
        t.row("项目名称", (form.project, end), align="left")
        t.row("主管部门", (form.supervisor, 3), ("实施单位", 2), (form.implementer, 3 + len(cols)))
    _fields(t, form)
    b = form.budget
    initial = _initial_budget(form)
    rows = _extra_rows(form)
    # the template's 资金来源 rows (其中：当年财政拨款 …), a label and the six budget columns, sit
    # under 年度资金总额 in those columns; any other row is printed as read, above the block
    funds = [x for x in rows if len(x) == 7] if b is not None and initial is not None else []
    _other_rows(t, [x for x in rows if x not in funds])
    scores: list[tuple[int, int]] = []
    weights: list[tuple[int, int]] = []
    weight_values: list[float | None] = []
    if b is not None:
        r = t.nrows
        t.put(r, 0, "项目资金（万元）", rowspan=2 + len(funds))
        _budget_lead(t, r, form, "全年预算数（A）", "年度资金总额")
        # 财预〔2020〕10号 order: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
        t.put(r, 4, "全年执行数（B）")
        t.put(r, 5, "分值")
        t.put(r, 6, "执行率（B/A）")
        t.put(r, 7, "得分")
        t.put(r, 8, "", colspan=tail)
        t.put(r + 1, 4, fmt_num(b.executed), value=b.executed)
        t.put(r + 1, 5, fmt_num(b.weight), value=b.weight)
        t.put(r + 1, 6, fmt_rate(b.rate), value=b.rate)
        t.put(r + 1, 7, fmt_num(b.score), value=b.score)
        t.put(r + 1, 8, "", colspan=tail)
        for k, texts in enumerate(funds, start=r + 2):
            for c, text in enumerate(texts, start=1):
                t.put(k, c, text, align="left" if c == 1 else "center")
            t.put(k, 8, "", colspan=tail)
        scores.append((r + 1, 7))
        weights.append((r + 1, 5))
        weight_values.append(b.weight)
    o = form.overall_goal
    if o is not None:
        r = t.nrows
        t.put(r, 0, "年度总体目标", rowspan=2)
        t.put(r, 1, "预期目标", colspan=3)
        t.put(r, 4, "实际完成情况", colspan=2)
        t.put(r, 6, "分值")
        t.put(r, 7, "得分")
        t.put(r, 8, "", colspan=tail)
        t.put(r + 1, 1, o.target, colspan=3, align="left")
        t.put(r + 1, 4, o.actual, colspan=2, align="left")
        t.put(r + 1, 6, fmt_num(o.weight), value=o.weight)
        t.put(r + 1, 7, fmt_num(o.score), value=o.score)
        t.put(r + 1, 8, "", colspan=tail)
        if o.weight is not None or o.score is not None:
            scores.append((r + 1, 7))
            weights.append((r + 1, 6))
            weight_values.append(o.weight)
    # 偏差原因分析及改进措施: per indicator, as the template prints it
    by_indicator = form.extra.get("deviation_by_indicator")
    deviation = by_indicator if isinstance(by_indicator, dict) else {}
    heads = (
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        *(c.head for c in cols),
    )
    single = len(form.goals) == 1
    for goal in form.goals:
        label = "绩效指标" if single else "年度绩效指标"
        if single and goal.weight is not None and not goal.text:
            label = goal.name + _pts(goal.weight)  # the block's points in its label: 绩效指标（90分）
        if goal.text or not single:  # the goal's own label in its cell, its text beside it
            t.keep.add(t.row(_goal_label(form, goal), (goal.text, end), align="left"))
            t.cells[-2].align = "center"
        rows = with_sub_rows(form, goal.indicators)
        r = t.nrows
        t.keep.add(r)
        t.put(r, 0, label, rowspan=1 + len(rows))
        for c, head in enumerate(heads, start=1):
            t.put(r, c, head, bold=True)
        _indicator_block(t, r + 1, [ind for ind, _ in rows], 1)
        for rr, (ind, sub) in enumerate(rows, start=r + 1):
            t.put(rr, 3, starred(form, ind), align="left")
            t.put(rr, 4, ind.target)
            t.put(rr, 5, ind.actual)
            t.put(rr, 6, fmt_num(ind.weight), value=ind.weight)
            t.put(rr, 7, fmt_num(ind.score), value=ind.score)
            text = None if sub else deviation.get(ind.name)
            t.put(rr, 8, text if isinstance(text, str) else "", align="left")
            for c, col in enumerate(cols, start=9):
                t.put(rr, c, "" if sub else col.text(ind), value=None if sub else col.value(ind))
            if not sub:  # a 其中 row has no points of its own
                scores.append((rr, 7))
                weights.append((rr, 6))
                weight_values.append(ind.weight)
    r = t.nrows
    t.row(("总分", 6), None, fmt_num(form.total_score), ("", tail), bold=True)
    _sum_cell(t, r, 6, weights, weight_values)
    total = next(c for c in t.cells if c.row == r and c.col == 7)
    total.value = form.total_score
    parts = [c.value for c in t.cells if (c.row, c.col) in set(scores) and c.value is not None]
    if form.total_score is not None and parts and abs(sum(parts) - form.total_score) < 0.005:
        total.sum_of = scores
    # a form-level analysis (forms of other templates) in full-width rows under the table
    _conclusion(t, form)
    if form.deviation_reason:
        t.row("偏差原因分析", (form.deviation_reason, end), align="left")
        t.cells[-2].align = "center"
    if form.improvement:
        t.row("改进措施", (form.improvement, end), align="left")
        t.cells[-2].align = "center"
    blocks: list[Paragraph | Table] = [_title(form), *_header(form), t]
    blocks += _notes(notes)
    return Sheet(_sheet_name(form), blocks, landscape=True)


def _conclusion(t: Table, form: Form) -> None:
    """A 评价结论 box (Sichuan's forms print one above 存在问题 / 改进措施), when the form has one."""
    text = form.extra.get("conclusion")
    if isinstance(text, str) and text.strip():
        t.row("评价结论", (text, t.ncols - 1), align="left")
        t.cells[-2].align = "center"


def _target_layout(form: Form) -> Sheet:
    # 目标名称 | 一级指标 | 二级指标 | 三级指标 | 指标值 | [指标值说明] | 指标值确定依据
    cols = indicator_columns(form, value_notes=True)
    t = Table(6 + len(cols), [14, 10, 12, 24, 16, *(c.width for c in cols), 14])
    end = 5 + len(cols)
    if form.kind is FormKind.PROJECT_TARGET:
        t.row("项目名称", (form.project, end), align="left")
        # 项目执行单位 reads back as the unit too: a form without a unit prints 项目实施单位
        label = "项目执行单位" if form.unit else "项目实施单位"
        t.row("项目主管部门", (form.supervisor, 2), label, (form.implementer, 2 + len(cols)))
    else:
        t.row("部门（单位）名称", (form.unit, end), align="left")
    _fields(t, form)
    _other_rows(t, _extra_rows(form))
    for goal in form.goals:
        label = _goal_label(form, goal)
        if goal.text is not None:
            t.row(label, (goal.text, end), align="left")
            t.cells[-2].align = "center"
        r = t.nrows
        t.put(r, 0, "目标名称", bold=True)
        heads = ("一级指标", "二级指标", "三级指标", "指标值", *(c.head for c in cols), "指标值确定依据")
        for c, head in enumerate(heads, start=1):
            t.put(r, c, head, bold=True)
        inds = goal.indicators
        if inds:
            t.put(r + 1, 0, goal.name, rowspan=len(inds))
        _indicator_block(t, r + 1, inds, 1)
        for k, ind in enumerate(inds):
            rr = r + 1 + k
            t.put(rr, 3, starred(form, ind) + _pts(ind.weight), align="left")
            t.put(rr, 4, ind.target)
            for c, col in enumerate(cols, start=5):
                t.put(rr, c, col.text(ind), align="left")
            t.put(rr, end, ind.basis)
    header = []
    if form.unit and form.kind is FormKind.PROJECT_TARGET:
        header.append(Paragraph(f"单位名称：{form.unit}", "header"))
    return Sheet(_sheet_name(form), [_title(form), *header, t])
