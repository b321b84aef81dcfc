"""The seventh set's documents, second half: forwarded e-mails, CSV with several forms, PDFs over
several pages, makers' label wordings, XLSX/DOCX habits and values as makers write them."""

from __future__ import annotations

from _docs7 import _ready, spec
from _forms7 import hebei, hubei, national, target_i1, target_i3
from _habits7 import INSTRUCTIONS, NARRATIVE, formulas, header_row, hidden_codes, long_rows
from _vocab7 import PEOPLE, PHONES, PLACES


def habits() -> list[dict]:
    P = PLACES
    out = []
    a = national("estate", P[2], look={"filler": True})
    out.append(
        spec(
            "e01_estate_forward_html.eml",
            ["a"],
            "eml_forward",
            [(a, [])],
            "forward",
            "a forwarded message (message/rfc822 part) whose own HTML body holds the form",
            mail={
                "subject": "琅川县老旧小区综合改造提升项目绩效自评表",
                "sender": "住建局财务股",
                "note": "转发住建局报送的自评表，请绩效科审核。\n\n预算科",
            },
        )
    )
    h = hubei("school", P[7])
    out.append(
        spec(
            "e02_school_forward_xlsx.eml",
            ["h"],
            "eml_forward",
            [(h, ["indicator.score_mismatch"])],
            "forward",
            "a forwarded message (message/rfc822) whose XLSX attachment holds the form",
            mail={
                "subject": "校舍维修改造项目绩效自评表",
                "sender": "教育局计财股",
                "attach": "校舍维修自评表.xlsx",
                "note": "请查收转发的教育局自评表。",
            },
        )
    )
    f1 = national("road", P[0])
    f2 = national("fire", P[1], look={"money": (1224.0, 1175.04)})
    out.append(
        spec(
            "c01_two_national_forms.csv",
            ["a", "a"],
            "csv_multi",
            [(f1, ["budget.score_mismatch"]), (f2, [])],
            "csv",
            "two national forms one under the other in one CSV (UTF-8 BOM), two empty rows between",
        )
    )
    f1 = national("stats", P[3], dept=True)
    f2 = hebei("estate", P[3])
    f3 = target_i3("school", P[3])
    out.append(
        spec(
            "c02_three_forms_mixed.csv",
            ["b", "g", "i3"],
            "csv_multi",
            [(f1, []), (f2, []), (f3, [])],
            "csv",
            "a department form, a Hebei export and a 101号 target one after another in one CSV",
        )
    )

    rows18 = long_rows(["skills", "road"])
    a = national("skills", P[4], look={"rows": rows18, "weights": [5] * 18, "money": (1865.2, 1790.59)})
    _, docs, _ = _ready([(a, [])])
    out.append(
        spec(
            "p01_long_national_titles.pdf",
            ["a"],
            "pdf_xlsx_pages",
            [(a, [])],
            "xlsx_lo",
            "national form of 18 indicators printed from the XLSX over several pages, the indicator header repeated (print titles)",
            xlsx={"tall": True, "print_titles": f"{header_row(docs[0])}:{header_row(docs[0])}"},
        )
    )
    rows16 = long_rows(["manure", "fire"])[:16]
    h = hubei("manure", P[5], look={"rows": rows16, "weights": [5] * 16})
    out.append(
        spec(
            "p02_long_hubei_pages.pdf",
            ["h"],
            "pdf_xlsx_pages",
            [(h, ["goal.weight_mismatch"])],
            "xlsx_lo",
            "Hubei form of 16 indicators printed from the XLSX over several pages, no repeated header",
            xlsx={"tall": True},
        )
    )

    a = national(
        "estate",
        P[4],
        look={
            "sup_label": "主管部门及代码",
            "sup_code": "[217]",
            "sub_label": "本年财政拨款",
            "leader": f"{PEOPLE[0]} {PHONES[0]}",
        },
    )
    out.append(
        spec(
            "l01_estate_national_labels.docx",
            ["a"],
            "docx",
            [(a, [])],
            "docx",
            "labels as makers word them: 主管部门及代码 (code kept), 其中：本年财政拨款, 项目负责人及电话 (not a field)",
        )
    )
    b = national(
        "stats",
        P[6],
        dept=True,
        look={
            "dept_label": "单位名称",
            "budget_label": "年度预算执行情况（万元）",
            "total_label": "资金总额",
            "subs": ["其中：财政拨款", "其他资金"],
        },
    )
    out.append(
        spec(
            "l02_stats_dept_labels.xlsx",
            ["b"],
            "xlsx",
            [(b, ["indicator.score_mismatch"])],
            "xlsx",
            "department form worded 单位名称 / 年度预算执行情况（万元） / 资金总额 with rows by source",
        )
    )
    i1 = target_i1("manure", P[7], look={"sup_code": "(331)"})
    out.append(
        spec(
            "l03_manure_target_i1_html.html",
            ["i1"],
            "html",
            [(i1, [])],
            "html",
            "national project target halves as an HTML page; 主管部门及代码 with its code",
        )
    )

    a = national("road", P[5])
    out.append(
        spec(
            "x01_road_national_formulas.xlsx",
            ["a"],
            "xlsx_formulas",
            [(a, [])],
            "xlsx_lo",
            "XLSX whose 执行率, execution score and 总分 are formulas; cached values written by LibreOffice's recalculation",
            lo="xlsx",
        )
    )
    formulas(out[-1]["docs"][0].grids()[0])
    a = national("manure", P[6])
    out.append(
        spec(
            "x02_manure_national_hidden.xlsx",
            ["a"],
            "xlsx_hidden",
            [(a, ["indicator.full_score_unmet"])],
            "xlsx",
            "hidden first row (项目编码) and a hidden last column of indicator codes (ZB0001…): not printed, not fields",
        )
    )
    hidden_codes(out[-1]["docs"][0])
    h = hubei("school", P[0])
    out.append(
        spec(
            "x03_school_hubei_instructions.xlsx",
            ["h"],
            "xlsx_notes",
            [(h, [])],
            "xlsx",
            "a 填表说明 sheet before the form's sheet",
        )
    )
    out[-1]["sheets"] = [("填表说明", INSTRUCTIONS), ("自评表", out[-1]["docs"][0])]
    f1 = national("fire", P[2])
    f2 = national("stats", P[2], dept=True)
    f3 = target_i3("road", P[2])
    out.append(
        spec(
            "x04_three_sheets.xlsx",
            ["a", "b", "i3"],
            "xlsx_sheets",
            [(f1, []), (f2, ["form.total_mismatch"]), (f3, [])],
            "xlsx",
            "one workbook, one form per sheet: project, department, target",
        )
    )
    out[-1]["sheets"] = list(zip(["项目自评", "部门整体自评", "绩效目标表"], out[-1]["docs"], strict=True))
    a = national("skills", P[1], look={"yuan": True, "money": (186.52, 179.06)})
    out.append(
        spec(
            "x05_skills_national_text_yuan.xlsx",
            ["a"],
            "xlsx_text",
            [(a, [])],
            "xlsx",
            "every number stored as text; amounts in 元 with thousands separators (1,865,200.00): the answer in 万元",
            xlsx={"text_numbers": True},
        )
    )

    a = national("manure", P[0])
    out.append(
        spec(
            "d01_manure_national_tracked.docx",
            ["a"],
            "docx_tracked",
            [(a, ["indicator.full_score_unmet"])],
            "docx",
            "tracked changes: actuals and an execution figure revised (w:del old, w:ins new); the form prints with changes accepted",
            docx={"habit": "tracked", "edits": {"40个": "38个", "81.3%": "80.6%", "726.35": "701.20"}},
        )
    )
    h = hubei("road", P[6], look={"money": (640.0, 620.8)})
    out.append(
        spec(
            "d02_road_hubei_sdt.docx",
            ["h"],
            "docx_sdt",
            [(h, [])],
            "docx",
            "content controls: run-level w:sdt around every cell's text, cell-level w:sdt on alternate rows",
            docx={"habit": "sdt"},
        )
    )
    b = national("stats", P[4], dept=True)
    out.append(
        spec(
            "d03_stats_dept_nested.docx",
            ["b"],
            "docx_nested",
            [(b, [])],
            "docx",
            "the form table nested in the single cell of a frame table",
            docx={"habit": "nested"},
        )
    )
    a = national("fire", P[3])
    out.append(
        spec(
            "d04_fire_national_textbox.docx",
            ["a"],
            "docx_textbox",
            [(a, ["indicator.score_mismatch"])],
            "docx",
            "the form table inside a VML text box (w:txbxContent)",
            docx={"habit": "textbox"},
        )
    )
    a = national("skills", P[1], look={"filler": True})
    out.append(
        spec(
            "d05_skills_national_narrative.docx",
            ["a"],
            "docx_narrative",
            [(a, [])],
            "docx",
            "a long narrative (自评报告 headings and paragraphs) before the form",
            docx={"narrative": NARRATIVE},
        )
    )

    a = national("estate", P[5], look={"style": "fullwidth", "styled": (0, 1, 3, 5, 8)})
    out.append(
        spec(
            "v01_estate_national_fullwidth.xlsx",
            ["a"],
            "xlsx_values",
            [(a, ["indicator.score_mismatch"])],
            "xlsx",
            "targets and actuals written with full-width digits (≥１４个, ９３．２％)",
        )
    )
    a = national("fire", P[7], look={"style": "cn", "styled": (0, 6, 8)})
    out.append(
        spec(
            "v02_fire_national_cn_range.docx",
            ["a"],
            "docx_values",
            [(a, [])],
            "docx",
            "targets 不少于十八辆 (Chinese numerals), a range 90%-95%, dates 2024年9月底前",
        )
    )
    return out
    return out
