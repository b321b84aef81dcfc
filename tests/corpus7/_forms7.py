"""The seventh set's forms as records (scores computed by the rules, planted errors applied on
purpose), families a, b, g, h (arrangement 1), i1 and i3; ``_layout7`` prints them as grids."""

from __future__ import annotations

import re
from decimal import Decimal

from _model7 import Budget, Form, Goal, Ind, budget, r2, ratio_score, reverse_score, total
from _vocab7 import DEPT_ROWS, SECTORS

FW = str.maketrans("0123456789%.", "０１２３４５６７８９％．")
CN = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numerals up to 99 as forms write them: 3 -> 三, 24 -> 二十四, 10 -> 十."""
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def restyle(value: str, style: str | None) -> str:
    """A value as a maker writes it: full-width digits, 不少于 + Chinese numerals, or as is."""
    if style == "fullwidth":
        return value.translate(FW)
    if style == "cn":
        m = re.fullmatch(r"≥(\d{1,2})([^\d.%]+)", value)
        if m:
            return f"不少于{cn_number(int(m.group(1)))}{m.group(2)}"
        m = re.fullmatch(r"≥(\d{2})%", value)
        if m:
            return f"{m.group(1)}%-{int(m.group(1)) + 5}%"
    return value


def _score(weight: float, miss: tuple | None, *, hubei: bool = False) -> float:
    if miss is None:
        return weight
    if miss[0] == "ge":
        return ratio_score(weight, miss[1], miss[2])
    if miss[0] == "le" and hubei:
        return reverse_score(weight, miss[1], miss[2])
    return r2(Decimal(str(weight)) * Decimal("0.7"))


def indicators(
    rows: list[tuple],
    weights: list[float],
    *,
    hubei: bool = False,
    style: str | None = None,
    styled: tuple[int, ...] = (),
) -> list[Ind]:
    out = []
    for k, ((l1, l2, name, tgt, act, miss), w) in enumerate(zip(rows, weights, strict=True)):
        ind = Ind(l1, l2, name, w, tgt, act, _score(w, miss, hubei=hubei))
        if k in styled:
            ind.target = restyle(tgt, style)
            if style == "fullwidth":
                ind.actual = restyle(act, style)
        out.append(ind)
    return out


def plant(form: Form, codes: list[str], errors: list[dict], idx: int) -> None:
    """Apply planted errors and record them (findings-v1 codes); the total is recomputed from the
    printed parts afterwards unless the total itself is the error."""
    inds = form.indicators()
    for code in codes:
        if code == "budget.score_mismatch":
            b = form.budget
            wrong = r2(Decimal(str(b.score)) - 2)
            errors.append(
                {
                    "form": idx,
                    "code": code,
                    "indicator": None,
                    "why": f"执行率{b.rate:.2%}，应得{b.score}，印{wrong}",
                }
            )
            b.score = wrong
        elif code == "indicator.score_mismatch":
            ind = next(
                i
                for i in inds
                if i.score is not None and i.score < i.weight and "基本" not in (i.actual or "")
            )
            wrong = r2(Decimal(str(ind.score)) - Decimal("1.5"))
            errors.append(
                {
                    "form": idx,
                    "code": code,
                    "indicator": ind.name,
                    "why": f"目标{ind.target}，实际{ind.actual}，应得{ind.score}，印{wrong}",
                }
            )
            ind.score = wrong
        elif code == "indicator.full_score_unmet":
            ind = next(i for i in inds if i.score is not None and i.score < i.weight)
            errors.append(
                {
                    "form": idx,
                    "code": code,
                    "indicator": ind.name,
                    "why": f"目标{ind.target}，实际{ind.actual}，未达成却得满分{ind.weight}",
                }
            )
            ind.score = ind.weight
        elif code == "goal.weight_mismatch":
            goal = form.goals[0]
            ind = next(i for i in goal.indicators if i.score == i.weight)  # a met one: stays full
            ind.weight = ind.weight - 2
            ind.score = ind.weight
            errors.append(
                {
                    "form": idx,
                    "code": code,
                    "indicator": None,
                    "why": f"{goal.name}（{goal.weight}分）下指标分值合计{goal.weight - 2}",
                }
            )
        elif code == "target.vague":
            ind = next(i for i in inds if i.target.endswith("%"))
            ind.target = "≥**%"
            errors.append({"form": idx, "code": code, "indicator": ind.name, "why": "指标值为占位符≥**%"})
    if (form.budget is not None or any(i.score is not None for i in inds)) and form.family != "g":
        form.total = total(form)
    if "form.total_mismatch" in codes:
        wrong = r2(Decimal(str(form.total)) + 1)
        errors.append(
            {
                "form": idx,
                "code": "form.total_mismatch",
                "indicator": None,
                "why": f"各项得分合计{form.total}，总分印{wrong}",
            }
        )
        form.total = wrong


NATIONAL_W = [10, 10, 10, 10, 5, 5, 15, 15, 10]
HUBEI_W = [10, 10, 10, 5, 5, 5, 15, 10, 10]


def national(key: str, place: str, *, dept: bool = False, year: int = 2024, look: dict | None = None) -> Form:
    """Family a (project) or b (department): budget 10 in the 分值 column, indicators 90."""
    s = SECTORS[key]
    look = dict(look or {})
    rows = look.get("rows") or (DEPT_ROWS if dept else s["rows"])
    sup = place + s["dept"]
    if look.get("sup_code"):
        sup = f"{sup} {look['sup_code']}"
    unit = place + (look.get("dept_name") or s["dept"]) if dept or look.get("filler") else None
    planned, executed = look.get("money", (748.6, 726.35))
    b = budget(10, planned, executed)
    inds = indicators(
        rows, look.get("weights") or NATIONAL_W, style=look.get("style"), styled=tuple(look.get("styled", ()))
    )
    title = "部门整体支出绩效自评表" if dept else "项目支出绩效自评表"
    if look.get("title_prefix"):
        title = look["title_prefix"] + title
    f = Form(
        kind="department_self_evaluation" if dept else "project_self_evaluation",
        title=title,
        year=year,
        unit=unit,
        project=None if dept else s["project"],
        supervisor=None if dept else sup,
        implementer=None if dept else place + s["doer"],
        filled_on=look.get("filled_on", f"{year + 1}-03-12"),
        budget=b,
        overall=(s["goal"], s["done"]),
        goals=[Goal("绩效指标", None, None, inds)],
        total=None,
        family="b" if dept else "a",
        look=look,
    )
    f.extra["initial_budget"] = look.get("initial", planned)
    return f


def hubei(key: str, place: str, *, year: int = 2024, look: dict | None = None) -> Form:
    """Family h arrangement 1: 预算执行情况（20分）, one 年度绩效目标（80分） block, points in labels."""
    s = SECTORS[key]
    look = dict(look or {})
    planned, executed = look.get("money", (412.0, 389.5))
    b = budget(20, planned, executed)
    inds = indicators(look.get("rows") or s["rows"], look.get("weights") or HUBEI_W, hubei=True)
    return Form(
        kind="project_self_evaluation",
        title=f"{year}年度{s['project']}项目支出绩效自评表",
        year=year,
        unit=place + s["dept"],
        project=s["project"],
        supervisor=place + s["dept"],
        implementer=place + s["doer"],
        filled_on=f"{year + 1}-04-08",
        budget=b,
        overall=None,
        goals=[Goal("年度绩效目标", None, 80, inds)],
        total=None,
        deviation="个别指标未完成系项目实施中期方案调整所致，已在次年安排续建。",
        improvement="加强项目前期论证和进度调度，自评结果作为下年度预算安排的重要依据。",
        family="h",
        look=look,
    )


def hebei_level(l1: str, l2: str) -> tuple[str, str]:
    if l1 == "产出指标":
        return l1, l2
    short = {
        "社会效益指标": "社会效益",
        "经济效益指标": "经济效益",
        "生态效益指标": "生态效益",
        "可持续影响指标": "可持续影响",
        "服务对象满意度指标": "满意度",
    }
    return "效果指标", short[l2]


def hebei(key: str, place: str, *, year: int = 2024, look: dict | None = None) -> Form:
    """Family g: 指标分值 of each 一级 add to 100, 权重占比 产出 60 % / 效果 40 %, total Σ 折算."""
    s = SECTORS[key]
    look = dict(look or {})
    out_rows = [r for r in s["rows"] if r[0] == "产出指标"]
    eff_rows = [r for r in s["rows"] if r[0] != "产出指标"]
    wo = {5: [20, 20, 20, 20, 20], 6: [20, 20, 15, 15, 15, 15]}[len(out_rows)]
    we = {3: [40, 30, 30], 4: [30, 30, 20, 20]}[len(eff_rows)]
    inds = indicators(out_rows + eff_rows, wo + we)
    for ind in inds:
        ind.level1, ind.level2 = hebei_level(ind.level1, ind.level2)
    planned, executed = look.get("money", (560.0, 537.6))
    b = budget(None, planned, executed, score=False)
    share = {"产出指标": Decimal("0.6"), "效果指标": Decimal("0.4")}
    conv = {i.name: r2(Decimal(str(i.score)) * share[i.level1]) for i in inds}
    f = Form(
        kind="project_self_evaluation",
        title=f"{year}年度项目支出绩效自评表",
        year=year,
        unit=place + s["dept"],
        project=s["project"],
        supervisor=place + s["dept"],
        implementer=place + s["doer"],
        filled_on=None,
        budget=b,
        overall=(s["goal"], s["done"]),
        goals=[Goal("绩效指标", None, None, inds)],
        total=r2(sum(Decimal(str(v)) for v in conv.values())),
        family="g",
        look=look,
    )
    f.extra.update(
        {
            "project_code": look.get("code", "HB2024-0733"),
            "budget_received": planned,
            "share_by_level1": {"产出指标": 0.6, "效果指标": 0.4},
            "converted_scores": conv,
        }
    )
    return f


def mid_target(t: str) -> str:
    """The 中期 value of an annual target: counts three times the year's, dates at the period end."""
    m = re.fullmatch(r"≥(\d+)([^\d.%]+)", t)
    if m:
        return f"≥{int(m.group(1)) * 3}{m.group(2)}"
    if "月底前" in t:
        return "2026年底前"
    return t


def target_i1(key: str, place: str, *, year: int = 2024, look: dict | None = None) -> Form:
    """Family i1: 中期 and 年度 halves side by side; 指标值 only."""
    s = SECTORS[key]
    rows = [r for r in s["rows"]]
    annual = [Ind(r[0], r[1], r[2], None, r[3]) for r in rows]
    medium = [Ind(r[0], r[1], r[2], None, mid_target(r[3])) for r in rows]
    sup = place + s["dept"] + " " + (look or {}).get("sup_code", "117")
    f = Form(
        kind="project_target",
        title="项目支出绩效目标申报表",
        year=year,
        unit=None,
        project=s["project"],
        supervisor=sup,
        implementer=place + s["doer"],
        filled_on=None,
        budget=None,
        overall=None,
        goals=[
            Goal(
                f"中期目标（{year}年—{year + 2}年）",
                "目标1：" + s["goal"] + "目标2：建立项目长效管护机制。",
                None,
                medium,
            ),
            Goal("年度目标", s["goal"], None, annual),
        ],
        total=None,
        family="i1",
        look=dict(look or {}),
    )
    f.extra.update(
        {
            "medium_term_funds": {"total": 1860, "fiscal": 1800, "other": 60},
            "annual_funds": {"total": 620, "fiscal": 600, "other": 20},
            "project_attribute": "新增项目",
            "project_period": "3年",
        }
    )
    return f


def split_target(t: str) -> tuple[str, str, str]:
    """(指标性质, 指标值, 度量单位) of a target: a sign or 定性, the number, the unit."""
    m = re.fullmatch(r"([≥≤＞＜=]?)(\d+(?:\.\d+)?)(.*)", t)
    if not m or "年" in t:
        return "定性", t, ""
    return (m.group(1) or "="), m.group(2), m.group(3)


def target_i3(key: str, place: str, *, year: int = 2024, look: dict | None = None) -> Form:
    """Family i3 (101号): 成本指标 first, split target, 指标值说明 and 指标值设定依据."""
    from _vocab7 import BASES, NOTES

    s = SECTORS[key]
    rows = [r for r in s["rows"] if r[1] == "成本指标"] + [r for r in s["rows"] if r[1] != "成本指标"]
    inds = []
    for k, r in enumerate(rows):
        l1, l2 = ("成本指标", "经济成本指标") if r[1] == "成本指标" else (r[0], r[1])
        sign, value, unit = split_target(r[3])
        shown = (sign if sign != "定性" else "") + value + unit
        inds.append(Ind(l1, l2, r[2], None, shown, basis=BASES[k % len(BASES)], note=NOTES[k % len(NOTES)]))
    f = Form(
        kind="project_target",
        title=f"{year}年度项目支出绩效目标表",
        year=year,
        unit=place + s["dept"],
        project=s["project"],
        supervisor=place + s["dept"],
        implementer=place + s["doer"],
        filled_on=None,
        budget=None,
        overall=None,
        goals=[Goal("年度绩效目标", s["goal"], None, inds)],
        total=None,
        family="i3",
        look=dict(look or {}),
    )
    f.extra.update(
        {"funds": {"total": 520, "fiscal": 500, "other": 20}, "value_notes": {i.name: i.note for i in inds}}
    )
    return f


__all__ = ["Budget", "hebei", "hubei", "national", "plant", "split_target", "target_i1", "target_i3"]
