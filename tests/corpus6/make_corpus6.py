"""Generate the sixth held-out set (``files/``): e-mails (.eml), CSV as Excel saves it, Wuhan target
tables in new layouts, ``w:gridAfter`` rows, PDFs printed from XLSX, and other makers' habits.

    .venv/bin/python tests/corpus6/make_corpus6.py

Deterministic per document (own seed); every form is re-checked by ``_model6.verify`` (its
inconsistencies must be exactly the planted ones) before anything is written. Uses neither jixiao
nor another set's code.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _forms6 import national, sichuan, xianjie, yunnan  # noqa: E402
from _forms6b import (  # noqa: E402
    chongqing,
    dept_target,
    hubei_block,
    hubei_goals,
    target_101,
    wuhan_dept_target,
    wuhan_project_target,
)
from _grid6 import Doc  # noqa: E402
from _model6 import Form, verify  # noqa: E402
from _vocab6 import PLACES, WUHAN_DISTRICTS  # noqa: E402
from _write6 import (  # noqa: E402
    to_cells,
    to_csv,
    to_docx,
    to_eml,
    to_html,
    to_markdown,
    to_pdf,
    to_tabs,
    to_xlsx,
)

FILES = HERE / "files"
DATE = "Thu, 13 Mar 2025 09:30:00 +0800"
GREETING = "各位领导：\n\n您好！现将我单位绩效表报送如下，请审阅。\n"
CLOSING = "\n如有疑问请联系。\n\n此致\n敬礼！\n财务科 2025年3月13日\n"

Built = tuple[Form, Doc]


def _place(rng: random.Random, wuhan: bool = False) -> str:
    return rng.choice(WUHAN_DISTRICTS if wuhan else PLACES)


# each document: name, families, layout, exercises, builder(rng) -> [(Form, Doc)], writer
DOCS: list[tuple[str, list[str], str, str, Callable[[random.Random], list[Built]]]] = [
    # ---- e-mails
    (
        "e01_library_national_qp.eml",
        ["a"],
        "eml_plain",
        "national form as TAB rows in a text/plain body, UTF-8 quoted-printable; greeting and closing",
        lambda r: [national(r, "library", 2024, _place(r), plants=("indicator.score_mismatch",))],
    ),
    (
        "e02_archives_dept_html_b64.eml",
        ["b"],
        "eml_html",
        "department form as an HTML table in a text/html body, GB18030 base64",
        lambda r: [national(r, "archives", 2024, _place(r), dept=True)],
    ),
    (
        "e03_water_hubei_alternative.eml",
        ["h"],
        "eml_alternative",
        "Hubei arrangement 1 in multipart/alternative: the same form as TAB text and as HTML, GB18030 quoted-printable",
        lambda r: [hubei_block(r, "water", 2024, _place(r), plants=("indicator.full_score_unmet",))],
    ),
    (
        "e04_market_sichuan_xlsx_attachment.eml",
        ["d"],
        "eml_attachment",
        "Sichuan form as an XLSX attachment; the body only a greeting (UTF-8 base64)",
        lambda r: [sichuan(r, "market", 2024, _place(r))],
    ),
    (
        "e05_rehab_wuhan_project_target_docx_attachment.eml",
        ["wt"],
        "eml_attachment",
        "Wuhan 项目支出绩效目标表 (前年/上年/预计当年实现 filled) as a DOCX attachment",
        lambda r: [wuhan_project_target(r, "rehab", _place(r, True), 2024)],
    ),
    (
        "e06_weather_chongqing_body_and_target.eml",
        ["f", "i3"],
        "eml_two",
        "two forms: Chongqing list in the HTML body (UTF-8 QP), a 101号 target as an XLSX attachment",
        lambda r: [chongqing(r, "weather", 2024, _place(r)), target_101(r, "bikes", 2025, _place(r))],
    ),
    # ---- CSV
    (
        "c01_bikes_national_bom.csv",
        ["a"],
        "csv",
        "national form saved by Excel as CSV UTF-8 (BOM), commas, quoted cells",
        lambda r: [national(r, "bikes", 2024, _place(r), plants=("budget.score_mismatch",))],
    ),
    (
        "c02_justice_chongqing_semicolon.csv",
        ["f"],
        "csv",
        "Chongqing list as CSV with ; separators (UTF-8 BOM)",
        lambda r: [chongqing(r, "justice", 2024, _place(r))],
    ),
    (
        "c03_eldercare_yunnan_gb18030.csv",
        ["e"],
        "csv",
        "Yunnan split target as CSV in GB18030 (Excel's ANSI on a Chinese Windows)",
        lambda r: [yunnan(r, "eldercare", 2024, _place(r), plants=("indicator.full_score_unmet",))],
    ),
    (
        "c04_forestfire_101_tab.csv",
        ["i3"],
        "csv",
        "101号 target as TAB-separated CSV (UTF-8 BOM)",
        lambda r: [target_101(r, "forestfire", 2025, _place(r), plants=("target.vague",))],
    ),
    (
        "c05_medinsure_wuhan_dept_gb18030.csv",
        ["w"],
        "csv",
        "Wuhan department self-evaluation as CSV in GB18030",
        lambda r: [
            hubei_goals(r, "medinsure", 2024, _place(r, True), wuhan=True, plants=("form.total_mismatch",))
        ],
    ),
    (
        "c06_heritage_xianjie_unicode.txt",
        ["c"],
        "utf16_tabs",
        "衔接 form saved by Excel as Unicode text (UTF-16LE with BOM, TAB separators)",
        lambda r: [xianjie(r, "heritage", 2024, _place(r))],
    ),
    # ---- Wuhan target tables in new layouts
    (
        "w01_archives_wuhan_dept_target_md.md",
        ["wt"],
        "markdown",
        "Wuhan 部门整体支出绩效目标表 as a markdown table",
        lambda r: [wuhan_dept_target(r, "archives", _place(r, True))],
    ),
    (
        "w02_library_wuhan_project_target_md.md",
        ["wt"],
        "markdown",
        "Wuhan 项目支出绩效目标表 as markdown, 前年/上年 filled",
        lambda r: [wuhan_project_target(r, "library", _place(r, True), 2024)],
    ),
    (
        "w03_water_wuhan_project_target_cells.txt",
        ["wt"],
        "cells",
        "Wuhan project target one cell per line, 前年/上年 blank",
        lambda r: [wuhan_project_target(r, "water", _place(r, True), 2024, history=False)],
    ),
    (
        "w04_justice_wuhan_dept_target_cells.txt",
        ["wt"],
        "cells",
        "Wuhan department target one cell per line, 前年/上年 filled",
        lambda r: [wuhan_dept_target(r, "justice", _place(r, True), history=True)],
    ),
    (
        "w05_afterschool_wuhan_project_target_pdf.pdf",
        ["wt"],
        "pdf_docx",
        "Wuhan project target DOCX printed to PDF by LibreOffice",
        lambda r: [wuhan_project_target(r, "afterschool", _place(r, True), 2025)],
    ),
    (
        "w06_weather_wuhan_dept_target_xlsx_pdf.pdf",
        ["wt"],
        "pdf_xlsx",
        "Wuhan department target XLSX printed to PDF by LibreOffice (fit to width)",
        lambda r: [wuhan_dept_target(r, "weather", _place(r, True), history=True)],
    ),
    (
        "w07_bikes_wuhan_project_target_history.xlsx",
        ["wt"],
        "xlsx",
        "Wuhan project target XLSX: the annual table's two-row header 指标值 over 前年/上年/预计当年实现",
        lambda r: [wuhan_project_target(r, "bikes", _place(r, True), 2024)],
    ),
    (
        "w08_medinsure_wuhan_dept_target_history.docx",
        ["wt"],
        "docx",
        "Wuhan department target DOCX: three-row annual header (近两年指标值 前年/上年, 预期当年实现值)",
        lambda r: [wuhan_dept_target(r, "medinsure", _place(r, True), history=True)],
    ),
    (
        "w09_geohazard_wuhan_project_target_html.html",
        ["wt"],
        "html",
        "Wuhan project target as an HTML page (rowspan/colspan), a ≥**% value",
        lambda r: [wuhan_project_target(r, "geohazard", _place(r, True), 2024, plants=("target.vague",))],
    ),
    # ---- w:gridAfter rows, PDFs of XLSX
    (
        "g01_justice_wuhan_dept_gridafter.docx",
        ["w"],
        "docx_gridafter",
        "Wuhan department form in DOCX whose goal rows end early (w:gridAfter on rows other than the last)",
        lambda r: [_after(hubei_goals(r, "justice", 2024, _place(r, True), wuhan=True, after_rows=True))],
    ),
    (
        "g02_rehab_national_gridafter.docx",
        ["a"],
        "docx_gridafter",
        "national form in DOCX: 项目名称 and goal-text rows end early (w:gridAfter)",
        lambda r: [
            _after_national(national(r, "rehab", 2024, _place(r), plants=("indicator.score_mismatch",)))
        ],
    ),
    (
        "x01_heritage_national_xlsx_pdf.pdf",
        ["a"],
        "pdf_xlsx",
        "national form XLSX printed to PDF by LibreOffice",
        lambda r: [
            national(r, "heritage", 2024, _place(r), partial=1, plants=("indicator.full_score_unmet",))
        ],
    ),
    (
        "x02_eldercare_hubei_xlsx_pdf.pdf",
        ["h"],
        "pdf_xlsx",
        "Hubei arrangement 1 XLSX printed to PDF by LibreOffice",
        lambda r: [hubei_block(r, "eldercare", 2024, _place(r))],
    ),
    # ---- other makers' habits
    (
        "k01_library_national_seq_remark.xlsx",
        ["a"],
        "xlsx",
        "national form with a 序号 column first, a 备注 column last and a blank row between level-1 groups",
        lambda r: [
            national(
                r,
                "library",
                2023,
                _place(r),
                cols=("seq", "l1", "l2", "name", "target", "actual", "weight", "score", "dev", "remark"),
                blank_between=True,
            )
        ],
    ),
    (
        "k02_archives_dept_subtotal.docx",
        ["b"],
        "docx",
        "department form with a 小计 row after each level-1 group",
        lambda r: [national(r, "archives", 2023, _place(r), dept=True, subtotal=True, title_style=1)],
    ),
    (
        "k03_water_xianjie_evidence.html",
        ["c"],
        "html",
        "衔接 form with a 佐证材料 column, ★ and a 其中 row",
        lambda r: [xianjie(r, "water", 2024, _place(r), evidence=True, plants=("indicator.score_mismatch",))],
    ),
    (
        "k04_forestfire_national_weight_first.html",
        ["a"],
        "html",
        "national form whose 分值 column stands before 年度指标值 (order changed), 得分 after 实际完成值",
        lambda r: [
            national(
                r,
                "forestfire",
                2024,
                _place(r),
                cols=("l1", "l2", "name", "weight", "target", "actual", "score", "dev"),
                title_style=1,
            )
        ],
    ),
    (
        "k05_afterschool_yunnan_unit_column.xlsx",
        ["e"],
        "xlsx",
        "Yunnan form whose 实际完成值 is a bare number with its own 计量单位 column",
        lambda r: [yunnan(r, "afterschool", 2024, _place(r), unit_col_actual=True)],
    ),
    (
        "k06_weather_hubei_goals_blank_rows.xlsx",
        ["h"],
        "xlsx",
        "Hubei arrangement 2 (年度目标N rows, 分值 column) with blank rows between groups",
        lambda r: [
            hubei_goals(r, "weather", 2024, _place(r), blank_rows=True, plants=("indicator.score_mismatch",))
        ],
    ),
    (
        "k07_justice_dept_target_seq.docx",
        ["i2"],
        "docx",
        "department target table with a 序号 column",
        lambda r: [dept_target(r, "justice", 2025, _place(r), seq=True, plants=("target.vague",))],
    ),
    (
        "k08_geohazard_101_weight.html",
        ["i3"],
        "html",
        "101号 target table with a 权重 column added at the end",
        lambda r: [target_101(r, "geohazard", 2025, _place(r), weight_col=True)],
    ),
    (
        "k09_bikes_wuhan_project_md.md",
        ["wp"],
        "markdown",
        "Wuhan project 20/80 (年度绩效目标1（80分）) as markdown",
        lambda r: [
            hubei_block(r, "bikes", 2024, _place(r, True), wuhan=True, plants=("indicator.score_mismatch",))
        ],
    ),
    (
        "k10_two_forms_project_and_dept.docx",
        ["a", "b"],
        "docx",
        "two forms in one DOCX: a national project form then a department form",
        lambda r: [
            national(r, "eldercare", 2024, _place(r)),
            national(r, "medinsure", 2024, _place(r), dept=True),
        ],
    ),
    (
        "k11_heritage_sichuan_seq.xlsx",
        ["d"],
        "xlsx",
        "Sichuan form with a 序号 column before 一级指标",
        lambda r: [sichuan(r, "heritage", 2024, _place(r), seq=True, plants=("budget.score_mismatch",))],
    ),
    (
        "k12_rehab_national_repeated_cells.txt",
        ["a"],
        "cells",
        "national form one cell per line with the level cells repeated on every row",
        lambda r: [national(r, "rehab", 2023, _place(r), merge=False, unit_line=False)],
    ),
    (
        "k13_medinsure_chongqing_seq_md.md",
        ["f"],
        "markdown",
        "Chongqing list with a 序号 column as markdown",
        lambda r: [chongqing(r, "medinsure", 2024, _place(r), seq=True, plants=("form.total_mismatch",))],
    ),
]


def _after(built: Built) -> Built:
    return built


def _after_national(built: Built) -> Built:
    """Rows 0 (项目名称) and the goal texts end two grid columns early."""
    form, doc = built
    g = next(p for k, p in doc.parts if k == "grid")
    for r in range(g.nrows):  # type: ignore[union-attr]
        first = g.value(r, 0)  # type: ignore[union-attr]
        if first == "项目名称":
            g.after[r] = 2  # type: ignore[union-attr]
        if g.value(r, 1) == "预期目标" or (r > 0 and g.value(r - 1, 1) == "预期目标"):
            g.after[r] = 2  # type: ignore[union-attr]
    return form, doc


def _whole(docs: list[Doc]) -> Doc:
    out = Doc()
    for d in docs:
        out.extend(d)
    return out


def write(name: str, layout: str, built: list[Built], tmp: Path) -> None:
    path = FILES / name
    docs = [d for _f, d in built]
    whole = _whole(docs)
    if layout == "xlsx":
        to_xlsx(whole, path)
    elif layout in ("docx", "docx_gridafter"):
        to_docx(whole, path)
    elif layout == "html":
        path.write_text(to_html(whole), encoding="utf-8")
    elif layout == "markdown":
        path.write_text(to_markdown(whole), encoding="utf-8")
    elif layout == "cells":
        path.write_text(to_cells(whole), encoding="utf-8")
    elif layout == "csv":
        sep = ";" if "semicolon" in name else "\t" if "_tab" in name else ","
        enc = "gb18030" if "gb18030" in name else "utf-8-sig"
        path.write_bytes(to_csv(whole, delimiter=sep, encoding=enc))
    elif layout == "utf16_tabs":
        path.write_bytes(to_csv(whole, delimiter="\t", encoding="utf-16"))
    elif layout == "pdf_docx":
        src = tmp / (path.stem + ".docx")
        to_docx(whole, src)
        to_pdf(src, path)
    elif layout == "pdf_xlsx":
        src = tmp / (path.stem + ".xlsx")
        to_xlsx(whole, src, print_fit=True)
        to_pdf(src, path)
    elif layout.startswith("eml"):
        path.write_bytes(_eml(name, layout, docs, tmp))
    else:
        raise ValueError(layout)


def _eml(name: str, layout: str, docs: list[Doc], tmp: Path) -> bytes:
    head = {
        "sender": ("财务科 骆文静", "luowj@finance.invalid"),
        "to": ("绩效管理科", "jixiao@czj.invalid"),
        "subject": "报送2024年度绩效表",
        "date": DATE,
    }

    def body_html(d):
        return to_html(d).replace(
            "<body>", "<body>\n<p>各位领导：您好！现将我单位绩效表报送如下，请审阅。</p>", 1
        )

    if layout == "eml_plain":
        return to_eml(
            **head,
            bodies=[("plain", GREETING + "\n" + to_tabs(docs[0]) + CLOSING, "utf-8", "quoted-printable")],
        )
    if layout == "eml_html":
        return to_eml(**head, bodies=[("html", body_html(docs[0]), "gb18030", "base64")])
    if layout == "eml_alternative":
        return to_eml(
            **head,
            alternative=True,
            bodies=[
                ("plain", GREETING + "\n" + to_tabs(docs[0]) + CLOSING, "gb18030", "quoted-printable"),
                ("html", body_html(docs[0]), "gb18030", "quoted-printable"),
            ],
        )
    if layout == "eml_attachment":
        src = tmp / (Path(name).stem + (".xlsx" if "xlsx" in name else ".docx"))
        (to_xlsx if src.suffix == ".xlsx" else to_docx)(docs[0], src)
        sub = (
            "vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            if src.suffix == ".xlsx"
            else "vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        return to_eml(
            **head,
            bodies=[("plain", GREETING + "\n详见附件。\n" + CLOSING, "utf-8", "base64")],
            attachments=[(f"绩效表{src.suffix}", src.read_bytes(), sub)],
        )
    if layout == "eml_two":
        src = tmp / "target.xlsx"
        to_xlsx(docs[1], src)
        return to_eml(
            **head,
            bodies=[("html", body_html(docs[0]), "utf-8", "quoted-printable")],
            attachments=[
                (
                    "2025年度项目支出绩效目标表.xlsx",
                    src.read_bytes(),
                    "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
            ],
        )
    raise ValueError(layout)


def main() -> None:
    FILES.mkdir(exist_ok=True)
    only = set(sys.argv[1:])
    manifest = []
    with tempfile.TemporaryDirectory(prefix="corpus6-") as t:
        tmp = Path(t)
        for name, families, layout, exercises, build in DOCS:
            rng = random.Random(zlib.crc32(name.encode("utf-8")))
            built = build(rng)
            errors = []
            for k, (form, _doc) in enumerate(built):
                found = sorted(verify(form))
                want = sorted(p["code"] for p in form.planted)
                assert found == want, (name, k, found, want)
                errors += [{"form": k, **p} for p in form.planted]
            stem = name.rsplit(".", 1)[0]
            if not only or any(o in name for o in only):
                write(name, layout, built, tmp)
            answers = [f.answer() for f, _d in built]
            (FILES / f"{stem}.answer.json").write_text(
                json.dumps(answers, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            (FILES / f"{stem}.errors.json").write_text(
                json.dumps(errors, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            manifest.append(
                {
                    "file": name,
                    "families": families,
                    "layout": layout,
                    "forms": len(built),
                    "indicators": sum(len(f.inds) for f, _d in built),
                    "errors": [e["code"] for e in errors],
                    "exercises": exercises,
                }
            )
    (FILES / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(manifest)} documents written to {FILES}")


if __name__ == "__main__":
    main()
