"""A small invented self-evaluation form as an XLSX (merged cells, a wrapped cell), the source
of the fixtures made with real tools (README.md). Run from a scratch folder."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side

rows = [
    ["2024年度项目支出绩效自评表"],
    ["填报单位：河湾区水务局    填报日期：2025年3月2日"],
    ["项目名称", "农村供水保障", None, None, None, None, None, None],
    ["主管部门", "河湾区水务局", None, None, "实施单位", "河湾区供水站", None, None],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "年度资金总额", 80, 80, 72, 10, "90.00%", 9],
    [None, "其中：财政拨款", 80, 80, 72, "—", "—", "—"],
    ["年度总体目标", "预期目标", None, None, None, "实际完成情况", None, None],
    [
        None,
        "改造供水管网12公里，\n农村自来水普及率达到98%。",
        None,
        None,
        None,
        "改造管网12公里，普及率98.2%。",
        None,
        None,
    ],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评分"],
    [None, "产出指标", "数量指标", "改造供水管网长度", "≥12公里", "12公里", 30, 30],
    [None, None, "质量指标", "水质检测合格率", "≥95%", "96%", 30, 30],
    [None, "效益指标", "社会效益指标", "农村自来水普及率", "≥98%", "98.2%", 20, 20],
    [None, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 10, 10],
    ["总分", None, None, None, None, None, 100, 99],
]
wb = Workbook()
ws = wb.active
ws.title = "自评表"
thin = Side(style="thin")
for r in rows:
    ws.append(r)
for row in ws.iter_rows(min_row=3):
    for c in row:
        c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        c.alignment = Alignment(wrap_text=True, vertical="center")
MERGED = ["A1:H1", "A2:H2", "B3:H3", "B4:D4", "F4:H4", "A5:A7", "A8:A9", "B8:E8", "F8:H8", "B9:E9"]
MERGED += ["F9:H9", "A10:A14", "B11:B12", "A15:F15"]
for cells in MERGED:
    ws.merge_cells(cells)
for col, w in zip("ABCDEFGH", (14, 14, 16, 20, 12, 12, 8, 8), strict=True):
    ws.column_dimensions[col].width = w
ws.page_setup.orientation = "landscape"  # printed one page wide, as forms are
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
wb.save("tools_form.xlsx")
