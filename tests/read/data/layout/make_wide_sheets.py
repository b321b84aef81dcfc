"""Write two invented 项目支出绩效自评表 sheets wider than an A4 page, so LibreOffice prints each
across pages, the indicator names (wrapped in a narrow 三级指标 column) on the first and the values
on the next: ``wide_total.xlsx`` (its total row printed on every strip) and ``wide_three.xlsx``
(values on two more pages, weights and scores apart from targets, no total under the targets)
and ``wide_tworow.xlsx`` (a header of two rows, 指标值 | 得分情况 over their columns, and a last
column alone on page 3)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment

WRAP = Alignment(wrap_text=True, vertical="center")


def sheet(path: str, title: str, header: list[str], rows: list[list[object]], widths: list[int]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["项目名称", "", "河道保洁长效管护"])
    ws.append(["主管部门", "", "枫桥区水务局"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    for line in ws.iter_rows(min_row=4):
        for cell in line:
            cell.alignment = WRAP
    if header[4] == "指标值":  # a header of two rows: 指标值, 得分情况 merged over their columns
        ws.insert_rows(5)
        for col, label in zip("EFGH", ["年度指标值", "实际完成值", "分值", "得分"], strict=True):
            ws[f"{col}5"] = label
            ws[f"{col}5"].alignment = WRAP
        ws.merge_cells("E4:F4")
        ws.merge_cells("G4:H4")
        for col in "ABCDI":
            ws.merge_cells(f"{col}4:{col}5")
    for k, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + k)].width = w
    wb.save(path)


NAMES = [
    ("产出指标", "数量指标", "保洁河道长度"),
    ("产出指标", "数量指标", "清理河道漂浮垃圾总量"),
    ("产出指标", "质量指标", "河道断面水质达标率"),
    ("产出指标", "时效指标", "垃圾日产日清率"),
    ("效益指标", "生态效益指标", "沿河居民投诉办结率"),
    ("满意度指标", "服务对象满意度指标", "沿河居民满意度"),
]
VALUES = [
    ("≥45公里", "46公里", 20, 20),
    ("≥300吨", "312吨", 15, 15),
    ("≥90%", "86%", 20, 18),
    ("100%", "100%", 15, 15),
    ("≥95%", "97%", 15, 15),
    ("≥90%", "93%", 15, 15),
]

sheet(
    "wide_total.xlsx",
    "枫桥区2024年度项目支出绩效自评表",
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    [["", *n, *v] for n, v in zip(NAMES, VALUES, strict=True)] + [["总分", "", "", "", "", "", 100, 98]],
    [9, 11, 13, 10, 22, 22, 18, 18],
)
sheet(
    "wide_three.xlsx",
    "枫桥区2024年度项目支出绩效自评表",
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "偏差原因"],
    [["", *n, t, a, w, s, ""] for n, (t, a, w, s) in zip(NAMES, VALUES, strict=True)]
    + [["总分", "", "", "", "", "", 100, 98, ""]],
    [9, 11, 13, 10, 30, 30, 30, 30, 20],
)
sheet(
    "wide_tworow.xlsx",
    "枫桥区2024年度项目支出绩效自评表",
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "", "得分情况", "", "折算得分"],
    [["", *n, t, a, w, s, s * 0.9] for n, (t, a, w, s) in zip(NAMES, VALUES, strict=True)]
    + [["总分", "", "", "", "", "", 100, 98, 88.2]],
    [9, 11, 13, 12, 25, 25, 20, 20, 30],
)
