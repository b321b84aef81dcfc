"""A form table pasted into a DOCX as text: one paragraph per row, cells separated by TABs.

Users copy a table out of a PDF or a spreadsheet into Word as plain text; each row becomes a
paragraph with TAB characters between its cells (covered cells empty, as a PDF text dump prints
them). The DOCX reader turned every TAB into a space, so no table header was found and the
document gave no form (corpus5 d03, n02).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

ROWS = [
    ["项目名称", "乡村公路养护"],
    ["主管部门", "桐江县交通运输局", "", "", "实施单位", "桐江县公路养护中心"],
    ["项目资金（万元）", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
    ["年度资金总额", "200", "200", "180", "10", "90%", "9"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", "50", "50"],
    ["效益指标", "社会效益指标", "道路优良率", "≥85%", "88%", "30", "30"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10"],
    ["总分", "", "", "", "", "100", "99"],
]


def _tabbed_docx(path: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("2023年度项目支出绩效自评表")
    doc.add_paragraph("填报日期：2024年3月8日")
    for values in ROWS:
        doc.add_paragraph("\t".join(values))
    doc.save(str(path))
    return path


def test_tab_paragraphs_are_table_rows(tmp_path: Path) -> None:
    [form] = read(_tabbed_docx(tmp_path / "自评表.docx")).forms
    assert form.project == "乡村公路养护"
    assert form.implementer == "桐江县公路养护中心"
    assert form.filled_on == "2024-03-08"
    assert form.budget is not None
    assert (form.budget.planned, form.budget.executed, form.budget.score) == (200, 180, 9)
    assert [(i.level1, i.name, i.target, i.actual, i.weight, i.score) for _, i in form.indicators()] == [
        ("产出指标", "养护里程", "≥120公里", "126公里", 50, 50),
        ("效益指标", "道路优良率", "≥85%", "88%", 30, 30),
        ("满意度指标", "群众满意度", "≥90%", "93%", 10, 10),
    ]
    assert form.total_score == 99
