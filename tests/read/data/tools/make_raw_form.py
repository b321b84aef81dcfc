"""A small invented Wuhan-style self-evaluation form as a DOCX whose cells hold spaces (≥ 90%,
350 万平方米, (20 分)), the source of ``pdftotext_raw.txt`` (README.md). Run from a scratch folder."""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

WIDTHS = (Cm(4.2), Cm(3.6), Cm(5.4), Cm(5.6), Cm(3.4), Cm(3.2), Cm(1.4))
rows = [
    ["项目名称", "市容环境整治", "", "", "", "", ""],
    ["主管部门", "河湾区城市管理局", "", "项目实施单位", "河湾区环卫中心", "", ""],
    ["预算执行情况（万元）", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20 分*执行率）", "", ""],
    ["年度财政资金总额", "500", "450", "90.00%", "18", "", ""],
    ["年度绩效目标 1(80 分)", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
    [
        "",
        "产出指标(40 分)",
        "数量指标(20 分)",
        "机械化清扫道路面积(20 分)",
        "≥ 350 万平方米",
        "372 万平方米",
        "20",
    ],
    ["", "", "时效指标(20 分)", "垃圾日产日清率(20 分)", "≥ 100%", "100%", "20"],
    ["", "效益指标(20 分)", "生态效益指标(20 分)", "市容环境卫生状况(20 分)", "明显改善", "明显改善", "20"],
    ["", "满意度指标(20 分)", "服务对象满意度指标(20 分)", "沿线居民满意度(20 分)", "≥ 90%", "81%", "18"],
    ["总分", "", "", "", "", "", "96"],
]
doc = Document()
sec = doc.sections[0]
sec.orientation = WD_ORIENT.LANDSCAPE
sec.page_width, sec.page_height = sec.page_height, sec.page_width
sec.left_margin = sec.right_margin = Cm(1)
doc.add_paragraph("2024 年度市容环境整治项目支出绩效自评表")
doc.add_paragraph("单位名称：河湾区城市管理局 填报日期：2025 年 3 月 2 日")
table = doc.add_table(rows=len(rows), cols=7)
table.style = "Table Grid"
table.autofit = False
for column, width in zip(table.columns, WIDTHS, strict=True):
    column.width = width
widths = WIDTHS
for r, values in zip(table.rows, rows, strict=True):
    for cell, value, width in zip(r.cells, values, widths, strict=True):
        cell.text = value
        cell.width = width
doc.save("raw_form.docx")
