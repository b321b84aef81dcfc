"""Builders: each family's form as a record (``Form``, its answer) and as printed parts (``Doc``).
Options are the habits of other makers: column orders, extra columns (序号, 佐证材料, 备注), 小计 rows,
blank rows, level cells repeated instead of merged."""

from __future__ import annotations

import random
from decimal import Decimal

from _grid6 import Doc, Grid
from _model6 import Form, Goal, Ind, budget, d2, level_weights, make_ind, num, pct, total_of
from _rows6 import ind_rows
from _vocab6 import DEPARTMENTS, DEVIATIONS, IMPROVEMENTS, PEOPLE, SECTORS

HEAD = {
    "seq": "序号",
    "l1": "一级指标",
    "l2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "dev": "偏差原因分析及改进措施",
    "evidence": "佐证材料",
    "remark": "备注",
}


def _date(rng: random.Random, year: int) -> tuple[str, str]:
    m, d = rng.randint(1, 4), rng.randint(2, 27)
    return f"{year + 1}年{m}月{d}日", f"{year + 1}-{m:02d}-{d:02d}"


def _inds(
    rng: random.Random,
    specs: list[tuple],
    weights: list[float | None],
    *,
    missed: int = 1,
    partial: int = 0,
    scored: bool = True,
) -> list[Ind]:
    """Indicators with ``missed`` quantitative ≥/≤ targets missed and ``partial`` qualitative ones 基本."""
    quant = [k for k, s in enumerate(specs) if s[3] in "≥≤" and s[3] and s[4] != "0"]
    qual = [k for k, s in enumerate(specs) if not s[3] and not s[4][:1].isdigit()]
    miss = set(rng.sample(quant, min(missed, len(quant))))
    part = set(rng.sample(qual, min(partial, len(qual))))
    return [
        make_ind(rng, s, w, missed=k in miss, partial=k in part, scored=scored)
        for k, (s, w) in enumerate(zip(specs, weights, strict=True))
    ]


def plant(form: Form, code: str, rng: random.Random) -> None:
    """Make one printed figure wrong (the total keeps adding up unless the total is the error)."""
    if code == "indicator.score_mismatch":
        i = next(
            i
            for i in form.inds
            if i.sign in "≥≤" and i.sign and i.score is not None and i.score < (i.weight or 0)
        )
        old = i.score
        i.score = d2(Decimal(str(i.score)) - Decimal("1.5"))
        form.planted.append(
            {
                "code": code,
                "indicator": i.name,
                "why": f"{i.target}/{i.actual}，按规则应得{num(old)}，印{num(i.score)}",
            }
        )
    elif code == "indicator.full_score_unmet":
        i = next(i for i in form.inds if i.partial)
        i.score = i.weight
        form.planted.append(
            {"code": code, "indicator": i.name, "why": f"实际“{i.actual}”只是部分达成，却得满分"}
        )
    elif code == "budget.score_mismatch":
        b = form.budget
        assert b is not None
        old = b["score"]
        b["score"] = d2(Decimal(str(b["weight"])) * Decimal(str(b["rate"])) - Decimal("2"))
        form.planted.append(
            {
                "code": code,
                "indicator": None,
                "why": f"执行率{pct(b['rate'])}，应得{num(old)}，印{num(b['score'])}",
            }
        )
    elif code == "form.total_mismatch":
        old = form.total
        form.total = d2(Decimal(str(form.total)) + Decimal("1.5"))
        form.planted.append(
            {"code": code, "indicator": None, "why": f"各项得分合计{num(old)}，总分印{num(form.total)}"}
        )
    elif code == "target.vague":
        i = next(i for i in form.inds if i.sign == "≥" and i.unit == "%")
        i.value = "**"
        form.planted.append({"code": code, "indicator": i.name, "why": "指标值≥**%无法衡量"})
    else:
        raise ValueError(code)
    if code != "form.total_mismatch" and form.total is not None:
        form.total = total_of(form)


# ------------------------------------------------------------------ national project / department


def national(
    rng: random.Random,
    key: str,
    year: int,
    place: str,
    *,
    dept: bool = False,
    cols: tuple[str, ...] = ("l1", "l2", "name", "target", "actual", "weight", "score", "dev"),
    subtotal: bool = False,
    blank_between: bool = False,
    merge: bool = True,
    missed: int = 1,
    partial: int = 0,
    plants: tuple[str, ...] = (),
    unit_line: bool = True,
    title_style: int = 0,
    labels: dict[str, str] | None = None,
) -> tuple[Form, Doc]:
    """Family a (project) or b (department): 财预〔2020〕10号 table."""
    labels = {**HEAD, **(labels or {})}
    if dept:
        stem, goals, specs = DEPARTMENTS[key]
        unit = place + stem
        title = ["部门整体支出绩效自评表", f"{year}年度{unit}部门整体支出绩效自评表"][title_style % 2]
        project = sup = impl = None
        overall = (
            "；".join(f"目标{k + 1}：{t}" for k, t in enumerate(goals)) + "。",
            "各项年度目标均已完成。",
        )
    else:
        proj, bureau, impl_stem, otext, oact, specs = SECTORS[key]
        project, sup, impl = proj, place + bureau, place + impl_stem
        unit = impl if unit_line else None
        title = ["项目支出绩效自评表", f"{year}年度项目支出绩效自评表"][title_style % 2]
        overall = (otext, oact)
    weights = level_weights(specs, {"产出指标": 50, "效益指标": 30, "满意度指标": 10})
    inds = _inds(rng, specs, weights, missed=missed, partial=partial)
    b = budget(rng, 10)
    b["planned"], init = b["planned"], d2(b["planned"] * 0.95)
    shown, iso = _date(rng, year)
    form = Form(
        "department_self_evaluation" if dept else "project_self_evaluation",
        title,
        year,
        unit,
        project,
        sup,
        impl,
        iso,
        b,
        overall,
        [Goal("绩效指标", None, None, inds)],
        None,
        family="b" if dept else "a",
        extra={"initial_budget": init},
    )
    form.total = total_of(form)
    for c in plants:
        plant(form, c, rng)
    devs = {i.name: rng.choice(DEVIATIONS) for i in inds if i.score is not None and i.score < (i.weight or 0)}
    if "dev" in cols and devs:
        form.extra["deviation_by_indicator"] = devs

    doc = Doc()
    pre = [title] if title_style % 2 else [title, f"（{year}年度）"]
    if unit_line and not dept:
        pre.append(f"填报单位（盖章）：{unit}")
    doc.lines(*pre)
    w = 1 + len(cols)
    g = Grid(w)
    r = 0
    half = (w - 2) // 2
    if dept:
        g.row(r, ["部门（单位）名称", unit], [1, 1])
        r += 1
        rows = [("年度资金总额", True), ("其中：基本支出", False), ("项目支出", False)]
        label = "部门资金（万元）"
    else:
        g.row(r, ["项目名称", project], [1, 1])
        g.row(r + 1, ["主管部门", sup, "实施单位", impl], [1, half, 1, 1])
        r += 2
        rows = [
            ("年度资金总额", True),
            ("其中：当年财政拨款", False),
            ("上年结转资金", False),
            ("其他资金", False),
        ]
        label = "项目资金（万元）"
    g.put(r, 0, label, len(rows) + 1)
    bh = ["", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]
    _row_at(g, r, 1, bh, [2, 1, 1, 1, 1, 1, 1])
    basic = d2(b["planned"] * 0.4)
    for k, (name, scored) in enumerate(rows):
        rr = r + 1 + k
        if scored:
            vals = [
                name,
                num(init),
                num(b["planned"]),
                num(b["executed"]),
                "10",
                pct(b["rate"]),
                num(b["score"]),
            ]
        elif dept and k == 1:
            vals = [name, num(d2(init * 0.4)), num(basic), num(basic), "—", "100.00%", "—"]
        elif dept:
            rest_p = d2(Decimal(str(b["planned"])) - Decimal(str(basic)))
            rest_e = d2(Decimal(str(b["executed"])) - Decimal(str(basic)))
            vals = [
                name,
                num(d2(init * 0.6)),
                num(rest_p),
                num(rest_e),
                "—",
                pct(d2(rest_e / rest_p, 4)),
                "—",
            ]
        elif k == 1:
            vals = [name, num(init), num(b["planned"]), num(b["executed"]), "—", pct(b["rate"]), "—"]
        else:
            vals = [name, "", "", "", "", "", ""]
        _row_at(g, rr, 1, vals, [2, 1, 1, 1, 1, 1, 1])
    r += len(rows) + 1
    g.put(r, 0, "年度总体目标", 2)
    _row_at(g, r, 1, ["预期目标", "实际完成情况"], [half, 1])
    _row_at(g, r + 1, 1, list(overall), [half, 1])
    r += 2
    colmap = {k: 1 + n for n, k in enumerate(cols)}
    start = r
    _row_at(g, r, 1, [labels[k] for k in cols], [1] * len(cols))
    seq = iter(range(1, 100))

    def cells(i: Ind) -> dict[str, str]:
        out = {
            "name": i.name,
            "target": i.target,
            "actual": i.actual or "",
            "weight": num(i.weight),
            "score": num(i.score),
            "dev": devs.get(i.name, ""),
            "evidence": rng.choice(["工作台账", "验收报告", "统计报表", "满意度调查问卷"]),
            "remark": "",
            "seq": str(next(seq)),
        }
        return {k: v for k, v in out.items() if k in colmap}

    r = ind_rows(g, r + 1, inds, colmap, cells, merge=merge, subtotal=subtotal, blank_between=blank_between)
    g.put(start, 0, "绩效指标", r - start)
    tcols = sorted(colmap[k] for k in ("weight", "score"))
    g.put(r, 0, "总分", 1, tcols[0])
    g.put(r, colmap["weight"], "100")
    g.put(r, colmap["score"], num(form.total))
    g.blank(r)
    doc.grid(g)
    post = []
    post.append(
        f"填报人：{rng.choice(PEOPLE)}    联系电话：0{rng.randint(710, 799)}-{rng.randint(3000000, 8999999)}"
    )
    post.append(f"填报日期：{shown}")
    doc.lines(*post)
    return form, doc


def _row_at(g: Grid, r: int, c0: int, items: list[object], spans: list[int]) -> None:
    """Cells from column ``c0``; the last span stretched to the table's width."""
    spans = list(spans)
    spans[-1] = g.width - c0 - sum(spans[:-1])
    c = c0
    for v, s in zip(items, spans, strict=True):
        g.put(r, c, v, 1, s)
        c += s


# ------------------------------------------------------------------ 衔接资金 (c)


def xianjie(
    rng: random.Random,
    key: str,
    year: int,
    place: str,
    *,
    plants: tuple[str, ...] = (),
    evidence: bool = False,
) -> tuple[Form, Doc]:
    """Family c: 分值 before the target, 全年实际值, ★ core indicators, 其中 rows without points."""
    proj, _bureau, impl_stem, otext, oact, specs = SECTORS[key]
    sup, impl = place + "农业农村局", place + impl_stem
    title = f"{place}{year}年度衔接资金项目绩效自评表"
    weights = level_weights(specs, {"产出指标": 50, "效益指标": 30, "满意度指标": 10})
    inds = _inds(rng, specs, weights, missed=1)
    b = budget(rng, 10)
    form = Form(
        "project_self_evaluation",
        title,
        year,
        None,
        proj,
        sup,
        impl,
        None,
        b,
        (otext, oact),
        [Goal("绩效指标", None, None, inds)],
        None,
        family="c",
    )
    form.total = total_of(form)
    for c in plants:
        plant(form, c, rng)
    core = {inds[0].name, inds[2].name}
    sub = inds[0]
    form.extra = {"core_indicators": sorted(core), "initial_budget": b["planned"]}
    doc = Doc()
    doc.lines(title)
    cols = ["l1", "l2", "name", "weight", "target", "actual", "score", "dev"] + (
        ["evidence"] if evidence else []
    )
    w = 1 + len(cols)
    g = Grid(w)
    g.row(0, ["项目名称", proj], [1, 1])
    g.row(1, ["主管部门", sup, "实施单位", impl], [1, 3, 1, 1])
    g.row(2, ["项目负责人及电话", f"{rng.choice(PEOPLE)} 1{rng.randint(3000000000, 8999999999)}"], [1, 1])
    rows = ["年度资金总额", "其中：中央衔接资金", "省级衔接资金", "县级衔接资金", "其他资金"]
    g.put(3, 0, "项目资金（万元）", len(rows) + 1)
    _row_at(
        g,
        3,
        1,
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [2, 1, 1, 1, 1, 1, 1],
    )
    central = d2(b["planned"] * 0.6)
    cexec = d2(b["executed"] * 0.6)
    prov_p = d2(Decimal(str(b["planned"])) - Decimal(str(central)))
    prov_e = d2(Decimal(str(b["executed"])) - Decimal(str(cexec)))
    for k, name in enumerate(rows):
        if k == 0:
            vals = [
                name,
                num(b["planned"]),
                num(b["planned"]),
                num(b["executed"]),
                "10",
                pct(b["rate"]),
                num(b["score"]),
            ]
        elif k == 1:
            vals = [name, num(central), num(central), num(cexec), "/", pct(d2(cexec / central, 4)), "/"]
        elif k == 2:
            vals = [name, num(prov_p), num(prov_p), num(prov_e), "/", pct(d2(prov_e / prov_p, 4)), "/"]
        else:
            vals = [name, "0", "0", "0", "/", "/", "/"]
        _row_at(g, 4 + k, 1, vals, [2, 1, 1, 1, 1, 1, 1])
    r = 4 + len(rows)
    g.put(r, 0, "年度总体目标", 2)
    _row_at(g, r, 1, ["预期目标", "实际完成情况"], [4, 1])
    _row_at(g, r + 1, 1, [otext, oact], [4, 1])
    r += 2
    labels = {**HEAD, "actual": "全年实际值", "dev": "未完成原因分析及改进措施"}
    colmap = {k: 1 + n for n, k in enumerate(cols)}
    start = r
    _row_at(g, r, 1, [labels[k] for k in cols], [1] * len(cols))
    r += 1
    # the level blocks by hand: a 其中 row right under the first indicator
    rows_out: list[tuple[Ind | None, dict[str, str]]] = []
    for i in inds:
        rows_out.append(
            (
                i,
                {
                    "name": ("★" if i.name in core else "") + i.name,
                    "weight": num(i.weight),
                    "target": i.target,
                    "actual": i.actual or "",
                    "score": num(i.score),
                    "dev": "",
                    "evidence": "项目验收资料",
                },
            )
        )
        if i is sub:
            part_t = _part(i.value)
            rows_out.append(
                (
                    None,
                    {
                        "name": "其中：脱贫户",
                        "weight": "",
                        "target": f"{i.sign}{part_t}{i.unit}",
                        "actual": f"{_part(i.actual_bare or '0')}{i.unit}",
                        "score": "",
                        "dev": "",
                        "evidence": "",
                    },
                )
            )
            form.extra["sub_rows"] = [
                {
                    "parent": i.name,
                    "name": "其中：脱贫户",
                    "target": f"{i.sign}{part_t}{i.unit}",
                    "actual": f"{_part(i.actual_bare or '0')}{i.unit}",
                }
            ]
    # level-1 / level-2 merges over the rows (其中 rows inside their parent's runs)
    k = 0
    while k < len(rows_out):
        l1 = _lv(rows_out, k, 1)
        n1 = 1
        while k + n1 < len(rows_out) and _lv(rows_out, k + n1, 1) == l1:
            n1 += 1
        g.put(r + k, colmap["l1"], l1, n1)
        q = k
        while q < k + n1:
            l2 = _lv(rows_out, q, 2)
            n2 = 1
            while q + n2 < k + n1 and _lv(rows_out, q + n2, 2) == l2:
                n2 += 1
            g.put(r + q, colmap["l2"], l2, n2)
            q += n2
        k += n1
    for k, (_i, cells) in enumerate(rows_out):
        for key, v in cells.items():
            if key in colmap:
                g.put(r + k, colmap[key], v)
    r += len(rows_out)
    g.put(start, 0, "绩效指标", r - start)
    g.put(r, 0, "总分", 1, colmap["weight"])
    g.put(r, colmap["weight"], "100")
    g.put(r, colmap["score"], num(form.total))
    g.blank(r)
    doc.grid(g)
    return form, doc


def _part(v: str) -> str:
    places = len(v.split(".")[1]) if "." in v else 0
    return num(d2(float(v) * 0.3, places))


def _lv(rows: list[tuple[Ind | None, dict[str, str]]], k: int, level: int) -> str:
    """Level of row ``k`` (a 其中 row takes its parent's)."""
    while rows[k][0] is None:
        k -= 1
    i = rows[k][0]
    assert i is not None
    return i.level1 if level == 1 else (i.level2 or "")


# ------------------------------------------------------------------ Yunnan (e), split target


def yunnan(
    rng: random.Random,
    key: str,
    year: int,
    place: str,
    *,
    plants: tuple[str, ...] = (),
    unit_col_actual: bool = False,
) -> tuple[Form, Doc]:
    """Family e: 年度指标值 over 指标性质 | 指标值 | 度量单位; look-alike signs printed."""
    proj, bureau, impl_stem, otext, oact, specs = SECTORS[key]
    sup, impl = place + bureau, place + impl_stem
    title = f"{year}年度项目支出绩效自评表"
    weights = level_weights(specs, {"产出指标": 50, "效益指标": 30, "满意度指标": 10})
    inds = _inds(rng, specs, weights, missed=1, partial=1)
    b = budget(rng, 10)
    form = Form(
        "project_self_evaluation",
        title,
        year,
        None,
        proj,
        sup,
        impl,
        None,
        b,
        (otext, oact),
        [Goal("绩效指标", None, None, inds)],
        None,
        family="e",
        signs={"≥": "≧", "=": "═"},
    )
    form.total = total_of(form)
    for c in plants:
        plant(form, c, rng)
    doc = Doc()
    doc.lines(title)
    cols = (
        ["l1", "l2", "name", "sign", "value", "unit", "actual"]
        + (["aunit"] if unit_col_actual else [])
        + ["weight", "score", "dev"]
    )
    w = 1 + len(cols)
    g = Grid(w)
    g.row(0, ["项目名称", proj], [1, 1])
    g.row(1, ["主管部门", sup, "实施单位", impl], [1, 4, 1, 1])
    g.put(2, 0, "项目资金（万元）", 3)
    _row_at(
        g,
        2,
        1,
        ["", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
        [2, 1, 1, 1, 1, 1, 1],
    )
    _row_at(
        g,
        3,
        1,
        [
            "年度资金总额",
            num(b["planned"]),
            num(b["planned"]),
            num(b["executed"]),
            "10",
            pct(b["rate"]),
            num(b["score"]),
        ],
        [2, 1, 1, 1, 1, 1, 1],
    )
    _row_at(
        g,
        4,
        1,
        [
            "其中：当年财政拨款",
            num(b["planned"]),
            num(b["planned"]),
            num(b["executed"]),
            "—",
            pct(b["rate"]),
            "—",
        ],
        [2, 1, 1, 1, 1, 1, 1],
    )
    g.put(5, 0, "年度总体目标", 2)
    _row_at(g, 5, 1, ["预期目标", "实际完成情况"], [5, 1])
    _row_at(g, 6, 1, [otext, oact], [5, 1])
    r = 7
    colmap = {k: 1 + n for n, k in enumerate(cols)}
    heads = {
        "l1": "一级指标",
        "l2": "二级指标",
        "name": "三级指标",
        "actual": "实际完成值",
        "aunit": "计量单位",
        "weight": "分值",
        "score": "得分",
        "dev": "偏差原因分析及改进措施",
    }
    for k, v in heads.items():
        if k in colmap:
            g.put(r, colmap[k], v, 2)
    g.put(r, colmap["sign"], "年度指标值", 1, 3)
    for k, v in (("sign", "指标性质"), ("value", "指标值"), ("unit", "度量单位")):
        g.put(r + 1, colmap[k], v)
    signs = form.signs

    def cells(i: Ind) -> dict[str, str]:
        out = {
            "name": i.name,
            "sign": signs.get(i.sign, i.sign) if i.sign else "定性",
            "value": i.value,
            "unit": i.unit,
            "weight": num(i.weight),
            "score": num(i.score),
            "dev": "",
        }
        if unit_col_actual:
            out["actual"] = i.actual_bare if i.actual_bare is not None else (i.actual or "")
            out["aunit"] = i.unit
        else:
            out["actual"] = i.actual or ""
        return out

    end = ind_rows(g, r + 2, inds, colmap, cells)
    g.put(r, 0, "绩效指标", end - r)
    g.put(end, 0, "总分", 1, colmap["weight"])
    g.put(end, colmap["weight"], "100")
    g.put(end, colmap["score"], num(form.total))
    g.blank(end)
    doc.grid(g)
    return form, doc


# ------------------------------------------------------------------ Sichuan (d)


def sichuan(
    rng: random.Random, key: str, year: int, place: str, *, plants: tuple[str, ...] = (), seq: bool = False
) -> tuple[Form, Doc]:
    """Family d: 预算执行情况（万元）（10分）, 绩效指标（90分）, 指标性质/指标值/度量单位/完成值, boxes."""
    proj, bureau, impl_stem, otext, oact, specs = SECTORS[key]
    sup, impl = place + bureau, place + impl_stem
    title = f"{place}{year}年度部门预算项目支出绩效自评表"
    weights = level_weights(specs, {"产出指标": 60, "效益指标": 20, "满意度指标": 10})
    inds = _inds(rng, specs, weights, missed=1)
    b = budget(rng, 10)
    init = d2(b["planned"] * 0.9)
    shown, iso = _date(rng, year)
    concl, problem, improve = (
        "项目总体完成较好，自评等级为优。",
        rng.choice(DEVIATIONS),
        rng.choice(IMPROVEMENTS),
    )
    form = Form(
        "project_self_evaluation",
        title,
        year,
        sup,
        proj,
        sup,
        impl,
        iso,
        b,
        (otext, oact),
        [Goal("绩效指标", None, 90, inds)],
        None,
        problem,
        improve,
        family="d",
        extra={"initial_budget": init, "conclusion": concl},
    )
    form.total = total_of(form)
    for c in plants:
        plant(form, c, rng)
    doc = Doc()
    doc.lines(title, f"单位（盖章）：{sup}    填报日期：{shown}")
    cols = (["seq"] if seq else []) + [
        "l1",
        "l2",
        "name",
        "sign",
        "value",
        "unit",
        "actual",
        "weight",
        "score",
        "dev",
    ]
    w = 1 + len(cols)
    g = Grid(w)
    g.row(0, ["项目名称", proj], [1, 1])
    g.row(1, ["主管部门", sup, "实施单位", impl], [1, 4, 1, 1])
    g.put(2, 0, "预算执行情况（万元）（10分）", 5)
    bh = ["", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]
    _row_at(g, 2, 1, bh, [1, 1, 1, 1, 1, 1, 1, 1])
    _row_at(
        g,
        3,
        1,
        [
            "财政资金",
            num(init),
            num(b["planned"]),
            num(b["executed"]),
            pct(b["rate"]),
            "10",
            num(b["score"]),
            "",
        ],
        [1] * 8,
    )
    for k, name in enumerate(["财政专户管理资金", "单位资金", "其他资金"]):
        _row_at(g, 4 + k, 1, [name, "", "", "", "", "", "", ""], [1] * 8)
    g.put(7, 0, "年度目标", 2)
    _row_at(g, 7, 1, ["预期目标", "实际完成情况"], [5, 1])
    _row_at(g, 8, 1, [otext, oact], [5, 1])
    r = 9
    colmap = {k: 1 + n for n, k in enumerate(cols)}
    heads = {
        "seq": "序号",
        "l1": "一级指标",
        "l2": "二级指标",
        "name": "三级指标",
        "sign": "指标性质",
        "value": "指标值",
        "unit": "度量单位",
        "actual": "完成值",
        "weight": "权重",
        "score": "得分",
        "dev": "未完成原因分析",
    }
    _row_at(g, r, 1, [heads[k] for k in cols], [1] * len(cols))
    n = iter(range(1, 99))

    def cells(i: Ind) -> dict[str, str]:
        out = {
            "name": i.name,
            "sign": i.sign or "定性",
            "value": i.value,
            "unit": i.unit,
            "actual": i.actual_bare if i.actual_bare is not None else (i.actual or ""),
            "weight": num(i.weight),
            "score": num(i.score),
            "dev": "",
        }
        if seq:
            out["seq"] = str(next(n))
        return out

    end = ind_rows(g, r + 1, inds, colmap, cells)
    g.put(r, 0, "绩效指标（90分）", end - r)
    for k, (lab, txt) in enumerate([("评价结论", concl), ("存在问题", problem), ("改进措施", improve)]):
        g.row(end + k, [lab, txt], [1, 1])
    g.row(end + 3, ["总分", num(form.total)], [1, 1])
    doc.grid(g)
    return form, doc
