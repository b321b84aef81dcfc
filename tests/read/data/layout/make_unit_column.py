"""Write ``unit_column.xlsx``: an invented 项目支出绩效自评表 whose targets are figures set from
the right of a wide 指标值 cell, their unit from the left of the 度量单位 cell next to it, under
a header centred over its cells."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment

wb = Workbook()
ws = wb.active
ws.append(["青石县2024年度项目支出绩效自评表"])
ws.append(["项目名称", "", "", "乡村道路养护"])
ws.append(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "分值", "得分"])
for row in (
    ["产出指标", "数量指标", "养护道路里程", "≥", 120, "公里", "126公里", 30, 30],
    ["产出指标", "质量指标", "路面完好率", "≥", 92, "%", "94%", 30, 30],
    ["效益指标", "社会效益指标", "群众出行时间缩短", "≥", 15, "分钟", "12分钟", 20, 16],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", 90, "%", "95%", 10, 10],
):
    ws.append(row)
ws.append(["总分", "", "", "", "", "", "", 90, 86])
for cell in ws[3]:  # the header centred over its cells
    cell.alignment = Alignment(horizontal="center")
for line in ws.iter_rows(min_row=4):
    line[4].alignment = Alignment(horizontal="right")
    line[5].alignment = Alignment(horizontal="left")
for col, w in zip("ABCDEFGHI", [10, 12, 16, 8, 16, 9, 10, 6, 6], strict=True):
    ws.column_dimensions[col].width = w
ws.page_setup.orientation = "landscape"
wb.save("unit_column.xlsx")
