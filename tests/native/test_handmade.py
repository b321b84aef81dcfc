"""Files made by hand the way a new user makes them in LibreOffice Calc / Writer.

The title is typed in A1 without merging, the 一级 cells are merged one way or the other, a
二级 label is repeated instead of merged, an empty row is left in the table and a 备注 column
is added at the right. Expected values are the ones typed below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side

from jixiao.read import read

TITLE = "2021年度社区宣传培训项目自评表"
HEADER = "单位名称：测试区文化局　　填报日期：2022年1月14日"
TABLE = [
    ["项目名称", "社区宣传培训", "", "", "", "", ""],
    ["主管部门", "测试区文化局", "", "项目实施单位", "测试区文化馆", "", ""],
    ["预算执行情况（万元）（20分）", "", "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分"],
    ["", "年度财政资金总额", "", 100, 95, 0.95, 19],
    ["年度绩效指标（80分）", "一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分", "备注"],
    ["", "产出指标", "数量指标", "培训人次", "100人次", "120人次", 40],
    ["", "", "数量指标", "宣传活动场次", "5场", "4场", 16, "疫情影响"],
    ["", "", "", "", "", "", ""],  # the empty row a user leaves behind
    ["", "", "质量指标", "培训合格率", "100%", "100%", 10],
    ["", "效益指标", "社会效益指标", "群众知晓率", "≥90%", "95%", 10],
    ["总分", "", "", "", "", "", 95],
    ["偏差大或目标未完成原因分析", "受疫情影响，宣传活动少办1场。", "", "", "", "", ""],
    ["改进措施及结果应用方案", "合理安排线上宣传活动。", "", "", "", "", ""],
]
# (first row, first col, last row, last col), 0-based within TABLE
MERGES = [
    (0, 1, 0, 6),
    (1, 1, 1, 2),
    (1, 4, 1, 6),
    (2, 0, 3, 0),
    (2, 1, 2, 2),
    (3, 1, 3, 2),
    (4, 0, 9, 0),
    (5, 1, 8, 1),
    (10, 0, 10, 5),
    (11, 1, 11, 6),
    (12, 1, 12, 6),
]


def _check(path: Path) -> None:
    doc = read(path)
    assert len(doc.forms) == 1
    f = doc.forms[0]
    assert f.title == TITLE
    assert f.kind.value == "project_self_evaluation"
    assert (f.year, f.unit, f.project, f.filled_on) == (2021, "测试区文化局", "社区宣传培训", "2022-01-14")
    assert (f.supervisor, f.implementer) == ("测试区文化局", "测试区文化馆")
    assert f.budget is not None
    assert (f.budget.weight, f.budget.planned, f.budget.executed, f.budget.rate, f.budget.score) == (
        20,
        100,
        95,
        0.95,
        19,
    )
    got = [(i.level1, i.level2, i.name, i.target, i.actual, i.score) for _, i in f.indicators()]
    assert got == [
        ("产出指标", "数量指标", "培训人次", "100人次", "120人次", 40),
        ("产出指标", "数量指标", "宣传活动场次", "5场", "4场", 16),
        ("产出指标", "质量指标", "培训合格率", "100%", "100%", 10),
        ("效益指标", "社会效益指标", "群众知晓率", "≥90%", "95%", 10),
    ]
    assert [g.weight for g in f.goals] == [80]
    assert f.total_score == 95
    assert f.deviation_reason == "受疫情影响，宣传活动少办1场。"
    assert f.improvement == "合理安排线上宣传活动。"


def _calc_workbook(path: Path, borders: bool) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = TITLE  # typed, not merged
    ws["A2"] = HEADER
    top = 4  # row 3 left empty
    thin = Side(style="thin")
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            cell = ws.cell(row=top + r, column=c + 1, value=value if value != "" else None)
            if c == 5 and r == 3:
                cell.number_format = "0%"  # 执行率 typed as 95% in Calc
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if borders and c < 7:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r0, c0, r1, c1 in MERGES:
        ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    for col in "ABCDEFGH":
        ws.column_dimensions[col].width = 14
    for r in range(top + len(TABLE) - 3, top + len(TABLE)):
        ws.row_dimensions[r].height = 32  # the user made the long labels fit
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)
    return path


@pytest.mark.parametrize("borders", [True, False], ids=["borders", "no-borders"])
def test_calc_workbook(tmp_path: Path, borders: bool) -> None:
    _check(_calc_workbook(tmp_path / "手工.xlsx", borders))


@pytest.mark.slow
def test_calc_workbook_printed_to_pdf(tmp_path: Path) -> None:
    """The same workbook exported to PDF by LibreOffice Calc: read from the cell geometry."""
    from jixiao.write.pdf import docx_to_pdf

    from .conftest import needs_soffice

    needs_soffice()
    pdf = docx_to_pdf(_calc_workbook(tmp_path / "手工.xlsx", True), tmp_path / "手工.pdf")
    _check(pdf)


def test_writer_document(tmp_path: Path) -> None:
    _check(_writer_document(tmp_path / "手工.docx"))


@pytest.mark.slow
def test_writer_document_printed_to_pdf(tmp_path: Path) -> None:
    from jixiao.write.pdf import docx_to_pdf

    from .conftest import needs_soffice

    needs_soffice()
    _check(docx_to_pdf(_writer_document(tmp_path / "手工.docx"), tmp_path / "手工.pdf"))


def _writer_document(path: Path) -> Path:
    from docx import Document as new_document

    doc = new_document()
    doc.add_paragraph(TITLE, style="Title")
    doc.add_paragraph(HEADER)
    ncols = max(len(r) for r in TABLE)
    table = doc.add_table(rows=len(TABLE), cols=ncols)
    table.style = doc.styles["Table Grid"]
    for r0, c0, r1, c1 in MERGES:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    done: list[object] = []  # the merged cells' elements, kept alive so ``is`` is meaningful
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            text = f"{value * 100:g}%" if isinstance(value, float) else str(value)
            if text and not any(cell._tc is tc for tc in done):
                cell.text = text
                done.append(cell._tc)
    doc.save(str(path))
    return path
