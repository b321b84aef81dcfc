"""Write the second held-out set ``tests/corpus2/files`` (deterministic; uses nothing of jixiao).

    python tests/corpus2/make_corpus2.py [NAME ...]     # all documents, or only those named

Each document gets its own seed. ``verify`` re-scores every answer from its printed target and
actual text, independently of the builders, and refuses a form whose inconsistencies are not
exactly the planted errors.
"""

from __future__ import annotations

import json
import random
import re
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _builders2 as B  # noqa: E402
import _layouts2 as L  # noqa: E402
from _forms2 import hu  # noqa: E402

FILES = HERE / "files"


def several(*parts: tuple):  # type: ignore[no-untyped-def]
    """A builder printing the forms of several builders in one document, one after the other:
    each part is (builder, sector, error, options); the year is the document's."""

    def build(rng: random.Random, year: int, sector: str, error: str | None = None, **o: object):  # type: ignore[no-untyped-def]
        docs, forms, errors = [], [], []
        for builder, part_sector, part_error, opts in parts:
            d, f, e = builder(rng, year, part_sector, part_error, **opts)
            errors += [{**x, "form": x.get("form", 0) + len(forms)} for x in e]
            docs += d
            forms += f
        return docs, forms, errors

    return build


# name, builder, year, sector, error, builder options, layout, layout options, what it exercises
DOCS: list[tuple] = [
    (
        "a01_water_tab_pctweights",
        B.national,
        2023,
        "water",
        None,
        {
            "shares": {"产出指标": 70, "效益指标": 10, "满意度指标": 10},
            "n": 7,
            "pct_weights": True,
            "year_line": True,
        },
        "tab",
        {},
        "70/10/10 + 10; indicator points printed as percentages; （2023年度） line",
    ),
    (
        "a02_library_pipe_unscored",
        B.national,
        2023,
        "library",
        None,
        {"shares": {"产出指标": 40, "效益指标": 40, "满意度指标": 20}, "budget_weight": None},
        "pipe",
        {},
        "40/40/20 with the budget row unscored",
    ),
    (
        "a03_water_html_thead_split",
        B.national,
        2022,
        "water",
        None,
        {"equal": 10, "n": 9, "shares": {"产出指标": 0, "效益指标": 0, "满意度指标": 0}, "split": True},
        "html",
        {"thead": 0, "paragraphs": True},
        "equal points 10 each, no level-1 points; table split in two <table>; <p> in cells",
    ),
    (
        "a04_hazard_xlsx_yuan_text",
        B.national,
        2023,
        "hazard",
        None,
        {"yuan": True, "unit_line": True},
        "xlsx",
        {"text_numbers": True, "origin": (3, 2)},
        "amounts in 元; numbers stored as text; form starting at B3",
    ),
    (
        "a05_manure_tab_wan_band",
        B.national,
        2023,
        "manure",
        None,
        {"wan": True, "budget_score_band": True},
        "tab",
        {},
        "amounts with a 万 suffix; execution score rounded to an integer",
    ),
    (
        "a06_doctor_docx_blank_score_grade",
        B.national,
        2022,
        "doctor",
        "indicator.full_score_unmet",
        {"budget_score_blank": True, "grade_row": True},
        "docx",
        {"around": True},
        "execution score left blank; 自评等级 row; paragraphs around the table",
    ),
    (
        "a07_water_spaces_placeholders",
        B.national,
        2024,
        "water",
        "indicator.score_mismatch",
        {"placeholders": True, "misses": 2},
        "spaces",
        {},
        "指标1：/…… placeholder rows; spaces",
    ),
    (
        "a08_library_oneline",
        B.national,
        2023,
        "library",
        None,
        {"n": 7},
        "one_line",
        {},
        "a whole form flattened on one line",
    ),
    (
        "a09_park_cells_junk_l1pts",
        B.national,
        2023,
        "park",
        None,
        {"l1_points": True, "junk": True},
        "cells",
        {},
        "产出指标（50分） labels; ?????? inside a text cell; one cell per line",
    ),
    (
        "a10_hazard_xlsx_sheets_hidden",
        B.national,
        2024,
        "hazard",
        "form.total_mismatch",
        {},
        "xlsx",
        {"sheets_before": True, "hidden_col": True, "pct_format": True},
        "an instructions sheet before the form; a hidden helper column; rates as % number format",
    ),
    (
        "a11_doctor_docx_split_pdf",
        B.national,
        2023,
        "doctor",
        None,
        {"split": True, "unit_line": True},
        "pdf_docx",
        {},
        "PDF printed by LibreOffice from a DOCX whose table is split at a page break",
    ),
    (
        "a12_manure_docx_nested",
        B.national,
        2023,
        "manure",
        "budget.score_mismatch",
        {"misses": 0},
        "docx",
        {"nested": True},
        "the form table nested inside a layout table",
    ),
    (
        "b01_market_tab_fujian_yuan",
        B.national,
        2023,
        "market",
        None,
        {
            "department": True,
            "fujian": True,
            "yuan": True,
            "shares": {"产出指标": 60, "效益指标": 20, "满意度指标": 10},
        },
        "tab",
        {},
        "Fujian: 元, formula headings ④=①+②+③, 支出实现率",
    ),
    (
        "b02_insurance_html_jiangxi",
        B.national,
        2023,
        "insurance",
        None,
        {
            "department": True,
            "budget_weight": None,
            "l1_names": {"产出指标": "产出指标", "效益指标": "效果指标"},
            "shares": {"产出指标": 40, "效益指标": 50, "满意度指标": 10},
        },
        "html",
        {"thead": 0},
        "department form with 效果指标 level 1 and an unscored budget",
    ),
    (
        "b03_transport_cells_bar",
        B.national,
        2022,
        "transport",
        "indicator.score_mismatch",
        {"department": True, "misses": 2},
        "cells_bar",
        {},
        "department form, one cell per line ending ' |'",
    ),
    (
        "b04_market_xlsx_offset",
        B.national,
        2024,
        "market",
        None,
        {"department": True, "grade": "优"},
        "xlsx",
        {"origin": (2, 3)},
        "form starting at C2; grade beside the total",
    ),
    (
        "b05_insurance_pdf_xlsx",
        B.national,
        2023,
        "insurance",
        None,
        {"department": True},
        "pdf_xlsx",
        {},
        "PDF printed by LibreOffice from XLSX",
    ),
    (
        "c01_water_xlsx_xianjie",
        B.national,
        2023,
        "water",
        None,
        {
            "xianjie": True,
            "stars": True,
            "sub_row": True,
            "shares": {"产出指标": 70, "效益指标": 10, "满意度指标": 10},
        },
        "xlsx",
        {"sheets_before": True},
        "衔接 70/10/10: 负责人/地点/建设内容 rows, 未完成原因分析及改进措施, ★, 其中",
    ),
    (
        "c02_manure_docx_xianjie_split",
        B.national,
        2024,
        "manure",
        "indicator.full_score_unmet",
        {"xianjie": True, "stars": True, "sub_row": True, "split": True},
        "docx",
        {},
        "衔接 DOCX table split across two tables at a page break",
    ),
    (
        "c03_doctor_pipe_xianjie",
        B.national,
        2023,
        "doctor",
        None,
        {"xianjie": True, "sub_row": True},
        "pipe",
        {},
        "衔接 in pipe rows",
    ),
    (
        "c04_park_spaces_xianjie",
        B.national,
        2023,
        "park",
        None,
        {"xianjie": True, "stars": True},
        "spaces",
        {},
        "衔接 in space-separated rows",
    ),
    (
        "d01_water_tab_blank",
        B.sichuan,
        2023,
        "water",
        None,
        {"blank": True},
        "tab",
        {},
        "Sichuan published with 完成值/得分 empty; 财政专户管理资金 rows, no 合计",
    ),
    (
        "d02_library_html_p",
        B.sichuan,
        2024,
        "library",
        "budget.score_mismatch",
        {},
        "html",
        {"paragraphs": True, "thead": 0},
        "Sichuan HTML with <p> inside cells",
    ),
    ("d03_hazard_cells", B.sichuan, 2023, "hazard", None, {}, "cells", {}, "Sichuan one cell per line"),
    (
        "d04_park_xlsx_hidden_row",
        B.sichuan,
        2023,
        "park",
        "indicator.score_mismatch",
        {},
        "xlsx",
        {"hidden_row": True, "pct_format": True},
        "a hidden row above the table",
    ),
    ("d05_doctor_spaces", B.sichuan, 2022, "doctor", None, {}, "spaces", {}, "Sichuan space-separated"),
    (
        "e01_manure_cells_bar",
        B.sichuan,
        2023,
        "manure",
        None,
        {},
        "cells_bar",
        {},
        "split target (指标性质/指标值/度量单位) in ' |' cells",
    ),
    (
        "f01_market_cells",
        B.chongqing,
        2023,
        "market",
        None,
        {},
        "cells",
        {},
        "Chongqing flat list one cell per line",
    ),
    (
        "f02_insurance_docx",
        B.chongqing,
        2023,
        "insurance",
        "budget.score_mismatch",
        {},
        "docx",
        {},
        "Chongqing DOCX",
    ),
    (
        "f03_transport_html_thead",
        B.chongqing,
        2022,
        "transport",
        None,
        {"suffix": True},
        "html",
        {"thead": 0},
        "Chongqing HTML",
    ),
    ("f04_market_oneline", B.chongqing, 2024, "market", None, {}, "one_line", {}, "Chongqing on one line"),
    (
        "h01_water_cells_l2pts",
        B.hubei,
        2023,
        "water",
        None,
        {},
        "cells",
        {},
        "Hubei 80 block with level-2 points in labels; one cell per line",
    ),
    (
        "h02_library_tab_overall",
        B.hubei,
        2023,
        "library",
        None,
        {"overall": True},
        "tab",
        {},
        "Hubei 20/20/60 项目绩效总目标 outside Wuhan",
    ),
    (
        "h03_hazard_pipe_overall",
        B.hubei,
        2024,
        "hazard",
        "indicator.score_mismatch",
        {"overall": True},
        "pipe",
        {},
        "20/20/60 in pipe rows",
    ),
    ("h04_park_html_l2pts", B.hubei, 2023, "park", None, {}, "html", {"thead": 0}, "Hubei block in HTML"),
    (
        "h05_doctor_xlsx_overall",
        B.hubei,
        2022,
        "doctor",
        None,
        {"overall": True},
        "xlsx",
        {"origin": (2, 2)},
        "20/20/60 in XLSX starting at B2",
    ),
    (
        "i01_water_tab_101_weights",
        B.target,
        2024,
        "water",
        None,
        {"shape": "101"},
        "tab",
        {},
        "101号 target with 权重 and 评（扣）分标准 columns",
    ),
    (
        "i02_library_html_history",
        B.target,
        2025,
        "library",
        None,
        {"shape": "history"},
        "html",
        {},
        "target with 前年/上年/预计当年 实现值 columns",
    ),
    (
        "i03_hazard_pipe_standard",
        B.target,
        2024,
        "hazard",
        "target.vague",
        {"shape": "standard"},
        "pipe",
        {},
        "target with 绩效标准 | 当年预期实现值",
    ),
    ("i04_park_docx_101", B.target, 2024, "park", None, {"shape": "101"}, "docx", {}, "101号 target in DOCX"),
    (
        "j01_score_table_tab",
        B.score_table,
        2023,
        "water",
        None,
        {},
        "tab",
        {},
        "an old evaluation score table (评分标准/指标解释): not a form",
    ),
    ("j02_score_table_xlsx", B.score_table, 2023, "doctor", None, {}, "xlsx", {}, "the same in XLSX"),
    # every other family flattened onto one line (added after the first one-line reader)
    (
        "b06_transport_oneline_fujian",
        B.national,
        2024,
        "transport",
        None,
        {
            "department": True,
            "fujian": True,
            "yuan": True,
            "shares": {"产出指标": 60, "效益指标": 20, "满意度指标": 10},
        },
        "one_line",
        {},
        "Fujian department form (元, formula headings) on one line",
    ),
    (
        "c05_water_oneline_xianjie",
        B.national,
        2024,
        "water",
        "indicator.score_mismatch",
        {"xianjie": True, "stars": True, "sub_row": True, "misses": 2},
        "one_line",
        {},
        "衔接 with 负责人/地点/建设内容 rows, ★ and a 其中 row on one line",
    ),
    (
        "d06_hazard_oneline_blank",
        B.sichuan,
        2024,
        "hazard",
        None,
        {"blank": True},
        "one_line",
        {},
        "Sichuan published with 完成值/得分 empty, on one line",
    ),
    (
        "d07_library_oneline",
        B.sichuan,
        2023,
        "library",
        "budget.score_mismatch",
        {},
        "one_line",
        {},
        "Sichuan (split target 指标性质/指标值/度量单位, 原因 column) on one line",
    ),
    (
        "h06_water_oneline_overall",
        B.hubei,
        2024,
        "water",
        None,
        {"overall": True},
        "one_line",
        {},
        "Hubei 20/20/60 项目绩效总目标 on one line",
    ),
    (
        "h07_park_oneline_l2pts",
        B.hubei,
        2022,
        "park",
        None,
        {},
        "one_line",
        {},
        "Hubei block with level-2 points on one line",
    ),
    (
        "i05_manure_oneline_101",
        B.target,
        2025,
        "manure",
        None,
        {"shape": "101"},
        "one_line",
        {},
        "101号 target with 权重 and 评（扣）分标准 on one line",
    ),
    (
        "i06_doctor_oneline_history",
        B.target,
        2024,
        "doctor",
        None,
        {"shape": "history"},
        "one_line",
        {},
        "target with 前年/上年/预计当年 实现值 columns on one line",
    ),
    (
        "f05_transport_tab_rate_pct",
        B.chongqing,
        2024,
        "transport",
        None,
        {"rate_pct": True},
        "tab",
        {},
        "执行率 printed with its % sign under 执行率（%）",
    ),
    (
        "f06_insurance_pipe_rate_pct",
        B.chongqing,
        2023,
        "insurance",
        "budget.score_mismatch",
        {"rate_pct": True},
        "pipe",
        {},
        "执行率 with % sign in pipe rows",
    ),
    (
        "d08_manure_html_thead3",
        B.sichuan,
        2024,
        "manure",
        None,
        {},
        "html",
        {"thead": 3},
        "Sichuan HTML, first 3 rows in <thead> as <th>",
    ),
    (
        "h08_hazard_html_thead2",
        B.hubei,
        2023,
        "hazard",
        None,
        {"overall": True},
        "html",
        {"thead": 2},
        "Hubei 20/20/60 HTML, first 2 rows in <thead> as <th>",
    ),
    # several forms of different families in one document
    (
        "x01_sichuan_chongqing_tab",
        several((B.sichuan, "water", None, {}), (B.chongqing, "market", "budget.score_mismatch", {})),
        2023,
        "water",
        None,
        {},
        "tab",
        {},
        "a Sichuan project form and a Chongqing department form in one TAB file",
    ),
    (
        "x02_hubei_target_oneline",
        several((B.hubei, "park", None, {"overall": True}), (B.target, "park", None, {"shape": "101"})),
        2024,
        "park",
        None,
        {},
        "one_line",
        {},
        "a Hubei 20/20/60 self-evaluation and its 101号 target table on one line",
    ),
    (
        "x03_national_sichuan_spaces",
        several((B.national, "doctor", "indicator.score_mismatch", {}), (B.sichuan, "library", None, {})),
        2024,
        "doctor",
        None,
        {},
        "spaces",
        {},
        "a national and a Sichuan form, space-separated, in one file",
    ),
]

EXT = {
    "tab": "txt",
    "pipe": "txt",
    "cells": "txt",
    "cells_bar": "txt",
    "spaces": "txt",
    "one_line": "txt",
    "html": "html",
    "xlsx": "xlsx",
    "docx": "docx",
    "pdf_docx": "pdf",
    "pdf_xlsx": "pdf",
}


def _text(layout: str, d: L.Doc, rng: random.Random) -> str:
    return {
        "tab": lambda: L.tab(d),
        "pipe": lambda: L.pipe(d, rng),
        "cells": lambda: L.cells(d, False),
        "cells_bar": lambda: L.cells(d, True),
        "spaces": lambda: L.spaces(d, rng),
        "one_line": lambda: L.one_line(d),
    }[layout]()


def render(name: str, layout: str, docs: list[L.Doc], lo: dict, rng: random.Random) -> Path:
    d = docs[0]
    path = FILES / f"{name}.{EXT[layout]}"
    if layout in ("tab", "pipe", "cells", "cells_bar", "spaces", "one_line"):
        texts = [_text(layout, part, rng) for part in docs]
        # several forms: one after the other (on the same line when the layout is one line)
        text = " ".join(t.strip() for t in texts) + "\n" if layout == "one_line" else "\n".join(texts)
        path.write_text(text, encoding="utf-8")
    elif layout == "html":
        path.write_text(
            L.page(d, rng, thead=lo.get("thead", 0), paragraphs=lo.get("paragraphs", False)), encoding="utf-8"
        )
    elif layout in ("xlsx", "pdf_xlsx"):
        target = path if layout == "xlsx" else FILES / f"{name}.tmp.xlsx"
        L.xlsx(
            d,
            target,
            origin=lo.get("origin", (1, 1)),
            sheets_before=[("填报说明", ["1. 本表金额单位为万元。", "2. 指标值请按年初批复填写。"])]
            if lo.get("sheets_before")
            else [],
            hidden_col=lo.get("hidden_col", False),
            hidden_row_text="内部编码：ZX-01" if lo.get("hidden_row") else None,
            text_numbers=lo.get("text_numbers", False),
            pct_format=lo.get("pct_format", False),
        )
        if layout == "pdf_xlsx":
            L.pdf(target, path)
            target.unlink()
    elif layout in ("docx", "pdf_docx"):
        target = path if layout == "docx" else FILES / f"{name}.tmp.docx"
        around = ["附件2", "以下为本项目绩效自评表，请审核。"] if lo.get("around") else []
        L.docx(d, target, nested=lo.get("nested", False), around=around)
        if layout == "pdf_docx":
            L.pdf(target, path)
            target.unlink()
    return path


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _expected_score(ind: dict, band: tuple[float, float]) -> tuple[float, float] | None:
    """The range of scores the rules allow for one indicator, from its printed text."""
    w, t, a = ind["weight"], ind["target"] or "", ind["actual"] or ""
    if w is None or ind["score"] is None:
        return None
    nt, na = NUMBER.search(t), NUMBER.search(a)
    if nt is None or "**" in t:
        if a.startswith("基本") or a.startswith("部分"):
            return (w * band[0], w * band[1])
        return (w, w)
    if na is None:
        return None
    tv, av = Decimal(nt.group()), Decimal(na.group())
    if t.startswith(("≤", "<")):
        return (w, w) if av <= tv else (0, w)
    if av >= tv:
        return (w, w)
    v = hu(Decimal(str(w)) * av / tv, 2)
    return (v, v)


def verify(form: dict, planted: list[dict]) -> None:
    """Re-score from the printed text; the inconsistencies must be exactly the planted ones."""
    found = set()
    band = (0.5, 0.8)
    b = form["budget"]
    if b and b["weight"] and b["score"] is not None:
        want = b["weight"] * b["rate"]
        if not (hu(want, 0) == b["score"] or abs(hu(want, 2) - b["score"]) < 0.006):
            found.add(("budget.score_mismatch", None))
    parts = (b or {}).get("score") or 0
    parts += (form["overall_goal"] or {}).get("score") or 0
    for g in form["goals"]:
        for i in g["indicators"]:
            parts += i["score"] or 0
            if "**" in (i["target"] or ""):
                found.add(("target.vague", i["name"]))
            rng = _expected_score(i, band)
            if rng is None:
                continue
            lo, hi = rng
            if not (lo - 0.006 <= i["score"] <= hi + 0.006):
                unmet = lo < i["weight"] and i["score"] == i["weight"]
                found.add(("indicator.full_score_unmet" if unmet else "indicator.score_mismatch", i["name"]))
    if form["total_score"] is not None and abs(hu(parts, 2) - form["total_score"]) > 0.006:
        found.add(("form.total_mismatch", None))
    want = {(p["code"], p["indicator"]) for p in planted}
    if found != want:
        raise SystemExit(f"{form['title']}: found {sorted(found, key=str)}, planted {sorted(want, key=str)}")


def main(only: list[str]) -> None:
    """Write every document, or only those named in ``only`` (the manifest always lists all)."""
    FILES.mkdir(exist_ok=True)
    manifest = []
    for name, builder, year, sector, error, opts, layout, lo, what in DOCS:
        rng = random.Random(f"corpus2:{name}")
        docs, forms, errors = builder(rng, year, sector, error, **opts)
        for k, form in enumerate(forms):
            verify(form, [e for e in errors if e.get("form", 0) == k])
        if only and name not in only:
            manifest.append(_entry(name, FILES / f"{name}.{EXT[layout]}", layout, forms, errors, what))
            continue
        path = render(name, layout, docs, lo, rng)
        stem = FILES / name
        (stem.parent / f"{name}.answer.json").write_text(
            json.dumps(forms, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (stem.parent / f"{name}.errors.json").write_text(
            json.dumps(errors, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        manifest.append(_entry(name, path, layout, forms, errors, what))
    (FILES / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(manifest)} documents written to {FILES}")


def _entry(name: str, path: Path, layout: str, forms: list[dict], errors: list[dict], what: str) -> dict:
    return {
        "file": path.name,
        "families": [name[0]],
        "layout": layout,
        "forms": len(forms),
        "indicators": sum(len(g["indicators"]) for f in forms for g in f["goals"]),
        "errors": [e["code"] for e in errors],
        "exercises": what,
    }


if __name__ == "__main__":
    main(sys.argv[1:])
