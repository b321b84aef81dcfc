"""A DOCX form whose table stands inside the one cell of a layout table (a frame around the page).

Word users put the form in a bordered one-cell table, or side by side with a stamp box; the
reader took only the top-level table and lost every indicator of the form inside it.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

ROWS = [
    ["项目名称", "乡村公路养护", "", "", "", "", ""],
    ["主管部门", "桐江县交通运输局", "", "", "实施单位", "桐江县公路养护中心", ""],
    ["项目资金（万元）", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
    ["年度资金总额", "200", "200", "180", "10", "90%", "9"],
    ["年度总体目标", "预期目标", "", "", "实际完成情况", "", ""],
    ["", "完成农村公路日常养护。", "", "", "已完成农村公路日常养护。", "", ""],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", "50", "50"],
    ["效益指标", "社会效益指标", "道路优良率", "≥85%", "88%", "30", "30"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10"],
    ["总分", "", "", "", "", "100", "99"],
]


def _nested_docx(path: Path, *, side_cell: bool) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("2023年度项目支出绩效自评表")
    frame = doc.add_table(rows=1, cols=2 if side_cell else 1)
    cell = frame.cell(0, 0)
    cell.paragraphs[0].text = "填报单位（盖章）：桐江县公路养护中心"
    inner = cell.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, values in enumerate(ROWS):
        for c, value in enumerate(values):
            inner.cell(r, c).text = value
    if side_cell:
        frame.cell(0, 1).text = "（盖章）"
    doc.save(str(path))
    return path


def _check(path: Path) -> None:
    [form] = read(path).forms
    assert form.project == "乡村公路养护"
    assert form.budget is not None
    assert (form.budget.planned, form.budget.executed, form.budget.score) == (200, 180, 9)
    assert [(i.name, i.target, i.actual, i.weight, i.score) for _, i in form.indicators()] == [
        ("养护里程", "≥120公里", "126公里", 50, 50),
        ("道路优良率", "≥85%", "88%", 30, 30),
        ("群众满意度", "≥90%", "93%", 10, 10),
    ]
    assert form.total_score == 99


def test_form_inside_a_one_cell_frame(tmp_path: Path) -> None:
    _check(_nested_docx(tmp_path / "自评表.docx", side_cell=False))


def test_form_beside_a_stamp_cell(tmp_path: Path) -> None:
    _check(_nested_docx(tmp_path / "自评表.docx", side_cell=True))
