"""Generate the fifth held-out set (``files/``): prose, e-mail and chat forms, markdown/wiki
exports, DOCX text boxes and TAB-pasted tables, XLSX merged blocks and continued sheets, i1
halves in new layouts, level cells merged differently — every family a–i and Wuhan.

    .venv/bin/python tests/corpus5/make_corpus5.py

Deterministic (one seed per document). Uses neither jixiao nor another set's code: answers
are this generator's own records; ``verify`` refuses a document whose inconsistencies are not
exactly the planted ones.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _grid5 as G  # noqa: E402
import _prose5 as P  # noqa: E402
import _write5 as W  # noqa: E402
from _forms5 import (  # noqa: E402
    dept_self,
    dept_target,
    finish,
    mixed_levels,
    project_self,
    project_target_halves,
    target_101,
    wuhan_target,
)
from _model5 import Form, fmt, half_up, verify  # noqa: E402
from _vocab5 import PEOPLE, PLACES  # noqa: E402

FILES = HERE / "files"


# ---- planting -------------------------------------------------------------------------------


def p_score(f: Form, k: int) -> dict:
    i = f.inds()[k]
    assert i.kind != "qual" and i.score is not None and i.score < i.weight, i
    old = i.score
    i.score = half_up(old + 0.5) if old + 0.5 <= i.weight else half_up(old - 0.5)
    return {
        "code": "indicator.score_mismatch",
        "indicator": i.name,
        "why": f"{i.target}/{i.actual}应得{fmt(old)}，印{fmt(i.score)}",
    }


def p_full(f: Form, k: int) -> dict:
    i = f.inds()[k]
    assert i.kind == "qual" and i.actual and i.actual.startswith("基本"), i
    i.score = i.weight
    return {
        "code": "indicator.full_score_unmet",
        "indicator": i.name,
        "why": f"实际“{i.actual}”为部分达成，得满分",
    }


def p_budget(f: Form) -> dict:
    b = f.budget
    assert b is not None and b.rate < 0.95
    old = b.score
    b.score = b.weight
    return {
        "code": "budget.score_mismatch",
        "indicator": None,
        "why": f"执行率{b.rate:.2%}应得{fmt(old)}，印{fmt(b.score)}",
    }


def p_vague(f: Form, k: int) -> dict:
    i = f.inds()[k]
    i.value = "**"
    i.target = f"{i.sign}**{i.unit}"
    return {"code": "target.vague", "indicator": i.name, "why": "指标值为占位符"}


def p_total(f: Form) -> dict:
    parts = f.total
    f.total = float(Decimal(str(f.total)) + 1)
    return {
        "code": "form.total_mismatch",
        "indicator": None,
        "why": f"各项得分之和{fmt(parts)}，总分印{fmt(f.total)}",
    }


# ---- printed lines around the table -----------------------------------------------------------


def lines(f: Form, g: G.Grid, *, unit_line: str = "", date: bool = True, year_line: bool = False) -> G.Grid:
    """Lines above the table; the answer follows what is printed (unit, filing date)."""
    if year_line:
        g.pre.append(f"（{f.year}年度）")
    if unit_line:
        g.pre.append(f"{unit_line}：{f.unit or f.supervisor}")
        f.unit = f.unit or f.supervisor
    if date:
        g.pre.append(f"填报日期：{f.shown['filled_on']}")
    elif f.family != "f":
        f.filled_on = None
    return g


# ---- the documents --------------------------------------------------------------------------

Doc = tuple[
    str,
    list[str],
    str,
    str,
    Callable[[random.Random], tuple[list[Form], list[list[dict]], Callable[[Path, list[Form]], None]]],
]


def _one(f: Form, planted: list[dict] | None = None) -> tuple[list[Form], list[list[dict]]]:
    return [f], [planted or []]


def d_p01(rng):
    f = project_self(rng, 0, "a", 2023, PLACES[0], misses=(4, 0))
    pl = [p_score(f, 4)]
    finish(f)
    return *_one(f, pl), lambda p, fs: p.write_text(P.report(fs[0]), encoding="utf-8")


def d_p02(rng):
    f = finish(dept_self(rng, 0, "b", 2023, PLACES[1], misses=(1, 6)))

    def write(p, fs):
        from docx import Document

        doc = Document()
        for line in P.report(fs[0]).splitlines():
            doc.add_paragraph(line)
        doc.save(p)

    return *_one(f), write


def d_p03(rng):
    f = project_self(rng, 1, "a", 2023, PLACES[2], misses=(0, 5))
    pl = [p_full(f, 5)]
    finish(f)
    return *_one(f, pl), lambda p, fs: p.write_text(P.email(fs[0], PEOPLE[0]), encoding="utf-8")


def d_p04(rng):
    f = finish(dept_self(rng, 2, "w", 2022, PLACES[3], misses=(2,)))
    return *_one(f), lambda p, fs: p.write_text(P.report(fs[0]), encoding="utf-8")


def d_p05(rng):
    f = dept_target(rng, 1, 2024, PLACES[4])
    pl = [p_vague(f, 2)]
    return *_one(f, pl), lambda p, fs: p.write_text(P.chat(fs[0]), encoding="utf-8")


def d_p06(rng):
    f = finish(project_self(rng, 2, "c", 2023, PLACES[5], misses=(1,)))
    f.extra.pop("sub_rows")
    return *_one(f), lambda p, fs: p.write_text(P.email(fs[0], PEOPLE[1]), encoding="utf-8")


def _grid_doc(build: Callable[[Form], G.Grid], writer: Callable[[Path, list[G.Grid]], None], **kw):
    def write(p: Path, fs: list[Form]) -> None:
        writer(p, [f.grid for f in fs])  # type: ignore[attr-defined]

    return write


def _attach(f: Form, g: G.Grid) -> Form:
    f.grid = g  # type: ignore[attr-defined]
    return f


def d_m01(rng):
    f = project_self(rng, 3, "a", 2023, PLACES[6], misses=(1,))
    f.budget = None
    from _forms5 import _budget

    f.budget = _budget(rng, 10, rate=0.92)
    f.extra["initial_budget"] = f.budget.initial
    pl = [p_budget(f)]
    finish(f)
    _attach(f, lines(f, G.national(f), date=True))
    return *_one(f, pl), _grid_doc(G.national, W.to_markdown)


def d_m02(rng):
    f = project_target_halves(rng, 4, 2024, PLACES[7])
    _attach(f, lines(f, G.target_halves(f), date=False, year_line=True))
    return *_one(f), _grid_doc(G.target_halves, W.to_markdown)


def d_m03(rng):
    f = finish(dept_self(rng, 0, "f", 2022, PLACES[8], misses=(0, 7)))
    _attach(f, G.chongqing(f))
    return *_one(f), _grid_doc(G.chongqing, W.to_markdown)


def d_m04(rng):
    f = finish(dept_self(rng, 2, "w", 2021, PLACES[9], misses=(0,)))
    _attach(f, lines(f, G.goal_rows(f, wuhan=True), unit_line="单位名称"))
    return *_one(f), _grid_doc(G.goal_rows, W.to_markdown)


def d_d01(rng):
    f = finish(project_self(rng, 5, "a", 2023, PLACES[0], misses=(0,)))
    _attach(f, lines(f, G.national(f), unit_line="填报单位（盖章）"))
    return *_one(f), lambda p, fs: W.to_docx(p, [fs[0].grid], textbox="pre")


def d_d02(rng):
    f = project_self(rng, 0, "h", 2022, PLACES[1], misses=(1, 6))
    mixed_levels(f)
    pl = [p_score(f, 1)]
    finish(f)
    _attach(f, lines(f, G.hubei(f, style="mixed"), unit_line="单位名称"))
    return *_one(f, pl), lambda p, fs: W.to_docx(p, [fs[0].grid])


def d_d03(rng):
    f = finish(dept_self(rng, 1, "b", 2023, PLACES[2], misses=(0, 7)))
    _attach(f, lines(f, G.national(f, dept=True, style="repeat")))
    return *_one(f), lambda p, fs: W.to_docx(p, [fs[0].grid], tabs=True)


def d_d04(rng):
    f = project_target_halves(rng, 2, 2024, PLACES[3])
    _attach(f, lines(f, G.target_halves(f), date=False, year_line=True))
    return *_one(f), lambda p, fs: W.to_docx(p, [fs[0].grid])


def d_d05(rng):
    f = project_self(rng, 4, "e", 2022, PLACES[4], misses=(0, 3))
    pl = [p_score(f, 0)]
    finish(f)
    _attach(f, lines(f, G.split_target(f)))
    return *_one(f, pl), lambda p, fs: W.to_docx(p, [fs[0].grid], textbox="title")


def d_d06(rng):
    f = finish(dept_self(rng, 1, "w", 2022, PLACES[5], misses=(5,)))
    _attach(f, lines(f, G.goal_rows(f, wuhan=True), unit_line="单位名称"))
    return *_one(f), lambda p, fs: W.to_docx(p, [fs[0].grid], textbox="pre")


def d_d07(rng):
    f = target_101(rng, 1, 2024, PLACES[6], mixed=True)
    pl = [p_vague(f, 2)]
    _attach(f, lines(f, G.target_101(f, style="mixed"), date=False))
    return *_one(f, pl), lambda p, fs: W.to_docx(p, [fs[0].grid])


def d_x01(rng):
    f = finish(project_self(rng, 3, "a", 2022, PLACES[7], misses=(0,)))
    pl = [p_total(f)]
    _attach(f, lines(f, G.national(f), year_line=False))
    return *_one(f, pl), lambda p, fs: W.to_xlsx(p, [fs[0].grid], scale=2)


def d_x02(rng):
    f = finish(dept_self(rng, 2, "b", 2023, PLACES[8], misses=(1,)))
    _attach(f, lines(f, G.national(f, dept=True)))
    return *_one(f), lambda p, fs: W.to_xlsx(p, [fs[0].grid], continued=True, names=["部门整体自评表"])


def d_x03(rng):
    f = finish(project_self(rng, 0, "d", 2023, PLACES[9], misses=(0, 5)))
    _attach(f, lines(f, G.split_target(f, sichuan=True)))
    return *_one(f), lambda p, fs: W.to_xlsx(p, [fs[0].grid], scale=2)


def d_x04(rng):
    f = project_self(rng, 5, "g", 2023, PLACES[0], misses=(1, 6))
    _attach(f, lines(f, G.hebei(f), date=False))
    return *_one(f), lambda p, fs: W.to_xlsx(p, [fs[0].grid], continued=True, names=["绩效自评"])


def d_x05(rng):
    f = dept_self(rng, 0, "h2", 2023, PLACES[1], misses=(0, 6))
    pl = [p_score(f, 0)]
    finish(f)
    _attach(f, lines(f, G.goal_rows(f), unit_line="单位名称"))
    return *_one(f, pl), lambda p, fs: W.to_xlsx(p, [fs[0].grid])


def d_x06(rng):
    f = target_101(rng, 4, 2024, PLACES[2])
    _attach(f, lines(f, G.target_101(f), date=False))
    return *_one(f), lambda p, fs: W.to_xlsx(p, [fs[0].grid], scale=2)


def d_x07(rng):
    f = project_target_halves(rng, 1, 2024, PLACES[3])
    _attach(f, lines(f, G.target_halves(f), date=False, year_line=True))
    return *_one(f), lambda p, fs: W.to_xlsx(p, [fs[0].grid], continued=True, names=["目标申报表"])


def d_x08(rng):
    f = dept_self(rng, 1, "f", 2023, PLACES[4], misses=(2,))
    from _forms5 import _budget

    f.budget = _budget(rng, 10, rate=0.86)
    f.extra["initial_budget"] = f.budget.initial
    pl = [p_budget(f)]
    finish(f)
    _attach(f, G.chongqing(f))
    return *_one(f, pl), lambda p, fs: W.to_xlsx(p, [fs[0].grid], continued=True, names=["部门整体自评"])


def d_h01(rng):
    f = finish(project_self(rng, 2, "h", 2023, PLACES[5], misses=(0,)))
    _attach(f, lines(f, G.hubei(f, style="repeat"), unit_line="单位名称"))
    return *_one(f), lambda p, fs: W.to_html(p, [fs[0].grid])


def d_h02(rng):
    f = project_self(rng, 5, "c", 2023, PLACES[6], misses=(6,))
    f.extra.pop("sub_rows")
    pl = [p_full(f, 6)]
    mixed_levels(f)
    finish(f)
    _attach(f, lines(f, G.national(f, xianjie=True, style="mixed"), date=False))
    return *_one(f, pl), lambda p, fs: W.to_html(p, [fs[0].grid])


def d_h03(rng):
    f = dept_target(rng, 2, 2024, PLACES[7])
    _attach(f, lines(f, G.target_dept(f), date=False, year_line=True))
    return *_one(f), lambda p, fs: W.to_html(p, [fs[0].grid])


def d_t01(rng):
    f = finish(project_self(rng, 1, "e", 2023, PLACES[8], misses=(4,)))
    _attach(f, lines(f, G.split_target(f)))
    return *_one(f), lambda p, fs: W.to_cells(p, [fs[0].grid])


def d_t02(rng):
    f = project_target_halves(rng, 0, 2024, PLACES[9])
    _attach(f, lines(f, G.target_halves(f), date=False, year_line=True))
    return *_one(f), lambda p, fs: W.to_cells(p, [fs[0].grid])


def d_t03(rng):
    f = finish(project_self(rng, 4, "c", 2022, PLACES[0], misses=(5,)))
    _attach(f, lines(f, G.national(f, xianjie=True), date=False))
    return *_one(f), lambda p, fs: W.to_markdown(p, [fs[0].grid])


def d_n01(rng):
    """Two forms in one markdown page: a Hubei department form (goal rows), then a 101 target."""
    a = dept_self(rng, 2, "h2", 2023, PLACES[1], misses=(3,))
    pl = [p_total(finish(a))]
    b = target_101(rng, 3, 2024, PLACES[1])
    _attach(a, lines(a, G.goal_rows(a), unit_line="单位名称"))
    _attach(b, lines(b, G.target_101(b), date=False))
    return [a, b], [pl, []], lambda p, fs: W.to_markdown(p, [x.grid for x in fs])


def d_n02(rng):
    """A DOCX holding an i2 target table pasted as TAB paragraphs and a Sichuan form as a table."""
    a = dept_target(rng, 0, 2024, PLACES[2])
    _attach(a, lines(a, G.target_dept(a), date=False, year_line=True))
    b = finish(project_self(rng, 3, "d", 2023, PLACES[2], misses=(2,)))
    _attach(b, lines(b, G.split_target(b, sichuan=True)))

    def write(p, fs):
        W.to_docx(p, [fs[0].grid], tabs=True)
        from docx import Document

        doc = Document(p)
        doc.save(p)
        W.to_docx(p.with_suffix(".tmp.docx"), [fs[1].grid])
        # one document: the target table as TAB paragraphs, a page break, the Sichuan table
        src = Document(p.with_suffix(".tmp.docx"))
        doc.add_page_break()
        for el in list(src.element.body):
            if el.tag.endswith("}sectPr"):
                continue
            doc.element.body.insert(len(doc.element.body) - 1, el)
        doc.save(p)
        p.with_suffix(".tmp.docx").unlink()

    return [a, b], [[], []], write


def d_q01(rng):
    f = finish(project_self(rng, 1, "wp", 2022, PLACES[3], misses=(0, 6)))
    _attach(f, lines(f, G.wuhan_project(f), unit_line="单位名称"))
    return *_one(f), lambda p, fs: W.to_docx(p, [fs[0].grid])


def d_q02(rng):
    f = project_self(rng, 5, "d", 2023, PLACES[4], misses=(1, 6))
    pl = [p_score(f, 1)]
    finish(f)
    words = ("指标值", "完成值", "权重", "得分")
    return *_one(f, pl), lambda p, fs: p.write_text(P.report(fs[0], words), encoding="utf-8")


def d_q03(rng):
    f = finish(dept_self(rng, 2, "f", 2023, PLACES[5], misses=(0, 7)))
    words = ("年初指标值", "全年完成值", "指标权重", "指标得分")
    return *_one(f), lambda p, fs: p.write_text(P.email(fs[0], PEOPLE[2], words), encoding="utf-8")


def d_q04(rng):
    f = project_self(rng, 3, "h", 2023, PLACES[6], misses=(0, 6))
    pl = [p_full(f, 6)]
    finish(f)
    words = ("年初目标值", "实际完成值", "分值", "得分")
    return *_one(f, pl), lambda p, fs: p.write_text(P.report(fs[0], words, points=True), encoding="utf-8")


def d_q05(rng):
    f = finish(project_self(rng, 2, "a", 2023, PLACES[7], misses=(3,)))
    _attach(f, lines(f, G.national(f), unit_line="填报单位（盖章）"))
    return *_one(f), lambda p, fs: W.to_docx(p, [fs[0].grid], textbox="table")


# ---- third batch (r): what the first two left out ------------------------------------------


def d_r01(rng):
    f = wuhan_target(rng, 0, 2024, PLACES[0], project=False)
    _attach(f, G.wuhan_target(f))
    return *_one(f), lambda p, fs: W.to_docx(p, [fs[0].grid])


def d_r02(rng):
    f = wuhan_target(rng, 2, 2024, PLACES[1], project=True)
    _attach(f, G.wuhan_target(f))
    return *_one(f), lambda p, fs: W.to_xlsx(p, [fs[0].grid], scale=2)


def d_r03(rng):
    f = wuhan_target(rng, 4, 2023, PLACES[2], project=True)
    _attach(f, G.wuhan_target(f))
    return *_one(f), lambda p, fs: W.to_docx(p, [fs[0].grid], ragged=True)


def d_r04(rng):
    f = finish(dept_self(rng, 1, "b", 2023, PLACES[3], misses=(2, 8)))

    def write(p, fs):
        from docx import Document

        doc = Document()
        for line in P.report(fs[0]).splitlines():
            doc.add_paragraph(line)
        tmp = p.with_suffix(".tmp.docx")
        doc.save(tmp)
        W.to_pdf(p, docx=tmp)
        tmp.unlink()

    return *_one(f), write


def d_r05(rng):
    f = project_self(rng, 1, "a", 2023, PLACES[4], misses=(0, 4))
    pl = [p_score(f, 0)]
    finish(f)
    _attach(f, lines(f, G.national(f), unit_line="填报单位（盖章）"))
    return *_one(f, pl), lambda p, fs: W.to_pdf(p, [fs[0].grid], textbox="pre")


def d_r06(rng):
    f = project_self(rng, 5, "a", 2022, PLACES[5], misses=(1, 5))
    pl = [p_score(f, 1)]
    finish(f)
    _attach(f, lines(f, G.national(f), unit_line="单位名称"))
    return *_one(f, pl), lambda p, fs: W.to_docx(p, [fs[0].grid], ragged=True)


def d_r07(rng):
    f = project_self(rng, 3, "e", 2023, PLACES[6], misses=(1, 3))
    pl = [p_score(f, 1)]
    finish(f)
    return *_one(f, pl), lambda p, fs: p.write_text(P.report(fs[0]), encoding="utf-8")


def d_r08(rng):
    f = project_self(rng, 0, "g", 2023, PLACES[7], misses=(0, 6))
    return *_one(f), lambda p, fs: p.write_text(P.report(fs[0]), encoding="utf-8")


def d_r09(rng):
    f = project_target_halves(rng, 5, 2024, PLACES[8])
    return *_one(f), lambda p, fs: p.write_text(P.target_report(fs[0]), encoding="utf-8")


def d_r10(rng):
    f = target_101(rng, 2, 2024, PLACES[9])
    pl = [p_vague(f, 1)]
    return *_one(f, pl), lambda p, fs: p.write_text(P.target_report(fs[0]), encoding="utf-8")


DOCS: list[tuple[str, list[str], str, str, Callable]] = [
    (
        "p01_childcare_report_txt.txt",
        ["a"],
        "prose_txt",
        "自评报告 in sentences: one sentence per indicator, headings per level 1",
        d_p01,
    ),
    (
        "p02_stats_dept_report_docx.docx",
        ["b"],
        "prose_docx",
        "department 自评报告 as DOCX paragraphs, 单位名称 line",
        d_p02,
    ),
    (
        "p03_elevator_email.txt",
        ["a"],
        "email",
        "e-mail: headers, greeting, label：value lines, indicators one per line with ，",
        d_p03,
    ),
    (
        "p04_veterans_wuhan_report.txt",
        ["w"],
        "prose_txt",
        "Wuhan department 自评结果 in sentences under 年度目标N（N分） headings",
        d_p04,
    ),
    (
        "p05_ethnic_target_chat.txt",
        ["i2"],
        "chat",
        "department target table sent as a chat message, values separated by ；",
        d_p05,
    ),
    ("p06_fishery_xianjie_email.txt", ["c"], "email", "衔接 form as an e-mail (label：value lines)", d_p06),
    (
        "m01_football_markdown.md",
        ["a"],
        "markdown",
        "wiki pipe table: alignment row, <br> in cells, covered cells empty",
        d_m01,
    ),
    ("m02_sewage_target_halves_md.md", ["i1"], "markdown", "i1 中期/年度 halves as a markdown table", d_m02),
    ("m03_stats_chongqing_md.md", ["f"], "markdown", "Chongqing flat list as a markdown table", d_m03),
    (
        "m04_veterans_wuhan_md.md",
        ["w"],
        "markdown",
        "Wuhan department goal rows (points in labels) as markdown",
        d_m04,
    ),
    (
        "d01_rescue_textbox_docx.docx",
        ["a"],
        "docx_textbox",
        "填报单位（盖章）/填报日期 in a Word text box (DrawingML + VML fallback)",
        d_d01,
    ),
    (
        "d02_childcare_hubei_docx.docx",
        ["h"],
        "docx",
        "Hubei arrangement 1 outside Wuhan in DOCX; 满意度 cell over 一级+二级",
        d_d02,
    ),
    (
        "d03_stats_dept_tabs_docx.docx",
        ["b"],
        "docx_tabs",
        "department table pasted into DOCX as TAB-separated paragraphs",
        d_d03,
    ),
    (
        "d04_fishery_halves_docx.docx",
        ["i1"],
        "docx",
        "i1 中期/年度 halves in a DOCX table (gridSpan/vMerge)",
        d_d04,
    ),
    (
        "d05_sewage_yunnan_textbox_title.docx",
        ["e"],
        "docx_textbox",
        "Yunnan split target; the title drawn in a text box",
        d_d05,
    ),
    (
        "d06_ethnic_wuhan_textbox.docx",
        ["w"],
        "docx_textbox",
        "Wuhan department form, 单位名称/填报日期 in a text box",
        d_d06,
    ),
    (
        "d07_elevator_101_mixed_docx.docx",
        ["i3"],
        "docx",
        "101号 target table, 满意度 cell over 一级+二级, ≥**% placeholder",
        d_d07,
    ),
    (
        "x01_football_blocks.xlsx",
        ["a"],
        "xlsx_blocks",
        "XLSX where every field is its own 2×2 merged block",
        d_x01,
    ),
    (
        "x02_veterans_dept_continued.xlsx",
        ["b"],
        "xlsx_continued",
        "department form whose indicator table continues on a second sheet",
        d_x02,
    ),
    (
        "x03_childcare_sichuan_blocks.xlsx",
        ["d"],
        "xlsx_blocks",
        "Sichuan 10/90 with every field a merged block",
        d_x03,
    ),
    (
        "x04_rescue_hebei_continued.xlsx",
        ["g"],
        "xlsx_continued",
        "Hebei export continued on a second sheet (two-row header repeated)",
        d_x04,
    ),
    (
        "x05_stats_hubei_goalrows.xlsx",
        ["h"],
        "xlsx",
        "Hubei arrangement 2 (年度目标N rows, 分值 column) outside Wuhan",
        d_x05,
    ),
    (
        "x06_sewage_101_blocks.xlsx",
        ["i3"],
        "xlsx_blocks",
        "101号 target table with every field a merged block",
        d_x06,
    ),
    (
        "x07_elevator_halves_continued.xlsx",
        ["i1"],
        "xlsx_continued",
        "i1 halves continued on a second sheet",
        d_x07,
    ),
    (
        "x08_ethnic_chongqing_continued.xlsx",
        ["f"],
        "xlsx_continued",
        "Chongqing list continued on a second sheet",
        d_x08,
    ),
    (
        "h01_fishery_hubei_html.html",
        ["h"],
        "html",
        "Hubei arrangement 1 as an HTML page, levels repeated on every row",
        d_h01,
    ),
    (
        "h02_rescue_xianjie_html.html",
        ["c"],
        "html",
        "衔接 form as HTML, ★, 满意度 one cell over 一级+二级",
        d_h02,
    ),
    (
        "h03_football_dept_target_html.html",
        ["i2"],
        "html",
        "department target table as HTML with 年度主要任务",
        d_h03,
    ),
    ("t01_elevator_yunnan_cells.txt", ["e"], "cells", "Yunnan two-row header, one cell per line", d_t01),
    ("t02_childcare_halves_cells.txt", ["i1"], "cells", "i1 halves, one cell per line", d_t02),
    ("t03_sewage_xianjie_md.md", ["c"], "markdown", "衔接 form with a 其中 row as markdown", d_t03),
    (
        "n01_two_forms_markdown.md",
        ["h", "i3"],
        "markdown",
        "one page: Hubei goal-row department form then a 101号 target",
        d_n01,
    ),
    (
        "n02_target_tabs_sichuan_docx.docx",
        ["i2", "d"],
        "docx_tabs",
        "one DOCX: i2 target pasted as TAB paragraphs, then a Sichuan table",
        d_n02,
    ),
    # second batch (q): added after the first fixes, measured before any further change
    (
        "q01_elevator_wuhan_project_docx.docx",
        ["wp"],
        "docx",
        "Wuhan project 20/20/60 (项目绩效总目标 row, 项目年度绩效指标（60分）), short 总分 row (w:gridAfter)",
        d_q01,
    ),
    (
        "q02_rescue_sichuan_report.txt",
        ["d"],
        "prose_txt",
        "Sichuan 自评报告 in sentences: 指标值/完成值/权重, 绩效指标（90分） heading",
        d_q02,
    ),
    (
        "q03_veterans_chongqing_email.txt",
        ["f"],
        "email",
        "Chongqing flat list as an e-mail: 年初指标值/全年完成值/指标权重/指标得分, 执行率权重",
        d_q03,
    ),
    (
        "q04_football_hubei_report.txt",
        ["h"],
        "prose_txt",
        "Hubei arrangement 1 in sentences, points in the level and name labels",
        d_q04,
    ),
    (
        "q05_fishery_table_in_textbox.docx",
        ["a"],
        "docx_textbox",
        "the whole form table drawn inside a Word text box",
        d_q05,
    ),
    # third batch (r): added after the q fixes, measured before any further change
    (
        "r01_stats_wuhan_dept_target_docx.docx",
        ["wt"],
        "docx",
        "Wuhan 部门整体支出绩效目标表: 长期目标N/年度目标N rows above their indicators, 指标值确定依据",
        d_r01,
    ),
    (
        "r02_fishery_wuhan_project_target_blocks.xlsx",
        ["wt"],
        "xlsx_blocks",
        "Wuhan 项目支出绩效目标表: 项目绩效总目标 名称/目标说明, 长期/年度绩效目标表, every field a merged block",
        d_r02,
    ),
    (
        "r03_sewage_wuhan_project_target_ragged.docx",
        ["wt"],
        "docx_ragged",
        "Wuhan project target in DOCX whose merged-down goal cells are w:gridBefore rows",
        d_r03,
    ),
    (
        "r04_ethnic_dept_report_pdf.pdf",
        ["b"],
        "pdf_prose",
        "department 自评报告 DOCX paragraphs printed to PDF by LibreOffice",
        d_r04,
    ),
    (
        "r05_elevator_textbox_pdf.pdf",
        ["a"],
        "pdf_textbox",
        "national form with 填报单位/填报日期 in a text box, printed to PDF by LibreOffice",
        d_r05,
    ),
    (
        "r06_rescue_ragged_docx.docx",
        ["a"],
        "docx_ragged",
        "national form in DOCX: merged-down column-0 cells written as w:gridBefore rows",
        d_r06,
    ),
    ("r07_football_yunnan_report.txt", ["e"], "prose_txt", "Yunnan 自评报告 in sentences (≧ signs)", d_r07),
    (
        "r08_childcare_hebei_report.txt",
        ["g"],
        "prose_txt",
        "Hebei 自评报告 in sentences: budget without points, total = converted scores",
        d_r08,
    ),
    (
        "r09_fishery_halves_target_report.txt",
        ["i1"],
        "prose_txt",
        "i1 target as a 申报说明: 中期/年度 goal headings with texts, 指标值 sentences",
        d_r09,
    ),
    (
        "r10_elevator_101_target_report.txt",
        ["i3"],
        "prose_txt",
        "101号 target as a 申报说明: 指标值说明 and 设定依据 in the sentences",
        d_r10,
    ),
]


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for old in FILES.iterdir():
        old.unlink()
    manifest = []
    for seed, (name, fams, layout, what, build) in enumerate(DOCS):
        rng = random.Random(5000 + seed)
        forms, planted, write = build(rng)
        errors = []
        for k, (f, pl) in enumerate(zip(forms, planted, strict=True)):
            found = sorted((c, i or "") for c, i in verify(f))
            want = sorted((p["code"], p["indicator"] or "") for p in pl)
            assert found == want, (name, found, want)
            errors += [{"form": k, **p} for p in pl]
        path = FILES / name
        write(path, forms)
        stem = name.rsplit(".", 1)[0]
        answers = [f.answer() for f in forms]
        (FILES / f"{stem}.answer.json").write_text(
            json.dumps(answers, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        (FILES / f"{stem}.errors.json").write_text(
            json.dumps(errors, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        manifest.append(
            {
                "file": name,
                "families": fams,
                "layout": layout,
                "forms": len(forms),
                "indicators": sum(len(f.inds()) for f in forms),
                "errors": [e["code"] for e in errors],
                "exercises": what,
            }
        )
    (FILES / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(DOCS)} documents written to {FILES}")


if __name__ == "__main__":
    main()
