"""A small invented self-evaluation form as DOCX tables: a budget table (项目资金 merged over its
rows), an indicator table with narrow columns (header labels,
long names and a 偏差原因 cell wrapped over lines, cells set from their top left, header labels
centred), the source of ``pdftotext_docx_layout.txt`` and ``lo_docx.txt`` (README.md). Run from a scratch folder."""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]  # fmt: skip
ROWS = [
    ["", "产出指标", "数量指标", "新建农村供水管网长度", "≥12公里", "12公里", "30", "30", ""],
    ["", "", "质量指标", "管网工程竣工验收合格率", "≥95%", "90%", "30", "28",
     "两处管段回填不合格，已责成施工单位返工，下年度加强过程监管。"],
    ["", "效益指标", "社会效益指标", "农村自来水普及率", "≥98%", "98.2%", "20", "20", ""],
    ["", "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", "10", "10", ""],
    ["总分", "", "", "", "", "", "90", "88", ""],
]  # fmt: skip
WIDTHS = [2.0, 2.0, 2.2, 2.6, 1.6, 1.6, 1.8, 1.8, 2.6]  # cm: the labels and names wrap

doc = Document()
sec = doc.sections[0]
sec.orientation = WD_ORIENT.LANDSCAPE
sec.page_width, sec.page_height = sec.page_height, sec.page_width
doc.add_paragraph("2024年度项目支出绩效自评表").alignment = WD_ALIGN_PARAGRAPH.CENTER
doc.add_paragraph("项目名称：农村供水保障    实施单位：河湾区供水站")
BUDGET = [
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "80", "80", "72", "10", "90.00%", "9"],
    ["", "其中：财政拨款", "80", "80", "72", "—", "—", "—"],
]  # fmt: skip
budget = doc.add_table(rows=0, cols=len(BUDGET[0]))
budget.style = "Table Grid"
for values in BUDGET:
    for cell, text in zip(budget.add_row().cells, values, strict=True):
        cell.text = text
budget.cell(0, 0).merge(budget.cell(2, 0)).text = "项目资金（万元）"
doc.add_paragraph("")
table = doc.add_table(rows=0, cols=len(HEADER))
table.style = "Table Grid"
table.autofit = False
for n, values in enumerate([HEADER, *ROWS]):
    cells = table.add_row().cells
    for cell, text, width in zip(cells, values, WIDTHS, strict=True):
        cell.width = Cm(width)
        cell.text = text
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        if n == 0:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
for column, width in zip(table.columns, WIDTHS, strict=True):
    column.width = Cm(width)  # the grid LibreOffice lays the table out by
table.cell(1, 0).merge(table.cell(4, 0)).text = "绩效指标"
table.cell(1, 1).merge(table.cell(2, 1)).text = "产出指标"
doc.save("tools_form.docx")
