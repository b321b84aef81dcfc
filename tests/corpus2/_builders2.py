"""One builder per family of the templates README, with the variants tests/corpus leaves out."""

from __future__ import annotations

import random
from typing import Any

from _forms2 import (
    DEPTS,
    POOLS,
    ab,
    achieve,
    answer,
    budget,
    f,
    hu,
    ind_answer,
    level_cells,
    make_inds,
    pct,
    plant,
    weigh,
)
from _layouts2 import Doc, Grid


def _totals(b: dict | None, inds) -> float:
    return hu(sum(i.score or 0 for i in inds) + ((b or {}).get("score") or 0), 2)


def national(rng: random.Random, year: int, sector: str, error: str | None = None, **o: Any):
    """(a)/(b)/(c)/(e): national columns; options for the variants README (a)–(c) lists."""
    dept = o.get("department", False)
    xj = o.get("xianjie", False)
    spec = DEPTS[sector] if dept else POOLS[sector]
    county = rng.choice(["岚溪县", "柘塘县", "云栖湾区", "石埠县", "青枫县", "鹤鸣区"])
    inds = make_inds(rng, spec["inds"], o.get("n", 8))
    shares = o.get("shares", {"产出指标": 50, "效益指标": 30, "满意度指标": 10})
    present = {i.l1 for i in inds}
    shares = {k: v for k, v in shares.items() if k in present}
    if o.get("l1_names"):  # Jiangxi: other level-1 names
        for i in inds:
            i.l1 = o["l1_names"].get(i.l1, i.l1)
        shares = {o["l1_names"].get(k, k): v for k, v in shares.items()}
    weigh(rng, inds, shares, equal=o.get("equal"))
    achieve(rng, inds, o.get("misses", 1 if error else rng.choice([0, 1, 2])))
    bw = o.get("budget_weight", 10)
    b = budget(rng, bw)
    errors = []
    unit_label = "元" if o.get("yuan") else "万元"
    scale = 10000 if o.get("yuan") else 1

    def money(x: float) -> str:
        s = f(hu(x * scale, 2))
        return s + ("万" if o.get("wan") else "")

    if o.get("stars"):
        for i in inds[::2]:
            i.star = True
    form_title = o.get("title") or (
        f"{county}{year}年度{'部门整体支出' if dept else ('衔接资金项目' if xj else '项目支出')}绩效自评表"
    )
    kind = "department_self_evaluation" if dept else "project_self_evaluation"
    unitname = county + spec["dept"]
    if error and error != "form.total_mismatch":
        errors.append(plant(rng, {"budget": b}, inds, error))
    if o.get("budget_score_band") and b["score"] is not None:
        b["score"] = hu(b["score"], 0)
    if o.get("budget_score_blank"):
        b["score"] = None
    total = _totals(b, inds)
    if error == "form.total_mismatch":
        total = hu(total + 1, 2)
        errors.append({"form": 0, "code": error, "indicator": None, "why": "总分与各项得分之和不符"})
    g = Grid(9)
    pre = [form_title] if not o.get("year_line") else [form_title, f"（{year}年度）"]
    if o.get("unit_line"):
        pre.append(f"填报单位（盖章）：{unitname}    填报日期：{year + 1}年3月{rng.randint(10, 28)}日")
    if dept:
        g.line("部门（单位）名称", (unitname, 8))
    else:
        g.line("项目名称", (spec["project"], 8))
        g.line("主管部门", (unitname, 3), ("实施单位", 2), (county + spec["impl"], 3))
        if xj:
            g.line(
                "项目负责人及电话",
                (f"{rng.choice(['周', '吴', '郑'])}某某 139{rng.randint(10000000, 99999999)}", 8),
            )
            g.line("项目地点", (county + rng.choice(["东岭村", "西坡村", "下湾村"]), 8))
            g.line("建设内容", (spec["goal"] + "。", 8))
    sub = (
        ["其中：中央衔接资金", "省级衔接资金", "其他资金"]
        if xj
        else (["其中：基本支出", "项目支出"] if dept else ["其中：当年财政拨款", "上年结转资金", "其他资金"])
    )
    r = g.row()
    g.put(r, 0, f"{'部门' if dept else '项目'}资金（{unit_label}）", 2 + len(sub))
    heads = ["年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]
    if o.get("fujian"):
        heads = ["年初预算数①", "全年预算数④=①+②+③", "全年执行数⑤", "分值", "支出实现率⑥=⑤/④", "得分"]
    g.put(r, 1, "", 1, 2)
    for k, h in enumerate(heads):
        g.put(r, 3 + k, h)
    r = g.row()
    g.put(r, 1, "年度资金总额", 1, 2)
    vals = [
        money(b["initial"]),
        money(b["planned"]),
        money(b["executed"]),
        f(bw) if bw else "",
        pct(b["rate"]),
        f(b["score"]) if b["score"] is not None else "",
    ]
    for k, v in enumerate(vals):
        g.put(r, 3 + k, v)
    shares_b = [0.7, 0.2, 0.1][: len(sub)]
    shares_b[-1] = round(1 - sum(shares_b[:-1]), 2)
    for lab, s in zip(sub, shares_b, strict=True):
        r = g.row()
        g.put(r, 1, lab, 1, 2)
        pl, ex = hu(b["planned"] * s, 2), hu(b["executed"] * s, 2)
        for k, v in enumerate(
            [money(hu(b["initial"] * s, 2)), money(pl), money(ex), "—", pct(hu(ex / pl, 4)), "—"]
        ):
            g.put(r, 3 + k, v)
    goal_t = spec["goal"] + "。"
    goal_a = "已" + spec["goal"].replace("，", "，已", 1) + "，总体完成年度目标。"
    if o.get("junk"):
        goal_a = goal_a[:6] + "??????" + goal_a[6:]
    r = g.row()
    g.put(r, 0, "年度总体目标", 2)
    g.put(r, 1, "预期目标", 1, 4)
    g.put(r, 5, "实际完成情况", 1, 4)
    r = g.row()
    g.put(r, 1, goal_t, 1, 4)
    g.put(r, 5, goal_a, 1, 4)
    # indicator block
    head = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    if xj:
        head = [
            "一级指标",
            "二级指标",
            "三级指标",
            "分值",
            "年度指标值",
            "全年实际值",
            "得分",
            "未完成原因分析及改进措施",
        ]
    rows = list(inds)
    placeholders = ["指标1：", "……"] if o.get("placeholders") else []
    r0 = g.row()
    block = 1 + len(rows) + len(placeholders) + (1 if o.get("sub_row") else 0)
    g.put(r0, 0, "绩效指标", block)
    for k, h in enumerate(head):
        g.put(r0, 1 + k, h)
    start = r0 + 1

    def l1label(i) -> str:
        return f"{i.l1}（{f(shares[i.l1])}分）" if o.get("l1_points") else i.l1

    level_cells(g, start, 1, rows, l1label)
    sub_rows = []
    for k, i in enumerate(rows):
        name = ("★" if i.star else "") + i.name
        w = f"{f(i.weight)}%" if o.get("pct_weights") else f(i.weight)
        cells = [name, i.target, i.actual_text, w, f(i.score), i.reason]
        if xj:
            cells = [name, w, i.target, i.actual_text, f(i.score), i.reason]
        for c, v in enumerate(cells):
            g.put(start + k, 3 + c, v)
    extra_r = start + len(rows)
    if o.get("sub_row"):  # a 其中 row under the first indicator, target and actual only
        i = rows[0]
        g.put(extra_r, 1, "", 1, 2)
        sub_name = "其中：脱贫户" if xj else "其中：重点区域"
        part_t = f"≥{f(hu(float(i.value) / 2, 0))}{i.unit}" if i.kind == "pos" else i.target
        part_a = f(hu(float(i.actual) / 2, 0)) + i.unit if i.kind == "pos" else i.actual_text
        for c, v in enumerate(
            [sub_name, "", part_t, part_a, "", ""] if xj else [sub_name, part_t, part_a, "", "", ""]
        ):
            g.put(extra_r, 3 + c, v)
        sub_rows.append({"parent": i.name, "name": sub_name, "target": part_t, "actual": part_a})
        extra_r += 1
    for ph in placeholders:
        g.put(extra_r, 1, "", 1, 2)
        g.put(extra_r, 3, ph)
        extra_r += 1
    g.n = extra_r
    wsum = sum(i.weight for i in inds) + (bw or 0)
    r = g.row()
    g.put(r, 0, "总分", 1, 6 if not xj else 4)
    if xj:
        g.put(r, 4, f(wsum))
        g.put(r, 5, "", 1, 2)
    else:
        g.put(r, 6, f(wsum))
    g.put(r, 7, f(total))
    g.put(r, 8, o.get("grade", ""))
    if o.get("grade_row"):
        g.line(("自评等级", 6), ("优" if total >= 90 else "良", 3))
    post = []
    if o.get("note"):
        post.append("注：预算执行率按“全年执行数/全年预算数”计算，得分=分值×执行率。")
    doc = Doc(g, pre=pre, post=post)
    if o.get("split"):
        doc.split_at = start + len(rows) // 2
        doc.repeat = [r0]
    extra: dict[str, Any] = {"initial_budget": b["initial"]}
    if o.get("yuan"):
        extra["amount_unit"] = "元"
    if o.get("stars"):
        extra["core_indicators"] = [i.name for i in inds if i.star]
    if sub_rows:
        extra["sub_rows"] = sub_rows
    devs = {i.name: i.reason for i in inds if i.reason}
    if devs:
        extra["deviation_by_indicator"] = devs
    filled = None
    if o.get("unit_line"):
        filled = pre[-1].split("填报日期：")[1]
        y, rest = filled.split("年")
        m, d = rest.rstrip("日").split("月")
        filled = f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    ans = answer(
        kind,
        form_title,
        year,
        unit=unitname if (dept or o.get("unit_line")) else None,
        project=None if dept else spec["project"],
        supervisor=None if dept else unitname,
        implementer=None if dept else county + spec["impl"],
        filled_on=filled,
        budget=ab(b),
        overall_goal={"weight": None, "target": goal_t, "actual": goal_a, "score": None},
        goals=[
            {"name": "绩效指标", "text": None, "weight": None, "indicators": [ind_answer(i) for i in inds]}
        ],
        total_score=total,
        extra=extra,
    )
    return [doc], [ans], errors


def sichuan(rng: random.Random, year: int, sector: str, error: str | None = None, **o: Any):
    """(d) Sichuan 10/90: 财政专户 rows, no 合计 row, split target, 评价结论/存在问题/改进措施."""
    spec = POOLS[sector]
    county = rng.choice(["梅坞县", "沙洲县", "碧岭县"])
    inds = make_inds(rng, spec["inds"], o.get("n", 8))
    shares = {"产出指标": 60, "效益指标": 20, "满意度指标": 10}
    weigh(rng, inds, shares)
    achieve(rng, inds, 1 if error else rng.choice([0, 1]))
    b = budget(rng, 10)
    errors = [plant(rng, {"budget": b}, inds, error)] if error else []
    blank = o.get("blank")
    if blank:
        for i in inds:
            i.actual, i.score, i.reason = "", None, ""
    total = None  # the Sichuan table prints no 总分 row
    unitname = county + spec["dept"]
    title = f"{unitname}{year}年度部门预算项目支出绩效自评表"
    g = Grid(11)
    g.line("项目名称", (spec["project"], 10))
    g.line("主管部门", (unitname, 4), ("预算单位", 2), (county + spec["impl"], 4))
    r = g.row()
    g.put(r, 0, "预算执行情况（万元）（10分）", 5)
    for k, h in enumerate(["", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"]):
        g.put(r, 1 + k, h)
    g.put(r, 8, "原因", 1, 3)
    rows = [("财政资金", 0.8), ("财政专户管理资金", 0.1), ("单位资金", 0.1), ("其他资金", 0)]
    reason = "" if b["rate"] >= 0.9 else "部分项目款按合同约定于次年支付。"
    for k, (lab, s) in enumerate(rows):
        r = g.row()
        if k == 0:
            vals = [
                lab,
                f(b["initial"]),
                f(b["planned"]),
                f(b["executed"]),
                pct(b["rate"]),
                "10",
                f(b["score"]),
            ]
        elif s:
            pl = hu(b["planned"] * s / 0.8 * 0.1, 2)
            vals = [lab, f(pl), f(pl), f(pl), "100%", "", ""]
        else:
            vals = [lab, "", "", "", "", "", ""]
        for c, v in enumerate(vals):
            g.put(r, 1 + c, v)
        g.put(r, 8, reason if k == 0 else "", 1, 3)
    goal_t, goal_a = spec["goal"] + "。", "按计划" + spec["goal"] + "，年度目标基本实现。"
    g.line("年度目标", ("预期目标", 5), ("实际完成情况", 5))
    g.line("", (goal_t, 5), (goal_a, 5))
    r0 = g.row()
    g.put(r0, 0, "绩效指标（90分）", 1 + len(inds))
    head = [
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
    ]
    for k, h in enumerate(head):
        g.put(r0, 1 + k, h)
    level_cells(g, r0 + 1, 1, inds)
    for k, i in enumerate(inds):
        sign = i.sign or ("定性" if i.kind == "qual" else "=")
        for c, v in enumerate([i.name, sign, i.value, i.unit, i.actual, f(i.weight), f(i.score), i.reason]):
            g.put(r0 + 1 + k, 3 + c, v)
    g.n = r0 + 1 + len(inds)
    conclusion = "项目总体实施情况较好，达到预期目标。"
    problem = "" if blank else "个别指标完成进度偏慢，资金支付不够及时。"
    measures = "" if blank else "加强项目调度，建立资金支付台账，按月通报进度。"
    g.line(("评价结论", 2), (conclusion, 9))
    g.line(("存在问题", 2), (problem, 9))
    g.line(("改进措施", 2), (measures, 9))
    pre = [title, f"单位（盖章）：{unitname}"]
    doc = Doc(g, pre=pre)
    targets = [(("" if i.kind == "qual" else (i.sign or "=")) + i.value + i.unit) for i in inds]
    ind_ans = [
        ind_answer(i, target=t, actual=i.actual_text or None) for i, t in zip(inds, targets, strict=True)
    ]
    ans = answer(
        "project_self_evaluation",
        title,
        year,
        unit=unitname,
        project=spec["project"],
        supervisor=unitname,
        implementer=county + spec["impl"],
        budget=ab(b),
        overall_goal={"weight": None, "target": goal_t, "actual": goal_a, "score": None},
        goals=[{"name": "绩效指标", "text": None, "weight": 90, "indicators": ind_ans}],
        total_score=total,
        deviation_reason=problem or None,
        improvement=measures or None,
        extra={"initial_budget": b["initial"], "conclusion": conclusion},
    )
    return [doc], [ans], errors


def chongqing(rng: random.Random, year: int, sector: str, error: str | None = None, **o: Any):
    """(f) Chongqing flat list, with 调整指标值 on some rows and 是否核心指标; ``rate_pct`` prints
    the rate with its % sign although the header says （%）."""
    spec = DEPTS[sector]
    county = rng.choice(["云栖湾区", "鹤鸣区"])
    inds = make_inds(rng, spec["inds"], o.get("n", 9))
    ws = [10, 10, 10, 10, 10, 10, 10, 10, 10][: len(inds)]
    ws[-1] += 90 - sum(ws)
    for i, w in zip(inds, ws, strict=True):
        i.weight = w
    achieve(rng, inds, 1)
    b = budget(rng, 10)
    b["score"] = hu(b["rate"] * 10, 2)
    errors = [plant(rng, {"budget": b}, inds, error)] if error else []
    unitname = county + spec["dept"]
    title = f"{unitname}{year}年度部门整体绩效自评表"
    g = Grid(10)
    g.line("单位名称", (unitname, 5), ("填报日期", 2), (f"{year + 1}-03-15", 2))
    g.line(
        "预算执行情况",
        ("年初预算数（万元）", 2),
        "全年预算数（万元）",
        "全年执行数（万元）",
        "执行率（%）",
        ("执行率权重", 2),
        ("执行率得分（分）", 2),
    )
    g.line(
        "",
        (f(b["initial"]), 2),
        f(b["planned"]),
        f(b["executed"]),
        f(hu(b["rate"] * 100, 2)) + ("%" if o.get("rate_pct") else ""),  # 93.4% under 执行率（%）
        ("10", 2),
        (f(b["score"]), 2),
    )
    goal_t, goal_a = spec["goal"] + "。", "全面完成" + spec["goal"] + "等重点工作。"
    g.line("年度总体目标", (goal_t, 4), "年度目标完成情况", (goal_a, 4))
    g.line(("绩效指标", 10))
    g.line(
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
    initial_targets = {}
    ind_ans = []
    for k, i in enumerate(inds):
        coef = hu(i.score / i.weight * 100, 2) if i.score is not None else ""
        first = i.sign + i.value
        adj = ""
        if k % 4 == 1 and i.kind == "pos":
            adj = first
            first = i.sign + f(hu(float(i.value) * 0.9, i.dec))
            initial_targets[i.name] = first + i.unit
        g.line(
            i.name,
            i.unit,
            "定性" if i.kind == "qual" else "定量",
            first,
            adj,
            i.actual,
            f(coef),
            f(i.weight),
            f(i.score),
            "是" if k < 4 else "否",
        )
        ind_ans.append({**ind_answer(i), "level1": None, "level2": None})
    total = _totals(b, inds)
    g.line("总分", ("", 7), f(total), "")
    doc = Doc(g, pre=[title + ".xlsx"] if o.get("suffix") else [title])
    ans = answer(
        "department_self_evaluation",
        title,
        year,
        unit=unitname,
        filled_on=f"{year + 1}-03-15",
        budget=ab(b),
        overall_goal={"weight": None, "target": goal_t, "actual": goal_a, "score": None},
        goals=[{"name": "绩效指标", "text": None, "weight": None, "indicators": ind_ans}],
        total_score=total,
        extra={"initial_budget": b["initial"], "initial_targets": initial_targets},
    )
    return [doc], [ans], errors


def hubei(rng: random.Random, year: int, sector: str, error: str | None = None, **o: Any):
    """(h) Hubei outside Wuhan: 80-point block with level-2 points, or the 20/20/60 总目标 shape."""
    spec = POOLS[sector]
    county = rng.choice(["栾川口县", "石埠县"])
    overall = o.get("overall", False)
    pts = 60 if overall else 80
    shares = (
        {"产出指标": 40, "效益指标": 20} if overall else {"产出指标": 50, "效益指标": 20, "满意度指标": 10}
    )
    inds = make_inds(rng, [p for p in spec["inds"] if p[0] in shares], o.get("n", 8))
    weigh(rng, inds, shares)
    achieve(rng, inds, 1 if error else rng.choice([0, 1]), band=0.6)
    b = budget(rng, 20)
    errors = [plant(rng, {"budget": b}, inds, error)] if error else []
    unitname = county + spec["dept"]
    title = f"{year}年度{spec['project']}项目支出绩效自评表"
    g = Grid(7)
    g.line("项目名称", (spec["project"], 6))
    g.line("主管部门", (unitname, 2), "项目实施单位", (county + spec["impl"], 3))
    g.line(
        "预算执行情况（万元）（20分）", "预算数(A)", "执行数(B)", "执行率(B/A)", ("得分（20分*执行率）", 3)
    )
    g.line("年度财政资金总额", f(b["planned"]), f(b["executed"]), pct(b["rate"]), (f(b["score"]), 3))
    ov = None
    if overall:
        goal_t = spec["goal"] + "。"
        goal_a = "已完成" + spec["goal"].split("，")[0] + "等任务。"
        ov = {"weight": 20, "target": goal_t, "actual": goal_a, "score": 18}
        g.line("项目绩效总目标（20分）", ("年初设定目标", 2), ("全年实际完成情况", 3), "得分")
        g.line("", (goal_t, 2), (goal_a, 3), "18")
    label = "项目年度绩效指标（60分）" if overall else "年度绩效目标（80分）"
    r0 = g.row()
    g.put(r0, 0, label, 1 + len(inds))
    for k, h in enumerate(["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"]):
        g.put(r0, 1 + k, h)
    l2w = {}
    for i in inds:
        l2w[f"{i.l1}/{i.l2}"] = l2w.get(f"{i.l1}/{i.l2}", 0) + i.weight
    level_cells(
        g,
        r0 + 1,
        1,
        inds,
        lambda i: f"{i.l1}（{f(shares[i.l1])}分）",
        lambda i: f"{i.l2}（{f(l2w[i.l1 + '/' + i.l2])}分）",
    )
    for k, i in enumerate(inds):
        for c, v in enumerate([f"{i.name}（{f(i.weight)}分）", i.target, i.actual_text, f(i.score)]):
            g.put(r0 + 1 + k, 3 + c, v)
    g.n = r0 + 1 + len(inds)
    total = hu(_totals(b, inds) + (18 if overall else 0), 2)
    g.line("总分", ("", 4), (f(total), 2))
    dev = (
        "个别指标受施工条件影响未完成。"
        if any(i.missed for i in inds)
        else "各项指标均按计划完成，无明显偏差。"
    )
    g.line("偏差大或目标未完成原因分析", (dev, 6))
    g.line("改进措施及结果应用方案", ("加强项目前期谋划，强化绩效运行监控。", 6))
    pre = [title + ".pdf", f"单位名称：{unitname}    填报日期：{year + 1}年2月26日"]
    ans = answer(
        "project_self_evaluation",
        title,
        year,
        unit=unitname,
        project=spec["project"],
        supervisor=unitname,
        implementer=county + spec["impl"],
        filled_on=f"{year + 1}-02-26",
        budget=ab(b),
        overall_goal=ov,
        goals=[
            {
                "name": label.split("（")[0],
                "text": None,
                "weight": pts,
                "indicators": [ind_answer(i) for i in inds],
            }
        ],
        total_score=total,
        deviation_reason=dev,
        improvement="加强项目前期谋划，强化绩效运行监控。",
        extra={"level1_weights": shares, "level2_weights": l2w},
    )
    return [Doc(g, pre=pre)], [ans], errors


def target(rng: random.Random, year: int, sector: str, error: str | None = None, **o: Any):
    """(i3)-style target table with extra columns, or other target headings (README (i) end)."""
    spec = POOLS[sector]
    county = rng.choice(["青枫县", "柘塘县", "岚溪县"])
    inds = make_inds(rng, spec["inds"], o.get("n", 8))
    shape = o.get("shape", "101")
    errors = []
    if error == "target.vague":
        errors.append(plant(rng, {}, inds, error))
    unitname = county + spec["dept"]
    title = f"{year}年度项目支出绩效目标表"
    g = Grid(9)
    g.line("项目名称", (spec["project"], 8))
    g.line("主管部门", (unitname, 3), ("实施单位", 2), (county + spec["impl"], 3))
    goal = spec["goal"] + "。"
    g.line("年度绩效目标", (goal, 8))
    ind_ans = []
    basis = ["计划标准", "行业标准", "历史标准", "其他"]
    if shape == "101":
        head = [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "权重",
            "评（扣）分标准",
            "指标值设定依据",
        ]
        g.line(*head)
        r0 = g.n
        level_cells(g, r0, 0, inds)
        w = [10] * len(inds)
        w[-1] += 100 - sum(w)
        for k, i in enumerate(inds):
            sign = i.sign or ("定性" if i.kind == "qual" else "=")
            bs = basis[k % 4]
            for c, v in enumerate(
                [i.name, sign, i.value, i.unit, f(w[k]), "完成得满分，未完成按比例扣分", bs]
            ):
                g.put(r0 + k, 2 + c, v)
            t = ("" if i.kind == "qual" else (i.sign or "=")) + i.value + i.unit
            ind_ans.append(ind_answer(i, target=t, actual=None, basis=bs, weight=w[k], score=None))
    elif shape == "history":  # Wuhan-style 前年 | 上年 | 预计当年实现 under 指标值
        g.line(
            "一级指标",
            "二级指标",
            "三级指标",
            (f"{year - 2}年实现值", 2),
            (f"{year - 1}年实现值", 2),
            (f"预计{year}年实现值", 2),
        )
        r0 = g.n
        level_cells(g, r0, 0, inds)
        for k, i in enumerate(inds):
            old = i.value if i.kind == "qual" else f(hu(float(i.value) * 0.9, i.dec))
            g.put(r0 + k, 2, i.name)
            g.put(r0 + k, 3, old + i.unit, 1, 2)
            g.put(r0 + k, 5, old + i.unit, 1, 2)
            g.put(r0 + k, 7, i.target, 1, 2)
            ind_ans.append(ind_answer(i, actual=None, weight=None, score=None))
    else:  # 绩效标准 | 当年预期实现值
        g.line("一级指标", "二级指标", "三级指标", ("绩效标准", 3), ("当年预期实现值", 3))
        r0 = g.n
        level_cells(g, r0, 0, inds)
        for k, i in enumerate(inds):
            g.put(r0 + k, 2, i.name)
            g.put(r0 + k, 3, basis[k % 3], 1, 3)
            g.put(r0 + k, 6, i.target, 1, 3)
            ind_ans.append(ind_answer(i, actual=None, weight=None, score=None))
    ans = answer(
        "project_target",
        title,
        year,
        project=spec["project"],
        supervisor=unitname,
        implementer=county + spec["impl"],
        goals=[{"name": "年度绩效目标", "text": goal, "weight": None, "indicators": ind_ans}],
    )
    return [Doc(g, pre=[title])], [ans], errors


def score_table(rng: random.Random, year: int, sector: str, error: str | None = None, **o: Any):
    """(j) an older evaluation score table: recognised, never read as a form (answer [])."""
    spec = POOLS[sector]
    g = Grid(7)
    g.line("一级指标", "二级指标", "三级指标", "分值", "指标解释", "评分标准", "得分")
    rows = [
        (
            "项目决策",
            "项目立项",
            "立项依据充分性",
            3,
            "项目立项是否符合政策规划",
            "符合得3分，否则酌情扣分",
            3,
        ),
        ("项目决策", "绩效目标", "绩效目标合理性", 3, "绩效目标与项目内容是否相符", "相符得3分", 2.5),
        ("项目管理", "资金管理", "资金到位率", 5, "实际到位资金/计划投入资金", "每低1个百分点扣0.1分", 5),
        ("项目管理", "资金管理", "预算执行率", 5, "实际支出/实际到位资金", "每低1个百分点扣0.1分", 4.6),
        ("项目管理", "组织实施", "管理制度健全性", 4, "是否建立健全项目管理制度", "健全得4分", 4),
        ("项目绩效", "项目产出", spec["inds"][0][2], 20, "实际完成数/计划数", "按比例得分", 19),
        ("项目绩效", "项目效益", spec["inds"][5][2], 20, "项目实施带来的效益", "达到目标得满分", 18),
    ]
    for row in rows:
        g.line(*[f(x) if isinstance(x, int | float) else x for x in row])
    g.line("合计", "", "", "60", "", "", "56.1")
    title = f"{spec['project']}绩效评价指标体系及评分表"
    return [Doc(g, pre=[title])], [], []
