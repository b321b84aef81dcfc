"""Write the third held-out set ``tests/corpus3/files`` (deterministic; uses nothing of jixiao).

    .venv/bin/python tests/corpus3/make_corpus3.py

Families and layouts the first two sets leave out (their READMEs' ✗): Hebei exports, Jiangxi
管理/产出/效果, the older 投入/过程/产出/效果 framework, ★★★ 衔接 target tables, 执行率 with `%`,
Hubei goal rows in pipe/cells, glued cells, several forms of different families in one file,
`<thead>` of `<th>`, XLSX formulas with cached values, 年度资金总额 on sub-rows, and Sichuan /
Chongqing / Yunnan in DOCX and LibreOffice PDF. ``verify`` re-scores every answer from its
printed text and refuses a document whose inconsistencies are not exactly the planted ones.
"""

from __future__ import annotations

import json
import random
import re
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _families3 as F  # noqa: E402
import _grid3 as G  # noqa: E402
from _forms3 import SIGN_PLAIN, D, hu, txt  # noqa: E402

FILES = HERE / "files"
DOCS: list[tuple[str, str, str, str, Callable]] = []  # stem, families, layout, exercises, build


def doc(stem: str, families: str, layout: str, exercises: str) -> Callable:
    def wrap(fn: Callable) -> Callable:
        DOCS.append((stem, families, layout, exercises, fn))
        return fn

    return wrap


def finish(f, code: str | None, rng: random.Random) -> list[dict]:
    F.tie_rate(f)
    errs = F.plant(f, code, rng)
    if code == "budget.score_mismatch":
        F.tie_rate(f)
    if f.rules != "hebei" and f.kind.endswith("self_evaluation"):
        F.add_total(f, wrong=code == "form.total_mismatch")
    return errs


# ---------------------------------------------------------------- the documents
# each returns (parts, errors, options): parts = [(form, grid, title_lines)]

# (g) Hebei exports


@doc(
    "g01_skill_hebei_xlsx_rowshare",
    "g",
    "xlsx",
    "Hebei export: 权重占比 printed on every row; two-row header; 导出时间",
)
def _g01(rng):
    f = F.hebei_form(rng, "skill", "榆岭县", 2023)
    return [(f, F.hebei_grid(f, per_row_share=True))], F.plant(f, None, rng), {}


@doc(
    "g02_fire_hebei_pipe_exec_row",
    "g",
    "pipe",
    "Hebei export in pipe rows: 预算执行率 scored as an indicator row; per-row share",
)
def _g02(rng):
    f = F.hebei_form(rng, "fire", "苇塘县", 2023, execution_row=True)
    return [(f, F.hebei_grid(f, per_row_share=True))], [], {}


@doc(
    "g03_testing_hebei_html_thead",
    "g",
    "html",
    "Hebei export as HTML: indicator table with a two-row <thead> of <th>, merged share",
)
def _g03(rng):
    f = F.hebei_form(rng, "testing", "槐陵县", 2024)
    g = F.hebei_grid(f, per_row_share=False)
    r = next(r for r in range(g.nrows) if g.anchors.get((r, 0), ("",))[0] == "一级指标")
    return [(f, g, [])], [], {"thead_from": r, "thead_rows": 2}


@doc(
    "g04_waste_hebei_pdf_docx",
    "g",
    "pdf_docx",
    "Hebei export in DOCX printed to PDF by LibreOffice; execution indicator row",
)
def _g04(rng):
    f = F.hebei_form(rng, "waste", "霁川市", 2023, execution_row=True)
    return [(f, F.hebei_grid(f, per_row_share=True))], [], {}


@doc("g05_school_hebei_cells", "g", "cells", "Hebei export one cell per line; merged share")
def _g05(rng):
    f = F.hebei_form(rng, "school", "石楠县", 2023)
    return [(f, F.hebei_grid(f, per_row_share=False))], [], {}


# (b) Jiangxi 管理/产出/效果/满意度 and the older 投入/过程/产出/效果


def _dept_grid(f, *, l1_points=None, formulas=False):
    a, b = F.D(f.budget.planned) * D("0.4"), F.D(f.budget.executed) * D("0.4")
    subs = [
        ("其中：基本支出", txt(hu(a)), txt(hu(a)), txt(hu(b))),
        (
            "项目支出",
            txt(hu(f.budget.planned - hu(a))),
            txt(hu(f.budget.planned - hu(a))),
            txt(hu(f.budget.executed - hu(b))),
        ),
    ]
    return F.national_grid(f, department=True, sub_rows=subs, l1_points=l1_points, formulas=formulas)


@doc(
    "b01_stats_jiangxi_tab_l1pts",
    "b",
    "tab",
    "Jiangxi department 管理30/产出25/效果35/满意度10 in labels; budget printed, unscored",
)
def _b01(rng):
    f = F.department_form(rng, "stats", "澄川县", 2023, "jiangxi")
    errs = finish(f, "indicator.score_mismatch", rng)
    return (
        [(f, _dept_grid(f, l1_points={"管理指标": 30, "产出指标": 25, "效果指标": 35, "满意度指标": 10}))],
        errs,
        {},
    )


@doc(
    "b02_archive_jiangxi_docx", "b", "docx", "Jiangxi department in DOCX with merged cells, no level-1 points"
)
def _b02(rng):
    f = F.department_form(rng, "archive", "云岫区", 2023, "jiangxi")
    errs = finish(f, None, rng)
    return [(f, _dept_grid(f))], errs, {}


@doc(
    "b03_veterans_old_cells_bar",
    "b",
    "cells_bar",
    "older 投入/过程/产出/效果 department framework, one cell per line ending ' |'",
)
def _b03(rng):
    f = F.department_form(rng, "veterans", "鹭汀区", 2022, "old")
    errs = finish(f, None, rng)
    return [(f, _dept_grid(f))], errs, {}


@doc(
    "b04_emergency_old_xlsx_formulas",
    "b",
    "xlsx",
    "older 投入/过程/产出/效果 framework in XLSX; rate and total are formulas with cached values",
)
def _b04(rng):
    f = F.department_form(rng, "emergency", "岑溪口区", 2023, "old")
    errs = finish(f, "form.total_mismatch", rng)
    return [(f, _dept_grid(f, formulas=True))], errs, {}


@doc("b05_stats_jiangxi_pipe", "b", "pipe", "Jiangxi department in pipe rows, level-1 points in labels")
def _b05(rng):
    f = F.department_form(rng, "stats", "砚山湾区", 2024, "jiangxi")
    errs = finish(f, None, rng)
    return (
        [(f, _dept_grid(f, l1_points={"管理指标": 30, "产出指标": 25, "效果指标": 35, "满意度指标": 10}))],
        errs,
        {},
    )


# (c)/(i) 衔接 target tables with ★★★, and a 衔接 self-evaluation


@doc(
    "c01_greenhouse_target_stars_tab",
    "i",
    "tab",
    "衔接 target table: ★★★ before core indicators, 指标值确定依据",
)
def _c01(rng):
    f = F.xianjie_target_form(rng, "greenhouse", "澄川县", 2024)
    return [(f, F.xianjie_target_grid(f))], [], {}


@doc("c02_greenhouse_target_stars_docx", "i", "docx", "衔接 target table in DOCX, ★★★, a vague ≥**% value")
def _c02(rng):
    f = F.xianjie_target_form(rng, "greenhouse", "苇塘县", 2025)
    errs = F.plant(f, "target.vague", rng)
    return [(f, F.xianjie_target_grid(f))], errs, {}


@doc("c03_greenhouse_target_stars_cells", "i", "cells", "衔接 target table one cell per line, ★★★")
def _c03(rng):
    f = F.xianjie_target_form(rng, "greenhouse", "槐陵县", 2024)
    return [(f, F.xianjie_target_grid(f))], [], {}


def _xianjie_self(rng, place, year):
    f = F.national_form(
        rng, "greenhouse", place, year, xianjie=True, kind_title="衔接资金项目绩效自评表", planned=540
    )
    for i in f.inds():
        i.star = i.name in ("新建连栋蔬菜大棚", "带动脱贫人口增收")
    f.extra["core_indicators"] = ["新建连栋蔬菜大棚", "带动脱贫人口增收"]
    sub = [("其中：监测户", "≥12人", "14人")]
    f.extra["sub_rows"] = [
        {"parent": "带动脱贫人口增收", "name": "其中：监测户", "target": "≥12人", "actual": "14人"}
    ]
    return f, {"带动脱贫人口增收": sub}


@doc(
    "c04_greenhouse_xianjie_glued",
    "c",
    "glued",
    "衔接 self-evaluation with cells glued, no separator; ★; 其中 row",
)
def _c04(rng):
    f, subs = _xianjie_self(rng, "霁川市", 2023)
    errs = finish(f, None, rng)
    ext = [("项目负责人及电话", "周明远 0739-5521346"), ("项目地点", "霁川市桂岭镇")]
    return [(f, F.national_grid(f, order="xianjie", sub_indicators=subs, extra_header=ext))], errs, {}


# (f) Chongqing: 执行率 with %, formulas, DOCX, PDF


@doc(
    "f01_archive_chongqing_tab_ratepct",
    "f",
    "tab",
    "Chongqing: 执行率 printed with % under a bare 执行率 header",
)
def _f01(rng):
    f = F.chongqing_form(rng, "archive", "澄川县", 2023)
    errs = finish(f, "budget.score_mismatch", rng)
    return [(f, F.chongqing_grid(f, rate_pct_sign=True))], errs, {}


@doc(
    "f02_emergency_chongqing_xlsx_formulas",
    "f",
    "xlsx",
    "Chongqing in XLSX: 执行率 and 执行率得分 and 合计 are formulas with cached values",
)
def _f02(rng):
    f = F.chongqing_form(rng, "emergency", "石楠县", 2023)
    errs = finish(f, None, rng)
    return [(f, F.chongqing_grid(f, rate_pct_sign=True, formulas=True))], errs, {}


@doc(
    "f03_veterans_chongqing_pdf_docx",
    "f",
    "pdf_docx",
    "Chongqing DOCX printed to PDF; 得分系数 printed with %",
)
def _f03(rng):
    f = F.chongqing_form(rng, "veterans", "云岫区", 2023)
    errs = finish(f, None, rng)
    return [(f, F.chongqing_grid(f, rate_pct_sign=False, coef_pct_sign=True))], errs, {}


@doc("f04_stats_chongqing_pipe_ratepct", "f", "pipe", "Chongqing pipe rows; 执行率 with %; 得分系数 with %")
def _f04(rng):
    f = F.chongqing_form(rng, "stats", "槐陵县", 2024)
    errs = finish(f, "indicator.score_mismatch", rng)
    return [(f, F.chongqing_grid(f, rate_pct_sign=True, coef_pct_sign=True))], errs, {}


@doc("f05_archive_chongqing_docx", "f", "docx", "Chongqing in DOCX with merged budget cells")
def _f05(rng):
    f = F.chongqing_form(rng, "archive", "鹭汀区", 2023)
    errs = finish(f, None, rng)
    return [(f, F.chongqing_grid(f, rate_pct_sign=False))], errs, {}


# (h) Hubei arrangement 2 in pipe / cells


@doc(
    "h01_emergency_hubei_goals_pipe",
    "h",
    "pipe",
    "Hubei goal rows (年度目标N + 分值) with the header repeated, in pipe rows",
)
def _h01(rng):
    f = F.hubei_goal_form(rng, "emergency", "霁川市", 2023)
    errs = finish(f, None, rng)
    return [(f, F.hubei_goal_grid(f))], errs, {}


@doc("h02_archive_hubei_goals_cells", "h", "cells", "Hubei goal rows, one cell per line")
def _h02(rng):
    f = F.hubei_goal_form(rng, "archive", "苇塘县", 2023)
    errs = finish(f, "indicator.score_mismatch", rng)
    return [(f, F.hubei_goal_grid(f))], errs, {}


@doc("h03_veterans_hubei_goals_cells_bar", "h", "cells_bar", "Hubei goal rows, one cell per line ending ' |'")
def _h03(rng):
    f = F.hubei_goal_form(rng, "veterans", "砚山湾区", 2024)
    errs = finish(f, None, rng)
    return [(f, F.hubei_goal_grid(f))], errs, {}


# (a) national: glued, thead, formulas, 年度资金总额 on sub-rows, PDF


@doc("a01_road_glued", "a", "glued", "national project form, every row's cells glued with no separator")
def _a01(rng):
    f = F.national_form(rng, "road", "榆岭县", 2023)
    errs = finish(f, None, rng)
    return [(f, F.national_grid(f))], errs, {}


@doc(
    "a02_school_xlsx_formulas",
    "a",
    "xlsx",
    "national in XLSX: 执行率 =B/A, 得分 =ROUND(10*rate), 总分 =budget+SUM() formulas, cached values",
)
def _a02(rng):
    f = F.national_form(rng, "school", "鹭汀区", 2023, planned=760)
    errs = finish(f, "indicator.full_score_unmet", rng)
    return [(f, F.national_grid(f, formulas=True, year_line=True))], errs, {}


def _zero_total(f, how: str):
    b = f.budget
    f.extra["initial_budget"] = float(b.initial)
    return [
        ("其中：当年财政拨款", txt(b.initial), txt(b.planned), txt(b.executed)),
        ("上年结转资金", "0", "0", "0"),
        ("其他资金", "0", "0", "0"),
    ]


@doc(
    "a03_rehab_tab_zero_total",
    "a",
    "tab",
    "年度资金总额 row printed as zeros; the figures on the 当年财政拨款 sub-row",
)
def _a03(rng):
    f = F.national_form(rng, "rehab", "石楠县", 2023)
    errs = finish(f, None, rng)
    return [(f, F.national_grid(f, sub_rows=_zero_total(f, "zeros"), zero_total="zeros"))], errs, {}


@doc(
    "a04_heritage_docx_blank_total",
    "a",
    "docx",
    "年度资金总额 amounts left blank; the figures on the 当年财政拨款 sub-row",
)
def _a04(rng):
    f = F.national_form(rng, "heritage", "岑溪口区", 2023, planned=260)
    errs = finish(f, "budget.score_mismatch", rng)
    return [(f, F.national_grid(f, sub_rows=_zero_total(f, "blank"), zero_total="blank"))], errs, {}


@doc("a05_waste_pdf_docx", "a", "pdf_docx", "national project DOCX printed to PDF by LibreOffice")
def _a05(rng):
    f = F.national_form(
        rng, "waste", "澄川县", 2024, shares={"产出指标": 60, "效益指标": 20, "满意度指标": 10}
    )
    errs = finish(f, None, rng)
    return [(f, F.national_grid(f, year_line=True))], errs, {}


@doc(
    "a06_testing_spaces_zero_total",
    "a",
    "spaces",
    "space-separated rows; 年度资金总额 zeros with the figures on a sub-row",
)
def _a06(rng):
    f = F.national_form(rng, "testing", "槐陵县", 2023)
    errs = finish(f, None, rng)
    return [(f, F.national_grid(f, sub_rows=_zero_total(f, "zeros"), zero_total="zeros"))], errs, {}


# (d) Sichuan and (e) Yunnan in DOCX, PDF, XLSX formulas


@doc("d01_road_sichuan_docx", "d", "docx", "Sichuan 10/90 in DOCX with merged cells")
def _d01(rng):
    f = F.sichuan_form(rng, "road", "霁川市", 2023)
    errs = finish(f, None, rng)
    return [(f, F.sichuan_grid(f))], errs, {}


@doc("d02_skill_sichuan_pdf_docx", "d", "pdf_docx", "Sichuan 10/90 DOCX printed to PDF by LibreOffice")
def _d02(rng):
    f = F.sichuan_form(rng, "skill", "苇塘县", 2023)
    errs = finish(f, "indicator.full_score_unmet", rng)
    return [(f, F.sichuan_grid(f))], errs, {}


@doc(
    "d03_fire_sichuan_xlsx_formulas",
    "d",
    "xlsx",
    "Sichuan in XLSX: 预算执行率, 得分 and 总分 as formulas with cached values",
)
def _d03(rng):
    f = F.sichuan_form(rng, "fire", "澄川县", 2024)
    errs = finish(f, None, rng)
    return [(f, F.sichuan_grid(f, formulas=True))], errs, {}


def _yunnan(rng, sector, place, year, lookalike=True):
    f = F.national_form(rng, sector, place, year)
    if lookalike:
        for i in f.inds():
            i.sign = F.LOOKALIKE.get(i.sign, i.sign)
    return f


@doc(
    "e01_fire_yunnan_docx",
    "e",
    "docx",
    "Yunnan split 年度指标值 (指标性质/指标值/度量单位) in DOCX; ≧ ═ signs",
)
def _e01(rng):
    f = _yunnan(rng, "fire", "榆岭县", 2023)
    errs = finish(f, None, rng)
    return [(f, F.national_grid(f, split_target=True))], errs, {}


@doc("e02_school_yunnan_pdf_docx", "e", "pdf_docx", "Yunnan split target DOCX printed to PDF")
def _e02(rng):
    f = _yunnan(rng, "school", "石楠县", 2023)
    errs = finish(f, "indicator.score_mismatch", rng)
    return [(f, F.national_grid(f, split_target=True))], errs, {}


@doc(
    "e03_rehab_yunnan_xlsx_formulas",
    "e",
    "xlsx",
    "Yunnan split target in XLSX, formulas for rate, score and total",
)
def _e03(rng):
    f = _yunnan(rng, "rehab", "云岫区", 2024)
    errs = finish(f, None, rng)
    return [(f, F.national_grid(f, split_target=True, formulas=True))], errs, {}


@doc(
    "e04_road_yunnan_pipe",
    "e",
    "pipe",
    "Yunnan split target in pipe rows (the two-row header drops covered cells)",
)
def _e04(rng):
    f = _yunnan(rng, "road", "鹭汀区", 2023, lookalike=False)
    errs = finish(f, None, rng)
    return [(f, F.national_grid(f, split_target=True))], errs, {}


# several forms of different families in one file


@doc(
    "m01_national_yunnan_tab",
    "a+e",
    "tab",
    "two forms of different families in one TAB file: national project, then Yunnan",
)
def _m01(rng):
    f1 = F.national_form(rng, "skill", "澄川县", 2023)
    finish(f1, None, rng)
    f2 = _yunnan(rng, "heritage", "澄川县", 2023)
    errs = finish(f2, "indicator.score_mismatch", rng)
    for e in errs:
        e["form"] = 1
    return [(f1, F.national_grid(f1)), (f2, F.national_grid(f2, split_target=True))], errs, {}


@doc(
    "m02_sichuan_chongqing_html",
    "d+f",
    "html",
    "one HTML page with a Sichuan project form and a Chongqing department form",
)
def _m02(rng):
    f1 = F.sichuan_form(rng, "waste", "榆岭县", 2023)
    finish(f1, None, rng)
    f2 = F.chongqing_form(rng, "emergency", "榆岭县", 2023)
    finish(f2, None, rng)
    return [(f1, F.sichuan_grid(f1), []), (f2, F.chongqing_grid(f2), [])], [], {}


@doc(
    "m03_xianjie_self_target_docx",
    "c+i",
    "docx",
    "one DOCX: a 衔接 self-evaluation (★, 其中 row) and a ★★★ 衔接 target table",
)
def _m03(rng):
    f1, subs = _xianjie_self(rng, "砚山湾区", 2023)
    errs = finish(f1, "indicator.full_score_unmet", rng)
    f2 = F.xianjie_target_form(rng, "greenhouse", "砚山湾区", 2024)
    return (
        [(f1, F.national_grid(f1, order="xianjie", sub_indicators=subs)), (f2, F.xianjie_target_grid(f2))],
        errs,
        {},
    )


@doc(
    "m04_hebei_hubei_cells_bar",
    "g+h",
    "cells_bar",
    "one text file: a Hebei export then a Hubei goal-rows department form, ' |' cells",
)
def _m04(rng):
    f1 = F.hebei_form(rng, "road", "苇塘县", 2023)
    f2 = F.hubei_goal_form(rng, "stats", "苇塘县", 2023)
    finish(f2, None, rng)
    return [(f1, F.hebei_grid(f1, per_row_share=True)), (f2, F.hubei_goal_grid(f2))], [], {}


# ---------------------------------------------------------------- verify


def _num(text: str) -> Decimal | None:
    m = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return D(m.group()) if m else None


def _agrees(printed: Decimal, computed: Decimal) -> bool:
    places = max(0, -printed.normalize().as_tuple().exponent)
    q = D(1).scaleb(-places)
    return printed == hu(computed, places) or printed == computed.quantize(q, rounding="ROUND_DOWN")


def verify(forms: list[dict], rules: list[str]) -> set[tuple[int, str, str | None]]:
    """Every inconsistency a correct review finds in the answers, from their printed text."""
    found = set()
    for k, (f, rule) in enumerate(zip(forms, rules, strict=True)):
        inds = [i for g in f["goals"] for i in g["indicators"]]
        for i in inds:
            if "**" in (i["target"] or ""):
                found.add((k, "target.vague", i["name"]))
            if i["weight"] is None or i["score"] is None:
                continue
            w, s = D(str(i["weight"])), D(str(i["score"]))
            m = re.match(r"([≥≤=≧═])?(-?\d+(?:\.\d+)?)", i["target"])
            if m:
                sign = SIGN_PLAIN.get(m.group(1) or "=", m.group(1) or "=")
                t, a = D(m.group(2)), _num(i["actual"])
                met = a >= t if sign == "≥" else a <= t if sign == "≤" else a == t
                if sign == "≥" or sign == "=":
                    want = w if a >= t else w * a / t
                else:
                    want = w if a <= t else (w * t / a if a else D(0))
            else:
                met = not i["actual"].startswith(("基本", "部分", "未"))
                want = w if met else w * D("0.7")
            if s == w and not met:
                found.add((k, "indicator.full_score_unmet", i["name"]))
            elif not _agrees(s, want):
                found.add((k, "indicator.score_mismatch", i["name"]))
        b = f["budget"]
        if b and b["weight"] is not None and b["score"] is not None:
            want = D(str(b["weight"])) * min(D(str(b["rate"])), D(1))
            if not _agrees(D(str(b["score"])), want):
                found.add((k, "budget.score_mismatch", None))
        if f["total_score"] is not None:
            if rule == "hebei":
                parts = sum((D(str(v)) for v in f["extra"]["converted_scores"].values()), D(0))
            else:
                parts = sum((D(str(i["score"])) for i in inds if i["score"] is not None), D(0))
                if b and b["score"] is not None:
                    parts += D(str(b["score"]))
            if abs(parts - D(str(f["total_score"]))) > D("0.011"):
                found.add((k, "form.total_mismatch", None))
    return found


# ---------------------------------------------------------------- write


def render(layout: str, parts: list[tuple], path: Path, opts: dict) -> None:
    grids = [p[1] for p in parts]
    text = {"tab": G.tab, "pipe": G.pipe, "spaces": G.spaces, "glued": G.glued, "cells": G.cells}
    if layout in text:
        path.write_text("\n".join(text[layout](g) for g in grids), encoding="utf-8")
    elif layout == "cells_bar":
        path.write_text("\n".join(G.cells(g, bar=True) for g in grids), encoding="utf-8")
    elif layout == "html":
        pages = []
        for g in grids:
            r = opts.get("thead_from")
            if r is None:
                pages.append(("", g, 0))
            else:
                pages += [("", g.part(0, r), 0), ("", g.part(r, g.nrows), opts["thead_rows"])]
        path.write_text(G.page(pages), encoding="utf-8")
    elif layout == "xlsx":
        G.xlsx(
            [(f"Sheet{k + 1}", g) for k, g in enumerate(grids)],
            path,
            origin=(2, 2) if len(path.stem) % 2 else (1, 1),
        )
    elif layout == "docx":
        G.docx([([], g) for g in grids], path)
    elif layout == "pdf_docx":
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / (path.stem + ".docx")
            G.docx([([], g) for g in grids], src)
            G.pdf(src, path)
    else:
        raise ValueError(layout)


EXT = {"tab": "txt", "pipe": "txt", "spaces": "txt", "glued": "txt", "cells": "txt", "cells_bar": "txt"}


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for old in FILES.iterdir():
        old.unlink()
    manifest = []
    for stem, fams, layout, what, build in DOCS:
        rng = random.Random(f"corpus3-{stem}")
        parts, errs, opts = build(rng)
        forms = [p[0] for p in parts]
        for f in forms:
            if f.rules == "chongqing":
                F.chongqing_scores_agree(f)
        answers = [f.answer() for f in forms]
        found = verify(answers, [f.rules for f in forms])
        want = {(e["form"], e["code"], e["indicator"]) for e in errs}
        if found != want:
            raise SystemExit(
                f"{stem}: inconsistencies {sorted(found, key=str)} but planted {sorted(want, key=str)}"
            )
        ext = EXT.get(layout, layout.split("_")[0])
        path = FILES / f"{stem}.{ext}"
        render(layout, parts, path, opts)
        (FILES / f"{stem}.answer.json").write_text(
            json.dumps(answers, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (FILES / f"{stem}.errors.json").write_text(
            json.dumps(errs, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        manifest.append(
            {
                "file": path.name,
                "families": fams.split("+"),
                "layout": layout,
                "forms": len(forms),
                "indicators": sum(len(f.inds()) for f in forms),
                "errors": [e["code"] for e in errs],
                "exercises": what,
            }
        )
        print(
            f"{path.name}: {len(forms)} form(s), {manifest[-1]['indicators']} indicators, {len(errs)} planted"
        )
    (FILES / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
