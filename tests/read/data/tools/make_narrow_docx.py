"""A small invented self-evaluation form as one DOCX table of very narrow columns (a Sichuan-style
10/90 form): the labels 项目名称, 预算执行情况（万元）（10分） and 绩效指标（90分） wrap over
two or three lines of two or three characters, the budget's 资金来源 column has no header label,
the source of ``pdftotext_narrow_docx.txt`` (README.md). Run from a scratch folder."""

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

W = [1.9, 1.3, 1.2, 1.2, 1.2, 1.4, 1.3, 1.5, 1.3, 1.4, 1.3]  # cm: three characters a line
ROWS = [
    ["项目名称", "乡村学校图书配备", "", "", "", "", "", "", "", "", ""],
    ["主管部门", "河湾县教育局", "", "", "", "实施单位", "河湾县教学仪器站", "", "", "", ""],
    ["预算执行情况（万元）（10分）", "", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "", "", "权重", "得分", "原因"],
    ["", "财政资金", "150", "150", "138", "92%", "", "", "10", "9.2", ""],
    ["", "其他资金", "0", "0", "0", "", "", "", "", "", ""],
    ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"],
    ["", "产出指标", "数量指标", "配备图书册数", "≥", "3000", "册", "3100", "40", "40", ""],
    ["", "", "质量指标", "图书验收合格率", "≥", "98", "%", "99", "30", "30", ""],
    ["", "满意度指标", "服务对象满意度指标", "师生满意度", "≥", "90", "%", "92", "20", "20", ""],
    ["总分", "", "", "", "", "", "", "", "100", "99.2", ""],
]  # fmt: skip
MERGES = [((0, 1), (0, 10)), ((1, 1), (1, 4)), ((1, 6), (1, 10)), ((2, 0), (4, 0)), ((2, 5), (2, 7)),
          ((3, 5), (3, 7)), ((4, 5), (4, 7)), ((5, 0), (8, 0)), ((6, 1), (7, 1)), ((9, 0), (9, 7))]  # fmt: skip

doc = Document()
doc.add_paragraph("河湾县2024年度部门预算项目支出绩效自评表").alignment = WD_ALIGN_PARAGRAPH.CENTER
table = doc.add_table(rows=0, cols=len(W))
table.style = "Table Grid"
table.autofit = False
for values in ROWS:
    for cell, text, width in zip(table.add_row().cells, values, W, strict=True):
        cell.width = Cm(width)
        cell.text = text
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
for column, width in zip(table.columns, W, strict=True):
    column.width = Cm(width)
for (r0, c0), (r1, c1) in MERGES:
    text = table.cell(r0, c0).text
    table.cell(r0, c0).merge(table.cell(r1, c1)).text = text
doc.save("narrow_form.docx")

# the same form's indicators under a header of two rows (云南: 年度指标值 over 指标性质, 指标值,
# 度量单位, the other labels merged down over both rows): ``pdftotext_narrow_two_rows.txt``
W2 = [1.6, 1.6, 1.6, 1.6, 1.6, 1.5, 1.6, 1.6, 1.2, 1.4, 1.6]
HEAD = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "", "", "", "指标性质", "指标值", "度量单位", "", "", "", ""],
]  # fmt: skip
BODY = [["", *r[1:7], r[7] + r[6], *r[8:]] for r in ROWS[6:9]] + [["总分"] + [""] * 7 + ["90", "89.2", ""]]
doc = Document()
doc.add_paragraph("河湾县2024年度项目支出绩效自评表").alignment = WD_ALIGN_PARAGRAPH.CENTER
table = doc.add_table(rows=0, cols=len(W2))
table.style = "Table Grid"
table.autofit = False
for values in [*HEAD, *BODY]:
    for cell, text, width in zip(table.add_row().cells, values, W2, strict=True):
        cell.width = Cm(width)
        cell.text = text
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
for column, width in zip(table.columns, W2, strict=True):
    column.width = Cm(width)
for (r0, c0), (r1, c1) in [((0, 4), (0, 6)), *(((0, c), (1, c)) for c in (1, 2, 3, 7, 8, 9, 10)),
                           ((0, 0), (4, 0)), ((2, 1), (3, 1)), ((5, 0), (5, 7))]:  # fmt: skip
    text = table.cell(r0, c0).text
    table.cell(r0, c0).merge(table.cell(r1, c1)).text = text
doc.save("narrow_two_rows.docx")
