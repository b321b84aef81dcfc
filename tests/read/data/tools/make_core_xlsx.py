"""A small invented 部门整体绩效自评表 as XLSX (a Chongqing-style indicator table ending in
指标权重 | 指标得分 | 是否核心指标): each score is set from the right of its cell, the 是/否 from
the left of the next, so ``pdftotext -layout`` of LibreOffice's PDF prints them as one word
(``8否``); the source of ``pdftotext_core_xlsx.txt`` (README.md). Run from a scratch folder."""

from openpyxl import Workbook

ROWS = [
    ["河湾县统计局2024年度部门整体绩效自评表"],
    ["单位名称", "河湾县统计局"],
    [
        "指标名称",
        "计量单位",
        "指标性质",
        "年初指标值",
        "全年完成值",
        "指标权重（分）",
        "指标得分（分）",
        "是否核心指标",
    ],
    ["完成统计调查项目", "项", "定量", "≥30", 31, 40, 40, "是"],
    ["统计数据差错率", "%", "定量", "≤0.5", 0.4, 30, 30, "否"],
    ["统计公报按时发布", "", "定性", "按时发布", "按时发布", 20, 18.5, "否"],
    ["总分", "", "", "", "", 90, 88.5],
]
wb = Workbook()
ws = wb.active
for row in ROWS:
    ws.append(row)
for col, width in zip("ABCDEFGH", [18, 9, 9, 11, 11, 14, 14, 12], strict=True):
    ws.column_dimensions[col].width = width
ws.page_setup.orientation = "landscape"
ws.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide
ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
wb.save("core_form.xlsx")
