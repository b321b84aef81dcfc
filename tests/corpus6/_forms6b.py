"""Builders of the families with points in labels or no points: Chongqing (f), Hubei (h, both
arrangements), target tables (i2, i3) and Wuhan (department and project self-evaluations, 部门整体
支出绩效目标表 and 项目支出绩效目标表 with the 前年 | 上年 | 预计当年实现 sub-columns)."""

from __future__ import annotations

import random
from decimal import Decimal

from _forms6 import _date, _inds, _row_at, plant
from _grid6 import Doc, Grid
from _model6 import Form, Goal, Ind, budget, d2, level_weights, num, pct, split, total_of
from _rows6 import ind_rows
from _vocab6 import DEPARTMENTS, DEVIATIONS, IMPROVEMENTS, PEOPLE, SECTORS

BASES = ["计划标准", "行业标准", "历史标准", "其他"]
WUHAN_BASES = ["计划标准", "历史指标", "行业标准", "计划指标"]


def _pts(label: str, w: float | None, style: str = "（{}分）") -> str:
    return label if w is None else label + style.format(num(w))


# ------------------------------------------------------------------ Chongqing (f)


def chongqing(
    rng: random.Random, key: str, year: int, place: str, *, plants: tuple[str, ...] = (), seq: bool = False
) -> tuple[Form, Doc]:
    """Family f: flat list, 执行率（%） as a number, 执行率权重, 得分系数（%）, 是否核心指标."""
    stem, goals, specs = DEPARTMENTS[key]
    unit = place + stem
    title = f"{unit}{year}年度部门整体绩效自评表"
    weights = split(90, len(specs))
    inds = _inds(rng, specs, weights, missed=2)
    for i in inds:
        i.level1 = i.level2 = None  # type: ignore[assignment]
    b = budget(rng, 10)
    shown, iso = _date(rng, year)
    form = Form(
        "department_self_evaluation",
        title,
        year,
        unit,
        None,
        None,
        None,
        iso,
        b,
        ("；".join(goals) + "。", "年度目标均已完成。"),
        [Goal("绩效指标", None, None, inds)],
        None,
        family="f",
    )
    form.total = total_of(form)
    for c in plants:
        plant(form, c, rng)
    doc = Doc()
    doc.lines(title)
    cols = (["seq"] if seq else []) + [
        "name",
        "unit",
        "nature",
        "t0",
        "t1",
        "actual",
        "coef",
        "weight",
        "score",
        "core",
    ]
    w = len(cols)
    g = Grid(w)
    g.row(0, ["单位名称", unit, "填报日期", shown], [1, w - 3, 1, 1])
    g.row(
        1,
        ["年初预算数", "全年预算数", "全年执行数", "执行率（%）", "执行率权重", "执行率得分（分）"],
        [1, 1, 1, 1, 1, 1],
    )
    rate_num = num(d2(Decimal(str(b["rate"])) * 100, 2))
    g.row(
        2,
        [num(b["planned"]), num(b["planned"]), num(b["executed"]), rate_num, "10", num(b["score"])],
        [1] * 6,
    )
    g.row(3, ["年度总体目标", form.overall[0]], [1, 1])  # type: ignore[index]
    g.row(4, ["年度目标完成情况", form.overall[1]], [1, 1])  # type: ignore[index]
    g.row(5, ["绩效指标"], [1])
    heads = {
        "seq": "序号",
        "name": "指标名称",
        "unit": "计量单位",
        "nature": "指标性质",
        "t0": "年初指标值",
        "t1": "调整指标值",
        "actual": "全年完成值",
        "coef": "得分系数（%）",
        "weight": "指标权重（分）",
        "score": "指标得分（分）",
        "core": "是否核心指标",
    }
    g.row(6, [heads[k] for k in cols], [1] * w)
    core = []
    for n, i in enumerate(inds):
        coef = num(d2(Decimal(str(i.score)) / Decimal(str(i.weight)) * 100, 2))
        is_core = n < 3
        if is_core:
            core.append(i.name)
        vals = {
            "seq": str(n + 1),
            "name": i.name,
            "unit": i.unit,
            "nature": "定量" if i.sign else "定性",
            "t0": f"{i.sign}{i.value}",
            "t1": "",
            "actual": i.actual_bare if i.sign else (i.actual or ""),
            "coef": coef,
            "weight": num(i.weight),
            "score": num(i.score),
            "core": "是" if is_core else "否",
        }
        g.row(7 + n, [vals[k] for k in cols], [1] * w)
    g.row(7 + len(inds), ["合计"] + [""] * (w - 3) + [num(form.total), ""], [1] * w)
    form.extra = {"core_indicators": core}
    doc.grid(g)
    return form, doc


# ------------------------------------------------------------------ Hubei (h)


def hubei_block(
    rng: random.Random, key: str, year: int, place: str, *, plants: tuple[str, ...] = (), wuhan: bool = False
) -> tuple[Form, Doc]:
    """Family h arrangement 1 (or a Wuhan project form, ``年度绩效目标1（80分）``): points in every label."""
    proj, bureau, impl_stem, _ot, _oa, specs = SECTORS[key]
    sup, impl = place + bureau, place + impl_stem
    title = f"{year}年度{proj}自评表" if wuhan else f"{place}{year}年度{proj}支出绩效自评表"
    shares = {"产出指标": 50, "效益指标": 20, "满意度指标": 10}
    weights = level_weights(specs, shares)
    inds = _inds(rng, specs, weights, missed=1, partial=1)
    b = budget(rng, 20)
    shown, iso = _date(rng, year)
    gname = "年度绩效目标1" if wuhan else "年度绩效目标"
    dev, imp = rng.choice(DEVIATIONS), rng.choice(IMPROVEMENTS)
    form = Form(
        "project_self_evaluation",
        title,
        year,
        impl,
        proj,
        sup,
        impl,
        iso,
        b,
        None,
        [Goal(gname, None, 80, inds)],
        None,
        dev,
        imp,
        family="h",
    )
    form.total = total_of(form)
    for c in plants:
        plant(form, c, rng)
    doc = Doc()
    doc.lines(title, f"单位名称：{impl}    填报日期：{shown}")
    g = Grid(7)
    g.row(0, ["项目名称", proj], [1, 1])
    g.row(1, ["主管部门", sup, "项目实施单位", impl], [1, 3, 1, 1])
    g.put(2, 0, "预算执行情况（万元）（20分）", 2)
    _row_at(g, 2, 1, ["", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20分*执行率）"], [2, 1, 1, 1, 1])
    _row_at(
        g,
        3,
        1,
        ["年度财政资金总额", num(b["planned"]), num(b["executed"]), pct(b["rate"]), num(b["score"])],
        [2, 1, 1, 1, 1],
    )
    g.put(4, 0, f"{gname}（80分）", len(inds) + 1)
    _row_at(g, 4, 1, ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"], [1] * 6)
    cols = {"l1": 1, "l2": 2, "name": 3, "target": 4, "actual": 5, "score": 6}

    def lw(lab: str, run: list[Ind]) -> str:
        return _pts(lab, sum(i.weight or 0 for i in run))

    def cells(i: Ind) -> dict[str, str]:
        return {
            "name": _pts(i.name, i.weight),
            "target": i.target,
            "actual": i.actual or "",
            "score": num(i.score),
        }

    end = ind_rows(g, 5, inds, cols, cells, l1_label=lw, l2_label=lw)
    g.row(end, ["总分", "", "", "", "", "", num(form.total)], [1] * 7)
    g.row(end + 1, ["偏差大或目标未完成原因分析", dev], [1, 1])
    g.row(end + 2, ["改进措施及结果应用方案", imp], [1, 1])
    doc.grid(g)
    form.extra = {"level1_weights": {k: float(v) for k, v in shares.items()}}
    return form, doc


def hubei_goals(
    rng: random.Random,
    key: str,
    year: int,
    place: str,
    *,
    plants: tuple[str, ...] = (),
    blank_rows: bool = False,
    wuhan: bool = False,
    after_rows: bool = False,
) -> tuple[Form, Doc]:
    """Family h arrangement 2 (department, 年度目标N rows with a 分值 column) or, with ``wuhan``, the
    Wuhan department form (``年度目标N（N分）：text`` rows, points in the names)."""
    stem, gtexts, specs = DEPARTMENTS[key]
    unit = place + stem
    title = f"{year}年度{unit} 部门整体绩效自评表" if wuhan else f"{unit}{year}年度部门整体绩效自评表"
    halves = [specs[:4], specs[4:]]
    gweights = [50.0, 30.0]
    goals = []
    for k, (part, gw) in enumerate(zip(halves, gweights, strict=True)):
        ws = split(gw, len(part))
        goals.append(
            Goal(
                f"年度目标{k + 1}",
                gtexts[k],
                gw,
                _inds(rng, part, ws, missed=1 if k == 0 else 0, partial=1 if k == 1 else 0),
            )
        )
    b = budget(rng, 20)
    shown, iso = _date(rng, year)
    dev, imp = rng.choice(DEVIATIONS), rng.choice(IMPROVEMENTS)
    form = Form(
        "department_self_evaluation",
        title,
        year,
        unit,
        None,
        None,
        None,
        iso,
        b,
        None,
        goals,
        None,
        dev,
        imp,
        family="w" if wuhan else "h",
    )
    form.total = total_of(form)
    for c in plants:
        plant(form, c, rng)
    doc = Doc()
    if wuhan:
        doc.lines(title, f"单位名称（盖章）：{unit}", f"填报日期：{shown}", f"总分：{num(form.total)}分")
    else:
        doc.lines(title, f"单位名称：{unit}", f"填报日期：{shown}")
    g = Grid(7)
    basic = d2(b["planned"] * 0.35)
    g.row(0, ["单位名称", unit], [1, 1])
    g.row(
        1,
        [
            "基本支出总额",
            f"{num(basic)}万元",
            "项目支出总额",
            f"{num(d2(Decimal(str(b['planned'])) - Decimal(str(basic))))}万元",
        ],
        [1, 2, 1, 1],
    )
    g.put(2, 0, "预算执行情况（万元）（20分）", 2)
    _row_at(g, 2, 1, ["", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20分*执行率）"], [2, 1, 1, 1, 1])
    _row_at(
        g,
        3,
        1,
        ["部门整体支出总额", num(b["planned"]), num(b["executed"]), pct(b["rate"]), num(b["score"])],
        [2, 1, 1, 1, 1],
    )
    r = 4
    for goal in goals:
        if wuhan:
            g.row(r, [f"{goal.name}（{num(goal.weight)}分）：{goal.text}"], [1])
            if after_rows:
                g.after[r] = 2
            r += 1
            g.put(r, 0, "年度绩效指标", len(goal.inds) + 1)
            _row_at(
                g, r, 1, ["一级指标", "二级指标", "指标名称", "年初指标值", "实际完成值", "得分"], [1] * 6
            )
            cols = {"l1": 1, "l2": 2, "name": 3, "target": 4, "actual": 5, "score": 6}

            def cells(i: Ind) -> dict[str, str]:
                return {
                    "name": _pts(i.name, i.weight),
                    "target": i.target,
                    "actual": i.actual or "",
                    "score": num(i.score),
                }
        else:
            g.row(r, [goal.name, goal.text, "分值", num(goal.weight)], [1, 4, 1, 1])
            r += 1
            g.row(
                r, ["一级指标", "二级指标", "三级指标", "分值", "年初目标值", "实际完成值", "得分"], [1] * 7
            )
            cols = {"l1": 0, "l2": 1, "name": 2, "weight": 3, "target": 4, "actual": 5, "score": 6}

            def cells(i: Ind) -> dict[str, str]:
                return {
                    "name": i.name,
                    "weight": num(i.weight),
                    "target": i.target,
                    "actual": i.actual or "",
                    "score": num(i.score),
                }

        r = ind_rows(g, r + 1, goal.inds, cols, cells, blank_between=blank_rows, blank_from=1 if wuhan else 0)
        if blank_rows and not wuhan:
            g.blank(r)
            r += 1
    g.row(r, ["总分", "", "", "", "", "", num(form.total)], [1] * 7)
    g.row(r + 1, ["偏差大或目标未完成原因分析", dev], [1, 1])
    g.row(r + 2, ["改进措施及结果应用方案", imp], [1, 1])
    doc.grid(g)
    return form, doc


# ------------------------------------------------------------------ target tables (i2, i3)


def dept_target(
    rng: random.Random, key: str, year: int, place: str, *, plants: tuple[str, ...] = (), seq: bool = False
) -> tuple[Form, Doc]:
    """Family i2: 部门整体支出绩效目标申报表 with 年度主要任务 and one 年度绩效指标 block."""
    stem, gtexts, specs = DEPARTMENTS[key]
    unit = place + stem
    title = "部门整体支出绩效目标申报表"
    inds = _inds(rng, specs, [None] * len(specs), missed=0, scored=False)
    for i in inds:
        i.actual_bare = i.actual_text = None
    text = "；".join(gtexts) + "。"
    form = Form(
        "department_target",
        title,
        year,
        unit,
        None,
        None,
        None,
        None,
        None,
        None,
        [Goal("年度绩效指标", text, None, inds)],
        None,
        family="i2",
    )
    for c in plants:
        plant(form, c, rng)
    doc = Doc()
    doc.lines(title, f"（{year}年度）")
    w = 6 if seq else 5
    g = Grid(w)
    g.row(0, ["部门（单位）名称", unit], [1, 1])
    g.put(1, 0, "年度主要任务", 4)
    _row_at(g, 1, 1, ["任务名称", "主要内容", "预算金额（万元）"], [1, 1, 1])
    tasks = [("业务运行保障", gtexts[0], 320), ("专项工作开展", gtexts[1], 180)]
    _row_at(g, 2, 1, ["", "", "总额"], [1, 1, 1])
    for k, (n, c, a) in enumerate(tasks):
        _row_at(g, 3 + k, 1, [n, c, str(a)], [1, 1, 1])
    g.row(5, ["金额合计", "", "", "500"], [1, 1, 1, 1])
    g.row(6, ["年度总体目标", text], [1, 1])
    cols = (
        {"seq": 1, "l1": 2, "l2": 3, "name": 4, "target": 5}
        if seq
        else {"l1": 1, "l2": 2, "name": 3, "target": 4}
    )
    heads = (
        ["序号", "一级指标", "二级指标", "三级指标", "指标值"]
        if seq
        else ["一级指标", "二级指标", "三级指标", "指标值"]
    )
    _row_at(g, 7, 1, heads, [1] * len(heads))
    n = iter(range(1, 99))

    def cells(i: Ind) -> dict[str, str]:
        out = {"name": i.name, "target": i.target}
        if seq:
            out["seq"] = str(next(n))
        return out

    end = ind_rows(g, 8, inds, cols, cells)
    g.put(7, 0, "年度绩效指标", end - 7)
    doc.grid(g)
    form.extra = {"tasks": [{"name": n, "content": c, "total": a} for n, c, a in tasks]}
    return form, doc


def target_101(
    rng: random.Random,
    key: str,
    year: int,
    place: str,
    *,
    plants: tuple[str, ...] = (),
    weight_col: bool = False,
) -> tuple[Form, Doc]:
    """Family i3: 指标性质 | 指标值 | 度量单位 | 指标值说明 | 指标值设定依据 (成本指标 first)."""
    proj, bureau, impl_stem, otext, _oa, specs = SECTORS[key]
    sup, impl = place + bureau, place + impl_stem
    specs = [s for s in specs if s[1] == "成本指标"] + [s for s in specs if s[1] != "成本指标"]
    specs = [("成本指标", "经济成本指标", *s[2:]) if s[1] == "成本指标" else s for s in specs]
    inds = _inds(rng, specs, [None] * len(specs), missed=0, scored=False)
    for i in inds:
        i.actual_bare = i.actual_text = None
        i.basis = rng.choice(BASES)
    title = f"{year}年度项目支出绩效目标表"
    form = Form(
        "project_target",
        title,
        year,
        sup,
        proj,
        sup,
        impl,
        None,
        None,
        None,
        [Goal("年度绩效目标", otext, None, inds)],
        None,
        family="i3",
    )
    for c in plants:
        plant(form, c, rng)
    notes = {
        i.name: rng.choice(["按年度工作计划测算", "参照上年实际完成情况", "依据行业规范要求"]) for i in inds
    }
    form.extra = {"value_notes": notes}
    doc = Doc()
    doc.lines(title)
    w = 9 if weight_col else 8
    g = Grid(w)
    g.row(0, ["单位名称", sup], [1, 1])
    g.row(1, ["项目名称", proj], [1, 1])
    g.row(2, ["主管部门", sup, "实施单位", impl], [1, 3, 1, 1])
    total = rng.randint(120, 600)
    g.row(
        3,
        ["项目资金（万元）", "资金总额", str(total), "其中：财政拨款", str(total), "其他资金", "0"],
        [1] * 7,
    )
    g.row(4, ["年度绩效目标", otext], [1, 1])
    keys = ["l1", "l2", "name", "sign", "value", "unit", "note", "basis"] + (["weight"] if weight_col else [])
    heads = {
        "l1": "一级指标",
        "l2": "二级指标",
        "name": "三级指标",
        "sign": "指标性质",
        "value": "指标值",
        "unit": "度量单位",
        "note": "指标值说明",
        "basis": "指标值设定依据",
        "weight": "权重",
    }
    g.row(5, [heads[k] for k in keys], [1] * w)
    cols = {k: n for n, k in enumerate(keys)}
    ws = split(100, len(inds))
    if weight_col:  # a printed 权重 is the indicator's own points (form-v1 ``weight``)
        for i, w_ in zip(inds, ws, strict=True):
            i.weight = w_

    def cells(i: Ind) -> dict[str, str]:
        out = {
            "name": i.name,
            "sign": i.sign or "定性",
            "value": i.value,
            "unit": i.unit,
            "note": notes[i.name],
            "basis": i.basis or "",
        }
        if weight_col:
            out["weight"] = num(i.weight)
        return out

    ind_rows(g, 6, inds, cols, cells)
    doc.grid(g)
    return form, doc


# ------------------------------------------------------------------ Wuhan target tables


def wuhan_dept_target(
    rng: random.Random, key: str, place: str, *, history: bool = False, plants: tuple[str, ...] = ()
) -> tuple[Form, Doc]:
    """Wuhan 部门整体支出绩效目标表: 长期目标N / 年度目标N rows, annual header 近两年指标值 前年 | 上年."""
    stem, gtexts, specs = DEPARTMENTS[key]
    unit = place + stem
    halves = [specs[:4], specs[4:]]
    goals = []
    for kind in ("长期目标", "年度目标"):
        for k, part in enumerate(halves):
            inds = _inds(rng, part, [None] * len(part), missed=0, scored=False)
            for i in inds:
                i.actual_bare = i.actual_text = None
                i.basis = rng.choice(WUHAN_BASES)
                if history and kind == "年度目标" and i.sign:
                    i.history = (_hist(i.value, 0.9) + i.unit, _hist(i.value, 0.95) + i.unit)
            goals.append(Goal(f"{kind}{k + 1}", gtexts[k], None, inds))
    title = "部门整体支出绩效目标表"
    form = Form(
        "department_target", title, None, unit, None, None, None, None, None, None, goals, None, family="wt"
    )
    for c in plants:
        plant(form, c, rng)
    doc = Doc()
    doc.lines(title, "单位：万元")
    g = Grid(8)
    g.row(0, ["部门（单位）名称", unit], [1, 1])
    g.row(
        1, ["填报人", rng.choice(PEOPLE), "联系电话", f"027{rng.randint(80000000, 89999999)}"], [1, 1, 1, 1]
    )
    amount = rng.randint(800, 4000)
    g.row(2, ["部门总体资金情况", "财政拨款", str(amount), "合计", str(amount)], [1, 2, 1, 2, 1])
    g.row(3, ["部门职能概述", "承担本部门法定职责范围内的各项工作，完成区委、区政府交办的其他任务。"], [1, 1])
    g.row(4, ["年度工作任务", "围绕年度重点工作，做好各项任务。"], [1, 1])
    g.put(5, 0, "整体绩效总目标", 2)
    _row_at(g, 5, 1, ["长期目标", "年度目标"], [3, 1])
    both = " ".join(f"目标{k + 1}：{t}" for k, t in enumerate(gtexts))
    _row_at(g, 6, 1, [both, both], [3, 1])
    r = 7
    first_long = first_annual = True
    for goal in goals:
        g.row(r, [f"{goal.name[:-1]} {goal.name[-1]}：", goal.text], [1, 1])
        r += 1
        annual = goal.name.startswith("年度")
        if not annual and first_long:
            g.row(
                r,
                ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
                [1, 1, 1, 1, 3, 1],
            )
            r += 1
            first_long = False
        if annual and first_annual:
            g.put(r, 0, "年度绩效指标", 3)
            for c, v in ((1, "一级指标"), (2, "二级指标"), (3, "三级指标")):
                g.put(r, c, v, 3)
            g.put(r, 4, "指标值", 1, 3)
            g.put(r, 7, "指标值确定依据", 3)
            g.put(r + 1, 4, "近两年指标值", 1, 2)
            g.put(r + 1, 6, "预期当年实现值", 2)
            g.put(r + 2, 4, "前年")
            g.put(r + 2, 5, "上年")
            r += 3
            first_annual = False
        label = "年度绩效指标" if annual else "长期绩效指标"
        g.put(r, 0, label, len(goal.inds))
        if annual:
            cols = {"l1": 1, "l2": 2, "name": 3, "h0": 4, "h1": 5, "target": 6, "basis": 7}
        else:
            cols = {"l1": 1, "l2": 2, "name": 3, "target": 4, "basis": 7}

        def cells(i: Ind, annual: bool = annual) -> dict[str, str]:
            out = {"name": i.name, "target": i.target, "basis": i.basis or ""}
            if annual:
                out["h0"], out["h1"] = i.history or ("", "")
            return out

        r = ind_rows(g, r, goal.inds, cols, cells) if annual else _long_rows(g, r, goal.inds, cells)
    doc.grid(g)
    return form, doc


def _hist(v: str, f: float) -> str:
    places = len(v.split(".")[1]) if "." in v else 0
    return num(d2(float(v) * f, places))


def _long_rows(g: Grid, r: int, inds: list[Ind], cells) -> int:  # type: ignore[no-untyped-def]
    """Long-term rows: the 指标值 spans the three value columns."""
    end = ind_rows(g, r, inds, {"l1": 1, "l2": 2}, lambda i: {})
    for k, i in enumerate(inds):
        c = cells(i)
        g.put(r + k, 3, c["name"])
        g.put(r + k, 4, c["target"], 1, 3)
        g.put(r + k, 7, c["basis"])
    return end


def wuhan_project_target(
    rng: random.Random, key: str, place: str, year: int, *, history: bool = True, plants: tuple[str, ...] = ()
) -> tuple[Form, Doc]:
    """Wuhan 项目支出绩效目标表: head rows, 项目绩效总目标 名称/目标说明, 长期 and 年度 tables."""
    proj, bureau, impl_stem, _ot, _oa, specs = SECTORS[key]
    sup, impl = place + bureau, place + impl_stem
    halves = [specs[:4], specs[4:]]
    texts = [
        f"完成{proj}第{k + 1}阶段任务，{t}"
        for k, t in enumerate(["保障项目按计划推进。", "提升服务质量和群众获得感。"])
    ]
    goals = []
    for kind in ("长期绩效目标", "年度绩效目标"):
        for k, part in enumerate(halves):
            inds = _inds(rng, part, [None] * len(part), missed=0, scored=False)
            for i in inds:
                i.actual_bare = i.actual_text = None
                i.basis = rng.choice(WUHAN_BASES)
                if history and kind == "年度绩效目标" and i.sign:
                    i.history = (_hist(i.value, 0.9) + i.unit, _hist(i.value, 0.95) + i.unit)
            goals.append(Goal(f"{kind}{k + 1}", texts[k], None, inds))
    title = "项目支出绩效目标表"
    form = Form(
        "project_target", title, year, impl, proj, sup, impl, None, None, None, goals, None, family="wt"
    )
    for c in plants:
        plant(form, c, rng)
    doc = Doc()
    doc.lines(title, "单位：万元")
    g = Grid(8)
    code = f"4201{rng.randint(10**11, 10**12 - 1)}"
    g.row(0, ["项目名称", proj, "项目编码", code], [1, 3, 1, 1])
    g.row(1, ["项目主管部门", sup, "项目执行单位", impl], [1, 3, 1, 1])
    g.row(
        2,
        ["项目负责人", rng.choice(PEOPLE), "联系电话", f"027{rng.randint(80000000, 89999999)}"],
        [1, 3, 1, 1],
    )
    g.row(3, ["起始年度", str(year), "终止年度", str(year + 2)], [1, 3, 1, 1])
    tot = rng.randint(200, 900)
    g.row(4, ["项目总预算", str(tot * 3), "项目当年预算", str(tot)], [1, 3, 1, 1])
    g.row(5, ["项目绩效总目标"], [1])
    g.row(6, ["名称", "目标说明"], [2, 1])
    r = 7
    for goal in goals:
        g.row(r, [f"{goal.name[:-1]} {goal.name[-1]}", goal.text], [2, 1])
        r += 1
    g.row(r, ["长期绩效目标表"], [1])
    g.row(
        r + 1,
        ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
        [1, 1, 1, 1, 3, 1],
    )
    r += 2
    for goal in goals:
        annual = goal.name.startswith("年度")
        if annual and goal.name.endswith("1"):
            g.row(r, ["年度绩效目标表"], [1])
            for c, v in (
                (0, "目标名称"),
                (1, "一级指标"),
                (2, "二级指标"),
                (3, "三级指标"),
                (7, "指标值确定依据"),
            ):
                g.put(r + 1, c, v, 2)
            g.put(r + 1, 4, "指标值", 1, 3)
            for c, v in ((4, "前年"), (5, "上年"), (6, "预计当年实现")):
                g.put(r + 2, c, v)
            r += 3
        g.put(r, 0, f"{goal.name[:-1]} {goal.name[-1]}", len(goal.inds))

        def cells(i: Ind, annual: bool = annual) -> dict[str, str]:
            out = {"name": i.name, "target": i.target, "basis": i.basis or ""}
            if annual:
                out["h0"], out["h1"] = i.history or ("", "")
            return out

        if annual:
            r = ind_rows(
                g,
                r,
                goal.inds,
                {"l1": 1, "l2": 2, "name": 3, "h0": 4, "h1": 5, "target": 6, "basis": 7},
                cells,
            )
        else:
            r = _long_rows(g, r, goal.inds, cells)
    doc.grid(g)
    return form, doc


def unused() -> tuple:
    return (Decimal, DEVIATIONS, IMPROVEMENTS)
