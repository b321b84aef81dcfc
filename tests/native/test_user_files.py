"""Files made the way a unit's staff make them in LibreOffice Calc / Writer (built here with
openpyxl / python-docx): the 一级/二级 labels merged differently or not at all, a blank row in
the middle, a column the template does not have, a title typed in a merged cell.

The form (a road-maintenance project, values chosen for the test) and every expected value
below are written out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Border, Side

from jixiao.model import Form
from jixiao.read import ReadError, read

TITLE = "2022年度道路养护项目支出绩效自评表"
HEAD = [
    ["项目名称", "道路养护项目", "", "", "", "", ""],
    ["主管部门", "城建局", "", "项目实施单位", "养护中心", "", ""],
    [
        "预算执行情况（万元）（20分）",
        "",
        "",
        "预算数（A）",
        "执行数（B）",
        "执行率（B/A）",
        "得分（20分*执行率）",
    ],
    ["", "年度财政资金总额", "", "100", "90", "90%", "18"],
    ["年度绩效指标（80分）", "一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
]
INDICATORS = [
    ["", "产出指标（50分）", "数量指标（30分）", "养护道路长度（30分）", "≥10公里", "12公里", "30"],
    ["", "产出指标（50分）", "质量指标（20分）", "验收合格率（20分）", "100%", "95%", "19"],
    ["", "效益指标（30分）", "社会效益指标（30分）", "群众投诉率下降（30分）", "≥10%", "10%", "30"],
]
TAIL = [
    ["总分", "", "", "", "", "", "87"],
    ["偏差大或目标未完成原因分析", "部分路段验收未通过", "", "", "", "", ""],
    ["改进措施及结果应用方案", "加强施工质量管理", "", "", "", "", ""],
]


def check(form: Form) -> None:
    """The values as printed in the grid above."""
    assert form.title == TITLE
    assert form.year == 2022
    assert form.unit == "城建局测试单位"
    assert form.filled_on == "2022-03-01"
    assert (form.project, form.supervisor, form.implementer) == ("道路养护项目", "城建局", "养护中心")
    b = form.budget
    assert b is not None
    assert (b.weight, b.planned, b.executed, b.rate, b.score) == (20, 100, 90, 0.9, 18)
    inds = [i for _, i in form.indicators()]
    assert [(i.level1, i.level2, i.name) for i in inds] == [
        ("产出指标", "数量指标", "养护道路长度"),
        ("产出指标", "质量指标", "验收合格率"),
        ("效益指标", "社会效益指标", "群众投诉率下降"),
    ]
    assert [(i.weight, i.target, i.actual, i.score) for i in inds] == [
        (30, "≥10公里", "12公里", 30),
        (20, "100%", "95%", 19),
        (30, "≥10%", "10%", 30),
    ]
    assert [i.level1_weight for i in inds] == [50, 50, 30]
    assert form.total_score == 87
    assert form.deviation_reason == "部分路段验收未通过"
    assert form.improvement == "加强施工质量管理"


_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _xlsx(path: Path, rows: list[list[str]], merges: list[str], numbers: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = TITLE
    ws.merge_cells("A1:G1")
    ws["A2"] = "单位名称：城建局测试单位    填报日期：2022年3月1日"
    ws.merge_cells("A2:G2")
    for r, row in enumerate(rows, start=3):
        for c, text in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if text:
                cell.value = float(text) if numbers and text.replace(".", "", 1).isdigit() else text
            cell.border = _BOX
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def _blank_covered(rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """What Calc keeps after merging: the top-left text, covered cells emptied."""
    out = [list(r) for r in rows]
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    out[r][c] = ""
    return out


def test_xlsx_labels_merged_over_their_rows(tmp_path: Path) -> None:
    rows = HEAD + INDICATORS + TAIL
    # rows are 0-based here, sheet rows start at 3: 一级 产出 over the first two indicators
    cells = [(5, 1, 6, 1), (2, 0, 3, 0), (4, 0, 7, 0), (8, 0, 8, 5)]
    merges = ["B8:B9", "A5:A6", "A7:A10", "A11:F11", "B3:G3", "B4:C4", "E4:G4", "B12:G12", "B13:G13"]
    rows = _blank_covered(rows, cells)
    check(read(_xlsx(tmp_path / "merged.xlsx", rows, merges)).forms[0])


def test_xlsx_labels_repeated_on_every_row_no_merges(tmp_path: Path) -> None:
    """A user who types the 一级 label in every row instead of merging."""
    check(read(_xlsx(tmp_path / "plain.xlsx", HEAD + INDICATORS + TAIL, [])).forms[0])


def test_xlsx_blank_row_and_text_numbers(tmp_path: Path) -> None:
    """An empty row between the budget block and the indicators; numbers typed as text."""
    rows = [*HEAD[:4], [""] * 7, *HEAD[4:], *INDICATORS, *TAIL]
    check(read(_xlsx(tmp_path / "gap.xlsx", rows, [], numbers=False)).forms[0])


def test_xlsx_extra_column_on_the_right(tmp_path: Path) -> None:
    """A 备注 column added after 得分, filled on one indicator."""
    rows = [[*r, ""] for r in HEAD + INDICATORS + TAIL]
    rows[4][7] = "备注"
    rows[5][7] = "含支路"
    check(read(_xlsx(tmp_path / "extra_col.xlsx", rows, [])).forms[0])


def test_xlsx_percentages_typed_as_numbers(tmp_path: Path) -> None:
    """执行率 entered as 0.9 with a percent format shows 90% and is read as 0.9."""
    path = _xlsx(tmp_path / "pct.xlsx", HEAD + INDICATORS + TAIL, [])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    ws["F6"] = 0.9
    ws["F6"].number_format = "0%"
    wb.save(path)
    check(read(path).forms[0])


def _docx(path: Path, rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph(TITLE, style="Title")
    doc.add_paragraph("单位名称：城建局测试单位    填报日期：2022年3月1日")
    ncols = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=ncols)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        keep = table.cell(r0, c0).text
        merged = table.cell(r0, c0).merge(table.cell(r1, c1))
        merged.text = keep  # Writer keeps the first cell's text when merging
    doc.add_paragraph("")
    doc.save(path)
    return path


def test_docx_labels_merged_over_their_rows(tmp_path: Path) -> None:
    rows = HEAD + INDICATORS + TAIL
    merges = [
        (5, 1, 6, 1),
        (2, 0, 3, 0),
        (4, 0, 7, 0),
        (8, 0, 8, 5),
        (0, 1, 0, 6),
        (9, 1, 9, 6),
        (10, 1, 10, 6),
    ]
    check(read(_docx(tmp_path / "merged.docx", rows, merges)).forms[0])


def test_docx_merged_across_differently_with_blank_row(tmp_path: Path) -> None:
    """二级 and 一级 merged as one block on the first two rows, a blank row, values merged."""
    rows = [*HEAD[:4], [""] * 7, *HEAD[4:], *INDICATORS, *TAIL]
    merges = [(6, 1, 7, 1), (9, 0, 9, 5), (10, 1, 10, 6), (1, 1, 1, 2), (1, 4, 1, 6)]
    check(read(_docx(tmp_path / "gap.docx", rows, merges)).forms[0])


def test_docx_extra_column(tmp_path: Path) -> None:
    rows = [[*r, ""] for r in HEAD + INDICATORS + TAIL]
    rows[4][7] = "备注"
    rows[6][7] = "两段抽检"
    check(read(_docx(tmp_path / "extra_col.docx", rows, [(5, 1, 6, 1)])).forms[0])


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_not_an_office_file_is_a_read_error(tmp_path: Path, suffix: str) -> None:
    bad = tmp_path / f"损坏{suffix}"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError) as e:
        read(bad)
    assert f"损坏{suffix}" in str(e.value)


def test_office_file_without_a_form_is_a_read_error(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active["A1"] = "会议签到表"
    wb.save(tmp_path / "签到.xlsx")
    with pytest.raises(ReadError) as e:
        read(tmp_path / "签到.xlsx")
    assert "未找到任何绩效目标表或绩效自评表" in str(e.value)


def test_xlsx_everything_boxed(tmp_path: Path) -> None:
    """Borders on the title and the 单位名称/填报日期 line too (select all, add borders)."""
    from openpyxl import load_workbook

    path = _xlsx(tmp_path / "boxed.xlsx", HEAD + INDICATORS + TAIL, [])
    wb = load_workbook(path)
    for ref in ("A1", "A2"):
        wb.active[ref].border = _BOX
    wb.save(path)
    check(read(path).forms[0])


def test_docx_header_line_inside_the_table(tmp_path: Path) -> None:
    """The 单位名称/填报日期 line typed into a first table row merged across the width."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(TITLE)
    rows = [["单位名称：城建局测试单位    填报日期：2022年3月1日", *[""] * 6], *HEAD, *INDICATORS, *TAIL]
    table = doc.add_table(rows=len(rows), cols=7)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 6))
    doc.save(tmp_path / "inline.docx")
    check(read(tmp_path / "inline.docx").forms[0])
