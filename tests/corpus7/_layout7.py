"""The seventh set's forms printed as documents (text lines + merged-cell grids), one layout per
family as the templates README describes it, with the makers' label wordings in ``form.look``."""

from __future__ import annotations

from _forms7 import split_target
from _grid7 import Doc, Grid, Pct
from _model7 import Form


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{y}年{int(m)}月{int(d)}日"


def _money(form: Form, v: float):
    """An amount as the maker prints it: 万元 numbers, or 元 text with thousands separators."""
    if form.look.get("yuan"):
        return f"{v * 10000:,.2f}"
    return v


def _levels(g: Grid, r0: int, inds, c1: int, labels=None) -> None:
    """Level-1 and level-2 cells merged down over their indicators (columns c1, c1 + 1)."""
    labels = labels or (lambda lvl, key: key if lvl == 1 else key[1])
    k = 0
    while k < len(inds):
        e = k
        while e < len(inds) and inds[e].level1 == inds[k].level1:
            e += 1
        g.put(r0 + k, c1, labels(1, inds[k].level1), rs=e - k)
        j = k
        while j < e:
            f = j
            while f < e and inds[f].level2 == inds[j].level2:
                f += 1
            g.put(r0 + j, c1 + 1, labels(2, (inds[j].level1, inds[j].level2)), rs=f - j)
            j = f
        k = e


def national(form: Form) -> Doc:
    """Families a/b: 10 columns; budget block, 年度总体目标, indicators, 总分."""
    lk, dept = form.look, form.kind.startswith("department")
    doc = Doc()
    doc.p(form.title)
    doc.p(f"（{form.year}年度）")
    if form.unit and not dept:
        doc.p(f"填报单位（盖章）：{form.unit}")
    g = Grid(9)
    r = 0
    if dept:
        g.line(r, (0, lk.get("dept_label", "部门（单位）名称"), 2), (2, form.unit, 7))
        r += 1
    else:
        g.line(r, (0, "项目名称", 2), (2, form.project, 7))
        g.line(
            r + 1,
            (0, lk.get("sup_label", "主管部门"), 2),
            (2, form.supervisor, 3),
            (5, "实施单位", 1),
            (6, form.implementer, 3),
        )
        r += 2
        if lk.get("leader"):
            g.line(r, (0, "项目负责人及电话", 2), (2, lk["leader"], 7))
            r += 1
    b = form.budget
    unit_word = "元" if lk.get("yuan") else "万元"
    subs = lk.get("subs") or (
        ["其中：基本支出", "项目支出"]
        if dept
        else [f"其中：{lk.get('sub_label', '当年财政拨款')}", "上年结转资金", "其他资金"]
    )
    g.put(
        r,
        0,
        lk.get("budget_label", ("部门资金" if dept else "项目资金") + f"（{unit_word}）"),
        rs=2 + len(subs),
    )
    g.line(r, (1, "", 2), (3, "年初预算数", 1), (4, "全年预算数（A）", 1), (5, "全年执行数（B）", 1))
    g.line(r, (6, "分值", 1), (7, "执行率（B/A）", 1), (8, "得分", 1))
    g.line(
        r + 1,
        (1, lk.get("total_label", "年度资金总额"), 2),
        (3, _money(form, form.extra["initial_budget"]), 1),
        (4, _money(form, b.planned), 1),
        (5, _money(form, b.executed), 1),
        (6, b.weight, 1),
        (7, Pct(b.rate), 1),
        (8, b.score, 1),
    )
    for k, name in enumerate(subs):
        share = 1 if k == 0 else 0
        g.line(
            r + 2 + k,
            (1, name, 2),
            (3, _money(form, form.extra["initial_budget"] * share) if share else "—", 1),
            (4, _money(form, b.planned) if share else "—", 1),
            (5, _money(form, b.executed) if share else "—", 1),
            (6, "—", 1),
            (7, "—", 1),
            (8, "—", 1),
        )
    r += 2 + len(subs)
    g.put(r, 0, "年度总体目标", rs=2)
    g.line(r, (1, "预期目标", 4), (5, "实际完成情况", 4))
    g.line(r + 1, (1, form.overall[0], 4), (5, form.overall[1], 4))
    r += 2
    inds = form.goals[0].indicators
    g.put(r, 0, "绩效指标", rs=len(inds) + 1)
    for c, h in enumerate(
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        start=1,
    ):
        g.put(r, c, h)
    _levels(g, r + 1, inds, 1)
    for k, ind in enumerate(inds):
        rr = r + 1 + k
        g.line(
            rr,
            (3, ind.name, 1),
            (4, ind.target, 1),
            (5, ind.actual, 1),
            (6, ind.weight, 1),
            (7, ind.score, 1),
            (8, "" if ind.score == ind.weight else "受实施进度影响未全部完成", 1),
        )
    r += len(inds) + 1
    g.line(r, (0, "总分", 6), (6, 100, 1), (7, form.total, 1), (8, "", 1))
    doc.t(g)
    doc.p(f"填报日期：{_date(form.filled_on)}")
    return doc


def hubei(form: Form) -> Doc:
    """Family h arrangement 1: points in the labels, one 年度绩效目标（80分） block."""
    doc = Doc()
    doc.p(form.title)
    doc.p(f"单位名称：{form.unit}")
    doc.p(f"填报日期：{_date(form.filled_on)}")
    g = Grid(7)
    b = form.budget
    g.line(0, (0, "项目名称", 1), (1, form.project, 6))
    g.line(1, (0, "主管部门", 1), (1, form.supervisor, 2), (3, "项目实施单位", 1), (4, form.implementer, 3))
    g.put(2, 0, "预算执行情况（万元）（20分）", rs=2)
    g.line(
        2,
        (1, "", 2),
        (3, "预算数(A)", 1),
        (4, "执行数(B)", 1),
        (5, "执行率(B/A)", 1),
        (6, "得分（20分*执行率）", 1),
    )
    g.line(
        3,
        (1, "年度财政资金总额", 2),
        (3, b.planned, 1),
        (4, b.executed, 1),
        (5, Pct(b.rate), 1),
        (6, b.score, 1),
    )
    goal = form.goals[0]
    inds = goal.indicators
    g.put(4, 0, f"{goal.name}（{goal.weight}分）", rs=len(inds) + 1)
    for c, h in enumerate(
        ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"], start=1
    ):
        g.put(4, c, h)
    w1: dict = {}
    w2: dict = {}
    for i in inds:
        w1[i.level1] = w1.get(i.level1, 0) + i.weight
        w2[(i.level1, i.level2)] = w2.get((i.level1, i.level2), 0) + i.weight
    form.extra["level1_weights"] = w1
    form.extra["level2_weights"] = {f"{a}/{c}": v for (a, c), v in w2.items()}

    def label(level, key):
        return f"{key}（{w1[key]}分）" if level == 1 else f"{key[1]}（{w2[key]}分）"

    _levels(g, 5, inds, 1, label)
    for k, ind in enumerate(inds):
        g.line(
            5 + k,
            (3, f"{ind.name}（{ind.weight}分）", 1),
            (4, ind.target, 1),
            (5, ind.actual, 1),
            (6, ind.score, 1),
        )
    r = 5 + len(inds)
    g.line(r, (0, "总分", 6), (6, form.total, 1))
    g.line(r + 1, (0, "偏差大或目标未完成原因分析", 1), (1, form.deviation, 6))
    g.line(r + 2, (0, "改进措施及结果应用方案", 1), (1, form.improvement, 6))
    doc.t(g)
    doc.p(
        "备注：1.预算执行率=执行数/预算数；2.正向指标得分=权重×B/A，反向指标得分=权重×A/B，得分不得突破权重。"
    )
    return doc


def hebei(form: Form) -> Doc:
    """Family g: a system export; two-row indicator header, 权重占比 merged per 一级."""
    doc = Doc()
    doc.p(form.title)
    g = Grid(10)
    b = form.budget
    g.line(0, (0, "单位名称", 2), (2, form.unit, 8))
    g.line(
        1, (0, "项目名称", 2), (2, form.project, 4), (6, "项目编码", 1), (7, form.extra["project_code"], 3)
    )
    g.line(2, (0, "主管部门", 2), (2, form.supervisor, 4), (6, "实施单位", 1), (7, form.implementer, 3))
    g.put(3, 0, "项目资金（万元）", rs=2, cs=2)
    g.line(3, (2, "预算数", 2), (4, "到位数", 2), (6, "执行数", 2), (8, "预算执行进度（%）", 2))
    rate = f"{b.rate * 100:.2f}"
    g.line(4, (2, b.planned, 2), (4, form.extra["budget_received"], 2), (6, b.executed, 2), (8, rate, 2))
    g.put(5, 0, "绩效目标", rs=2, cs=2)
    g.line(5, (2, "年初目标", 4), (6, "实际完成情况", 4))
    g.line(6, (2, form.overall[0], 4), (6, form.overall[1], 4))
    inds = form.goals[0].indicators
    g.put(7, 0, "绩效指标", rs=len(inds) + 2)
    for c, h in enumerate(["一级指标", "二级指标", "三级指标", "指标分值"], start=1):
        g.put(7, c, h, rs=2)
    g.put(7, 5, "指标值", cs=2)
    g.put(7, 7, "得分情况", cs=3)
    g.line(
        8,
        (5, "年度指标值", 1),
        (6, "实际完成值", 1),
        (7, "单项指标得分", 1),
        (8, "权重占比（%）", 1),
        (9, "单项指标折算得分", 1),
    )
    _levels(g, 9, inds, 1)
    conv = form.extra["converted_scores"]
    k = 0
    while k < len(inds):
        e = k
        while e < len(inds) and inds[e].level1 == inds[k].level1:
            e += 1
        g.put(9 + k, 8, int(form.extra["share_by_level1"][inds[k].level1] * 100), rs=e - k)
        k = e
    for k, ind in enumerate(inds):
        g.line(
            9 + k,
            (3, ind.name, 1),
            (4, ind.weight, 1),
            (5, ind.target, 1),
            (6, ind.actual, 1),
            (7, ind.score, 1),
            (9, conv[ind.name], 1),
        )
    r = 9 + len(inds)
    g.line(r, (0, "总分", 9), (9, form.total, 1))
    doc.t(g)
    doc.p(form.look.get("export", "导出时间：2025-02-18 09:42:17"))
    return doc


def target_i1(form: Form) -> Doc:
    """Family i1: header, funds, 总体目标 halves, indicators side by side."""
    doc = Doc()
    doc.p(form.title)
    doc.p(f"（{form.year}年度）")
    g = Grid(8)
    mid, ann = form.goals
    fm, fa = form.extra["medium_term_funds"], form.extra["annual_funds"]
    g.line(0, (0, "项目名称", 1), (1, form.project, 7))
    g.line(1, (0, "主管部门及代码", 1), (1, form.supervisor, 3), (4, "实施单位", 1), (5, form.implementer, 3))
    g.line(2, (0, "项目属性", 1), (1, "新增项目", 3), (4, "项目期", 1), (5, "3年", 3))
    g.put(3, 0, "项目资金（万元）", rs=4)
    g.line(3, (1, "", 3), (4, "中期资金总额", 2), (6, "年度资金总额", 2))
    for k, (lab, key) in enumerate(
        [("资金总额", "total"), ("其中：财政拨款", "fiscal"), ("其他资金", "other")]
    ):
        g.line(4 + k, (1, lab, 3), (4, fm[key], 2), (6, fa[key], 2))
    g.put(7, 0, "总体目标", rs=2)
    g.line(7, (1, mid.name, 4), (5, ann.name, 3))
    g.line(8, (1, mid.text, 4), (5, ann.text, 3))
    n = len(ann.indicators)
    g.put(9, 0, "绩效指标", rs=n + 1)
    for c, h in enumerate(
        ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"], start=1
    ):
        g.put(9, c, h)
    k = 0
    inds = ann.indicators
    while k < n:
        e = k
        while e < n and inds[e].level1 == inds[k].level1:
            e += 1
        g.put(10 + k, 1, inds[k].level1, rs=e - k)
        j = k
        while j < e:
            f = j
            while f < e and inds[f].level2 == inds[j].level2:
                f += 1
            g.put(10 + j, 2, inds[j].level2, rs=f - j)
            g.put(10 + j, 5, inds[j].level2, rs=f - j)
            j = f
        k = e
    for k in range(n):
        g.line(
            10 + k,
            (3, mid.indicators[k].name, 1),
            (4, mid.indicators[k].target, 1),
            (6, inds[k].name, 1),
            (7, inds[k].target, 1),
        )
    doc.t(g)
    return doc


def target_i3(form: Form) -> Doc:
    """Family i3: split target, 指标值说明, 指标值设定依据."""
    doc = Doc()
    doc.p(form.title)
    doc.p(f"填报单位：{form.unit}")
    g = Grid(8)
    f = form.extra["funds"]
    goal = form.goals[0]
    g.line(0, (0, "项目名称", 2), (2, form.project, 6))
    g.line(1, (0, "主管部门", 2), (2, form.supervisor, 2), (4, "实施单位", 1), (5, form.implementer, 3))
    g.put(2, 0, "项目资金（万元）", rs=2, cs=2)
    g.line(2, (2, "资金总额", 2), (4, "财政拨款", 2), (6, "其他资金", 2))
    g.line(3, (2, f["total"], 2), (4, f["fiscal"], 2), (6, f["other"], 2))
    g.line(4, (0, goal.name, 2), (2, goal.text, 6))
    for c, h in enumerate(
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标值说明", "指标值设定依据"]
    ):
        g.put(5, c, h)
    _levels(g, 6, goal.indicators, 0)
    for k, ind in enumerate(goal.indicators):
        sign, value, unit = split_target(ind.target) if not ind.target.startswith("≥**") else ("≥", "**", "%")
        g.line(
            6 + k,
            (2, ind.name, 1),
            (3, sign, 1),
            (4, value, 1),
            (5, unit, 1),
            (6, ind.note, 1),
            (7, ind.basis, 1),
        )
    doc.t(g)
    return doc


LAYOUTS = {"a": national, "b": national, "h": hubei, "g": hebei, "i1": target_i1, "i3": target_i3}


def layout(form: Form) -> Doc:
    return LAYOUTS[form.family](form)
