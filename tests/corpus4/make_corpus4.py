"""Generate the fourth held-out set: forms as other offices' software and habits produce them.

    .venv/bin/python tests/corpus4/make_corpus4.py [PREFIX…]   # rewrites files/ (PDFs need LibreOffice)

Deterministic (one seed per document). Uses neither the package under test nor another set's code. Before
writing, ``verify`` re-scores every form from its own record and refuses a document whose
inconsistencies are not exactly the planted ones.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _model4 import Form, Ind, verify  # noqa: E402
from _national4 import national  # noqa: E402
from _office4 import PageBreak, Para, to_docx, to_excel_html, to_pdf, to_tab, to_xlsx  # noqa: E402
from _others4 import chongqing, hebei, hubei_goal_rows, target_101, target_department  # noqa: E402

FILES = HERE / "files"

COVER = [
    "填报说明",
    "1. 本表由项目实施单位填写，主管部门审核后报送财政部门。",
    "2. 金额单位除另有标注外为万元，保留两位小数。",
    "3. 执行率=全年执行数/全年预算数；定量指标按完成比例计分，定性指标分档计分。",
    "4. 请勿修改表格结构，各工作表分别填写一张表。",
]
HELPER = {"指标性质": ["定量", "定性"], "是否核心指标": ["是", "否"], "评价等级": ["优", "良", "中", "差"]}


# ---------------------------------------------------------------- planting


def _err(code: str, ind: Ind | None, why: str) -> dict:
    return {"form": 0, "code": code, "indicator": ind.name if ind else None, "why": why}


def p_score(inds: list[Ind], _b) -> dict:
    """A met ≥ indicator printed one point short of its weight."""
    i = next(i for i in inds if i.direction == ">=" and i.score == i.weight and i.weight >= 3)
    i.score = i.weight - 1
    return _err("indicator.score_mismatch", i, f"目标{i.target}，实际{i.actual}，应得满分{i.weight}")


def p_full(inds: list[Ind], _b) -> dict:
    """A missed indicator printed with its full points."""
    i = next(i for i in inds if i.score is not None and i.score != i.weight)
    why = f"目标{i.target}，实际{i.actual}，未完成却得满分"
    i.score = i.weight
    return _err("indicator.full_score_unmet", i, why)


def p_budget(_inds, b) -> dict:
    """The execution score printed as full although the rate is below 95 % (so that no rounding
    of the printed score agrees)."""
    from _model4 import D, r2

    if b.rate >= D("0.95"):
        b.executed = r2(b.planned * D("0.9"))
        b.rate = (b.executed / b.planned).quantize(D("0.0001"))
    b.score = b.weight
    return _err("budget.score_mismatch", None, f"执行率{b.rate}，得分应低于{b.weight}")


def p_vague(inds: list[Ind], _b) -> dict:
    i = next(i for i in inds if i.direction == ">=" and "%" in i.target)
    i.target = "≥**%"
    if "split" in i.extra:
        i.extra["split"] = ("≥", "**", "%")
    return _err("target.vague", i, "指标值为模板占位符，无法衡量")


# ---------------------------------------------------------------- documents

# name, layout, [(builder, family, seed, options)], render options, what it exercises
A, B, C, DD, E = "a", "b", "c", "d", "e"
DOCS: list[tuple] = [
    (
        "a01_housing_book_cover_hidden.xlsx",
        "xlsx_book",
        [
            (national, A, 401, {"pick": 0, "thousands": True}),
            (national, A, 402, {"pick": 1, "plant": [p_score]}),
        ],
        {"cover": True, "helper": True},
        "workbook: 填报说明 cover sheet, two forms on two sheets, hidden 下拉选项 sheet, #,##0.00 amounts",
    ),
    (
        "a02_library_excel_html.html",
        "html_excel",
        [
            (
                national,
                A,
                403,
                {
                    "pick": 2,
                    "heads": {"weight": "标准分", "actual": "实际完成情况", "target": "年度目标值"},
                    "total_label": "合计",
                    "plant": [p_full],
                },
            )
        ],
        {},
        "HTML saved by Excel (mso styles, <col>, x:num, title inside the table); 标准分/年度目标值; 合计 row",
    ),
    (
        "a03_farmland_two_forms_docx.docx",
        "docx",
        [
            (national, A, 404, {"pick": 3, "footer": True, "stamp": True}),
            (national, A, 405, {"pick": 4, "footer": True, "stamp": True, "total_off": 1}),
        ],
        {},
        "two forms of one DOCX with a page break; 填报单位（盖章）, 填表人/联系电话/审核人/填报日期 footer",
    ),
    (
        "a04_clinic_tab_fullwidth_seq.txt",
        "tab",
        [
            (
                national,
                A,
                406,
                {
                    "pick": 4,
                    "fullwidth": True,
                    "cols": ["seq", "l1", "l2", "name", "target", "actual", "weight", "score", "criteria"],
                },
            )
        ],
        {},
        "TAB rows with full-width digits (１２３．５％), extra 序号 and 评分标准 columns",
    ),
    (
        "a05_vaccine_yuan_xlsx.xlsx",
        "xlsx",
        [
            (
                national,
                A,
                407,
                {
                    "pick": 5,
                    "yuan": True,
                    "enum": "paren",
                    "cols": ["l1", "l2", "name", "weight", "target", "actual", "score", "dev"],
                },
            )
        ],
        {},
        "amounts in 元 (单位：元, 4,800,000.00); 分值 before 年度指标值; names numbered （1）",
    ),
    (
        "a06_legal_pdf_docx_numbered.pdf",
        "pdf_docx",
        [
            (
                national,
                A,
                408,
                {
                    "pick": 6,
                    "enum": "dot",
                    "note": True,
                    "cols": ["l1", "l2", "name", "target", "actual", "weight", "score", "evidence"],
                },
            )
        ],
        {},
        "DOCX printed to PDF: names numbered 1., 佐证材料 column, 填报说明 note under the table",
    ),
    (
        "a07_fitness_docx_framed.docx",
        "docx_framed",
        [(national, A, 409, {"pick": 7, "year_line": True, "plant": [p_budget]})],
        {},
        "DOCX whose form table sits inside a one-cell frame table (nested table); （2023年度） line",
    ),
    (
        "a08_housing_pdf_xlsx_landscape.pdf",
        "pdf_xlsx",
        [(national, A, 410, {"pick": 0, "thousands": True, "words": True})],
        {"landscape": True},
        "XLSX printed to PDF by LibreOffice, landscape, #,##0.00 amounts, print titles",
    ),
    (
        "b01_market_dept_xlsx_footer.xlsx",
        "xlsx",
        [(national, B, 411, {"pick": 0, "n": 11, "thousands": True, "footer": True})],
        {},
        "department form in XLSX, 11 indicators with budget-management items, footer row",
    ),
    (
        "b02_medical_dept_pdf_long.pdf",
        "pdf_docx",
        [
            (
                national,
                B,
                412,
                {
                    "pick": 1,
                    "split_tables": True,
                    "plant": [p_score],
                    "cols": [
                        "l1",
                        "l2",
                        "name",
                        "explain",
                        "target",
                        "actual",
                        "weight",
                        "score",
                        "criteria",
                    ],
                },
            )
        ],
        {},
        "department DOCX→PDF, indicator table on its own with header rows repeated over pages; 指标解释/评分标准",
    ),
    (
        "b03_commerce_dept_excel_html.html",
        "html_excel",
        [
            (
                national,
                B,
                413,
                {
                    "pick": 2,
                    "dash": "/",
                    "heads": {"actual": "完成值", "target": "预期目标值", "dev": "偏差原因分析"},
                },
            )
        ],
        {},
        "department HTML saved by Excel; 预期目标值/完成值/偏差原因分析; `/` in empty cells",
    ),
    (
        "b04_water_dept_docx_synonyms.docx",
        "docx",
        [
            (
                national,
                B,
                414,
                {
                    "pick": 3,
                    "heads": {"weight": "权重", "score": "自评得分", "actual": "全年实际值"},
                    "footer": True,
                    "total_off": -0.5,
                },
            )
        ],
        {},
        "department DOCX with 权重/自评得分/全年实际值 headers, footer with 填报日期",
    ),
    (
        "c01_water_xianjie_xlsx.xlsx",
        "xlsx",
        [(national, C, 415, {"pick": 1, "thousands": True})],
        {},
        "衔接 form in XLSX: 分值 before target, 全年实际值, ★, 其中 row, #,##0.00",
    ),
    (
        "c02_farmland_xianjie_docx_circled.docx",
        "docx",
        [(national, C, 416, {"pick": 3, "enum": "circle", "plant": [p_full]})],
        {},
        "衔接 form in DOCX, names numbered ① ②",
    ),
    (
        "c03_vaccine_xianjie_pdf.pdf",
        "pdf_docx",
        [(national, C, 417, {"pick": 5, "footer": True})],
        {},
        "衔接 form DOCX→PDF with footer",
    ),
    (
        "d01_library_sichuan_book.xlsx",
        "xlsx_book",
        [(national, DD, 418, {"pick": 2})],
        {"cover": True, "helper": True},
        "Sichuan 10/90 in a workbook with cover and hidden helper sheets",
    ),
    (
        "d02_clinic_sichuan_docx_yuan.docx",
        "docx",
        [(national, DD, 419, {"pick": 4, "yuan": True, "plant": [p_score]})],
        {},
        "Sichuan 10/90 in DOCX with amounts in 元",
    ),
    (
        "d03_legal_sichuan_pdf_xlsx.pdf",
        "pdf_xlsx",
        [(national, DD, 420, {"pick": 6})],
        {"landscape": True},
        "Sichuan 10/90 XLSX printed to PDF, landscape",
    ),
    (
        "e01_fitness_yunnan_excel_html.html",
        "html_excel",
        [(national, E, 421, {"pick": 7})],
        {},
        "Yunnan split target, HTML saved by Excel",
    ),
    (
        "e02_yunnan_national_docx.docx",
        "docx",
        [
            (national, E, 422, {"pick": 0, "footer": True}),
            (national, A, 423, {"pick": 3, "footer": True, "plant": [p_budget]}),
        ],
        {},
        "one DOCX: a Yunnan form then a national form after a page break",
    ),
    (
        "e03_water_yunnan_pdf_landscape.pdf",
        "pdf_docx",
        [(national, E, 424, {"pick": 1, "split_tables": True})],
        {"landscape": True},
        "Yunnan DOCX→PDF landscape, two-row header repeated",
    ),
    (
        "f01_market_chongqing_book.xlsx",
        "xlsx_book",
        [(chongqing, "f", 425, {"pick": 0, "thousands": True})],
        {"cover": True, "helper": True},
        "Chongqing in a workbook: cover, hidden helper sheet (是否核心指标 list)",
    ),
    (
        "f02_medical_chongqing_excel_html.html",
        "html_excel",
        [(chongqing, "f", 426, {"pick": 1, "plant": [p_score]})],
        {},
        "Chongqing HTML saved by Excel; 合计 and 自评总分 rows",
    ),
    (
        "f03_commerce_chongqing_pdf_xlsx.pdf",
        "pdf_xlsx",
        [(chongqing, "f", 427, {"pick": 2})],
        {"landscape": True},
        "Chongqing XLSX printed to PDF, landscape",
    ),
    (
        "g01_housing_hebei_xlsx_words.xlsx",
        "xlsx",
        [(hebei, "g", 428, {"pick": 0, "wording": True})],
        {},
        "Hebei export with worded targets (不低于, 以上, 不超过)",
    ),
    (
        "g02_library_hebei_excel_html.html",
        "html_excel",
        [(hebei, "g", 429, {"pick": 2, "plant": [p_full]})],
        {},
        "Hebei export saved by Excel as HTML",
    ),
    (
        "g03_fitness_hebei_pdf_xlsx.pdf",
        "pdf_xlsx",
        [(hebei, "g", 430, {"pick": 7})],
        {"landscape": True},
        "Hebei export XLSX printed to PDF",
    ),
    (
        "h01_market_wuhan_xlsx.xlsx",
        "xlsx",
        [(hubei_goal_rows, "h", 431, {"pick": 0, "thousands": True})],
        {},
        "Wuhan department form (年度目标N rows, points in labels) in XLSX",
    ),
    (
        "h02_medical_wuhan_docx.docx",
        "docx",
        [(hubei_goal_rows, "h", 432, {"pick": 1, "plant": [p_score]})],
        {},
        "Wuhan department form in DOCX",
    ),
    (
        "h03_water_wuhan_pdf_docx.pdf",
        "pdf_docx",
        [(hubei_goal_rows, "h", 433, {"pick": 3})],
        {},
        "Wuhan department form DOCX→PDF",
    ),
    (
        "i01_market_dept_target_xlsx.xlsx",
        "xlsx",
        [(target_department, "i", 434, {"pick": 0, "wording": True})],
        {},
        "department target table with worded 指标值 (不低于, 以上), 填报人/联系电话 footer",
    ),
    (
        "i02_commerce_dept_target_docx.docx",
        "docx",
        [(target_department, "i", 435, {"pick": 2, "fullwidth": True, "plant": [p_vague]})],
        {},
        "department target table in DOCX with full-width digits; a ≥**% placeholder",
    ),
    (
        "i03_farmland_target101_book.xlsx",
        "xlsx_book",
        [(target_101, "i", 436, {"pick": 3, "stamp": True})],
        {"cover": True, "helper": True},
        "101号-style target table in a workbook with cover and hidden sheets",
    ),
    (
        "i04_vaccine_target101_pdf.pdf",
        "pdf_docx",
        [(target_101, "i", 437, {"pick": 5, "blank_basis": True})],
        {},
        "101号-style target table DOCX→PDF; one 设定依据 left blank",
    ),
    # second batch, added after the first fixes and measured before any further one
    (
        "n01_legal_book_pdf_cover.pdf",
        "pdf_xlsx",
        [(national, A, 441, {"pick": 6, "thousands": True}), (chongqing, "f", 442, {"pick": 3})],
        {"cover": True, "landscape": True},
        "a whole workbook printed to PDF: 填报说明 cover page, then a national and a Chongqing form",
    ),
    (
        "n02_two_forms_one_sheet.xlsx",
        "xlsx_stacked",
        [(national, A, 443, {"pick": 1, "footer": True}), (national, B, 444, {"pick": 2, "footer": True})],
        {},
        "two forms stacked on one worksheet (a project form, a blank row, a department form)",
    ),
    (
        "n03_fitness_docx_head_lines.docx",
        "docx",
        [(national, A, 445, {"pick": 7, "head_paras": True, "footer": True, "enum": "dot"})],
        {},
        "DOCX with 项目名称：/主管部门：…实施单位： printed as lines above the table, numbered names",
    ),
    (
        "n04_water_wuhan_excel_html.html",
        "html_excel",
        [(hubei_goal_rows, "h", 446, {"pick": 3, "thousands": True})],
        {},
        "Wuhan department form saved by Excel as HTML",
    ),
    (
        "n05_dept_head_lines_pdf.pdf",
        "pdf_docx",
        [(national, B, 447, {"pick": 0, "head_paras": True, "n": 11, "split_tables": True})],
        {},
        "department DOCX→PDF with 部门（单位）名称： as a line, indicator table on its own",
    ),
    (
        "m01_wuhan_national_target_book.xlsx",
        "xlsx_book",
        [
            (hubei_goal_rows, "h", 438, {"pick": 2}),
            (national, A, 439, {"pick": 6, "footer": True}),
            (target_101, "i", 440, {"pick": 7}),
        ],
        {"cover": True},
        "one workbook: cover, a Wuhan department form, a national project form and a 101号 target table",
    ),
]


def build(spec: tuple) -> tuple[list[Form], list[list], list[dict]]:
    forms, blocks_list, errors = [], [], []
    for k, (fn, family, seed, opts) in enumerate(spec[2]):
        form, blocks = fn(seed, family, opts) if fn is national else fn(seed, opts)
        scoring = "hebei" if family == "g" else "national"
        found = sorted(verify([form], scoring), key=str)
        planted = sorted(((e["code"], e["indicator"]) for e in form.errors), key=str)
        if found != planted:
            raise SystemExit(f"{spec[0]} form {k}: found {found}, planted {planted}")
        for e in form.errors:
            errors.append({**e, "form": k})
        forms.append(form)
        blocks_list.append(blocks)
    return forms, blocks_list, errors


def render(name: str, layout: str, blocks_list: list[list], ro: dict) -> None:
    path = FILES / name
    joined: list = []
    for k, blocks in enumerate(blocks_list):
        if k:
            joined.append(PageBreak())
        joined += blocks
    if layout in ("xlsx", "xlsx_book"):
        sheets = [(f"表{k + 1}", b) for k, b in enumerate(blocks_list)]
        to_xlsx(
            path,
            sheets,
            cover=COVER if ro.get("cover") else None,
            helper=HELPER if ro.get("helper") else None,
            title_rows=True,
        )
    elif layout == "html_excel":
        path.write_text(to_excel_html(joined), encoding="utf-8")
    elif layout in ("docx", "docx_framed"):
        to_docx(path, joined, framed=layout == "docx_framed")
    elif layout == "tab":
        path.write_text(to_tab(joined), encoding="utf-8")
    elif layout == "pdf_docx":
        src = path.with_suffix(".docx")
        to_docx(src, joined, landscape=ro.get("landscape", False))
        to_pdf(src, path)
        src.unlink()
    elif layout == "xlsx_stacked":
        stacked = [b for k, blocks in enumerate(blocks_list) for b in ([Para("")] if k else []) + blocks]
        to_xlsx(path, [("自评表", stacked)])
    elif layout == "pdf_xlsx":
        src = path.with_suffix(".xlsx")
        sheets = [(f"表{k + 1}", b) for k, b in enumerate(blocks_list)]
        cover = COVER if ro.get("cover") else None
        to_xlsx(src, sheets, cover=cover, title_rows=True, landscape=ro.get("landscape", False))
        to_pdf(src, path)
        src.unlink()
    else:
        raise ValueError(layout)


def main() -> None:
    """Write every document (or only those whose names start with an argument) and its answers."""
    only = sys.argv[1:]
    FILES.mkdir(exist_ok=True)
    manifest = []
    for spec in DOCS:
        name, layout, parts, ro, what = spec
        forms, blocks_list, errors = build(spec)
        if not only or name.startswith(tuple(only)):
            render(name, layout, blocks_list, ro)  # (answers and manifest are always rewritten)
        stem = name.rsplit(".", 1)[0]
        (FILES / f"{stem}.answer.json").write_text(
            json.dumps([f.answer() for f in forms], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (FILES / f"{stem}.errors.json").write_text(
            json.dumps(errors, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        manifest.append(
            {
                "file": name,
                "families": sorted({p[1] for p in parts}, key=[p[1] for p in parts].index),
                "layout": layout,
                "forms": len(forms),
                "indicators": sum(len(f.inds()) for f in forms),
                "errors": [e["code"] for e in errors],
                "exercises": what,
            }
        )
        print(name, len(forms), "forms", [e["code"] for e in errors])
    (FILES / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
