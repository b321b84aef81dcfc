"""Each family's printed table: the form record drawn on a grid with merged cells.

Header labels are drawn per form from the synonyms the issue lists, so no two forms of a
family need print the same headings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from _model import COVER, Cell, Form, Grid, Ind, dec, fmt, pct


@dataclass
class Table:
    """One printed form: title line, lines before the table, the grid, lines after it."""

    title: str | None
    grid: Grid
    side: str | None = None  # a cell sharing the title's line (部门：XX)
    pre: list[str] = field(default_factory=list)
    post: list[str] = field(default_factory=list)
    repeat_header: int | None = None  # grid row to print again after a page break
    page_break: int | None = None  # grid row before which a new page starts
    suffix: str = ""  # file suffix printed after the title in text layouts


def C(text: Any, cs: int = 1, rs: int = 1) -> Cell:
    return Cell("" if text is None else str(text), rs=rs, cs=cs)


DASH = ["—", "-", "/", ""]


def runs(inds: list[Ind], key: str, rows_of: Any) -> dict[int, int]:
    """Row spans of consecutive equal ``key`` values: index of the first indicator → rows."""
    spans: dict[int, int] = {}
    start = 0
    for k in range(1, len(inds) + 1):
        if (
            k == len(inds)
            or getattr(inds[k], key) != getattr(inds[start], key)
            or (key == "l2" and (inds[k].l1 != inds[start].l1))
        ):
            spans[start] = sum(rows_of(inds[j]) for j in range(start, k))
            start = k
    return spans


def num_cell(x: float | None, places: int | None = None) -> str:
    return "" if x is None else fmt(x, places)


class Synonyms:
    """Header labels drawn per form."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self, *options: str) -> str:
        return self.rng.choice(options)


# ---------------------------------------------------------------- national style (a, b, c, e)


def indicator_cells(
    i: Ind, cols: list[str], opt: dict[str, Any], sub: dict[str, str] | None = None
) -> list[Any]:
    out: list[Any] = []
    for key in cols:
        if sub is not None:
            out.append(
                {"name": sub["name"], "target": sub["target"], "actual": sub["actual"]}.get(
                    key, opt.get("sub_blank", "")
                )
            )
            continue
        if i.placeholder:
            if key == "target_wide":
                out.append(C(i.value, cs=2))
            else:
                out.append(
                    i.name
                    if key == "name"
                    else (i.weight_text or "")
                    if key == "weight"
                    else i.value
                    if key == "target"
                    else ""
                )
            continue
        if key == "name":
            name = ("★" if i.core and opt.get("stars") else "") + i.name
            if opt.get("name_points") and i.weight is not None:
                name += opt["name_points"].format(fmt(i.weight))
            out.append(name)
        elif key == "target":
            out.append(i.target())
        elif key == "sign":
            out.append("定性" if i.kind in ("qual", "time") else i.sign)
        elif key == "value":
            out.append(i.value)
        elif key == "unit":
            out.append(i.unit)
        elif key == "actual":
            out.append(i.actual or "")
        elif key == "weight":
            out.append(num_cell(i.weight))
        elif key == "score":
            out.append(num_cell(i.score, opt.get("score_places")))
        elif key == "dev":
            out.append(i.deviation or "")
        elif key == "target_wide":
            out.append(C(i.target(), cs=2))
        elif key == "note":
            out.append(i.note or "")
        elif key == "remark":  # a column no vocabulary names: must not shift the others
            out.append(i.remark or "")
        elif key == "basis":
            out.append(i.basis or "")
        else:  # pragma: no cover
            raise KeyError(key)
    return out


def add_indicator_block(
    g: Grid,
    label: Cell | None,
    header: list[str],
    inds: list[Ind],
    cols: list[str],
    opt: dict[str, Any],
    levels: int = 2,
    l1_label: Any = None,
    l2_label: Any = None,
    merged_dev: str | None = None,
    subheader: list[str] | None = None,
) -> None:
    """Header row then one row per indicator (and 其中 sub-row); 一级/二级 merged over their runs."""

    def rows_of(i: Ind) -> int:
        return 1 + len(i.subrows)

    n_rows = sum(rows_of(i) for i in inds)
    head: list[Any] = []
    if label is not None:
        label.rs = n_rows + 1 + (1 if subheader else 0)
        head.append(label)
    head += header
    if merged_dev is not None:
        head.append(opt.get("dev_label", "偏差原因分析及改进措施"))
    g.add(*head, kind="head")
    if subheader:
        g.add(*subheader, kind="head")
    s1 = runs(inds, "l1", rows_of) if levels >= 1 else {}
    s2 = runs(inds, "l2", rows_of) if levels >= 2 else {}
    first = True
    for k, i in enumerate(inds):
        row: list[Any] = []
        if k in s1:
            row.append(C(l1_label(i) if l1_label else i.l1, rs=s1[k]))
        if k in s2:
            row.append(C(l2_label(i) if l2_label else i.l2, rs=s2[k]))
        row += indicator_cells(i, cols, opt)
        if merged_dev is not None and first:
            row.append(C(merged_dev, rs=n_rows))
        first = False
        g.add(*row, kind="ind")
        for sub in i.subrows:
            g.add(*indicator_cells(i, cols, opt, sub), kind="sub")


def national_like(rng: random.Random, form: Form, opt: dict[str, Any]) -> Table:
    """Families a, b, c, e: the national layout, its column orders and header synonyms."""
    S = Synonyms(rng)
    fam = form.family
    split = fam == "e"
    ab = opt.get("ab_marks", rng.random() < 0.6)
    target_label = S("年度指标值", "年初目标值", "指标值") if fam != "c" else "年度指标值"
    actual_label = {"c": "全年实际值"}.get(fam) or S("实际完成值", "全年实际值", "完成值", "全年完成值")
    weight_label = S("分值", "权重", "指标权重") if fam not in ("c",) else "分值"
    score_label = S("得分", "指标得分", "自评分")
    dev_label = (
        S("偏差原因分析及改进措施", "偏差原因", "未完成原因分析及改进措施")
        if fam != "c"
        else S("未完成原因分析及改进措施", "偏差原因分析及改进措施")
    )
    if fam == "c":
        cols = ["name", "weight", "target", "actual", "score"]
        header = ["一级指标", "二级指标", "三级指标", weight_label, target_label, actual_label, score_label]
    elif split:
        cols = ["name", "sign", "value", "unit", "actual", "weight", "score"]
        header = [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "",
            "",
            actual_label,
            weight_label,
            score_label,
        ]
    else:
        cols = ["name", "target", "actual", "weight", "score"]
        header = ["一级指标", "二级指标", "三级指标", target_label, actual_label, weight_label, score_label]
    merged = form.deviation_reason if fam == "b" and form.deviation_reason else None
    if merged is None:
        cols.append("dev")
        header.append(dev_label)
    if opt.get("remark_col"):
        cols.append("remark")
        header.append(opt["remark_col"])
    W = 1 + len(header) + (1 if merged else 0)
    g = Grid(W)
    b = form.budget
    assert b is not None
    if fam == "b":
        g.add("部门（单位）名称", C(form.unit, cs=W - 1))
    else:
        g.add("项目名称", C(form.project, cs=W - 1))
        a = (W - 3) // 2
        g.add(
            S("主管部门", "主管部门及代码") if fam == "a" else "主管部门",
            C(form.supervisor, cs=a),
            "实施单位",
            C(form.implementer, cs=W - 2 - a),
        )
        if fam == "c":
            g.add("项目负责人及电话", C(opt["leader"], cs=a), "项目地点", C(opt["site"], cs=W - 2 - a))
    # budget
    blabel = {"b": S("部门资金（万元）", "年度预算执行情况（万元）")}.get(fam, "项目资金（万元）")
    if opt.get("yuan"):
        blabel = blabel.replace("（万元）", "（元）")
    planned_label = S("全年预算数", "调整后预算数") + ("（A）" if ab else "")
    exec_label = "全年执行数" + ("（B）" if ab else "")
    rate_label = "执行率" + ("（B/A）" if ab else "")
    bweight = S("分值", "权重") if fam != "c" else "分值"
    dash = opt.get("dash", rng.choice(DASH))
    rest = W - 7
    g.add(
        C(blabel, rs=2 + len(b.rows)),
        "",
        "年初预算数",
        planned_label,
        exec_label,
        bweight,
        rate_label,
        C("得分", cs=rest),
    )

    def money(x: float | None) -> str:  # amounts in 元 when the form says 单位：元
        return "" if x is None else fmt(dec(fmt(x)) * 10000) if opt.get("yuan") else num_cell(x)

    planned_cell = b.planned_text or money(b.planned)
    g.add(
        b.total_label,
        money(b.initial),
        planned_cell,
        money(b.executed),
        num_cell(b.weight),
        pct(b.rate, opt.get("rate_places", 2)),
        C(num_cell(b.score, opt.get("bscore_places")), cs=rest),
    )
    for name, i0, a0, e0 in b.rows:
        g.add(name, money(i0), money(a0), money(e0), dash, dash, C(dash, cs=rest))
    # goal text
    assert form.overall is not None
    h = (W - 1) // 2
    g.add(C("年度总体目标", rs=2), C("预期目标", cs=h), C("实际完成情况", cs=W - 1 - h))
    g.add(C(form.overall[0], cs=h), C(form.overall[1], cs=W - 1 - h))
    inds = form.goals[0].inds
    l1w = opt.get("l1_points")
    opt = {**opt, "dev_label": dev_label}

    def l1_label(i: Ind) -> str:
        if l1w:
            pts = sum(x.weight or 0 for x in inds if x.l1 == i.l1 and not x.placeholder)
            return f"{i.l1}（{fmt(pts)}分）"
        return i.l1 or ""

    if split:  # 年度指标值 over 指标性质 | 指标值 | 度量单位; every other heading spans both rows
        heads: list[Any] = (
            [C(h, rs=2) for h in header[:3]] + [C("年度指标值", cs=3)] + [C(h, rs=2) for h in header[6:]]
        )
        add_indicator_block(
            g,
            C(form.goals[0].label),
            heads,
            inds,
            cols,
            opt,
            l1_label=l1_label,
            merged_dev=merged,
            subheader=["指标性质", "指标值", "度量单位"],
        )
    else:
        add_indicator_block(
            g, C(form.goals[0].label), header, inds, cols, opt, l1_label=l1_label, merged_dev=merged
        )
    # total
    wc = 3 + cols.index("weight")
    sc = 3 + cols.index("score")
    row: list[Any] = [C(opt.get("total_label", "总分"), cs=wc)]
    for c in range(wc, W):
        row.append(
            "100"
            if c == wc
            else num_cell(form.total)
            if c == sc
            else (opt.get("grade", "") if c == sc + 1 else "")
        )
    g.add(*row, kind="total")
    return Table(title=form.title, grid=g)


# ---------------------------------------------------------------- Sichuan (d)


def sichuan(rng: random.Random, form: Form, opt: dict[str, Any]) -> Table:
    S = Synonyms(rng)
    W = 11
    g = Grid(W)
    b = form.budget
    assert b is not None and form.overall is not None
    g.add("项目名称", C(form.project, cs=W - 1))
    g.add("主管部门", C(form.supervisor, cs=4), S("实施单位", "预算单位"), C(form.implementer, cs=5))
    g.add(
        C("预算执行情况（万元）（10分）", rs=1 + len(b.rows)),
        "",
        S("年初预算", "年初预算数"),
        "调整后预算数",
        "预算执行数",
        "预算执行率",
        "权重",
        "得分",
        C("原因", cs=3),
    )
    for k, (name, i0, a0, e0) in enumerate(b.rows):
        if k == 0:
            g.add(
                name,
                num_cell(i0),
                num_cell(a0),
                num_cell(e0),
                pct(b.rate),
                num_cell(b.weight),
                num_cell(b.score),
                C(b.reason or "", cs=3),
            )
        else:
            g.add(name, num_cell(i0), num_cell(a0), num_cell(e0), "", "", "", C("", cs=3))
    g.add(C("年度目标", rs=2), C("预期目标", cs=5), C("实际完成情况", cs=5))
    g.add(C(form.overall[0], cs=5), C(form.overall[1], cs=5))
    goal = form.goals[0]
    header = [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        S("度量单位", "计量单位"),
        S("完成值", "实际完成值"),
        S("权重", "指标权重"),
        S("得分", "自评分"),
        S("未完成原因分析", "偏差原因"),
    ]
    cols = ["name", "sign", "value", "unit", "actual", "weight", "score", "dev"]
    add_indicator_block(g, C(goal.label), header, goal.inds, cols, opt)
    g.add(C("总分", cs=8), "100", num_cell(form.total), "", kind="total")
    g.add("评价结论", C(form.extra.get("conclusion"), cs=W - 1))
    g.add("存在问题", C(form.deviation_reason, cs=W - 1))
    g.add("改进措施", C(form.improvement, cs=W - 1))
    return Table(title=form.title, grid=g)


# ---------------------------------------------------------------- Chongqing (f)


def chongqing(rng: random.Random, form: Form, opt: dict[str, Any]) -> Table:
    W = 10
    g = Grid(W)
    b = form.budget
    assert b is not None and form.overall is not None
    g.add("单位名称", C(form.unit, cs=5), "填报日期", C(opt["date"], cs=3))
    g.add(
        C("预算执行情况", rs=2),
        "年初预算数（万元）",
        "全年预算数（万元）",
        "全年执行数（万元）",
        "执行率（%）",
        "执行率权重",
        "执行率得分（分）",
        C("", cs=3),
    )
    g.add(
        num_cell(b.initial),
        num_cell(b.planned),
        num_cell(b.executed),
        fmt(b.rate * 100),
        num_cell(b.weight),
        num_cell(b.score),
        C("", cs=3),
    )
    g.add("年度总体目标", C(form.overall[0], cs=4), "年度目标完成情况", C(form.overall[1], cs=4))
    g.add(C(form.goals[0].label, cs=W))
    g.add(
        "指标名称",
        "计量单位",
        "指标性质",
        "年初指标值",
        "调整指标值",
        "全年完成值",
        "得分系数（%）",
        "指标权重（分）",
        "指标得分（分）",
        "是否核心指标",
        kind="head",
    )
    for i in form.goals[0].inds:
        if i.kind in ("qual", "time"):
            init, adj = i.value, ""
        elif i.initial:
            init, adj = f"{i.sign}{i.initial}", f"{i.sign}{i.value}"
        else:
            init, adj = f"{i.sign}{i.value}", ""
        g.add(
            i.name,
            i.unit,
            "定性" if i.kind in ("qual", "time") else "定量",
            init,
            adj,
            i.actual,
            fmt(i.coef * 100),
            num_cell(i.weight),
            num_cell(i.score),
            "是" if i.core else "否",
            kind="ind",
        )
    g.add(C("总分", cs=8), num_cell(form.total), "", kind="total")
    return Table(title=form.title, grid=g)


# ---------------------------------------------------------------- Hebei (g)


def hebei(rng: random.Random, form: Form, opt: dict[str, Any]) -> Table:
    W = 9
    g = Grid(W)
    b = form.budget
    assert b is not None and form.overall is not None
    g.add("单位名称", C(form.unit, cs=8))
    g.add("项目名称", C(form.project, cs=4), "项目编码", C(form.extra["project_code"], cs=3))
    g.add("主管部门", C(form.supervisor, cs=4), "实施单位", C(form.implementer, cs=3))
    g.add(
        C("预算执行情况（万元）", rs=2),
        C("预算数", cs=2),
        C("到位数", cs=2),
        C("执行数", cs=2),
        C("预算执行进度（%）", cs=2),
    )
    g.add(
        C(num_cell(b.planned), cs=2),
        C(num_cell(b.received), cs=2),
        C(num_cell(b.executed), cs=2),
        C(fmt(b.rate * 100), cs=2),
    )
    g.add(C("绩效目标", rs=2), C("年初目标", cs=4), C("实际完成情况", cs=4))
    g.add(C(form.overall[0], cs=4), C(form.overall[1], cs=4))
    g.add(C("绩效指标", cs=W))
    g.add(
        C("一级指标", rs=2),
        C("二级指标", rs=2),
        C("三级指标", rs=2),
        C("指标分值", rs=2),
        C("指标值", cs=2),
        C("得分情况", cs=3),
        kind="head",
    )
    g.add("年度指标值", "实际完成值", "单项指标得分", "权重占比（%）", "单项指标折算得分", kind="head")
    inds = form.goals[0].inds
    share = form.options["share"]
    s1 = runs(inds, "l1", lambda i: 1)
    s2 = runs(inds, "l2", lambda i: 1)
    for k, i in enumerate(inds):
        row: list[Any] = []
        if k in s1:
            row.append(C(i.l1, rs=s1[k]))
        if k in s2:
            row.append(C(i.l2, rs=s2[k]))
        row += [i.name, num_cell(i.weight), i.target(), i.actual, num_cell(i.score)]
        if k in s1:
            row.append(C(fmt(share[i.l1] * 100), rs=s1[k]))
        row.append(num_cell(i.converted))
        g.add(*row, kind="ind")
    g.add(C("自评总分", cs=7), "100", num_cell(form.total), kind="total")
    return Table(title=form.title, grid=g, post=[f"导出时间：{opt['export']}"])


# ---------------------------------------------------------------- Hubei (h)


def hubei_one_block(rng: random.Random, form: Form, opt: dict[str, Any]) -> Table:
    W = 7
    g = Grid(W)
    b = form.budget
    assert b is not None
    g.add("项目名称", C(form.project, cs=6))
    g.add("主管部门", C(form.supervisor, cs=2), "项目实施单位", C(form.implementer, cs=2))
    g.add(
        C("预算执行情况（万元）（20分）", rs=2),
        C("", cs=2),
        "预算数(A)",
        "执行数(B)",
        "执行率(B/A)",
        "得分（20分*执行率）",
    )
    g.add(C(b.total_label, cs=2), num_cell(b.planned), num_cell(b.executed), pct(b.rate), num_cell(b.score))
    goal = form.goals[0]
    pts = opt.get("points", "（{}分）")
    l1w, l2w = form.options["l1w"], form.options["l2w"]
    add_indicator_block(
        g,
        C(goal.label),
        ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        goal.inds,
        ["name", "target", "actual", "score"],
        {**opt, "name_points": pts},
        l1_label=lambda i: i.l1 + pts.format(fmt(l1w[i.l1])),
        l2_label=lambda i: i.l2 + pts.format(fmt(l2w[f"{i.l1}/{i.l2}"])),
    )
    if opt.get("subtotal"):  # a 合计 row of the 80-point block: a subtotal, not the 总分
        g.add(
            C("合计", cs=4),
            fmt(goal.weight),
            "",
            fmt(sum(i.score or 0 for i in goal.inds if not i.placeholder)),
            kind="subtotal",
        )
    g.add(C("总分", cs=6), num_cell(form.total), kind="total")
    g.add("偏差大或目标未完成原因分析", C(form.deviation_reason, cs=6))
    g.add("改进措施及结果应用方案", C(form.improvement, cs=6))
    post = [
        "备注：",
        "1.预算执行率=执行数/预算数，预算数为调整后财政资金总额（含上年结转）。",
        "2.正向指标得分=权重×B/A，反向指标得分=权重×A/B，得分不得突破权重。",
        "3.定性指标按达成、部分达成、未达成分别在权重的100%-80%、80%-50%、50%-0%区间评分。",
    ]
    return Table(title=form.title, grid=g, post=post)


def hubei_goal_rows(rng: random.Random, form: Form, opt: dict[str, Any]) -> Table:
    W = 8
    g = Grid(W)
    b = form.budget
    assert b is not None
    g.add("单位名称", C(form.unit, cs=4), "部门整体支出总额（万元）", C(num_cell(b.planned), cs=2))
    g.add(
        C("预算执行情况（万元）（20分）", cs=3),
        C("预算数(A)", cs=2),
        "执行数(B)",
        "执行率(B/A)",
        "得分(20分*执行率)",
    )
    g.add(
        C(b.total_label, cs=3),
        C(num_cell(b.planned), cs=2),
        num_cell(b.executed),
        pct(b.rate),
        num_cell(b.score),
    )
    for goal in form.goals:
        n = len(goal.inds)
        g.add(C(goal.label, rs=n + 2), C(goal.text, cs=3), num_cell(goal.weight), C("", cs=3), kind="goal")
        add_indicator_block(
            g,
            None,
            ["一级指标", "二级指标", "三级指标", "分值", "年初目标值", "实际完成值", "得分"],
            goal.inds,
            ["name", "weight", "target", "actual", "score"],
            opt,
        )
    g.add(C("总分", cs=7), num_cell(form.total), kind="total")
    g.add(C("偏差大或目标未完成原因分析", cs=2), C(form.deviation_reason, cs=6))
    g.add(C("改进措施及结果应用方案", cs=2), C(form.improvement, cs=6))
    return Table(title=form.title, grid=g)


# ---------------------------------------------------------------- targets (i)


def project_target(rng: random.Random, form: Form, opt: dict[str, Any]) -> Table:
    W = 8
    g = Grid(W)
    e = form.extra
    g.add("项目名称", C(form.project, cs=7))
    g.add("主管部门及代码", C(form.supervisor, cs=3), "实施单位", C(form.implementer, cs=3))
    g.add("项目属性", C(e["project_attribute"], cs=3), "项目期", C(e["project_period"], cs=3))
    m, a = e["medium_term_funds"], e["annual_funds"]
    g.add(C("项目资金（万元）", rs=4), C("", cs=3), C("中期资金总额", cs=2), C("年度资金总额", cs=2))
    g.add(C("资金总额", cs=3), C(num_cell(m["total"]), cs=2), C(num_cell(a["total"]), cs=2))
    g.add(C("其中：财政拨款", cs=3), C(num_cell(m["fiscal"]), cs=2), C(num_cell(a["fiscal"]), cs=2))
    g.add(C("其他资金", cs=3), C(num_cell(m["other"]), cs=2), C(num_cell(a["other"]), cs=2))
    mid, ann = form.goals
    g.add(C("总体目标", rs=2), C(mid.label, cs=4), C(ann.label, cs=3))
    g.add(C(mid.text, cs=4), C(ann.text, cs=3))
    n = len(ann.inds)
    g.add(
        C("绩效指标", rs=n + 1),
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "二级指标",
        "三级指标",
        "指标值",
        kind="head",
    )
    s1 = runs(ann.inds, "l1", lambda i: 1)
    s2 = runs(ann.inds, "l2", lambda i: 1)
    for k, (mi, ai) in enumerate(zip(mid.inds, ann.inds, strict=True)):
        row: list[Any] = []
        if k in s1:
            row.append(C(ai.l1, rs=s1[k]))
        row += [C(mi.l2, rs=s2[k])] if k in s2 else []
        row += [mi.name, mi.target()]
        row += [C(ai.l2, rs=s2[k])] if k in s2 else []
        row += [ai.name, ai.target()]
        g.add(*row, kind="ind")
    return Table(title=form.title, grid=g)


def department_target(rng: random.Random, form: Form, opt: dict[str, Any]) -> Table:
    W = 6
    g = Grid(W)
    e = form.extra
    g.add("部门（单位）名称", C(form.unit, cs=5))
    tasks = e["tasks"]
    g.add(
        C("年度主要任务", rs=2 + len(tasks)),
        C("任务名称", rs=2),
        C("主要内容", rs=2),
        C("预算金额（万元）", cs=3),
    )
    g.add("总额", "财政拨款", "其他资金")
    for t in tasks:
        g.add(t["name"], t["content"], num_cell(t["total"]), num_cell(t["fiscal"]), num_cell(t["other"]))
    r = e["budget_request"]
    g.add(C("金额合计", cs=3), num_cell(r["total"]), num_cell(r["fiscal"]), num_cell(r["other"]))
    goal = form.goals[0]
    g.add("年度总体目标", C(goal.text, cs=5))
    add_indicator_block(
        g,
        C(goal.label),
        ["一级指标", "二级指标", "三级指标", C("指标值", cs=2)],
        goal.inds,
        ["name", "target_wide"],
        opt,
    )
    return Table(title=form.title, grid=g)


def target_101(rng: random.Random, form: Form, opt: dict[str, Any]) -> Table:
    S = Synonyms(rng)
    W = 8
    g = Grid(W)
    f = form.extra["funds"]
    g.add("单位名称", C(form.unit, cs=7))
    g.add("项目名称", C(form.project, cs=7))
    g.add("主管部门", C(form.supervisor, cs=3), "实施单位", C(form.implementer, cs=3))
    g.add(
        "项目资金（万元）",
        "资金总额",
        num_cell(f["total"]),
        "其中：财政拨款",
        num_cell(f["fiscal"]),
        "其他资金",
        C(num_cell(f["other"]), cs=2),
    )
    goal = form.goals[0]
    g.add(goal.label, C(goal.text, cs=7))
    header = [
        "一级指标",
        "二级指标",
        "三级指标",
        S("指标性质", "计算符号"),
        S("指标值", "目标值"),
        S("度量单位", "计量单位"),
        S("指标值说明", "指标说明"),
        S("指标值设定依据", "指标值确定依据"),
    ]
    cols = ["name", "sign", "value", "unit", "note", "basis"]
    if opt.get("remark_col"):
        g.width += 1
        for row in g.slots:  # the header rows so far: their last cell spans the new column too
            last = row[-1]
            row.append(COVER if isinstance(last, Cell) or last is COVER else None)
            anchor = next((cell for cell in row[::-1] if isinstance(cell, Cell)), None)
            if anchor is not None and last is not None:
                anchor.cs += 1
        header.append(opt["remark_col"])
        cols.append("remark")
    add_indicator_block(g, None, header, goal.inds, cols, opt)
    return Table(title=form.title, grid=g)
