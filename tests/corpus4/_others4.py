"""Builders of the other families: f Chongqing flat list, g Hebei export, h Hubei 20/80 (one
80-point block, or Wuhan-style 年度目标N rows with points in the labels), i target tables
(i2 department, i3 101号 style)."""

from __future__ import annotations

import random
from typing import Any

from _model4 import D, Form, Goal, budget_of, make_ind, num, pct, r2, split_weights, txt
from _national4 import amount_cell, fw, money, score_text
from _office4 import Cell, Grid, Para
from _vocab4 import DEPARTMENTS, PEOPLE, PLACES, PROJECTS, grouped


def _misses(rng: random.Random, specs: list[tuple], n: int) -> set[int]:
    return set(rng.sample([k for k, s in enumerate(specs) if not (s[3] == "<=" and s[4] == 0)], n))


def chongqing(seed: int, o: dict[str, Any]) -> tuple[Form, list]:
    """Chongqing 部门整体绩效自评表: flat list, 得分系数, 是否核心指标; qualitative misses only
    (coefficient 70 %), so every coefficient is exact."""
    rng = random.Random(seed)
    place = rng.choice(PLACES)
    year = o.get("year", 2023)
    dname, goals_txt, specs = DEPARTMENTS[o.get("pick", seed) % len(DEPARTMENTS)]
    unit = place + dname
    specs = list(specs)
    weights = split_weights(90, len(specs), rng)
    qual = [k for k, s in enumerate(specs) if s[3] == "q"]
    inds = [
        make_ind(rng, s, w, miss=k in qual[:1], wording=False)
        for k, (s, w) in enumerate(zip(specs, weights, strict=False))
    ]
    for i in inds:
        i.level1 = i.level2 = None
    planned = D(str(rng.choice([1860, 2345.5, 960.8])))
    executed = r2(planned * D(str(rng.choice([0.875, 0.9, 0.96]))))
    b = budget_of(planned, executed, D(10))
    planted = [fn(inds, b) for fn in o.get("plant", [])]
    total = b.score + sum(i.score for i in inds)
    title = f"{unit}{year}年度部门整体绩效自评表"
    filled = f"{year + 1}-03-{rng.randint(10, 28)}"
    form = Form(
        "department_self_evaluation",
        title,
        year,
        unit,
        None,
        None,
        None,
        filled,
        b,
        {
            "weight": None,
            "target": "；".join(goals_txt) + "。",
            "actual": "年度目标全面完成。",
            "score": None,
        },
        [Goal("绩效指标", None, None, inds)],
        total,
        family="f",
        errors=planted,
    )
    form.extra["core_indicators"] = [i.name for i in inds[:3]]
    form.extra["initial_budget"] = num(planned)
    heads = [
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
    ]
    g = Grid(len(heads))
    g.add(
        Cell("单位名称", cs=2),
        Cell(unit, cs=4),
        Cell("填报日期", cs=2),
        Cell(f"{year + 1}年3月{filled[-2:]}日", cs=2),
    )
    g.add(
        Cell("预算执行情况（万元）", cs=4),
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "执行率（%）",
        "执行率权重",
        "执行率得分（分）",
    )
    g.add(
        Cell("部门整体支出", cs=4),
        amount_cell(planned, o),
        amount_cell(planned, o),
        amount_cell(executed, o),
        Cell(txt((b.rate * 100).quantize(D("0.01")))),
        Cell("10"),
        Cell(score_text(b.score, o)),
    )
    g.add(Cell("年度总体目标", cs=2), Cell(form.overall["target"], cs=8))
    g.add(Cell("年度目标完成情况", cs=2), Cell(form.overall["actual"], cs=8))
    g.add(Cell("绩效指标", cs=10))
    g.add(*heads)
    for k, i in enumerate(inds):
        s = specs[k]
        unit_s = s[5]
        if i.direction == "q":
            val, done, prop = i.target, i.actual, "定性"
        else:
            sign = {">=": "≥", "<=": "≤", "=": ""}[i.direction]
            val, done, prop = sign + txt(i.t), txt(i.a), "定量"
        coef = (i.score / i.weight * 100).quantize(D("0.01"))
        g.add(
            i.name,
            unit_s,
            prop,
            val,
            "",
            done,
            txt(coef.normalize()),
            txt(i.weight),
            score_text(i.score, o),
            "是" if k < 3 else "否",
        )
        i.target = val + unit_s
        i.actual = done + unit_s if i.direction != "q" else done
    g.add(Cell("合计", cs=7), Cell("90"), Cell(score_text(total - b.score, o)), Cell(""))
    g.add(Cell("自评总分", cs=7), Cell(""), Cell(score_text(total, o)), Cell(""))
    return form, [Para(title, title=True), g]


def hebei(seed: int, o: dict[str, Any]) -> tuple[Form, list]:
    """Hebei system export: 指标分值 per 一级 adding to 100, merged 权重占比, 折算得分, 效果指标."""
    rng = random.Random(seed)
    place = rng.choice(PLACES)
    year = o.get("year", 2023)
    pname, impl, sup, gt, ga, specs = PROJECTS[o.get("pick", seed) % len(PROJECTS)]
    specs = [
        (
            s[0] if s[0] == "产出指标" else "效果指标",
            s[1].replace("指标", "") if s[0] != "产出指标" else s[1],
            *s[2:],
        )
        for s in specs
    ]
    n_out = sum(1 for s in specs if s[0] == "产出指标")
    weights = split_weights(100, n_out, rng) + split_weights(100, len(specs) - n_out, rng)
    misses = _misses(rng, specs, 2)
    inds = [
        make_ind(rng, s, w, miss=k in misses, wording=o.get("wording", False))
        for k, (s, w) in enumerate(zip(specs, weights, strict=False))
    ]
    planted = [fn(inds, None) for fn in o.get("plant", [])]
    share = {"产出指标": D("0.6"), "效果指标": D("0.4")}
    conv = [r2(i.score * share[i.level1]) for i in inds]
    total = sum(conv)
    planned = D(str(rng.choice([58, 126.4, 312])))
    executed = r2(planned * D("0.935"))
    b = budget_of(planned, executed, None)
    unit = place + impl
    title = f"{year}年度项目支出绩效自评表"
    form = Form(
        "project_self_evaluation",
        title,
        year,
        unit,
        pname,
        place + sup,
        unit,
        None,
        b,
        {"weight": None, "target": gt, "actual": ga, "score": None},
        [Goal("绩效指标", None, None, inds)],
        total,
        family="g",
        errors=planted,
    )
    form.extra["converted_scores"] = [num(c) for c in conv]
    form.extra["budget_received"] = num(planned)
    nc = 10
    g = Grid(nc)
    g.add(Cell("单位名称", cs=2), Cell(unit, cs=8))
    g.add(
        Cell("项目名称", cs=2),
        Cell(pname, cs=4),
        Cell("项目编码", cs=2),
        Cell(f"13{rng.randint(10**8, 10**9)}", cs=2),
    )
    g.add(Cell("主管部门", cs=2), Cell(place + sup, cs=4), Cell("实施单位", cs=2), Cell(unit, cs=2))
    g.add(
        Cell("项目资金（万元）", rs=2, cs=2),
        Cell("预算数", cs=2),
        Cell("到位数", cs=2),
        Cell("执行数", cs=2),
        Cell("预算执行进度（%）", cs=2),
    )
    g.add(
        Cell(money(planned, o), cs=2),
        Cell(money(planned, o), cs=2),
        Cell(money(executed, o), cs=2),
        Cell(txt((b.rate * 100).quantize(D("0.01"))), cs=2),
    )
    g.add(Cell("绩效目标", rs=2, cs=2), Cell("年初目标", cs=4), Cell("实际完成情况", cs=4))
    g.add(Cell(gt, cs=4), Cell(ga, cs=4))
    g.add(
        Cell("绩效指标", rs=2 + len(inds)),
        Cell("一级指标", rs=2),
        Cell("二级指标", rs=2),
        Cell("三级指标", rs=2),
        Cell("指标分值", rs=2),
        Cell("指标值", cs=2),
        Cell("得分情况", cs=3),
    )
    g.add("年度指标值", "实际完成值", "单项指标得分", "权重占比（%）", "单项指标折算得分")
    l1_start = {0: n_out, n_out: len(inds) - n_out}
    runs2 = {}
    k = 0
    while k < len(inds):
        n = 1
        while k + n < len(inds) and (inds[k + n].level1, inds[k + n].level2) == (
            inds[k].level1,
            inds[k].level2,
        ):
            n += 1
        runs2[k] = n
        k += n
    for k, i in enumerate(inds):
        row = []
        if k in l1_start:
            row.append(Cell(i.level1, rs=l1_start[k]))
        if k in runs2:
            row.append(Cell(i.level2, rs=runs2[k]))
        row += [
            Cell(i.name),
            Cell(txt(i.weight)),
            Cell(i.target),
            Cell(i.actual),
            Cell(score_text(i.score, o)),
        ]
        if k in l1_start:
            row.append(Cell(txt(share[i.level1] * 100), rs=l1_start[k]))
        row.append(Cell(score_text(conv[k], o)))
        g.add(*row)
    g.add(Cell("总分", cs=9), Cell(score_text(total, o)))
    blocks = [
        Para(title, title=True),
        g,
        Para(f"导出时间：{year + 1}-04-0{rng.randint(1, 9)} 10:{rng.randint(10, 59)}:08"),
    ]
    return form, blocks


def hubei_goal_rows(seed: int, o: dict[str, Any]) -> tuple[Form, list]:
    """Wuhan-style department form: 年度目标N rows, points in every label, 20 for execution."""
    rng = random.Random(seed)
    place = o.get("place", "武汉市" + rng.choice(["江岸区", "硚口区", "青山区", "洪山区"]))
    year = o.get("year", 2021)
    dname, goals_txt, specs = DEPARTMENTS[o.get("pick", seed) % len(DEPARTMENTS)]
    unit = place + dname
    specs = list(specs)
    groups = [grouped(specs[0:4]), grouped(specs[4:8]), grouped(specs[8:])]
    gweights = [D(40), D(25), D(15)]
    inds_all = []
    goals = []
    for gi, (gs, gw) in enumerate(zip(groups, gweights, strict=False)):
        ws = split_weights(int(gw), len(gs), rng)
        misses = _misses(rng, gs, 1) if gi == 0 else set()
        inds = [
            make_ind(rng, s, w, miss=k in misses, wording=False)
            for k, (s, w) in enumerate(zip(gs, ws, strict=False))
        ]
        goals.append(Goal(f"年度目标{gi + 1}", goals_txt[gi], gw, inds))
        inds_all += inds
    # Hubei reverse rule (w × A/B) and qualitative band agree with the national helper here
    planted = [fn(inds_all, None) for fn in o.get("plant", [])]
    planned = D(str(rng.choice([3265.4, 1480.25, 5120])))
    executed = r2(planned * D(str(rng.choice([0.955, 0.9888, 1]))))
    b = budget_of(planned, executed, D(20))
    total = b.score + sum(i.score for i in inds_all)
    title = f"{year}年度{unit} 部门整体绩效自评表"
    filled = f"{year + 1}-06-{rng.randint(10, 28)}"
    form = Form(
        "department_self_evaluation",
        title,
        year,
        unit,
        None,
        None,
        None,
        filled,
        b,
        None,
        goals,
        total,
        "个别指标受疫情影响未完成。",
        "改进措施：加强预算执行进度管理。",
        family="h",
        errors=planted,
    )
    nc = 7
    g = Grid(nc)
    g.add(Cell("单位名称", cs=2), Cell(unit, cs=3), Cell("部门支出总额"), Cell(money(planned, o)))
    g.add(
        Cell("项目执行情况（万元）（20分）", cs=2),
        "预算数(A)",
        "执行数(B)",
        Cell("执行率(B/A)", cs=2),
        "得分（20分*执行率）",
    )
    g.add(
        Cell("部门整体支出总额", cs=2),
        amount_cell(planned, o),
        amount_cell(executed, o),
        Cell(pct(b.rate), cs=2, value=float(b.rate), fmt="0.00%"),
        Cell(score_text(b.score, o)),
    )
    for goal in goals:
        g.add(Cell(f"{goal.name}：（{txt(goal.weight)}分）", cs=2), Cell(goal.text, cs=5))
        g.add("一级指标", "二级指标", Cell("三级指标", cs=2), "年初目标值", "实际完成值", "得分")
        l1w: dict[str, D] = {}
        l2w: dict[tuple, D] = {}
        for i in goal.inds:
            l1w[i.level1] = l1w.get(i.level1, D(0)) + i.weight
            l2w[(i.level1, i.level2)] = l2w.get((i.level1, i.level2), D(0)) + i.weight
        seen1, seen2 = set(), set()
        for i in goal.inds:
            n1 = sum(1 for j in goal.inds if j.level1 == i.level1)
            n2 = sum(1 for j in goal.inds if (j.level1, j.level2) == (i.level1, i.level2))
            row = []
            if i.level1 not in seen1:
                row.append(Cell(f"{i.level1}（{txt(l1w[i.level1])}分）", rs=n1))
                seen1.add(i.level1)
            if (i.level1, i.level2) not in seen2:
                row.append(Cell(f"{i.level2}（{txt(l2w[(i.level1, i.level2)])}分）", rs=n2))
                seen2.add((i.level1, i.level2))
            row += [
                Cell(f"{i.name}（{txt(i.weight)}分）", cs=2),
                Cell(i.target),
                Cell(i.actual),
                Cell(score_text(i.score, o)),
            ]
            g.add(*row)
    g.add(Cell("总分", cs=6), Cell(score_text(total, o)))
    g.add(Cell("偏差大或目标未完成原因分析", cs=2), Cell(form.deviation, cs=5))
    g.add(Cell("改进措施及结果应用方案", cs=2), Cell(form.improvement, cs=5))
    blocks = [
        Para(title, title=True),
        Para(f"单位名称：{unit}"),
        Para(f"填报日期：{year + 1}年6月{int(filled[-2:])}日"),
        g,
    ]
    return form, blocks


def target_department(seed: int, o: dict[str, Any]) -> tuple[Form, list]:
    """i2 部门整体支出绩效目标申报表: 年度主要任务, 年度总体目标, 年度绩效指标 with 指标值 only."""
    rng = random.Random(seed)
    place = rng.choice(PLACES)
    year = o.get("year", 2024)
    dname, goals_txt, specs = DEPARTMENTS[o.get("pick", seed) % len(DEPARTMENTS)]
    unit = place + dname
    inds = [make_ind(rng, s, None, wording=o.get("wording", True)) for s in grouped(list(specs))]
    for i in inds:
        i.actual = None
        i.score = None
    planted = [fn(inds, None) for fn in o.get("plant", [])]
    text = "；".join(goals_txt) + "。"
    title = "部门整体支出绩效目标申报表"
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
        family="i",
        errors=planted,
    )
    nc = 6
    g = Grid(nc)
    g.add(Cell("部门（单位）名称", cs=2), Cell(unit, cs=4))
    g.add(
        Cell("年度主要任务", rs=4), Cell("任务名称"), Cell("主要内容", cs=2), Cell("预算金额（万元）", cs=2)
    )
    for t_, c_ in zip(goals_txt, ["开展日常监管", "落实重点任务", "保障机构运转"], strict=False):
        g.add(Cell(t_[:8]), Cell(c_, cs=2), Cell(money(D(rng.randint(80, 900)), o), cs=2))
    g.add(Cell("年度总体目标", cs=2), Cell(text, cs=4))
    runs = {}
    k = 0
    while k < len(inds):
        n = 1
        while k + n < len(inds) and inds[k + n].level1 == inds[k].level1:
            n += 1
        runs[k] = n
        k += n
    g.add(Cell("年度绩效指标", rs=len(inds) + 1), "一级指标", "二级指标", Cell("三级指标", cs=2), "指标值")
    for k, i in enumerate(inds):
        row = [Cell(i.level1, rs=runs[k])] if k in runs else []
        row += [Cell(i.level2), Cell(i.name, cs=2), Cell(fw(i.target, o))]
        g.add(*row)
    blocks = [
        Para(f"{title}", title=True),
        Para(f"（{year}年度）"),
        g,
        Para(
            f"填报人：{rng.choice(PEOPLE)}    联系电话：1350000{rng.randint(1000, 9999)}    单位负责人：{rng.choice(PEOPLE)}"
        ),
    ]
    return form, blocks


def target_101(seed: int, o: dict[str, Any]) -> tuple[Form, list]:
    """i3 101号-style project target table: 指标性质/指标值/度量单位/指标值说明/指标值设定依据."""
    rng = random.Random(seed)
    place = rng.choice(PLACES)
    year = o.get("year", 2024)
    pname, impl, sup, gt, _ga, specs = PROJECTS[o.get("pick", seed) % len(PROJECTS)]
    unit = place + impl
    inds = [make_ind(rng, s, None, wording=False) for s in specs]
    bases = ["计划标准", "行业标准", "历史标准", "其他"]
    for k, (i, s) in enumerate(zip(inds, specs, strict=False)):
        i.actual = i.score = None
        sign = {">=": "≥", "<=": "≤", "=": "=", "q": "定性"}[s[3]]
        val = txt(D(str(s[4]))) if s[3] != "q" else s[4]
        i.extra["split"] = (sign, val, s[5])
        i.target = (sign if sign != "定性" else "") + val + s[5]
        i.basis = bases[k % 4] if not (o.get("blank_basis") and k == 3) else None
    planted = [fn(inds, None) for fn in o.get("plant", [])]
    title = f"{year}年度项目支出绩效目标表"
    form = Form(
        "project_target",
        title,
        year,
        unit,
        pname,
        place + sup,
        unit,
        None,
        None,
        None,
        [Goal("绩效指标", gt, None, inds)],
        None,
        family="i",
        errors=planted,
    )
    form.extra["value_notes"] = {}
    nc = 9
    g = Grid(nc)
    g.add(Cell("项目名称", cs=2), Cell(pname, cs=7))
    g.add(Cell("主管部门", cs=2), Cell(place + sup, cs=3), Cell("实施单位", cs=2), Cell(unit, cs=2))
    g.add(Cell("年度绩效目标", cs=2), Cell(gt, cs=7))
    g.add(
        Cell("绩效指标", rs=len(inds) + 1),
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "指标值说明",
        "指标值设定依据",
    )
    runs1 = {}
    k = 0
    while k < len(inds):
        n = 1
        while k + n < len(inds) and inds[k + n].level1 == inds[k].level1:
            n += 1
        runs1[k] = n
        k += n
    for k, i in enumerate(inds):
        sign, val, un = i.extra["split"]
        row = [Cell(i.level1, rs=runs1[k])] if k in runs1 else []
        row += [
            Cell(i.level2),
            Cell(i.name),
            Cell(sign),
            Cell(fw(val, o)),
            Cell(un),
            Cell(f"反映{i.name}"),
            Cell(i.basis or ""),
        ]
        g.add(*row)
    blocks = (
        [Para(title, title=True), Para(f"填报单位（盖章）：{unit}"), g]
        if o.get("stamp")
        else [Para(title, title=True), g]
    )
    if o.get("stamp"):
        form.unit = unit
    else:
        form.unit = None
    return form, blocks
