"""Write the held-out corpus: invented forms of every family in every layout, with answers.

    python tests/corpus/make_corpus.py          # rewrites tests/corpus/files/

Deterministic (one seed per document). For each document NAME it writes the document,
NAME.answer.json (the form-v1 array a perfect reader gives), NAME.errors.json (the planted
errors, findings-v1 codes) and, for narrative reports, NAME.report.json; plus manifest.json
(family, layout and features per document). It never imports jixiao: the answers come from
the generator's own records, and ``verify`` re-scores every record by the templates README §4
so that the planted errors are the only inconsistencies.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _families as F  # noqa: E402
import _grids as G  # noqa: E402
import _render as R  # noqa: E402
from _model import Form, Ind, agrees, answer, dec, fmt  # noqa: E402
from _trad import to_trad  # noqa: E402

OUT = HERE / "files"
SEED = 8_2026


@dataclass
class Spec:
    name: str
    family: str  # a b c d e f g h1 h2 i1 i2 i3
    sector: str
    layout: str  # tab tab_mid pipe pipe_lead pipe_bare cells cells_bar spaces csv html xlsx docx pdf_xlsx pdf_docx
    error: str | None = None
    title: str = "year"  # year | year_line | prefix | none
    suffix: str = ""
    side: bool = False  # title shares its line with 部门：
    info: bool = True  # a 填报单位/填报日期 line under the title
    trad: bool = False
    n: int | None = None
    notes: list[str] = field(default_factory=list)
    opt: dict[str, Any] = field(default_factory=dict)
    year: int = 2023


BUILD = {
    "a": lambda rng, s: F.national_project(rng, s.year, s.sector, s.error, "a", **s.opt),
    "e": lambda rng, s: F.national_project(rng, s.year, s.sector, s.error, "e", **s.opt),
    "b": lambda rng, s: F.national_department(rng, s.year, s.sector, s.error, **s.opt),
    "c": lambda rng, s: F.xianjie(rng, s.year, s.sector, s.error, **s.opt),
    "d": lambda rng, s: F.sichuan(rng, s.year, s.sector, s.error, **s.opt),
    "f": lambda rng, s: F.chongqing(rng, s.year, s.sector, s.error, **s.opt),
    "g": lambda rng, s: F.hebei(rng, s.year, s.sector, s.error, **s.opt),
    "h1": lambda rng, s: F.hubei(rng, s.year, s.sector, s.error, 1, **s.opt),
    "h2": lambda rng, s: F.hubei(rng, s.year, s.sector, s.error, 2, **s.opt),
    "i1": lambda rng, s: F.project_target(rng, s.year, s.sector, s.error, **s.opt),
    "i2": lambda rng, s: F.department_target(rng, s.year, s.sector, s.error, **s.opt),
    "i3": lambda rng, s: F.target_101(rng, s.year, s.sector, s.error, **s.opt),
}

GRID = {
    "a": G.national_like,
    "b": G.national_like,
    "c": G.national_like,
    "e": G.national_like,
    "d": G.sichuan,
    "f": G.chongqing,
    "g": G.hebei,
    "h1": G.hubei_one_block,
    "h2": G.hubei_goal_rows,
    "i1": G.project_target,
    "i2": G.department_target,
    "i3": G.target_101,
}


# ---------------------------------------------------------------- titles and header lines


def county_of(form: Form) -> str:
    for text in (form.unit, form.supervisor, form.implementer):
        if text:
            for end in ("县", "区", "市"):
                if end in text:
                    return text[: text.index(end) + 1]
    return ""


def title_for(form: Form, mode: str, fam: str) -> tuple[str, bool]:
    """The printed title and whether the year goes on its own line below it."""
    y = form.year
    project = form.project or ""
    if mode == "year_line":
        base = {
            "a": "项目支出绩效自评表",
            "e": "项目支出绩效自评表",
            "b": "部门整体支出绩效自评表",
            "c": "衔接推进乡村振兴补助资金项目绩效自评表",
            "d": "部门预算项目支出绩效自评表",
            "f": "部门整体绩效自评表",
            "g": "项目支出绩效自评表",
            "h1": "项目支出绩效自评表",
            "h2": "部门整体绩效自评表",
            "i1": "项目支出绩效目标申报表",
            "i2": "部门整体支出绩效目标申报表",
            "i3": "项目支出绩效目标表",
        }[fam]
        return base, True
    if mode == "prefix":
        return {
            "a": f"{county_of(form)}{y}年度{project}项目支出绩效自评表",
            "b": f"{form.unit}{y}年度部门整体支出绩效自评表",
            "c": f"{county_of(form)}{y}年度衔接资金项目绩效自评表",
            "d": f"{county_of(form)}{y}年度部门预算项目支出绩效自评表",
            "e": f"{county_of(form)}{y}年度项目支出绩效自评表",
            "f": f"{form.unit}{y}年度部门整体绩效自评表",
            "g": f"{county_of(form)}{y}年度项目支出绩效自评表",
            "h1": f"{y}年度{project}项目支出绩效自评表",
            "h2": f"{form.unit}{y}年度部门整体绩效自评表",
            "i1": f"{y}年度{project}绩效目标申报表",
            "i2": f"{form.unit}{y}年度部门整体支出绩效目标表",
            "i3": f"{y}年度项目绩效目标批复表",
        }[fam], False
    return {
        "a": f"{y}年度项目支出绩效自评表",
        "e": f"{y}年度项目支出绩效自评表",
        "b": f"{y}年度部门整体支出绩效自评表",
        "c": f"{y}年度衔接资金项目绩效自评表",
        "d": f"{y}年度部门预算项目支出绩效自评表",
        "f": f"{y}年度部门整体绩效自评表",
        "g": f"{y}年度项目支出绩效自评表",
        "h1": f"{y}年度项目支出绩效自评表",
        "h2": f"{y}年度部门整体绩效自评表",
        "i1": f"{y}年度项目支出绩效目标表",
        "i2": f"{y}年度部门整体支出绩效目标表",
        "i3": f"{y}年度项目支出绩效目标表",
    }[fam], False


def decorate(rng: random.Random, spec: Spec, form: Form, opt: dict[str, Any]) -> list[str]:
    """Title, year line and the 填报单位 / 填报日期 line; sets the answer fields they print."""
    pre: list[str] = []
    fam = spec.family
    if spec.title == "none":
        form.title = None
        form.year = None
    else:
        form.title, year_line = title_for(form, spec.title, fam)
        if year_line:
            pre.append(f"（{form.year}年度）")
    if spec.side:
        form.unit = form.supervisor
    printed_date = F.today(rng, form) if spec.info and not fam.startswith("i") and fam != "g" else None
    if fam == "f":
        opt["date"] = printed_date
        return pre
    if fam in ("b", "h2", "i2", "i3", "g") and not printed_date:
        return pre
    label = {"d": "单位（盖章）：", "h1": "单位名称：", "h2": "单位名称："}.get(fam, "填报单位（盖章）：")
    if fam in ("b", "h2"):
        pre.append(f"{label}{form.unit}　　　　填报日期：{printed_date}")
        return pre
    if spec.info:
        unit = form.unit if fam in ("d", "h1") or spec.side else county_dept(form)
        if fam not in ("d", "h1") and not spec.side:
            form.unit = unit
        if printed_date:
            pre.append(f"{label}{unit}{'    ' if spec.layout != 'spaces' else '  '}填报日期：{printed_date}")
        else:
            pre.append(f"{label}{unit}")
    return pre


def county_dept(form: Form) -> str:
    return form.supervisor or form.unit or ""


# ---------------------------------------------------------------- verification (README §4)


def _num(text: str | None) -> float | None:
    if text is None:
        return None
    import re

    m = re.match(r"^[≥≧≤=═﹦]?(-?\d+(?:\.\d+)?)", text)
    return float(m.group(1)) if m else None


def verify(form: Form) -> set[tuple[str, str | None]]:
    """Re-score a record by its family's rules; the set of (code, indicator) it finds."""
    found: set[tuple[str, str | None]] = set()
    if form.kind.endswith("_target"):
        for i in form.all_inds():
            if "**" in i.value:
                found.add(("target.vague", i.name))
        return found
    b = form.budget
    assert b is not None
    rate = dec(fmt(b.executed)) / dec(fmt(b.planned))
    if abs(float(rate) - b.rate) > 0.0006:
        found.add(("budget.rate_mismatch", None))
    if (
        b.weight is not None
        and b.score is not None
        and not agrees(b.score, dec(b.weight) * min(dec(str(b.rate)), 1))
    ):
        found.add(("budget.score_mismatch", None))
    for i in form.all_inds():
        if i.weight is None or i.score is None:
            found.add(("indicator.missing_score", i.name))
            continue
        if i.score > i.weight:
            found.add(("indicator.score_exceeds_weight", i.name))
        if form.rules == "chongqing":
            if not agrees(i.score, dec(str(i.coef)) * dec(fmt(i.weight))):
                found.add(("indicator.score_mismatch", i.name))
            continue
        t, a = _num(i.target()), _num(i.actual_answer())
        if i.kind in ("pos", "neg", "eq") and t is not None and a is not None:
            met = a >= t if i.kind == "pos" else a <= t if i.kind == "neg" else a == t
            if met:
                expected = dec(fmt(i.weight))
            elif i.kind == "neg":
                expected = dec(fmt(i.weight)) * dec(fmt(t)) / dec(fmt(a))
            else:
                expected = dec(fmt(i.weight)) * dec(fmt(a)) / dec(fmt(t))
            if not met and i.score == i.weight:
                found.add(("indicator.full_score_unmet", i.name))
            elif not agrees(i.score, expected):
                found.add(("indicator.score_mismatch", i.name))
        elif i.kind == "qual":
            text = i.actual or ""
            cls = (
                "unmet"
                if text.startswith("未")
                else "partial"
                if text.startswith(("基本", "部分"))
                else "met"
            )
            if cls != "met" and i.score == i.weight:
                found.add(("indicator.full_score_unmet", i.name))
            band = {
                "met": (0.8, 1.0),
                "partial": (0.6 if form.rules != "hubei" else 0.5, 0.8),
                "unmet": (0.0, 0.6),
            }[cls]
            if cls == "met" and not band[0] * i.weight <= i.score <= i.weight:
                found.add(("indicator.score_mismatch", i.name))
    for g in form.goals:
        if g.weight is not None and sum(i.weight or 0 for i in g.inds if not i.placeholder) != g.weight:
            found.add(("goal.weight_mismatch", None))
    if form.rules == "hebei":
        for i in form.all_inds():
            share = form.options["share"][i.l1]
            if not agrees(i.converted, dec(fmt(i.score)) * dec(str(share))):
                found.add(("hebei.converted", i.name))
        parts = sum(dec(fmt(i.converted)) for i in form.all_inds())
    else:
        parts = sum(dec(fmt(i.score)) for i in form.all_inds()) + (
            dec(fmt(b.score)) if b.score is not None else 0
        )
        points = (b.weight or 0) + sum(
            g.weight if g.weight is not None else sum(i.weight or 0 for i in g.inds if not i.placeholder)
            for g in form.goals
        )
        if points != 100 and ("goal.weight_mismatch", None) not in found:
            found.add(("form.weight_mismatch", None))
    if form.total is None or abs(float(parts) - form.total) > 0.011:
        found.add(("form.total_mismatch", None))
    return found


# ---------------------------------------------------------------- placeholders


def add_placeholders(rng: random.Random, form: Form, spec: Spec) -> None:
    """Template rows left in: ……, 指标N：, 指标N（XX分）; never exported, never scored."""
    kind = spec.opt.get("placeholder")
    if not kind:
        return
    goal = form.goals[0]
    k = rng.randrange(1, len(goal.inds))
    ref = goal.inds[k - 1]
    if kind == "dots":
        ph = Ind(l1=ref.l1, l2=ref.l2, name="……", kind="qual", value="", placeholder=True)
    elif kind == "xx":
        ph = Ind(
            l1=ref.l1,
            l2=ref.l2,
            name=f"指标{k + 1}（XX分）",
            kind="qual",
            value="",
            placeholder=True,
            weight_text="XX",
        )
    else:
        ph = Ind(l1=ref.l1, l2=ref.l2, name=f"指标{k + 1}：", kind="qual", value="", placeholder=True)
    goal.inds.insert(k, ph)
    if kind == "both":
        ph2 = Ind(
            l1=goal.inds[-1].l1, l2=goal.inds[-1].l2, name="……", kind="qual", value="……", placeholder=True
        )
        goal.inds.append(ph2)


# ---------------------------------------------------------------- documents


def trad_all(obj: Any, skip: tuple[str, ...] = ("schema", "kind", "filled_on", "code")) -> Any:
    if isinstance(obj, str):
        return to_trad(obj)
    if isinstance(obj, list):
        return [trad_all(x, skip) for x in obj]
    if isinstance(obj, dict):
        return {
            (to_trad(k) if isinstance(k, str) else k): (v if k in skip else trad_all(v, skip))
            for k, v in obj.items()
        }
    return obj


def trad_table(t: G.Table) -> None:
    t.title = to_trad(t.title) if t.title else t.title
    t.side = to_trad(t.side) if t.side else t.side
    t.pre = [to_trad(x) for x in t.pre]
    t.post = [to_trad(x) for x in t.post]
    for row in t.grid.slots:
        for s in row:
            if isinstance(s, G.Cell):
                s.text = to_trad(s.text)


def build(
    spec: Spec, rng: random.Random, index: int = 0
) -> tuple[G.Table, dict[str, Any], list[dict[str, Any]]]:
    opt: dict[str, Any] = dict(spec.opt)
    if spec.n is not None:
        spec.opt["n"] = spec.n
    form = BUILD[spec.family](rng, spec)
    spec.opt.pop("n", None)
    if spec.family in ("i1", "i3"):
        form.year = spec.year
    add_placeholders(rng, form, spec)
    if spec.opt.get("remark_col"):
        sources = ["统计报表", "验收报告", "财务账簿", "抽样调查", "业务台账"]
        for i in form.all_inds():
            if spec.opt["remark_col"] == "数据来源" or rng.random() < 0.3:
                i.remark = rng.choice(sources)
    pre = decorate(rng, spec, form, opt)
    found = verify(form)
    planted = {(e["code"], e["indicator"]) for e in form.errors}
    if found != planted:
        raise AssertionError(
            f"{spec.name}: verify found {sorted(found, key=str)}, planted {sorted(planted, key=str)}"
        )
    if spec.family == "c":
        opt.setdefault("leader", F.person(rng) + "/1380000" + str(rng.randint(1000, 9999)))
        opt.setdefault("site", (form.implementer or "")[:-4] + "辖区")
        opt.setdefault("stars", True)
    if spec.family == "g":
        opt["export"] = (
            f"{form.year + 1}-0{rng.randint(1, 4)}-{rng.randint(10, 28)} {rng.randint(8, 17)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}"
        )
    table = GRID[spec.family](rng, form, opt)
    if opt.get("yuan"):
        pre.append("单位：元")
        form.extra["amount_unit"] = "元"
    table.pre = pre + table.pre
    table.suffix = spec.suffix
    if spec.side:
        table.side = f"部门:{form.unit}"
    ans = answer(form)
    ans["extra"] = {k: v for k, v in ans["extra"].items() if v not in (None, {}, [])}
    errs = [{**e, "form": index} for e in form.errors]
    return table, ans, errs


def write_doc(spec: Spec, tables: list[G.Table], rng: random.Random) -> Path | None:
    lay = spec.layout
    base = OUT / spec.name
    if lay in ("tab", "tab_mid"):
        path = base.with_suffix(".txt")
        path.write_text(R.tab_text(tables, rng, middle_labels=lay == "tab_mid"), encoding="utf-8")
    elif lay.startswith("pipe"):
        path = base.with_suffix(".txt")
        leading = {"pipe": "mixed", "pipe_lead": "always", "pipe_bare": "never"}[lay]
        path.write_text(R.pipe_text(tables, rng, leading), encoding="utf-8")
    elif lay in ("cells", "cells_bar"):
        path = base.with_suffix(".txt")
        path.write_text(R.cells_text(tables, bar=lay == "cells_bar"), encoding="utf-8")
    elif lay == "spaces":
        path = base.with_suffix(".txt")
        path.write_text(R.spaces_text(tables, rng), encoding="utf-8")
    elif lay == "csv":
        path = base.with_suffix(".csv")
        path.write_text(R.csv_text(tables), encoding="utf-8")
    elif lay == "html":
        path = base.with_suffix(".html")
        path.write_text(R.html_page(tables, rng), encoding="utf-8")
    elif lay == "xlsx":
        path = base.with_suffix(".xlsx")
        R.write_xlsx(tables, path, rng, pct_numbers=spec.opt.get("pct_numbers", True))
    elif lay == "docx":
        path = base.with_suffix(".docx")
        R.write_docx(tables, path)
    elif lay in ("pdf_xlsx", "pdf_docx"):
        src = OUT / (spec.name + (".xlsx" if lay == "pdf_xlsx" else ".docx"))
        if lay == "pdf_xlsx":
            R.write_xlsx(tables, src, rng, pct_numbers=True)
        else:
            R.write_docx(tables, src)
        path = base.with_suffix(".pdf")
        ok = R.to_pdf(src, path)
        src.unlink()
        if not ok:
            print(f"skipped {spec.name}.pdf: LibreOffice (soffice) not installed", file=sys.stderr)
            return None
    else:  # pragma: no cover
        raise ValueError(lay)
    return path


def dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


REPORT = """{title}

一、项目基本情况
{unit}{project}项目{year}年度年初预算{initial}万元，全年预算数{planned}万元，全年执行{executed}万元，预算执行率为{rate}。项目主要用于{goal}

二、绩效目标完成情况
{done}项目设置绩效指标{n}个，其中{n_met}个指标全部完成，{n_miss}个指标未完全达到年度目标。

三、自评结论
经自评，该项目{year}年度绩效自评得分为{score}分，自评等级为{grade}。

四、存在的问题及改进措施
{dev}下一步将加强项目跟踪管理，提高资金使用效益。

{unit}
{date}
"""


def write_report(spec: Spec, rng: random.Random) -> dict[str, Any]:
    """A file holding only a 自评报告: its claims come from a form record the file does not print."""
    form = F.national_project(rng, spec.year, spec.sector, None, "a")
    dept = form.supervisor or ""
    b = form.budget
    assert b is not None and form.overall is not None
    title = f"{dept}{spec.year}年度{form.project}项目绩效自评报告"
    score = form.total
    grade = "优" if score >= 90 else "良"
    inds = form.all_inds()
    _iso, printed = F.filled(rng, spec.year)
    text = REPORT.format(
        title=title,
        unit=dept,
        project=form.project,
        year=spec.year,
        initial=fmt(b.initial),
        planned=fmt(b.planned),
        executed=fmt(b.executed),
        rate=f"{fmt(dec(b.rate) * 100)}%",
        goal=form.overall[0],
        done=form.overall[1],
        n=len(inds),
        n_met=sum(1 for i in inds if i.cls == "met"),
        n_miss=sum(1 for i in inds if i.cls != "met"),
        score=fmt(score),
        grade=grade,
        dev="部分指标受实施进度影响未完全达标。",
        date=printed,
    )
    if spec.layout == "docx":
        import docx

        d = docx.Document()
        for para in text.split("\n"):
            d.add_paragraph(para)
        import datetime as dt

        d.core_properties.author = "corpus"
        d.core_properties.created = d.core_properties.modified = dt.datetime(2024, 1, 1)
        d.save(OUT / f"{spec.name}.docx")
        R.normalize_zip(OUT / f"{spec.name}.docx")
    else:
        (OUT / f"{spec.name}.txt").write_text(text, encoding="utf-8")
    return {
        "title": title,
        "year": spec.year,
        "subject": form.project,
        "stated_score": score,
        "stated_rate": b.rate,
        "amounts": {"年初预算": b.initial, "全年预算数": b.planned, "全年执行": b.executed},
    }


# ---------------------------------------------------------------- the plan

S = Spec
PLAN: list[Spec | tuple[str, str, list[Spec], list[str]]] = [
    # (a) national project
    S("a01_national_road_tab", "a", "road", "tab", title="year", notes=["TAB rows", "填报单位 line"]),
    S(
        "a02_national_fire_pipe_side",
        "a",
        "fire",
        "pipe",
        "budget.score_mismatch",
        side=True,
        info=False,
        opt={"placeholder": "dots"},
        notes=["title shares its line with 部门:", "…… placeholder row", "| padding"],
    ),
    S(
        "a03_national_rehab_pipe_bare",
        "a",
        "rehab",
        "pipe_bare",
        title="year_line",
        year=2024,
        notes=["no leading |", "（2024年度） line below the title"],
    ),
    S(
        "a04_national_gas_cells",
        "a",
        "gas",
        "cells",
        "indicator.full_score_unmet",
        title="prefix",
        notes=["one cell per line, blank-line separated, empty = space"],
    ),
    S(
        "a05_national_school_cells_bar",
        "a",
        "school",
        "cells_bar",
        year=2022,
        notes=["one cell per line ending ' |'"],
    ),
    S(
        "a06_national_river_spaces",
        "a",
        "river",
        "spaces",
        title="year",
        suffix=".xlsx",
        notes=["space-separated rows", "title with .xlsx"],
    ),
    S("a07_national_ecommerce_csv", "a", "ecommerce", "csv", "form.total_mismatch", notes=["quoted CSV"]),
    S(
        "a08_national_weather_html",
        "a",
        "weather",
        "html",
        opt={"precut": True},
        notes=["HTML rowspan/colspan", "<br> in cells", "预算数 printed 压缩前/压缩后"],
    ),
    S(
        "a09_national_heritage_xlsx",
        "a",
        "heritage",
        "xlsx",
        "indicator.score_mismatch",
        title="year_line",
        opt={"l1_points": True},
        notes=["XLSX merged cells", "产出指标（N分） labels", "rates as 0.00% numbers"],
    ),
    S(
        "a10_national_shelter_docx",
        "a",
        "shelter",
        "docx",
        year=2024,
        opt={"placeholder": "colon"},
        notes=["DOCX merged cells", "指标N： placeholder row"],
    ),
    S(
        "a11_national_road_pdf",
        "a",
        "road",
        "pdf_xlsx",
        year=2022,
        notes=["PDF printed by LibreOffice from XLSX"],
    ),
    S(
        "a12_national_waste_trad_pipe",
        "a",
        "waste",
        "pipe_lead",
        trad=True,
        title="year_line",
        notes=["traditional characters", "leading | on every line"],
    ),
    S(
        "a14_national_rehab_xlsx_side",
        "a",
        "rehab",
        "xlsx",
        side=True,
        info=False,
        year=2022,
        opt={"grade": "优", "int_budget_score": True},
        notes=[
            "title row shares the sheet's first row with 部门:",
            "execution score printed as an integer",
            "grade 优 beside the total",
        ],
    ),
    S(
        "a15_national_weather_tab_total_label",
        "a",
        "weather",
        "tab",
        "indicator.score_mismatch",
        title="year_line",
        opt={"total_label": "自评总分", "grade": "优"},
        notes=["total row labelled 自评总分", "grade beside the total"],
    ),
    S(
        "a16_national_gas_docx_remark",
        "a",
        "gas",
        "docx",
        title="year",
        year=2024,
        opt={"remark_col": "备注"},
        notes=["an unknown 备注 column after 偏差原因 (some cells filled)"],
    ),
    S(
        "a13_national_fire_tab_mid",
        "a",
        "fire",
        "tab_mid",
        "indicator.full_score_unmet",
        year=2024,
        suffix=".pdf",
        notes=["merged labels printed on the middle row of their span", "title with .pdf"],
    ),
    # (b) national department
    S(
        "b01_department_justice_tab",
        "b",
        "justice",
        "tab",
        notes=["部门（单位）名称 row", "基本支出/项目支出 rows"],
    ),
    S(
        "b02_department_stats_pipe",
        "b",
        "stats",
        "pipe",
        opt={"merged_deviation": True},
        title="year_line",
        notes=["one merged 偏差 cell beside all rows"],
    ),
    S("b03_department_veterans_html", "b", "veterans", "html", "form.total_mismatch", title="prefix"),
    S("b04_department_civil_xlsx", "b", "civil", "xlsx", year=2024),
    S("b05_department_archives_docx", "b", "archives", "docx", opt={"merged_deviation": True}),
    S(
        "b06_department_justice_pdf",
        "b",
        "justice",
        "pdf_docx",
        "indicator.full_score_unmet",
        year=2022,
        notes=["PDF printed by LibreOffice from DOCX"],
    ),
    S("b07_department_veterans_csv", "b", "veterans", "csv", year=2024),
    S("b08_department_civil_cells", "b", "civil", "cells", "budget.score_mismatch", title="prefix"),
    S(
        "b09_department_veterans_tab_yuan",
        "b",
        "veterans",
        "tab",
        year=2023,
        opt={"yuan": True},
        notes=["amounts printed in 元 (单位：元); the answer is in 万元"],
    ),
    # (c) 衔接资金
    S(
        "c01_xianjie_greenhouse_cells",
        "c",
        "greenhouse",
        "cells",
        "indicator.full_score_unmet",
        title="prefix",
        info=False,
        notes=["★ core", "其中 rows", "分值 before 年度指标值"],
    ),
    S("c02_xianjie_road_tab", "c", "road", "tab", title="year_line", year=2024),
    S("c03_xianjie_greenhouse_pipe", "c", "greenhouse", "pipe", year=2022, info=False),
    S("c04_xianjie_road_html", "c", "road", "html", "indicator.score_mismatch", title="prefix"),
    S("c05_xianjie_greenhouse_xlsx", "c", "greenhouse", "xlsx", title="prefix", info=False),
    S("c06_xianjie_road_docx", "c", "road", "docx", year=2024),
    S("c07_xianjie_greenhouse_spaces", "c", "greenhouse", "spaces", title="prefix", year=2024),
    # (d) Sichuan
    S("d01_sichuan_fire_cells_bar", "d", "fire", "cells_bar", "goal.weight_mismatch", title="prefix"),
    S("d02_sichuan_school_tab", "d", "school", "tab", title="prefix", year=2024),
    S(
        "d03_sichuan_river_pipe",
        "d",
        "river",
        "pipe",
        title="prefix",
        opt={"no_satisfaction": True},
        notes=["产出60/效益30 without satisfaction"],
    ),
    S("d04_sichuan_gas_xlsx", "d", "gas", "xlsx", title="prefix", year=2022),
    S("d05_sichuan_shelter_docx", "d", "shelter", "docx", "budget.score_mismatch", title="prefix"),
    S("d06_sichuan_heritage_html", "d", "heritage", "html", title="prefix", year=2024),
    S("d07_sichuan_rehab_pdf", "d", "rehab", "pdf_docx", title="prefix", notes=["PDF from DOCX"]),
    # (e) Yunnan split target
    S(
        "e01_yunnan_ecommerce_html",
        "e",
        "ecommerce",
        "html",
        notes=["split 年度指标值, two-row header", "≧ ═ ﹦ signs"],
    ),
    S("e02_yunnan_river_html", "e", "river", "html", "indicator.score_mismatch", title="prefix"),
    S("e03_yunnan_weather_xlsx", "e", "weather", "xlsx", year=2024),
    S("e04_yunnan_rehab_pipe", "e", "rehab", "pipe", title="year_line"),
    S("e05_yunnan_road_tab", "e", "road", "tab", year=2022),
    S("e06_yunnan_school_docx", "e", "school", "docx", "form.total_mismatch", title="prefix"),
    S(
        "e07_yunnan_heritage_trad_html",
        "e",
        "heritage",
        "html",
        trad=True,
        year=2024,
        notes=["traditional characters in HTML"],
    ),
    # (f) Chongqing
    S(
        "f01_chongqing_justice_spaces",
        "f",
        "justice",
        "spaces",
        title="prefix",
        suffix=".xlsx",
        notes=["flat list", "得分系数", "title with .xlsx"],
    ),
    S("f02_chongqing_stats_tab", "f", "stats", "tab", "budget.score_mismatch", title="prefix"),
    S("f03_chongqing_veterans_xlsx", "f", "veterans", "xlsx", title="prefix", year=2024),
    S("f04_chongqing_civil_html", "f", "civil", "html", title="prefix"),
    S("f05_chongqing_archives_pipe", "f", "archives", "pipe_bare", title="prefix", year=2022),
    S("f06_chongqing_justice_csv", "f", "justice", "csv", "form.total_mismatch", title="prefix"),
    S(
        "f07_chongqing_civil_pdf",
        "f",
        "civil",
        "pdf_xlsx",
        title="prefix",
        year=2024,
        notes=["PDF from XLSX"],
    ),
    # (g) Hebei
    S(
        "g01_hebei_ecommerce_xlsx",
        "g",
        "ecommerce",
        "xlsx",
        title="year",
        notes=["two-row header", "merged 权重占比"],
    ),
    S("g02_hebei_gas_pdf", "g", "gas", "pdf_xlsx", year=2024, notes=["PDF from XLSX"]),
    S("g03_hebei_heritage_tab", "g", "heritage", "tab", title="prefix"),
    S("g04_hebei_waste_html", "g", "waste", "html", "indicator.full_score_unmet", year=2022),
    S("g05_hebei_fire_csv", "g", "fire", "csv", title="prefix", year=2024),
    # (h) Hubei
    S(
        "h01_hubei_block_road_tab",
        "h1",
        "road",
        "tab",
        suffix=".pdf",
        title="prefix",
        opt={"placeholder": "xx"},
        notes=["points in labels （N分）", "指标N（XX分） placeholder", "备注"],
    ),
    S(
        "h02_hubei_block_river_pipe",
        "h1",
        "river",
        "pipe",
        "indicator.score_mismatch",
        title="prefix",
        opt={"points": "（{}）"},
        notes=["weights printed as （N） without 分"],
    ),
    S("h03_hubei_block_gas_docx", "h1", "gas", "docx", title="prefix", year=2024),
    S("h04_hubei_block_school_xlsx", "h1", "school", "xlsx", "goal.weight_mismatch", title="prefix"),
    S(
        "h05_hubei_block_waste_cells",
        "h1",
        "waste",
        "cells",
        title="prefix",
        year=2022,
        opt={"points": "({})"},
    ),
    S(
        "h10_hubei_block_shelter_tab_subtotal",
        "h1",
        "shelter",
        "tab",
        title="prefix",
        year=2024,
        opt={"subtotal": True},
        notes=["合计 row of the 80-point block (a subtotal, not the 总分)"],
    ),
    S(
        "h06_hubei_goals_justice_docx",
        "h2",
        "justice",
        "docx",
        title="prefix",
        notes=["年度目标N rows with 分值"],
    ),
    S("h07_hubei_goals_stats_tab", "h2", "stats", "tab", "indicator.full_score_unmet", title="prefix"),
    S("h08_hubei_goals_civil_html", "h2", "civil", "html", title="prefix", year=2024),
    S("h09_hubei_goals_veterans_xlsx", "h2", "veterans", "xlsx", "budget.score_mismatch", title="prefix"),
    # (i) targets
    S(
        "i01_project_target_river_trad_pipe",
        "i1",
        "river",
        "pipe",
        trad=True,
        title="year_line",
        year=2025,
        notes=["中期/年度 halves", "traditional characters"],
    ),
    S("i02_project_target_gas_tab", "i1", "gas", "tab", title="prefix", year=2025),
    S("i03_project_target_road_xlsx", "i1", "road", "xlsx", "target.vague", year=2025),
    S("i04_project_target_school_html", "i1", "school", "html", title="year_line", year=2025),
    S(
        "i05_department_target_justice_tab",
        "i2",
        "justice",
        "tab",
        "target.vague",
        title="year_line",
        suffix="_第1页",
        year=2025,
        opt={"placeholder": "both"},
        notes=["_第1页", "指标N：/…… rows"],
    ),
    S("i06_department_target_civil_pipe", "i2", "civil", "pipe", title="prefix", year=2025),
    S("i07_department_target_stats_docx", "i2", "stats", "docx", year=2025),
    S("i08_department_target_veterans_cells", "i2", "veterans", "cells", title="year_line", year=2025),
    S(
        "i09_target101_shelter_xlsx",
        "i3",
        "shelter",
        "xlsx",
        title="year",
        year=2025,
        notes=["指标性质/指标值/度量单位/指标值说明/指标值设定依据", "成本指标 first"],
    ),
    S("i10_target101_weather_docx", "i3", "weather", "docx", "target.vague", title="prefix", year=2025),
    S("i11_target101_fire_html", "i3", "fire", "html", title="year_line", year=2025),
    S(
        "i13_target101_river_html_source",
        "i3",
        "river",
        "html",
        title="prefix",
        year=2025,
        opt={"remark_col": "数据来源"},
        notes=["an unknown 数据来源 column"],
    ),
    S("i12_target101_waste_spaces", "i3", "waste", "spaces", year=2025),
]

# hard ones: (name, layout, specs of the forms it holds, notes)
HARD: list[tuple[str, str, list[Spec], list[str]]] = [
    (
        "x01_two_sichuan_forms_tab",
        "tab",
        [
            S("x01a", "d", "gas", "tab", title="prefix"),
            S("x01b", "d", "river", "tab", "indicator.score_mismatch", title="prefix"),
        ],
        ["two forms in one file"],
    ),
    (
        "x02_target_and_selfeval_pipe",
        "pipe",
        [
            S("x02a", "i3", "heritage", "pipe", title="year", year=2024),
            S("x02b", "a", "heritage", "pipe", title="year", year=2024),
        ],
        ["a target table and a self-evaluation in one file"],
    ),
    (
        "x03_department_no_title_tab",
        "tab",
        [S("x03", "b", "archives", "tab", title="none", info=False)],
        ["no title: recognised from its header cells"],
    ),
    (
        "x04_chongqing_no_title_xlsx",
        "xlsx",
        [S("x04", "f", "stats", "xlsx", title="none")],
        ["no title, XLSX"],
    ),
    (
        "x05_multipage_national_tab",
        "tab",
        [S("x05", "a", "fire", "tab", title="year", n=11, opt={"pages": True})],
        ["title and indicator header printed again on page 2: one form"],
    ),
    (
        "x06_multipage_chongqing_pipe",
        "pipe",
        [S("x06", "f", "civil", "pipe", title="prefix", opt={"pages": True})],
        ["title printed again on page 2: one form"],
    ),
    (
        "x07_hubei_goals_trad_tab",
        "tab",
        [S("x07", "h2", "archives", "tab", title="prefix", trad=True)],
        ["traditional characters, Hubei goal rows"],
    ),
]

REPORTS = [("r01_report_only_txt", "txt", "river", 2023), ("r02_report_only_docx", "docx", "school", 2024)]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for p in OUT.iterdir():
        p.unlink()
    manifest = []
    docs: list[tuple[str, str, list[Spec], list[str]]] = [
        (s.name, s.layout, [s], s.notes) for s in PLAN if isinstance(s, Spec)
    ]
    docs += HARD
    for name, layout, specs, notes in docs:
        rng = random.Random(f"{SEED}:{name}")
        tables, answers, errors = [], [], []
        for k, spec in enumerate(specs):
            spec.layout = layout
            table, ans, errs = build(spec, rng, k)
            if spec.opt.get("pages"):
                heads = [r for r in range(table.grid.rows()) if table.grid.kinds[r] == "head"]
                inds = [r for r in range(table.grid.rows()) if table.grid.kinds[r] == "ind"]
                table.repeat_header = heads[-1]
                table.page_break = inds[len(inds) // 2]
            if spec.trad:
                trad_table(table)
                ans = trad_all(ans)
                errs = trad_all(errs)
            tables.append(table)
            answers.append(ans)
            errors += errs
        main_spec = specs[0]
        main_spec.name = name
        path = write_doc(main_spec, tables, rng)
        if path is None:
            continue
        dump(OUT / f"{name}.answer.json", answers)
        dump(OUT / f"{name}.errors.json", errors)
        manifest.append(
            {
                "file": path.name,
                "families": [s.family for s in specs],
                "layout": layout,
                "forms": len(answers),
                "indicators": sum(len(g["indicators"]) for a in answers for g in a["goals"]),
                "errors": [e["code"] for e in errors],
                "notes": notes,
            }
        )
    for name, layout, sector, year in REPORTS:
        rng = random.Random(f"{SEED}:{name}")
        claims = write_report(S(name, "a", sector, layout, year=year), rng)
        dump(OUT / f"{name}.answer.json", [])
        dump(OUT / f"{name}.errors.json", [])
        dump(OUT / f"{name}.report.json", claims)
        manifest.append(
            {
                "file": f"{name}.{layout}",
                "families": ["report"],
                "layout": layout,
                "forms": 0,
                "indicators": 0,
                "errors": [],
                "notes": ["only a 自评报告 narrative: read as a report"],
            }
        )
    dump(OUT / "manifest.json", manifest)
    print(f"{len(manifest)} documents in {OUT}")


if __name__ == "__main__":
    main()
