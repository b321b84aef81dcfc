"""Hidden rows and columns of an XLSX are not printed, so they are not part of the form.

Exports often keep a hidden helper column (internal codes) inside the table or a hidden row of
old values; read as cells they shift every value of the row (项目名称 read as the code).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from jixiao.contract import form_to_contract
from jixiao.read import read

ROWS = [
    ["2023年度项目支出绩效自评表"],
    ["项目名称", "乡镇文化站免费开放"],
    ["主管部门", "桐江县文化和旅游局", "实施单位", "桐江县文化馆"],
    [
        "项目资金（万元）",
        "",
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
    ],
    ["", "年度资金总额", "80", "80", "72", "10", "90%", "9"],
    ["年度总体目标", "预期目标", "", "", "实际完成情况"],
    ["", "保障12个乡镇文化站免费开放。", "", "", "12个乡镇文化站全部免费开放。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["", "产出指标", "数量指标", "免费开放文化站数量", "≥12个", "12个", "50", "50"],
    ["", "效益指标", "社会效益指标", "年服务群众人次", "≥3万人次", "3.2万人次", "30", "30"],
    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10"],
    ["总分", "", "", "", "", "", "100", "99"],
]


def _write(path: Path, hidden_row: list[str] | None = None) -> Path:
    """The form with a hidden column B of codes; optionally a hidden row before the title."""
    wb = Workbook()
    ws = wb.active
    rows = ([hidden_row] if hidden_row else []) + ROWS
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            ws.cell(r, 1 if c == 0 else c + 2, v)
        ws.cell(r, 2, f"BM{r:02d}")
    ws.column_dimensions["B"].hidden = True
    if hidden_row:
        ws.row_dimensions[1].hidden = True
    wb.save(path)
    return path


def test_hidden_column_inside_the_table_is_skipped(tmp_path: Path) -> None:
    form = form_to_contract(read(_write(tmp_path / "hidden_col.xlsx")).forms[0])
    assert form["project"] == "乡镇文化站免费开放"
    assert form["supervisor"] == "桐江县文化和旅游局"
    assert form["implementer"] == "桐江县文化馆"
    assert form["total_score"] == 99
    names = [i["name"] for g in form["goals"] for i in g["indicators"]]
    assert names == ["免费开放文化站数量", "年服务群众人次", "群众满意度"]


def test_hidden_row_is_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path / "hidden_row.xlsx", hidden_row=["填报日期：2019年1月5日"])
    form = form_to_contract(read(path).forms[0])
    assert form["filled_on"] is None
    assert form["project"] == "乡镇文化站免费开放"


def test_hidden_sheet_is_not_read(tmp_path: Path) -> None:
    """A hidden sheet holding the lists behind drop-down cells (评价等级 优/良/中/差) is never
    printed; before, its words ran on into the last text box of the form (corpus4 d01)."""
    wb = Workbook()
    ws = wb.active
    for r, row in enumerate([*ROWS, ["改进措施", "加强项目前期论证。"]], 1):
        for c, v in enumerate(row, 1):
            ws.cell(r, c, v)
    lists = wb.create_sheet("下拉选项")
    for r, v in enumerate(["评价等级", "优", "良", "中", "差"], 1):
        lists.cell(r, 1, v)
    lists.sheet_state = "hidden"
    path = tmp_path / "hidden_sheet.xlsx"
    wb.save(path)
    doc = read(path)
    assert len(doc.forms) == 1
    assert form_to_contract(doc.forms[0])["improvement"] == "加强项目前期论证。"


def test_unsaved_formula_on_a_hidden_sheet_does_not_refuse_the_workbook(tmp_path: Path) -> None:
    """A generated workbook's hidden helper sheet may hold a formula with no saved value; it is
    never printed, so the form is read (a visible sheet's such formula is still refused)."""
    wb = Workbook()
    ws = wb.active
    for r, row in enumerate(ROWS, 1):
        for c, v in enumerate(row, 1):
            ws.cell(r, c, v)
    lists = wb.create_sheet("下拉选项")
    lists["A1"] = "=COUNTA(B:B)"  # openpyxl saves no cached value
    lists.sheet_state = "hidden"
    path = tmp_path / "hidden_formula.xlsx"
    wb.save(path)
    [form] = read(path).forms
    assert form_to_contract(form)["total_score"] == 99
