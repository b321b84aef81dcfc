"""One builder per family: a ``Form`` (what is printed, hence the answer) and its ``Grid``.

national (a/b/c/e: project or department, 衔接 column order, Yunnan split target, budget rows),
sichuan (d), chongqing (f), hebei (g), hubei_goal_rows (h, arrangement 2), xianjie_target (c/i
target table with ★★★). Planting changes one printed figure and returns the error record.
"""

from __future__ import annotations

import random
from decimal import Decimal

from _forms3 import (
    DEPARTMENTS,
    DEPT_OUTPUT,
    MGMT_INDS,
    OLD_INDS,
    SECTORS,
    SIGN_PLAIN,
    Budget,
    D,
    Form,
    Goal,
    Ind,
    hu,
    make_actual,
    rule_score,
    split,
    txt,
)
from _grid3 import Grid

LOOKALIKE = {"≥": "≧", "=": "═"}
TEN = D(10)


# ---------------------------------------------------------------- records


def indicators(
    pool: list[tuple], shares: dict[str, int], rng: random.Random, misses: int = 2, rules: str = "national"
) -> list[Ind]:
    """The pool's indicators of each level 1 in ``shares``, weights split within the level."""
    out: list[Ind] = []
    for l1, pts in shares.items():
        rows = [p for p in pool if p[0] == l1]
        ws = split(pts, len(rows), rng, low=min(2, pts // len(rows)))
        for p, w in zip(rows, ws, strict=True):
            out.append(Ind(*p, weight=D(w)))
    missable = [i for i in out if (i.sign != "=" or D(i.value) >= 10) and (i.qualitative or D(i.value) != 0)]
    missed = set(id(i) for i in rng.sample(missable, min(misses, len(missable))))
    for i in out:
        make_actual(i, rng, id(i) in missed)
        i.score = rule_score(i.sign, i.value, i.actual_value, i.weight, rules)
        if id(i) in missed and not i.qualitative:
            i.reason = "年初测算偏高，实际需求下降，下年度据实调整目标值。"
    return out


def budget(
    rng: random.Random,
    weight: Decimal | None,
    planned: int,
    rate_pct: Decimal | None = None,
    points: int = 10,
) -> Budget:
    rate = (rate_pct or D(rng.choice(["88.5", "91.2", "93.6", "95.75", "97.4", "86.25", "99.2"]))) / 100
    executed = hu(D(planned) * rate, 4).normalize()
    score = None if weight is None else hu(weight * min(rate, D(1)))
    return Budget(weight, D(planned), D(planned), executed, rate, score)


def plant(form: Form, code: str | None, rng: random.Random) -> list[dict]:
    """Change one printed figure so that exactly ``code`` is inconsistent; returns the record."""
    if code is None:
        return []
    scored = [i for i in form.inds() if i.weight is not None]
    if code == "indicator.score_mismatch":
        i = next(i for i in scored if not i.qualitative and i.score < i.weight)
        i.score = i.score + 1 if i.score + 1 < i.weight else i.score - 1
        why = f"{i.name}: 按规则应得{txt(rule_score(i.sign, i.value, i.actual_value, i.weight))}分"
    elif code == "indicator.full_score_unmet":
        i = next(i for i in scored if i.score < i.weight)
        i.score = i.weight
        why = f"{i.name}: 未完成指标值却给满分"
    elif code == "budget.score_mismatch":
        b = form.budget
        b.rate = D("0.865")
        b.executed = hu(b.planned * b.rate, 4).normalize()
        b.score = b.weight
        i = None
        why = f"执行率{txt(b.rate * 100)}%，得分应为{txt(hu(b.weight * b.rate))}"
    elif code == "form.total_mismatch":
        i = None
        why = "总分与各项得分之和不符"
    elif code == "target.vague":
        i = next(i for i in form.inds() if not i.qualitative and i.unit == "%")
        i.value = "**"
        why = f"{i.name}: 指标值未填写（≥**%）"
    else:
        raise ValueError(code)
    return [{"form": 0, "code": code, "indicator": None if i is None else i.name, "why": why}]


def tie_rate(form: Form) -> None:
    """An indicator that restates the budget's execution rate prints the budget's rate."""
    for i in form.inds():
        if i.name in ("预算执行率", "预算完成率") and form.budget is not None:
            i.actual_value = txt(hu(form.budget.rate * 100, 2))
            i.score = rule_score(i.sign, i.value, i.actual_value, i.weight)
            i.reason = None if i.score == i.weight else "部分项目年底前未完成支付。"


def add_total(form: Form, wrong: bool = False) -> None:
    parts = [i.score for i in form.inds() if i.score is not None]
    if form.budget is not None and form.budget.score is not None:
        parts.append(form.budget.score)
    total = sum(parts, D(0))
    form.total = total + (D(1) if wrong else 0)


# ---------------------------------------------------------------- grids: pieces


def _level_spans(g: Grid, r0: int, c1: int, inds: list[Ind], l1_label=None, l2: bool = True) -> None:
    """Merged 一级 (and 二级) cells over runs of equal labels, starting at row ``r0``."""
    k = 0
    while k < len(inds):
        j = k
        while j < len(inds) and inds[j].level1 == inds[k].level1:
            j += 1
        g.put(r0 + k, c1, l1_label(inds[k].level1) if l1_label else inds[k].level1, j - k)
        if l2:
            m = k
            while m < j:
                n = m
                while n < j and inds[n].level2 == inds[m].level2:
                    n += 1
                g.put(r0 + m, c1 + 1, inds[m].level2, n - m)
                m = n
        k = j


def _pct(x: Decimal) -> str:
    return txt(hu(x * 100, 2)) + "%"


# ---------------------------------------------------------------- national family


def national_grid(
    f: Form,
    *,
    order: str = "national",
    split_target: bool = False,
    sub_rows: list[tuple] = (),
    zero_total: str | None = None,
    l1_points: dict[str, int] | None = None,
    year_line: bool = False,
    title_in_grid: bool = True,
    formulas: bool = False,
    department: bool = False,
    extra_header: list[tuple[str, str]] = (),
    sub_indicators: dict[str, list[tuple[str, str, str]]] | None = None,
) -> Grid:
    """The national 项目/部门支出绩效自评表 (a, b), 衔接 (c, ``order='xianjie'``), Yunnan (e)."""
    ncols = 11 if split_target else 9
    g = Grid(ncols)
    if title_in_grid:
        g.row(f.title)
        if year_line:
            g.row(f"（{f.year}年度）")
    if department:
        g.row("部门（单位）名称", f.unit)
    else:
        g.row("项目名称", f.project)
        g.row("主管部门", (f.supervisor, 3), "实施单位", f.implementer)
    for k, v in extra_header:
        g.row(k, v)
    b = f.budget
    label = "部门资金（万元）" if department else "项目资金（万元）"
    nb = 2 + len(sub_rows)
    r = g.nrows
    g.put(r, 0, label, nb)
    name_cs = ncols - 7
    g.row(("", name_cs), "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")
    w = "" if b.weight is None else txt(b.weight)
    sc = "" if b.score is None else txt(b.score)
    if zero_total == "zeros":
        tot = ("0", "0", "0")
    elif zero_total == "blank":
        tot = ("", "", "")
    else:
        tot = (txt(b.initial), txt(b.planned), txt(b.executed))
    rb = g.row(("年度资金总额", name_cs), *tot, w, _pct(b.rate), sc)
    if formulas and zero_total is None:
        c0 = name_cs + 1
        g.formulas[(rb, c0 + 4)] = f"<{rb}:{c0 + 2}>/<{rb}:{c0 + 1}>"
        if b.weight is not None and b.score == hu(b.weight * min(b.rate, D(1))):
            g.formulas[(rb, c0 + 5)] = f"ROUND(<{rb}:{c0 + 3}>*<{rb}:{c0 + 4}>,2)"
    elif not formulas:
        g.pct_cells.add((rb, name_cs + 5))
    for name, a, p, e in sub_rows:
        g.row((name, name_cs), a, p, e, "—", "—", "—")
    g.put(g.nrows, 0, "年度总体目标", 2)
    half = (ncols - 1) // 2
    g.row(("预期目标", half), "实际完成情况")
    g.row((f.overall[0], half), f.overall[1])
    inds = f.inds()
    subs = sub_indicators or {}
    n_sub = sum(len(v) for v in subs.values())
    head = 2 if split_target else 1
    r0 = g.nrows
    g.put(
        r0,
        0,
        f.goals[0].name if not f.goals[0].weight else f"{f.goals[0].name}（{txt(f.goals[0].weight)}分）",
        head + len(inds) + n_sub,
    )
    if split_target:
        for c, t in ((1, "一级指标"), (2, "二级指标"), (3, "三级指标")):
            g.put(r0, c, t, 2)
        g.put(r0, 4, "年度指标值", 1, 3)
        for c, t in ((7, "实际完成值"), (8, "分值"), (9, "得分"), (10, "偏差原因分析及改进措施")):
            g.put(r0, c, t, 2)
        g.put(r0 + 1, 4, "指标性质")
        g.put(r0 + 1, 5, "指标值")
        g.put(r0 + 1, 6, "度量单位")
        g.nrows = r0 + 2
    elif order == "xianjie":
        g.row(
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年度指标值",
            "全年实际值",
            "得分",
            "未完成原因分析及改进措施",
            at=r0,
        )
    else:
        g.row(
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
            at=r0,
        )
    # rows: indicators, each followed by its 其中 rows
    rows: list[tuple[Ind, tuple | None]] = []
    for i in inds:
        rows.append((i, None))
        for s in subs.get(i.name, []):
            rows.append((i, s))
    r1 = g.nrows
    lab = (lambda l1: f"{l1}（{l1_points[l1]}分）") if l1_points else None
    _level_spans(g, r1, 1, [i for i, _ in rows], lab)
    for k, (i, s) in enumerate(rows):
        r = r1 + k
        w = txt(i.weight)
        sc = txt(i.score)
        reason = i.reason or ""
        if s is not None:
            name, tgt, act = s
            cells = {"name": name, "w": "", "t": tgt, "a": act, "s": "", "why": ""}
        else:
            name = ("★" if i.star else "") + i.name
            cells = {"name": name, "w": w, "t": i.target(), "a": i.actual() or "", "s": sc, "why": reason}
        if split_target:
            vals = [
                cells["name"],
                i.sign or "定性",
                i.value,
                i.unit,
                i.actual() or "",
                cells["w"],
                cells["s"],
                cells["why"],
            ]
        elif order == "xianjie":
            vals = [cells["name"], cells["w"], cells["t"], cells["a"], cells["s"], cells["why"]]
        else:
            vals = [cells["name"], cells["t"], cells["a"], cells["w"], cells["s"], cells["why"]]
        for c, v in enumerate(vals, start=3):
            g.put(r, c, v)
    g.nrows = r1 + len(rows)
    # total row: 总分 spanning to the weight column, 100, the total under 得分
    wc = {"national": 6, "xianjie": 4}[order] if not split_target else 8
    sc_col = wc + 1 if order != "xianjie" or split_target else 7
    rt = g.nrows
    g.put(rt, 0, "总分", 1, wc)
    g.put(rt, wc, "100")
    if sc_col > wc + 1:
        g.put(rt, wc + 1, "", 1, sc_col - wc - 1)
    g.put(rt, sc_col, txt(f.total))
    if sc_col + 1 < ncols:
        g.put(rt, sc_col + 1, "", 1, ncols - sc_col - 1)
    g.nrows = rt + 1
    if formulas:
        score_cells = [f"<{r1 + k}:{sc_col}>" for k, (_, s) in enumerate(rows) if s is None]
        if f.total == sum((i.score for i in inds), D(0)) + (f.budget.score or 0):
            g.formulas[(rt, sc_col)] = f"<{rb}:{name_cs + 6}>+SUM(" + ",".join(score_cells) + ")"
    return g


def national_form(
    rng: random.Random,
    sector: str,
    place: str,
    year: int,
    *,
    shares: dict[str, int] | None = None,
    budget_weight: Decimal | None = TEN,
    planned: int = 480,
    xianjie: bool = False,
    kind_title: str = "项目支出绩效自评表",
) -> Form:
    s = SECTORS[sector]
    shares = shares or {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    inds = indicators(s["inds"], shares, rng)
    f = Form(
        kind="project_self_evaluation",
        title=f"{place}{year}年度{kind_title}",
        year=year,
        unit=None,
        project=s["project"],
        supervisor=place + s["agency"],
        implementer=place + s["implementer"],
        filled_on=None,
        budget=budget(rng, budget_weight, planned),
        overall=(s["goal"], "已" + s["goal"].rstrip("。") + "，基本完成年度目标。"),
        goals=[Goal("绩效指标", None, None, inds)],
        total=None,
    )
    f.budget.initial = f.budget.planned - D(rng.choice([0, 20, 40]))
    f.extra["initial_budget"] = float(f.budget.initial)
    dev = {i.name: i.reason for i in inds if i.reason}
    if dev:
        f.extra["deviation_by_indicator"] = dev
    return f


def department_form(
    rng: random.Random, dept: str, place: str, year: int, framework: str, planned: int = 2600
) -> Form:
    """Jiangxi 管理/产出/效果/满意度 or the older 投入/过程/产出/效果; budget printed, not scored."""
    d = DEPARTMENTS[dept]
    out = DEPT_OUTPUT[dept]
    if framework == "jiangxi":
        pool = MGMT_INDS + out
        shares = {"管理指标": 30, "产出指标": 25, "效果指标": 35, "满意度指标": 10}
    else:
        pool = OLD_INDS + [p if p[0] != "满意度指标" else ("效果指标", *p[1:]) for p in out]
        shares = {"投入指标": 15, "过程指标": 25, "产出指标": 30, "效果指标": 30}
    inds = indicators(pool, shares, rng)
    unit = place + d["unit"]
    f = Form(
        kind="department_self_evaluation",
        title=f"{unit}{year}年度部门整体支出绩效自评表",
        year=year,
        unit=unit,
        project=None,
        supervisor=None,
        implementer=None,
        filled_on=None,
        budget=budget(rng, None, planned),
        overall=(d["goal"], "已" + d["goal"].rstrip("。") + "。"),
        goals=[Goal("绩效指标", None, None, inds)],
        total=None,
    )
    f.budget.initial = f.budget.planned - D(120)
    f.extra["initial_budget"] = float(f.budget.initial)
    return f


# ---------------------------------------------------------------- Sichuan (d)


def sichuan_form(rng: random.Random, sector: str, place: str, year: int, planned: int = 360) -> Form:
    f = national_form(
        rng, sector, place, year, shares={"产出指标": 60, "效益指标": 20, "满意度指标": 10}, planned=planned
    )
    f.title = f"{place}{year}年度部门预算项目支出绩效自评表"
    f.goals[0].weight = D(90)
    f.overall = (f.overall[0], f.overall[1])
    f.deviation = "个别指标完成值低于年初目标，目标测算不够精准。"
    f.improvement = "加强目标值测算论证，按季度跟踪指标完成情况。"
    f.extra["conclusion"] = "项目总体完成年度目标，资金使用规范。"
    return f


def sichuan_grid(f: Form, *, formulas: bool = False, title_in_grid: bool = True) -> Grid:
    g = Grid(11)
    if title_in_grid:
        g.row(f.title)
    g.row("项目名称", f.project)
    g.row("主管部门", (f.supervisor, 4), "预算单位", f.implementer)
    b = f.budget
    r = g.nrows
    g.put(r, 0, "预算执行情况（万元）（10分）", 5)
    other_row = True
    g.row("", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因")
    rb = g.row(
        "财政资金",
        txt(b.initial),
        txt(b.planned),
        txt(b.executed),
        _pct(b.rate),
        txt(b.weight),
        txt(b.score),
        "",
    )
    if formulas:
        g.formulas[(rb, 5)] = f"<{rb}:4>/<{rb}:3>"
        if b.score == hu(b.weight * min(b.rate, D(1))):
            g.formulas[(rb, 7)] = f"ROUND(<{rb}:6>*<{rb}:5>,2)"
    else:
        g.pct_cells.add((rb, 5))
    g.row("财政专户管理资金", "0", "0", "0", "", "", "", "")
    g.row("单位资金", "0", "0", "0", "", "", "", "")
    if other_row:
        g.row("其他资金", "0", "0", "0", "", "", "", "")
    g.put(g.nrows, 0, "年度目标", 2)
    g.row(("预期目标", 5), "实际完成情况")
    g.row((f.overall[0], 5), f.overall[1])
    inds = f.inds()
    r0 = g.nrows
    g.put(r0, 0, "绩效指标（90分）", 1 + len(inds))
    g.row(
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
        at=r0,
    )
    r1 = g.nrows
    _level_spans(g, r1, 1, inds)
    for k, i in enumerate(inds):
        vals = [
            i.name,
            i.sign or "定性",
            i.value,
            i.unit,
            i.actual_value,
            txt(i.weight),
            txt(i.score),
            i.reason or "",
        ]
        for c, v in enumerate(vals, start=3):
            g.put(r1 + k, c, v)
    g.nrows = r1 + len(inds)
    rt = g.row(("总分", 8), "100", txt(f.total), "")
    if formulas and f.total == sum((i.score for i in inds), D(0)) + b.score:
        g.formulas[(rt, 9)] = f"<{rb}:7>+SUM(<{r1}:9>:<{r1 + len(inds) - 1}:9>)"
    g.row("评价结论", f.extra["conclusion"])
    g.row("存在问题", f.deviation)
    g.row("改进措施", f.improvement)
    return g


# ---------------------------------------------------------------- Chongqing (f)


def chongqing_form(rng: random.Random, dept: str, place: str, year: int, planned: int = 1850) -> Form:
    d = DEPARTMENTS[dept]
    pool = [p for p in MGMT_INDS if p[2] != "固定资产利用率"] + DEPT_OUTPUT[dept]
    inds = []
    ws = split(90, len(pool), rng, low=5)
    for p, w in zip(pool, ws, strict=True):
        inds.append(Ind(None, None, p[2], p[3], p[4], p[5], weight=D(w)))
    missed = rng.sample([i for i in inds if not i.qualitative and i.sign == "≥"], 2)
    for i in inds:
        make_actual(i, rng, i in missed)
        i.score = rule_score(i.sign, i.value, i.actual_value, i.weight)
    unit = place + d["unit"]
    b = budget(rng, D(10), planned)
    b.initial = b.planned - D(150)
    f = Form(
        kind="department_self_evaluation",
        title=f"{unit}{year}年度部门整体绩效自评表",
        year=year,
        unit=unit,
        project=None,
        supervisor=None,
        implementer=None,
        filled_on=f"{year + 1}-03-{rng.randint(10, 28)}",
        budget=b,
        overall=(d["goal"], "已" + d["goal"].rstrip("。") + "。"),
        goals=[Goal("绩效指标", None, None, inds)],
        total=None,
        rules="chongqing",
    )
    f.extra["initial_budget"] = float(b.initial)
    f.extra["core_indicators"] = [i.name for i in inds[-4:]]
    return f


def coefficient(i: Ind) -> Decimal:
    if i.qualitative:
        return D("0.7") if i.actual_value.startswith("基本") else D(1)
    return (i.score / i.weight) if i.weight else D(1)


def chongqing_grid(
    f: Form, *, rate_pct_sign: bool = True, coef_pct_sign: bool = False, formulas: bool = False
) -> Grid:
    g = Grid(10)
    g.row(f.title)
    g.row("单位名称", (f.unit, 5), "填报日期", f.filled_on)
    b = f.budget
    g.row("预算执行情况（万元）")
    g.row(
        "年初预算数",
        "全年预算数",
        "全年执行数",
        ("执行率（%）" if not rate_pct_sign else "执行率", 2),
        ("执行率权重", 2),
        "执行率得分（分）",
    )
    rate = txt(hu(b.rate * 100, 2)) + ("%" if rate_pct_sign else "")
    rb = g.row(txt(b.initial), txt(b.planned), txt(b.executed), (rate, 2), (txt(b.weight), 2), txt(b.score))
    if formulas:
        g.formulas[(rb, 3)] = f"<{rb}:2>/<{rb}:1>"
        if b.score == hu(b.weight * min(b.rate, D(1))):
            g.formulas[(rb, 7)] = f"ROUND(<{rb}:3>*<{rb}:5>,2)"
    g.row("年度总体目标", f.overall[0])
    g.row("年度目标完成情况", f.overall[1])
    g.row("绩效指标")
    g.row(
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
    core = set(f.extra["core_indicators"])
    r1 = g.nrows
    for i in f.inds():
        sign = "" if i.qualitative else i.sign
        coef = coefficient(i)
        coef_t = txt(hu(coef * 100, 1)) + ("%" if coef_pct_sign else "")
        g.row(
            i.name,
            i.unit,
            "定性" if i.qualitative else "定量",
            sign + i.value,
            "",
            i.actual_value,
            coef_t,
            txt(i.weight),
            txt(i.score),
            "是" if i.name in core else "否",
        )
    n = len(f.inds())
    rt = g.row(("合计", 7), "100", txt(f.total), "")
    if formulas and f.total == sum((i.score for i in f.inds()), D(0)) + b.score:
        g.formulas[(rt, 8)] = f"<{rb}:7>+SUM(<{r1}:8>:<{r1 + n - 1}:8>)"
    return g


def chongqing_scores_agree(f: Form) -> None:
    """系数 × 权重 must give the printed score (the generator's own check)."""
    for i in f.inds():
        c = hu(coefficient(i) * 100, 1) / 100
        assert abs(hu(c * i.weight) - i.score) <= D("0.011") or i.qualitative, (i.name, c, i.weight, i.score)


# ---------------------------------------------------------------- Hebei (g)


def hebei_form(
    rng: random.Random, sector: str, place: str, year: int, *, execution_row: bool = False
) -> Form:
    """Hebei export: 指标分值 of each 一级 add up to 100; 权重占比 产出 60 / 效果 40."""
    s = SECTORS[sector]
    pool = []
    for p in s["inds"]:
        if p[0] == "产出指标":
            pool.append(p)
        else:
            l2 = p[1].replace("服务对象满意度指标", "满意度").replace("指标", "")
            pool.append(("效果指标", l2, *p[2:]))
    if execution_row:
        pool.insert(
            len([p for p in pool if p[0] == "产出指标"]),
            ("产出指标", "时效指标", "预算执行率", "≥", "90", "%"),
        )
    inds = indicators(pool, {"产出指标": 100, "效果指标": 100}, rng)
    b = budget(rng, None, 600)
    for i in inds:
        if i.name == "预算执行率":  # the row states the budget block's own rate
            i.actual_value = txt(hu(b.rate * 100, 2))
            i.score = rule_score(i.sign, i.value, i.actual_value, i.weight)
    share = {"产出指标": D("0.6"), "效果指标": D("0.4")}
    conv = {i.name: hu(i.score * share[i.level1]) for i in inds}
    received = b.planned - D(20)
    f = Form(
        kind="project_self_evaluation",
        title=f"{year}年度项目支出绩效自评表",
        year=year,
        unit=place + s["agency"],
        project=s["project"],
        supervisor=place + s["agency"],
        implementer=place + s["implementer"],
        filled_on=None,
        budget=b,
        overall=(s["goal"], "已" + s["goal"].rstrip("。") + "。"),
        goals=[Goal("绩效指标", None, None, inds)],
        total=sum(conv.values(), D(0)),
        rules="hebei",
    )
    f.extra = {
        "project_code": f"HB{year}-{rng.randint(1000, 9999)}",
        "budget_received": float(received),
        "share_by_level1": {"产出指标": 0.6, "效果指标": 0.4},
        "converted_scores": {k: float(v) for k, v in conv.items()},
    }
    return f


def hebei_grid(f: Form, *, per_row_share: bool = True, export_time: str = "2024-03-05 10:21:36") -> Grid:
    g = Grid(9)
    g.row(f.title)
    g.row("单位名称", (f.unit, 4), "导出时间", export_time)
    g.row("项目名称", (f.project, 4), "项目编码", f.extra["project_code"])
    g.row("主管部门", (f.supervisor, 4), "实施单位", f.implementer)
    b = f.budget
    g.put(g.nrows, 0, "预算执行情况（万元）", 2)
    g.row(("预算数", 2), ("到位数", 2), ("执行数", 2), "预算执行进度（%）")
    g.row(
        (txt(b.planned), 2),
        (txt(hu(D(f.extra["budget_received"]), 2)), 2),
        (txt(b.executed), 2),
        txt(hu(b.rate * 100, 2)),
    )
    g.put(g.nrows, 0, "绩效目标", 2)
    g.row(("年初目标", 4), "实际完成情况")
    g.row((f.overall[0], 4), f.overall[1])
    r0 = g.nrows
    for c, t in ((0, "一级指标"), (1, "二级指标"), (2, "三级指标"), (3, "指标分值")):
        g.put(r0, c, t, 2)
    g.put(r0, 4, "指标值", 1, 2)
    g.put(r0, 6, "得分情况", 1, 3)
    for c, t in (
        (4, "年度指标值"),
        (5, "实际完成值"),
        (6, "单项指标得分"),
        (7, "权重占比（%）"),
        (8, "单项指标折算得分"),
    ):
        g.put(r0 + 1, c, t)
    g.nrows = r0 + 2
    inds = f.inds()
    r1 = g.nrows
    _level_spans(g, r1, 0, inds)
    conv = f.extra["converted_scores"]
    shares = f.extra["share_by_level1"]
    k = 0
    while k < len(inds):
        j = k
        while j < len(inds) and inds[j].level1 == inds[k].level1:
            j += 1
        if not per_row_share:
            g.put(r1 + k, 7, txt(D(str(shares[inds[k].level1])) * 100), j - k)
        k = j
    for k, i in enumerate(inds):
        r = r1 + k
        g.put(r, 2, i.name)
        g.put(r, 3, txt(i.weight))
        g.put(r, 4, i.target())
        g.put(r, 5, i.actual() or "")
        g.put(r, 6, txt(i.score))
        if per_row_share:
            g.put(r, 7, txt(D(str(shares[i.level1])) * 100))
        g.put(r, 8, txt(D(str(conv[i.name]))))
    g.nrows = r1 + len(inds)
    g.row(("总分", 8), txt(f.total))
    return g


# ---------------------------------------------------------------- Hubei arrangement 2 (h)


def hubei_goal_form(rng: random.Random, dept: str, place: str, year: int) -> Form:
    d = DEPARTMENTS[dept]
    out = DEPT_OUTPUT[dept]
    unit = place + d["unit"]
    # three goals: the department's outputs split in two, management items in the third
    groups = [
        ("年度目标1", d["goal"].split("，")[0], out[:3], 40),
        ("年度目标2", d["goal"].split("，")[-1].rstrip("。"), out[3:], 30),
        (
            "年度目标3",
            "加强预算和资产管理，提高资金使用效益",
            [("产出指标", *p[1:]) for p in MGMT_INDS[:3]],
            10,
        ),
    ]
    goals = []
    for name, text, pool, pts in groups:
        inds = []
        ws = split(pts, len(pool), rng, low=2)
        for p, w in zip(pool, ws, strict=True):
            i = Ind(*p, weight=D(w))
            inds.append(i)
        miss = rng.choice([i for i in inds if not i.qualitative and i.sign == "≥"] or [None])
        for i in inds:
            make_actual(i, rng, i is miss)
            i.score = rule_score(i.sign, i.value, i.actual_value, i.weight, "hubei")
        goals.append(Goal(name, text, D(pts), inds))
    b = budget(rng, D(20), 3200, points=20)
    b.score = hu(D(20) * min(b.rate, D(1)))
    f = Form(
        kind="department_self_evaluation",
        title=f"{unit}{year}年度部门整体绩效自评表",
        year=year,
        unit=unit,
        project=None,
        supervisor=None,
        implementer=None,
        filled_on=f"{year + 1}-04-{rng.randint(10, 28)}",
        budget=b,
        overall=None,
        goals=goals,
        total=None,
        deviation="部分指标受客观因素影响未达年度目标。",
        improvement="细化年度目标分解，加强过程监控，自评结果用于下年度预算安排。",
        rules="hubei",
    )
    return f


def hubei_goal_grid(f: Form) -> Grid:
    g = Grid(8)
    g.row(f.title)
    g.row("单位名称", (f.unit, 4), "填报日期", f.filled_on)
    b = f.budget
    g.row(
        ("预算执行情况（万元）（20分）", 2),
        "预算数(A)",
        "执行数(B)",
        ("执行率(B/A)", 2),
        "得分（20分*执行率）",
    )
    g.row(("部门整体支出总额", 2), txt(b.planned), txt(b.executed), (_pct(b.rate), 2), txt(b.score))
    g.row(("年度绩效目标（80分）", 2), ("目标内容", 4), "分值", "得分")
    for goal in f.goals:
        gs = sum((i.score for i in goal.inds), D(0))
        g.row((goal.name, 2), (goal.text, 4), txt(goal.weight), txt(gs))
        g.row("", "一级指标", "二级指标", "三级指标", "分值", "年初目标值", "实际完成值", "得分")
        r1 = g.nrows
        _level_spans(g, r1, 1, goal.inds)
        for k, i in enumerate(goal.inds):
            g.put(r1 + k, 0, "")
            for c, v in enumerate(
                [i.name, txt(i.weight), i.target(), i.actual() or "", txt(i.score)], start=3
            ):
                g.put(r1 + k, c, v)
        g.nrows = r1 + len(goal.inds)
    g.row(("总分", 6), "100", txt(f.total))
    g.row(("偏差大或目标未完成原因分析", 2), f.deviation)
    g.row(("改进措施及结果应用方案", 2), f.improvement)
    return g


# ---------------------------------------------------------------- 衔接 target table with ★★★


def xianjie_target_form(rng: random.Random, sector: str, place: str, year: int, stars: int = 3) -> Form:
    s = SECTORS[sector]
    inds = [Ind(*p, basis=rng.choice(["计划标准", "行业标准", "历史标准"])) for p in s["inds"]]
    core = [inds[0].name, inds[2].name, inds[6].name]
    for i in inds:
        i.star = i.name in core
    f = Form(
        kind="project_target",
        title=f"{place}{year}年度衔接推进乡村振兴补助资金项目绩效目标表",
        year=year,
        unit=None,
        project=s["project"],
        supervisor=place + s["agency"],
        implementer=place[:-1] + "镇" + s["implementer"][1:],
        filled_on=None,
        budget=None,
        overall=None,
        goals=[Goal("绩效指标", s["goal"], None, inds)],  # the block label names the goal (as i2)
        total=None,
        rules="target",
    )
    f.extra = {"core_indicators": core, "funds": {"total": 540, "central": 400, "province": 90, "county": 50}}
    f.stars = "★" * stars  # type: ignore[attr-defined]
    return f


def xianjie_target_grid(f: Form) -> Grid:
    g = Grid(7)
    g.row(f.title)
    g.row("项目名称", f.project)
    g.row("主管部门", (f.supervisor, 2), "实施单位", f.implementer)
    fu = f.extra["funds"]
    r = g.nrows
    g.put(r, 0, "项目资金（万元）", 5)
    g.row(("资金总额", 3), str(fu["total"]))
    g.row(("其中：中央衔接资金", 3), str(fu["central"]))
    g.row(("省级衔接资金", 3), str(fu["province"]))
    g.row(("市县级衔接资金", 3), str(fu["county"]))
    g.row(("其他资金", 3), "0")
    g.row("年度绩效目标", f.goals[0].text)
    inds = f.inds()
    r0 = g.nrows
    g.put(r0, 0, "绩效指标", 1 + len(inds))
    g.row("一级指标", "二级指标", "三级指标", ("指标值", 2), "指标值确定依据", at=r0)
    r1 = g.nrows
    _level_spans(g, r1, 1, inds)
    for k, i in enumerate(inds):
        g.put(r1 + k, 3, (f.stars if i.star else "") + i.name)  # type: ignore[attr-defined]
        g.put(r1 + k, 4, i.target(), 1, 2)
        g.put(r1 + k, 6, i.basis)
    g.nrows = r1 + len(inds)
    g.row("填报说明", "标注★★★的为必选核心指标。")
    return g


def signs_plain(sign: str) -> str:
    return SIGN_PLAIN.get(sign, sign)
