"""A small invented Wuhan-style 部门整体绩效自评表 as XLSX (each goal's indicators under its own
header 一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分, labels and names carrying
their points, merged down, in narrow wrapped columns; the total among the header fields). ``pdftotext -raw`` of LibreOffice's PDF
prints the one-line cells row by row — the bare values under each header — and the wrapped
labels and names after them; the source of ``pdftotext_raw_wuhan_xlsx.txt`` (README.md). Run
from a scratch folder."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

HEADER = ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"]
ROWS = [
    ["2024年度江滩区园林局部门整体绩效自评表"],
    ["单位名称：江滩区园林局", None, "填报日期：2025年4月8日", None, "总分：98.78分"],
    ["预算执行情况（万元）（20分）", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20分*执行率）"],
    ["部门整体支出总额", 1500, 1425, 0.95, 19],
    ["年度目标1：(40分) 完成城区绿地日常养护，保持绿化景观整洁"],
    HEADER,
    ["产出指标(30分)", "数量指标(15分)", "养护城区绿地面积(15分)", "≥320万平方米", "326万平方米", 15],
    [None, "质量指标(15分)", "绿地养护检查合格率(15分)", "≥95%", "96%", 15],
    ["满意度指标(10分)", "服务对象满意度指标(10分)", "市民对绿地养护满意度(10分)", "≥90%", "88%", 9.78],
    ["年度目标2：(40分) 推进口袋公园建设，方便市民就近休闲"],
    HEADER,
    ["产出指标(30分)", "数量指标(15分)", "新建口袋公园个数(15分)", "≥12个", "12个", 15],
    [None, "时效指标(15分)", "口袋公园建成时间(15分)", "2024年11月底前", "2024年11月20日", 15],
    ["效益指标(10分)", "社会效益指标(10分)", "周边居民休闲便利程度(10分)", "明显提升", "达成", 10],
]
MERGED = ["A1:F1", "A2:B2", "C2:D2", "E2:F2", "A5:F5", "A7:A8", "A10:F10", "A12:A13"]
wb = Workbook()
ws = wb.active
thin = Side(style="thin")
for r, row in enumerate(ROWS, start=1):
    ws.append(row)
    ws.row_dimensions[r].height = 30 if r > 2 else 15
    for cell in ws[r]:
        if r > 2:  # the table: wrapped, centred vertically, ruled
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
ws["A1"].font = Font(size=14, bold=True)
ws["A1"].alignment = Alignment(horizontal="center")
ws["D4"].number_format = "0.00%"
for rng in MERGED:
    ws.merge_cells(rng)
for col, width in zip("ABCDEF", [14, 16, 18, 14, 14, 8], strict=True):
    ws.column_dimensions[col].width = width
ws.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide
ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
wb.save("wuhan_dept.xlsx")
