"""A table as a grid of merged cells, and the grids of each family's printed form.

``Grid.add`` appends a row of ``text`` or ``(text, colspan)`` cells; ``vmerge`` merges a block
downwards (the covered cells become ``None``). Writers (``_write5``) turn one grid into XLSX,
DOCX, HTML, markdown or text. ``pre`` / ``post`` are lines printed above / below the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from _model5 import Form, Ind, fmt


@dataclass
class Grid:
    ncols: int
    title: str = ""
    pre: list[str] = field(default_factory=list)
    post: list[str] = field(default_factory=list)
    cells: list[list[str | None]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    header_rows: int = 0  # where the indicator header starts (for continuation sheets)
    head_n: int = 1  # rows of the indicator header
    short_last: int = 0  # grid columns the last row leaves out (DOCX ``w:gridAfter``)
    split_at: int = 0  # row where a continuation sheet/page may start

    def add(self, *cells: str | tuple[str, int]) -> int:
        row: list[str | None] = []
        r = len(self.cells)
        for cell in cells:
            text, span = (cell, 1) if isinstance(cell, str) else cell
            c = len(row)
            row.append(text)
            row += [None] * (span - 1)
            if span > 1:
                self.merges.append((r, c, r, c + span - 1))
        if len(row) < self.ncols:  # the last cell spans to the table's edge
            c = len(row) - 1
            pad = self.ncols - len(row)
            row += [None] * pad
            self.merges = [m for m in self.merges if not (m[0] == r and m[1] == c)]
            start = next(k for k in range(c, -1, -1) if row[k] is not None)
            self.merges.append((r, start, r, self.ncols - 1))
        assert len(row) == self.ncols, (row, self.ncols)
        self.cells.append(row)
        return r

    def vmerge(self, r0: int, r1: int, c0: int, c1: int | None = None) -> None:
        c1 = c0 if c1 is None else c1
        if r1 <= r0 and c1 <= c0:
            return
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    self.cells[r][c] = None
        self.merges = [m for m in self.merges if not (r0 <= m[0] <= r1 and c0 <= m[1] <= c1)]
        self.merges.append((r0, c0, r1, c1))

    def merge_at(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        return next((m for m in self.merges if m[0] == r and m[1] == c), None)

    def covered(self, r: int, c: int) -> bool:
        return any(m[0] <= r <= m[2] and m[1] <= c <= m[3] and (r, c) != (m[0], m[1]) for m in self.merges)


def _groups(inds: list[Ind], key) -> list[tuple[int, int]]:
    """Runs of equal ``key`` as (first, last) offsets."""
    out, start = [], 0
    for k in range(1, len(inds) + 1):
        if k == len(inds) or key(inds[k]) != key(inds[start]):
            out.append((start, k - 1))
            start = k
    return out


def level_merges(g: Grid, first: int, inds: list[Ind], c1: int, c2: int, style: str = "merged") -> None:
    """Merge level columns over the indicator rows starting at ``first``. ``style``: ``merged``
    (一级 and 二级 merged down), ``repeat`` (no merge, repeated on every row), ``mixed`` (a level-1
    group without level 2 spans both columns; 二级 merged down elsewhere)."""
    if style == "repeat":
        return
    for a, b in _groups(inds, lambda i: i.level1):
        if style == "mixed" and inds[a].level2 is None:
            g.vmerge(first + a, first + b, c1, c2)
            continue
        g.vmerge(first + a, first + b, c1)
        for a2, b2 in _groups(inds[a : b + 1], lambda i: i.level2):
            g.vmerge(first + a + a2, first + a + b2, c2)


def _lv(i: Ind, style: str) -> tuple[str, str]:
    l1 = i.level1 or ""
    l2 = i.level2 if i.level2 is not None else (l1 if style == "mixed" else "")
    return l1, l2


def pct(rate: float) -> str:
    return f"{rate * 100:.2f}%"


def national(f: Form, style: str = "merged", dept: bool = False, xianjie: bool = False) -> Grid:
    """Families a, b, c: the 10号 table (c: 分值 before the target, 全年实际值, ★)."""
    g = Grid(10, title=f.title)
    if dept:
        g.add("部门（单位）名称", (f.unit or "", 9))
    else:
        g.add("项目名称", (f.project or "", 9))
        g.add("主管部门", (f.supervisor or "", 4), "实施单位", (f.implementer or "", 4))
    b = f.budget
    assert b is not None
    r0 = g.add(
        "部门资金（万元）" if dept else "项目资金（万元）",
        ("", 3),
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
    )
    g.add(
        "",
        ("年度资金总额", 3),
        fmt(b.initial or b.planned),
        fmt(b.planned),
        fmt(b.executed),
        fmt(b.weight),
        pct(b.rate),
        fmt(b.score),
    )
    subs = ["其中：基本支出", "项目支出"] if dept else ["其中：当年财政拨款", "上年结转资金", "其他资金"]
    if xianjie:
        subs = ["其中：中央衔接资金", "省级衔接资金", "市县级衔接资金", "其他资金"]
    for k, s in enumerate(subs):
        vals = (fmt(b.initial or b.planned), fmt(b.planned), fmt(b.executed)) if k == 0 else ("—", "—", "—")
        g.add("", (s, 3), *vals, "—", "—", "—")
    g.vmerge(r0, len(g.cells) - 1, 0)
    r = g.add("年度总体目标", ("预期目标", 5), ("实际完成情况", 4))
    assert f.overall is not None
    g.add("", (f.overall[0], 5), (f.overall[1], 4))
    g.vmerge(r, r + 1, 0)
    head = ["一级指标", "二级指标", "三级指标"]
    head += ["分值", "年度指标值", "全年实际值"] if xianjie else ["年度指标值", "实际完成值", "分值"]
    last = "未完成原因分析及改进措施" if xianjie else "偏差原因分析及改进措施"
    r = g.add("绩效指标", *head, "得分", (last, 2))
    g.header_rows = r
    inds = f.inds()
    dev = f.extra.get("deviation_by_indicator", {})
    for i in inds:
        l1, l2 = _lv(i, style)
        name = ("★" if i.star else "") + i.name
        vals = (
            [fmt(i.weight), i.target, i.actual or ""]
            if xianjie
            else [i.target, i.actual or "", fmt(i.weight)]
        )
        g.add("", l1, l2, name, *vals, fmt(i.score), (dev.get(i.name, ""), 2))
        for sub in f.extra.get("sub_rows", []):
            if sub["parent"] == i.name:
                g.add("", l1, l2, sub["name"], "", sub["target"], sub["actual"], "", ("", 2))
    first = r + 1
    if not f.extra.get("sub_rows"):
        level_merges(g, first, inds, 1, 2, style)
    g.vmerge(r, len(g.cells) - 1, 0)
    g.split_at = first + len(inds) // 2
    if xianjie:
        g.add(("总分", 4), "100", "", "", fmt(f.total), ("", 2))
    else:
        g.add(("总分", 6), "100", fmt(f.total), ("", 2))
    return g


def hubei(f: Form, style: str = "merged") -> Grid:
    """Family h arrangement 1 (one 80-point block, points in labels) outside Wuhan."""
    g = Grid(8, title=f.title)
    g.add("项目名称", (f.project or "", 7))
    g.add("主管部门", (f.supervisor or "", 3), "项目实施单位", (f.implementer or "", 3))
    b = f.budget
    assert b is not None
    g.add(
        "预算执行情况（万元）（20分）",
        ("预算数(A)", 2),
        ("执行数(B)", 2),
        "执行率(B/A)",
        ("得分（20分*执行率）", 2),
    )
    g.add("年度财政资金总额", (fmt(b.planned), 2), (fmt(b.executed), 2), pct(b.rate), (fmt(b.score), 2))
    goal = f.goals[0]
    r = g.add(
        f"{goal.name}（{fmt(goal.weight)}分）",
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值",
        "实际完成值",
        ("得分", 2),
    )
    g.header_rows = r
    lw, l2w = f.extra["level1_weights"], f.extra["level2_weights"]
    for i in goal.inds:
        l1 = f"{i.level1}（{fmt(lw[i.level1])}分）"
        l2 = l1 if i.level2 is None else f"{i.level2}（{fmt(l2w[i.level1 + '/' + i.level2])}分）"
        g.add("", l1, l2, f"{i.name}（{fmt(i.weight)}分）", i.target, i.actual or "", (fmt(i.score), 2))
    level_merges(g, r + 1, goal.inds, 1, 2, style)
    g.vmerge(r, len(g.cells) - 1, 0)
    g.split_at = r + 1 + len(goal.inds) // 2
    g.add(("总分", 6), (fmt(f.total), 2))
    g.add("偏差大或目标未完成原因分析", (f.deviation or "", 7))
    g.add("改进措施及结果应用方案", (f.improvement or "", 7))
    return g


def goal_rows(f: Form, wuhan: bool = False) -> Grid:
    """Family h arrangement 2 / Wuhan: ``年度目标N`` rows, each with its repeated header."""
    g = Grid(7, title=f.title)
    b = f.budget
    assert b is not None
    label = "部门整体支出总额" if f.kind.startswith("department") else "年度财政资金总额"
    g.add(
        "预算执行情况（万元）（20分）",
        ("预算数(A)", 2),
        "执行数(B)",
        "执行率(B/A)",
        ("得分（20分*执行率）", 2),
    )
    g.add(label, (fmt(b.planned), 2), fmt(b.executed), pct(b.rate), (fmt(b.score), 2))
    lw = f.extra.get("level_weights", {})
    for goal in f.goals:
        if wuhan:
            g.add(f"{goal.name}：（{fmt(goal.weight)}分）", (goal.text or "", 6))
            r = g.add("一级指标", "二级指标", "三级指标", ("", 1), "年初目标值", "实际完成值", "得分")
        else:
            g.add(goal.name, (goal.text or "", 5), fmt(goal.weight))
            r = g.add("一级指标", "二级指标", "三级指标", "分值", "年初目标值", "实际完成值", "得分")
        if not g.header_rows:
            g.header_rows = r
        for i in goal.inds:
            if wuhan:
                key = f"{goal.name}/{i.level1}"
                l1 = f"{i.level1}（{fmt(lw[key])}分）"
                l2 = f"{i.level2}（{fmt(lw[key + '/' + i.level2])}分）"
                g.add(l1, l2, f"{i.name}（{fmt(i.weight)}分）", "", i.target, i.actual or "", fmt(i.score))
            else:
                g.add(
                    i.level1 or "",
                    i.level2 or "",
                    i.name,
                    fmt(i.weight),
                    i.target,
                    i.actual or "",
                    fmt(i.score),
                )
        level_merges(g, r + 1, goal.inds, 0, 1)
        if wuhan:
            for rr in range(r, r + 1 + len(goal.inds)):
                g.vmerge(rr, rr, 2, 3)
    g.split_at = len(g.cells) - len(f.goals[-1].inds) - 2
    g.add(("总分", 6), fmt(f.total))
    g.add("偏差大或目标未完成原因分析", (f.deviation or "", 6))
    g.add("改进措施及结果应用方案", (f.improvement or "", 6))
    return g


def split_target(f: Form, sichuan: bool = False) -> Grid:
    """Families d (Sichuan 10/90) and e (Yunnan): sign | value | unit under a two-row header."""
    g = Grid(11, title=f.title)
    g.add("项目名称", (f.project or "", 10))
    g.add("主管部门", (f.supervisor or "", 4), "实施单位", (f.implementer or "", 5))
    b = f.budget
    assert b is not None
    if sichuan:
        r = g.add(
            "预算执行情况（万元）（10分）",
            ("", 2),
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            ("原因", 2),
        )
        g.add(
            "",
            ("财政资金", 2),
            fmt(b.initial or b.planned),
            fmt(b.planned),
            fmt(b.executed),
            pct(b.rate),
            fmt(b.weight),
            fmt(b.score),
            ("", 2),
        )
        g.add("", ("其他资金", 2), "0", "0", "0", "—", "", "", ("", 2))
        g.vmerge(r, r + 2, 0)
        gr = g.add("年度目标", ("预期目标", 5), ("实际完成情况", 5))
    else:
        r = g.add(
            "项目资金（万元）",
            ("", 2),
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            ("得分", 3),
        )
        g.add(
            "",
            ("年度资金总额", 2),
            fmt(b.initial or b.planned),
            fmt(b.planned),
            fmt(b.executed),
            fmt(b.weight),
            pct(b.rate),
            (fmt(b.score), 3),
        )
        g.add(
            "",
            ("其中：财政拨款", 2),
            fmt(b.initial or b.planned),
            fmt(b.planned),
            fmt(b.executed),
            "—",
            "—",
            ("—", 3),
        )
        g.vmerge(r, r + 2, 0)
        gr = g.add("年度总体目标", ("预期目标", 5), ("实际完成情况", 5))
    assert f.overall is not None
    g.add("", (f.overall[0], 5), (f.overall[1], 5))
    g.vmerge(gr, gr + 1, 0)
    goal = f.goals[0]
    label = f"绩效指标（{fmt(goal.weight)}分）" if sichuan else "绩效指标"
    last = "未完成原因分析" if sichuan else "偏差原因分析及改进措施"
    h = g.add(
        label,
        "一级指标",
        "二级指标",
        "三级指标",
        ("指标值" if sichuan else "年度指标值", 3),
        "完成值" if sichuan else "实际完成值",
        "权重" if sichuan else "分值",
        "得分",
        last,
    )
    g.add("", "", "", "", "指标性质", "指标值", "度量单位", "", "", "", "")
    for c in (1, 2, 3, 7, 8, 9, 10):
        g.vmerge(h, h + 1, c)
    g.header_rows, g.head_n = h, 2
    for i in goal.inds:
        sign = i.sign if i.kind != "qual" else "定性"
        actual = i.actual_bare if sichuan else (i.actual or "")
        g.add(
            "",
            i.level1 or "",
            i.level2 or "",
            i.name,
            sign,
            i.value,
            i.unit if i.kind != "qual" else "",
            actual,
            fmt(i.weight),
            fmt(i.score),
            "",
        )
    level_merges(g, h + 2, goal.inds, 1, 2)
    g.vmerge(h, len(g.cells) - 1, 0)
    g.split_at = h + 2 + len(goal.inds) // 2
    g.add(("总分", 8), "100" if not sichuan else "90", fmt(f.total), "")
    if sichuan:
        g.add("评价结论", (f.extra.get("conclusion", ""), 10))
        g.add("存在问题", (f.deviation or "", 10))
        g.add("改进措施", (f.improvement or "", 10))
    return g


def chongqing(f: Form) -> Grid:
    """Family f: flat list, 得分系数（%）, 是否核心指标."""
    g = Grid(10, title=f.title)
    g.add("单位名称", (f.unit or "", 4), "填报日期", (f.shown["filled_on"], 4))
    b = f.budget
    assert b is not None
    g.add(
        ("年初预算数", 2),
        "全年预算数",
        "全年执行数",
        ("执行率（%）", 2),
        ("执行率权重", 2),
        ("执行率得分（分）", 2),
    )
    g.add(
        (fmt(b.initial or b.planned), 2),
        fmt(b.planned),
        fmt(b.executed),
        (fmt(round(b.rate * 100, 2)), 2),
        (fmt(b.weight), 2),
        (fmt(b.score), 2),
    )
    g.add("年度总体目标", (f.overall[0] if f.overall else "", 9))
    g.add("年度目标完成情况", (f.overall[1] if f.overall else "", 9))
    g.add(("绩效指标", 10))
    r = g.add(
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
    )
    g.header_rows = r
    coef = f.extra["score_coefficients"]
    for i in f.inds():
        q = i.kind != "qual"
        tv = (i.sign + i.value) if q else i.target
        g.add(
            i.name,
            i.unit if q else "",
            "定量" if q else "定性",
            tv,
            "",
            i.actual_bare if q else (i.actual or ""),
            fmt(round(coef[i.name] * 100, 2)),
            fmt(i.weight),
            fmt(i.score),
            "是" if i.star else "否",
        )
    g.split_at = r + 1 + len(f.inds()) // 2
    g.add(("合计", 7), "90", fmt(f.total - b.score), "")
    g.add(("自评总分", 7), "100", fmt(f.total), "")
    return g


def hebei(f: Form) -> Grid:
    """Family g: 指标分值 | … | 单项指标得分 | 权重占比（%） | 单项指标折算得分."""
    g = Grid(10, title=f.title)
    g.add("单位名称", (f.unit or "", 9))
    g.add("项目名称", (f.project or "", 4), "项目编码", (f.extra["project_code"], 4))
    g.add("主管部门", (f.supervisor or "", 4), "实施单位", (f.implementer or "", 4))
    b = f.budget
    assert b is not None
    g.add("预算执行情况", ("预算数", 2), ("到位数", 2), ("执行数", 2), ("预算执行进度（%）", 3))
    g.add(
        "",
        (fmt(b.planned), 2),
        (fmt(f.extra["budget_received"]), 2),
        (fmt(b.executed), 2),
        (fmt(round(b.rate * 100, 2)), 3),
    )
    g.vmerge(len(g.cells) - 2, len(g.cells) - 1, 0)
    gr = g.add("绩效目标", ("年初目标", 4), ("实际完成情况", 5))
    g.add("", (f.overall[0] if f.overall else "", 4), (f.overall[1] if f.overall else "", 5))
    g.vmerge(gr, gr + 1, 0)
    h = g.add("一级指标", "二级指标", "三级指标", "指标分值", ("指标值", 2), ("得分情况", 3), "备注")
    g.add("", "", "", "", "年度指标值", "实际完成值", "单项指标得分", "权重占比（%）", "单项指标折算得分", "")
    for c in (0, 1, 2, 3, 9):
        g.vmerge(h, h + 1, c)
    g.header_rows, g.head_n = h, 2
    share, conv = f.extra["share_by_level1"], f.extra["converted_scores"]
    inds = f.inds()
    first = h + 2
    for i in inds:
        g.add(
            i.level1 or "",
            i.level2 or "",
            i.name,
            fmt(i.weight),
            i.target,
            i.actual or "",
            fmt(i.score),
            fmt(round(share[i.level1] * 100)),
            fmt(conv[i.name]),
            "",
        )
    level_merges(g, first, inds, 0, 1)
    for a, b2 in _groups(inds, lambda i: i.level1):
        g.vmerge(first + a, first + b2, 7)
    g.split_at = first + len(inds) // 2
    g.add(("总分", 8), fmt(f.total), "")
    return g


def target_halves(f: Form) -> Grid:
    """i1: 中期 / 年度 halves side by side, 一级 shared."""
    g = Grid(8, title=f.title)
    g.add("项目名称", (f.project or "", 7))
    g.add("主管部门及代码", (f.supervisor or "", 3), "实施单位", (f.implementer or "", 3))
    g.add("项目属性", (f.extra["project_attribute"], 3), "项目期", (f.extra["project_period"], 3))
    mt, an = f.extra["medium_term_funds"], f.extra["annual_funds"]
    r = g.add("项目资金（万元）", ("", 3), ("中期资金总额", 2), ("年度资金总额", 2))
    g.add("", ("资金总额", 3), (fmt(mt["total"]), 2), (fmt(an["total"]), 2))
    g.add("", ("其中：财政拨款", 3), (fmt(mt["fiscal"]), 2), (fmt(an["fiscal"]), 2))
    g.add("", ("其他资金", 3), (fmt(mt["other"]), 2), (fmt(an["other"]), 2))
    g.vmerge(r, r + 3, 0)
    mid, ann = f.goals
    r = g.add("总体目标", (mid.name, 4), (ann.name, 3))
    g.add("", (mid.text or "", 4), (ann.text or "", 3))
    g.vmerge(r, r + 1, 0)
    h = g.add("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值")
    g.header_rows = h
    for a, b in zip(mid.inds, ann.inds, strict=True):
        g.add("", a.level1 or "", a.level2 or "", a.name, a.target, b.level2 or "", b.name, b.target)
    first = h + 1
    for a0, b0 in _groups(mid.inds, lambda i: i.level1):
        g.vmerge(first + a0, first + b0, 1)
    g.vmerge(h, len(g.cells) - 1, 0)
    g.split_at = first + len(mid.inds) // 2
    return g


def target_dept(f: Form) -> Grid:
    """i2: department target table with 年度主要任务."""
    g = Grid(7, title=f.title)
    g.add("部门（单位）名称", (f.unit or "", 6))
    tasks = f.extra["tasks"]
    r = g.add("年度主要任务", "任务名称", ("主要内容", 2), "预算金额（万元）", "", "")
    g.vmerge(r, r, 4, 6)
    g.add("", "", ("", 2), "总额", "财政拨款", "其他资金")
    g.vmerge(r, r + 1, 1)
    g.vmerge(r, r + 1, 2, 3)
    for t in tasks:
        g.add("", t["name"], (t["content"], 2), fmt(t["total"]), fmt(t["fiscal"]), fmt(t["other"]))
    br = f.extra["budget_request"]
    g.add("", ("金额合计", 3), fmt(br["total"]), fmt(br["fiscal"]), fmt(br["other"]))
    g.vmerge(r, len(g.cells) - 1, 0)
    goal = f.goals[0]
    g.add("年度总体目标", (goal.text or "", 6))
    h = g.add(goal.name, "一级指标", "二级指标", ("三级指标", 2), ("指标值", 2))
    g.header_rows = h
    for i in goal.inds:
        g.add("", i.level1 or "", i.level2 or "", (i.name, 2), (i.target, 2))
    level_merges(g, h + 1, goal.inds, 1, 2)
    g.vmerge(h, len(g.cells) - 1, 0)
    g.split_at = h + 1 + len(goal.inds) // 2
    return g


def target_101(f: Form, style: str = "merged") -> Grid:
    """i3: 101号-style target table with 指标性质 / 指标值 / 度量单位 / 说明 / 设定依据."""
    g = Grid(8, title=f.title)
    g.add("项目名称", (f.project or "", 7))
    g.add("主管部门", (f.supervisor or "", 3), "实施单位", (f.implementer or "", 3))
    fu = f.extra["funds"]
    g.add(
        "项目资金（万元）",
        "资金总额",
        fmt(fu["total"]),
        "财政拨款",
        fmt(fu["fiscal"]),
        "其他资金",
        (fmt(fu["other"]), 2),
    )
    goal = f.goals[0]
    g.add(goal.name, (goal.text or "", 7))
    h = g.add(
        "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标值说明", "指标值设定依据"
    )
    g.header_rows = h
    notes = f.extra["value_notes"]
    for i in goal.inds:
        q = i.kind != "qual"
        l1, l2 = _lv(i, style)
        g.add(
            l1,
            l2,
            i.name,
            i.sign if q else "定性",
            i.value,
            i.unit if q else "",
            notes.get(i.name, ""),
            i.basis or "",
        )
    level_merges(g, h + 1, goal.inds, 0, 1, style)
    g.split_at = h + 1 + len(goal.inds) // 2
    return g


def wuhan_project(f: Form) -> Grid:
    """Wuhan project form 20/20/60: 项目绩效总目标（20分） row, then 项目年度绩效指标（60分）; the
    总分 row is short (two cells, Word's ``w:gridAfter``)."""
    g = Grid(7, title=f.title)
    g.add("项目名称", (f.project or "", 6))
    g.add("主管部门", (f.supervisor or "", 2), "项目实施单位", (f.implementer or "", 3))
    b = f.budget
    assert b is not None and f.overall is not None and f.overall_score is not None
    g.add(
        "预算执行情况（万元）（20分）",
        ("预算数(A)", 2),
        "执行数(B)",
        "执行率(B/A)",
        ("得分（20分*执行率）", 2),
    )
    g.add("年度财政资金总额", (fmt(b.planned), 2), fmt(b.executed), pct(b.rate), (fmt(b.score), 2))
    r = g.add(
        f"项目绩效总目标（{fmt(f.overall_score[0])}分）", ("年初设定目标", 2), ("全年实际完成情况", 3), "得分"
    )
    g.add("", (f.overall[0], 2), (f.overall[1], 3), fmt(f.overall_score[1]))
    g.vmerge(r, r + 1, 0)
    goal = f.goals[0]
    h = g.add(
        f"{goal.name}（{fmt(goal.weight)}分）",
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值",
        "实际完成值",
        "得分",
    )
    g.header_rows = h
    lw, l2w = f.extra["level1_weights"], f.extra["level2_weights"]
    for i in goal.inds:
        g.add(
            "",
            f"{i.level1}（{fmt(lw[i.level1])}分）",
            f"{i.level2}（{fmt(l2w[i.level1 + '/' + i.level2])}分）",
            f"{i.name}（{fmt(i.weight)}分）",
            i.target,
            i.actual or "",
            fmt(i.score),
        )
    level_merges(g, h + 1, goal.inds, 1, 2)
    g.vmerge(h, len(g.cells) - 1, 0)
    g.add("偏差大或目标未完成原因分析", (f.deviation or "", 6))
    g.add("改进措施及结果应用方案", (f.improvement or "", 6))
    g.add("总分", fmt(f.total), ("", 5))
    g.short_last = 5
    return g


def wuhan_target(f: Form) -> Grid:
    """Wuhan 绩效目标表: header, 长期/年度 goal texts, then per block a heading row, the column
    header and each goal's rows (goal name merged down in column 0 for a project, a
    ``长期目标1：text`` row above its rows for a department)."""
    g = Grid(6, title=f.title)
    half = len(f.goals) // 2
    blocks = [f.goals[:half], f.goals[half:]]
    if f.kind == "project_target":
        g.add("项目名称", (f.project or "", 2), "项目编码", (f.shown["code"], 2))
        g.add("项目主管部门", (f.supervisor or "", 2), "项目执行单位", (f.implementer or "", 2))
        g.add("起始年度", (str(f.year), 2), "终止年度", (str(f.year), 2))
        g.add("项目总预算", (fmt(f.shown["budget"]), 2), "项目当年预算", (fmt(f.shown["budget"]), 2))
        g.add(("项目绩效总目标", 6))
        g.add("名称", ("目标说明", 5))
        for goal in f.goals:
            g.add(goal.name, (goal.text or "", 5))
        for heading, goals in zip(("长期绩效目标表", "年度绩效目标表"), blocks, strict=True):
            g.add((heading, 6))
            h = g.add("目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")
            g.header_rows = g.header_rows or h
            for goal in goals:
                first = len(g.cells)
                for i in goal.inds:
                    g.add(goal.name, i.level1 or "", i.level2 or "", i.name, i.target, i.basis or "")
                level_merges(g, first, goal.inds, 1, 2)
                g.vmerge(first, len(g.cells) - 1, 0)
    else:
        g.add("部门（单位）名称", (f.unit or "", 5))
        r = g.add("整体绩效总目标", ("长期目标", 2), ("年度目标", 3))
        joined = [" ".join(f"目标{k + 1}：{x.text}" for k, x in enumerate(b)) for b in blocks]
        g.add("", (joined[0], 2), (joined[1], 3))
        g.vmerge(r, r + 1, 0)
        for label, goals in zip(("长期绩效指标", "年度绩效指标"), blocks, strict=True):
            for k, goal in enumerate(goals):
                g.add(f"{goal.name}：", (goal.text or "", 5))
                if k == 0:
                    h = g.add("目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")
                    g.header_rows = g.header_rows or h
                first = len(g.cells)
                for i in goal.inds:
                    g.add(label, i.level1 or "", i.level2 or "", i.name, i.target, i.basis or "")
                level_merges(g, first, goal.inds, 1, 2)
                g.vmerge(first, len(g.cells) - 1, 0)
    return g
