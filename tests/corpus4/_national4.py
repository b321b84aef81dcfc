"""Builders of the national-layout families (a national project, b department, c 衔接, d Sichuan,
e Yunnan split target): a ``Form`` record and the blocks an office prints it as, with the
office habits this set is about (synonym headers, permuted and extra columns, numbered names,
thousand separators, amounts in 元, full-width digits, footers and 填报说明)."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from _model4 import D, Form, Goal, Ind, budget_of, make_ind, num, pct, r2, split_weights, txt
from _office4 import Cell, Grid, Para
from _vocab4 import DEPARTMENTS, PEOPLE, PLACES, PROJECTS, grouped

FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
ENUM = {
    "dot": lambda k: f"{k}.",
    "paren": lambda k: f"（{k}）",
    "circle": lambda k: "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"[k - 1],
}
HEAD = {
    "l1": "一级指标",
    "l2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "dev": "偏差原因分析及改进措施",
    "seq": "序号",
    "explain": "指标解释",
    "criteria": "评分标准",
    "evidence": "佐证材料",
    "sign": "指标性质",
    "value": "指标值",
    "unit": "度量单位",
}


def money(x: Decimal, o: dict) -> str:
    """An amount as the office prints it: 万元 or 元, with or without thousand separators."""
    v = x * 10000 if o.get("yuan") else x
    s = f"{v:,.2f}" if o.get("thousands") or o.get("yuan") else txt(v)
    return s.translate(FW) if o.get("fullwidth") else s


def fw(s: str | None, o: dict) -> str:
    return "" if s is None else (s.translate(FW) if o.get("fullwidth") else s)


def amount_cell(x: Decimal | None, o: dict) -> Cell:
    if x is None:
        return Cell(o.get("dash", "—"))
    v = x * 10000 if o.get("yuan") else x
    return Cell(
        money(x, o), value=float(v), fmt="#,##0.00" if (o.get("thousands") or o.get("yuan")) else None
    )


def rate_cell(r: Decimal, o: dict) -> Cell:
    return Cell(fw(pct(r), o), value=float(r), fmt="0.00%")


def score_text(x: Decimal | None, o: dict) -> str:
    return "" if x is None else fw(txt(x), o)


def build_inds(
    rng: random.Random, specs: list[tuple], weights: list[Decimal], misses: set[int], *, wording: bool
) -> list[Ind]:
    return [
        make_ind(rng, s, w, miss=k in misses, wording=wording)
        for k, (s, w) in enumerate(zip(specs, weights, strict=False))
    ]


def national(seed: int, family: str, o: dict[str, Any]) -> tuple[Form, list]:
    """A national-layout self-evaluation (a, b, c, d, e) and its blocks."""
    rng = random.Random(seed)
    place = rng.choice(PLACES)
    year = o.get("year", rng.choice([2022, 2023]))
    dept = family == "b"
    if dept:
        dname, goals_txt, specs = DEPARTMENTS[o.get("pick", seed) % len(DEPARTMENTS)]
        unit = place + dname
        project = None
        gt = "；".join(goals_txt) + "。"
        ga = (
            "；".join(g.replace("加强", "已加强").replace("推进", "已推进") for g in goals_txt)
            + "，完成年度目标。"
        )
        specs = grouped(list(specs[: o.get("n", 10)]))
    else:
        pname, impl, sup, gt, ga, specs = PROJECTS[o.get("pick", seed) % len(PROJECTS)]
        unit = None
        project = pname
        specs = list(specs)
    sup_name = place + (sup if not dept else dname)
    impl_name = place + (impl if not dept else dname)
    sichuan = family == "d"
    split = family in ("d", "e")
    bw = D(10)
    ind_total = 90
    weights = split_weights(ind_total, len(specs), rng) if not o.get("equal") else None
    if weights is None:
        weights = [D(ind_total) / len(specs)] * len(specs)
    misses = set(
        rng.sample([k for k, s in enumerate(specs) if s[3] != "<=" or s[4] != 0], o.get("misses", 2))
    )
    inds = build_inds(rng, specs, weights, misses, wording=not split and o.get("wording", True))
    if split:
        for i, s in zip(inds, specs, strict=False):
            sign = {">=": "≥", "<=": "≤", "=": "=", "q": "定性"}[s[3]]
            if family == "e":
                sign = {"≥": "≧", "=": "═"}.get(sign, sign)
            i.extra["split"] = (sign, txt(D(str(s[4]))) if s[3] != "q" else s[4], s[5])
            i.target = (sign if sign != "定性" else "") + i.extra["split"][1] + s[5]
            if sichuan and s[3] != "q":
                i.extra["bare_actual"] = txt(i.a)
    planned = D(str(rng.choice([86, 128.5, 240, 365.8, 1280, 2450.6])))
    executed = r2(planned * D(str(rng.choice([0.86, 0.9125, 0.955, 0.98, 1]))))
    budget = budget_of(planned, executed, bw)
    initial = planned if rng.random() < 0.5 else r2(planned * D("0.9"))
    # names: ★ on core indicators (c), enumerators
    for k, i in enumerate(inds, 1):
        i.extra["printed_name"] = (
            (ENUM[o["enum"]](k) if o.get("enum") else "")
            + ("★" if family == "c" and k in (1, 2, 6) else "")
            + i.name
        )
    sub_rows = []
    if family == "c":
        p = inds[1]
        sub_rows.append(
            {
                "parent": p.name,
                "name": "其中：脱贫户受益",
                "target": "≥" + txt(r2(p.t * D("0.3"))) + specs[1][5],
            }
        )
    planted = [fn(inds, budget) for fn in o.get("plant", [])]
    total = budget.score + sum(i.score for i in inds)
    if o.get("total_off"):
        total += D(str(o["total_off"]))
        planted.append(
            {
                "form": 0,
                "code": "form.total_mismatch",
                "indicator": None,
                "why": f"各项得分之和{txt(total - D(str(o['total_off'])))}，总分印{txt(total)}",
            }
        )
    title = o.get("title") or (
        f"{place}{year}年度部门整体支出绩效自评表"
        if dept
        else f"{year}年度{place}{project}项目支出绩效自评表"
        if family != "d"
        else f"{year}年度部门预算项目支出绩效自评表"
    )
    person = rng.choice(PEOPLE)
    filled = f"{year + 1}-0{rng.randint(2, 5)}-{rng.randint(10, 28)}" if o.get("footer") else None
    stamp_unit = impl_name if o.get("stamp") else None
    kind = "department_self_evaluation" if dept else "project_self_evaluation"
    deviation = "部分指标受工期和天气影响未达预期，下一步将加强进度调度。" if o.get("dev_box") else None
    overall = {"weight": None, "target": gt, "actual": ga, "score": None}
    goal_name = "绩效指标（90分）" if sichuan else "绩效指标"
    goal = Goal("绩效指标", None, D(90) if sichuan else None, inds)
    form = Form(
        kind,
        title,
        year,
        unit if dept else stamp_unit,
        project,
        None if o.get("no_supervisor") or dept else sup_name,
        None if dept else impl_name,
        filled,
        budget,
        overall,
        [goal],
        total,
        deviation,
        None,
        family=family,
        errors=planted,
    )
    if sichuan:
        form.deviation = "个别指标完成值低于目标值，项目管理还需加强。"
        form.improvement = "加强项目前期论证，按月调度项目进度。"
        form.extra["conclusion"] = "项目总体完成年度目标。"
    form.extra["initial_budget"] = num(initial)
    if o.get("yuan"):
        form.extra["printed_unit"] = "元"
    if family == "c":
        form.extra["core_indicators"] = [inds[k - 1].name for k in (1, 2, 6)]
        form.extra["sub_rows"] = sub_rows
    # ---------------- blocks
    roles = o.get("cols") or (
        ["l1", "l2", "name", "weight", "target", "actual", "score", "dev"]
        if family == "c"
        else ["l1", "l2", "name", "sign", "value", "unit", "actual", "weight", "score", "dev"]
        if sichuan
        else ["l1", "l2", "name", "sign", "value", "unit", "actual", "weight", "score", "dev"]
        if split
        else ["l1", "l2", "name", "target", "actual", "weight", "score", "dev"]
    )
    heads = dict(HEAD)
    if family == "c":
        heads.update(actual="全年实际值", dev="未完成原因分析及改进措施")
    if sichuan:
        heads.update(actual="完成值", weight="权重", dev="未完成原因分析")
    heads.update(o.get("heads", {}))
    ncols = 1 + len(roles)
    g = Grid(ncols)
    money_label = ("部门资金" if dept else "项目资金") + ("（元）" if o.get("yuan") else "（万元）")
    if o.get("head_paras"):
        pass  # the header fields printed as "label：value" lines above the table
    elif dept:
        g.add(Cell("部门（单位）名称", cs=2), Cell(unit, cs=ncols - 2))
    else:
        g.add(Cell("项目名称", cs=2), Cell(project, cs=ncols - 2))
        half = (ncols - 2) // 2
        g.add(
            Cell("主管部门", cs=2),
            Cell("" if o.get("no_supervisor") else sup_name, cs=half),
            Cell("实施单位"),
            Cell(impl_name, cs=ncols - 3 - half),
        )
    if sichuan:
        bl = ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]
        rows = [
            ("财政资金", initial, budget.planned, budget.executed, budget.rate, bw, budget.score, ""),
            ("财政专户管理资金", None, None, None, None, None, None, ""),
            ("单位资金", None, None, None, None, None, None, ""),
            ("其他资金", None, None, None, None, None, None, ""),
        ]
        label = "预算执行情况" + ("（元）" if o.get("yuan") else "（万元）") + "（10分）"
    else:
        bl = ["年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]
        sub = ["其中：基本支出", "项目支出"] if dept else ["其中：当年财政拨款", "上年结转资金", "其他资金"]
        if family == "c":
            sub = ["其中：中央衔接资金", "省级衔接资金", "县级衔接资金"]
        rows = [("年度资金总额", initial, budget.planned, budget.executed, bw, budget.rate, budget.score)]
        rows.append((sub[0], initial, budget.planned, budget.executed, None, budget.rate, None))
        rows += [(s, None, None, None, None, None, None) for s in sub[1:]]
        label = money_label
    name_cs = ncols - 1 - len(bl)
    g.add(Cell(label, rs=len(rows) + 1), Cell("", cs=name_cs), *[Cell(x) for x in bl])
    for row in rows:
        cells = [Cell(row[0], cs=name_cs)]
        for k, v in enumerate(row[1:]):
            h = bl[k]
            if "率" in h:
                cells.append(rate_cell(v, o) if v is not None else Cell(o.get("dash", "—")))
            elif h in ("分值", "权重", "得分"):
                cells.append(Cell(score_text(v, o) if v is not None else o.get("dash", "—")))
            elif h == "原因":
                cells.append(Cell(v or ""))
            else:
                cells.append(amount_cell(v, o) if v is not None or row[0] != rows[0][0] else Cell(""))
        g.add(*cells)
    a = (ncols - 1) // 2
    goal_label = "年度目标" if sichuan else "年度总体目标"
    g.add(Cell(goal_label, rs=2), Cell("预期目标", cs=a), Cell("实际完成情况", cs=ncols - 1 - a))
    g.add(Cell(gt, cs=a), Cell(ga, cs=ncols - 1 - a))
    grids = [g]
    body = _indicator_rows(inds, roles, heads, o, family, sub_rows)
    if o.get("split_tables"):
        # the indicator block as its own table whose header rows repeat on every page
        g = Grid(ncols, header_rows=2 if family == "e" else 1)
        grids.append(g)
    g.add(Cell(goal_name, rs=len(body)), *body[0])
    for row in body[1:]:
        g.add(*row)
    # total row
    wcol, scol = roles.index("weight"), roles.index("score")
    first = min(wcol, scol)
    cells = [Cell(o.get("total_label", "总分"), cs=first + 1)]
    for k in range(first, len(roles)):
        cells.append(Cell(fw("100", o) if k == wcol else score_text(total, o) if k == scol else ""))
    g.add(*cells)
    if sichuan:
        for lab, val in (
            ("评价结论", form.extra["conclusion"]),
            ("存在问题", form.deviation),
            ("改进措施", form.improvement),
        ):
            g.add(Cell(lab, cs=2), Cell(val, cs=ncols - 2))
    if deviation:
        g.add(Cell("偏差大或目标未完成原因分析", cs=2), Cell(deviation, cs=ncols - 2))
    blocks: list = [Para(title, title=True)]
    if o.get("year_line"):
        blocks.append(Para(f"（{year}年度）"))
    if stamp_unit:
        blocks.append(Para(f"填报单位（盖章）：{stamp_unit}"))
    if o.get("head_paras"):
        if dept:
            blocks.append(Para(f"部门（单位）名称：{unit}"))
        else:
            blocks.append(Para(f"项目名称：{project}"))
            blocks.append(
                Para(f"主管部门：{'' if o.get('no_supervisor') else sup_name}    实施单位：{impl_name}")
            )
    if o.get("yuan"):
        blocks.append(Para("单位：元"))
    blocks += grids
    if o.get("note"):
        blocks.append(
            Para(
                "填报说明：1.执行率=全年执行数/全年预算数；2.定量指标完成目标值得满分，未完成按比例得分；"
                "3.定性指标根据完成情况分档评分。"
            )
        )
    if o.get("footer"):
        y, m, d_ = filled.split("-")
        blocks.append(
            Para(
                f"填表人：{person}    联系电话：0731-8{rng.randint(1000000, 9999999)}    "
                f"审核人：{rng.choice(PEOPLE)}    填报日期：{y}年{int(m)}月{int(d_)}日"
            )
        )
    return form, blocks


def _indicator_rows(
    inds: list[Ind], roles: list[str], heads: dict, o: dict, family: str, sub_rows: list[dict]
) -> list[list[Cell]]:
    """The header and one row per indicator, levels merged down their runs."""
    rows: list[list[Cell]] = []
    if family == "e":
        top = []
        for r in roles:
            if r == "sign":
                top.append(Cell("年度指标值", cs=3))
            elif r in ("value", "unit"):
                continue
            else:
                top.append(Cell(heads[r], rs=2))
        rows.append(top)
        rows.append([Cell(heads["sign"]), Cell(heads["value"]), Cell(heads["unit"])])
    else:
        rows.append([Cell(heads[r]) for r in roles])
    # row list with sub-rows after their parent
    entries: list[tuple[Ind | None, dict | None]] = []
    for i in inds:
        entries.append((i, None))
        for s in sub_rows:
            if s["parent"] == i.name:
                entries.append((i, s))
    l1_runs = _runs([e[0].level1 for e in entries])
    l2_runs = _runs([(e[0].level1, e[0].level2) for e in entries])
    for k, (i, sub) in enumerate(entries):
        row = []
        for r in roles:
            if r == "l1":
                if k in l1_runs:
                    row.append(Cell(i.level1, rs=l1_runs[k]))
                continue
            if r == "l2":
                if k in l2_runs:
                    row.append(Cell(i.level2, rs=l2_runs[k]))
                continue
            row.append(Cell(_value(i, sub, r, o, k)))
        rows.append(row)
    return rows


def _runs(keys: list) -> dict[int, int]:
    """Start index -> length of each run of equal keys."""
    out: dict[int, int] = {}
    k = 0
    while k < len(keys):
        n = 1
        while k + n < len(keys) and keys[k + n] == keys[k]:
            n += 1
        out[k] = n
        k += n
    return out


def _value(i: Ind, sub: dict | None, role: str, o: dict, k: int) -> str:
    dash = o.get("dash", "—")
    if sub is not None:
        return {
            "name": sub["name"],
            "target": fw(sub["target"], o),
            "actual": fw(sub["target"].lstrip("≥"), o),
            "weight": "",
            "score": "",
            "dev": dash,
        }.get(role, "")
    split = i.extra.get("split")
    if role == "name":
        return i.extra.get("printed_name", i.name)
    if role == "target":
        return fw(i.target, o)
    if role == "sign":
        return split[0]
    if role == "value":
        return fw(split[1], o)
    if role == "unit":
        return split[2]
    if role == "actual":
        return fw(i.extra.get("bare_actual") or i.actual, o)
    if role == "weight":
        return score_text(i.weight, o)
    if role == "score":
        return score_text(i.score, o)
    if role == "dev":
        return "进度滞后，下年度加快实施" if i.score != i.weight else dash
    if role == "seq":
        return str(k + 1)
    if role == "explain":
        return f"反映{i.name}情况"
    if role == "criteria":
        return "完成目标值得满分，未完成按比例计分" if i.direction != "q" else "达成得满分，部分达成按档计分"
    if role == "evidence":
        return "验收报告、台账" if i.direction != "q" else "工作总结"
    raise KeyError(role)
