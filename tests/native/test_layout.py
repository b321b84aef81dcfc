"""The printed layouts: what a finance bureau expects to see in the cells."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from jixiao.model import Form
from jixiao.write import Template, form_layout, write_xlsx
from jixiao.write._page import Table


def _table(form: Form, template: Template = Template.WUHAN) -> Table:
    sheet = form_layout(form, template)
    return next(b for b in sheet.blocks if isinstance(b, Table))


def test_wuhan_layout_prints_weights_in_labels_and_merges_levels(department_form: Form) -> None:
    t = _table(department_form)
    texts = {c.text: c for c in t.cells}
    assert texts["预算执行情况（万元）（20分）"].rowspan == 2
    assert "得分（20分*执行率）" in texts
    assert texts["年度目标1\n（9分）"].col == 0  # the label in its own cell, its weight below it
    assert texts["维持部门日常工作开展"].colspan == 6
    # 产出指标 (7分) spans its three indicator rows, 数量指标 (3.5分) its two
    assert texts["产出指标（7分）"].rowspan == 3
    assert texts["数量指标（3.5分）"].rowspan == 2
    assert texts["质量指标（2分）"].rowspan == 1
    assert "办公场所正常运转天数（0.5分）" in texts
    grid = t.grid()
    assert ["总分", "", "", "", "", "", "99.59"] in grid
    assert grid[-2][0] == "偏差大或目标未完成原因分析"
    assert grid[-1][0] == "改进措施及结果应用方案"


def test_wuhan_layout_prints_the_rule_set_notes(project_form: Form) -> None:
    sheet = form_layout(project_form)
    notes = [b.text for b in sheet.blocks if not isinstance(b, Table) and b.kind == "note"]
    assert notes[0] == "备注："
    assert notes[1].startswith("1.预算执行情况口径：预算数为调整后财政资金总额")
    assert len(notes) == 5


def test_national_template_has_score_column_and_deviation_column(project_form: Form, tmp_path: Path) -> None:
    path = write_xlsx([project_form], tmp_path / "national.xlsx", Template.NATIONAL)
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    header = next(r for r in rows if r[1] == "一级指标")
    assert list(header[1:]) == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    budget = next(r for r in rows if r[1] == "年度资金总额")
    # 财预〔2020〕10号 order (example 02 prints it): 全年预算数, 全年执行数, 分值, 执行率, 得分
    assert budget[3:8] == (2903.5, 2903.5, 20, 1, 20)
    indicator = next(r for r in rows if r[3] == "房租缴纳及时性")
    assert indicator[1:8] == ("产出指标", "时效指标", "房租缴纳及时性", "及时", "及时", None, 80)
    # the form states one analysis for the whole form (a Wuhan form): a full-width row under the
    # table, never the whole text in the first indicator's 偏差原因分析及改进措施 cell
    assert indicator[8] is None
    below = [r for r in rows if r[0] in ("偏差原因分析", "改进措施")]
    assert any(str(r[1]).startswith("2020年度政务服务和大数据管理局按照合同规定时间") for r in below)
    assert all(r[1] and r[2] is None for r in below)  # merged across the row
    notes = [r[0] for r in rows if r[0] and str(r[0]).startswith("2.分值")]
    assert notes == [
        "2.分值一般为：预算执行率10分，产出指标50分，效益指标30分，满意度指标10分；本表列示的分值以原表为准。"
    ]


def test_xlsx_keeps_numbers_as_numbers_and_texts_as_printed(project_form: Form, tmp_path: Path) -> None:
    project_form.goals[0].indicators[0].target = "=100%"  # a target a spreadsheet must not evaluate
    path = write_xlsx([project_form], tmp_path / "a.xlsx")
    ws = load_workbook(path).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert 2903.5 in values and "=100%" in values
    rate = next(c for row in ws.iter_rows() for c in row if c.value == 1 and c.number_format.endswith("%"))
    assert rate.number_format == "0%"
    assert ws.merged_cells.ranges  # label cells are merged, as printed
