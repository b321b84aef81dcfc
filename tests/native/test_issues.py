"""The 问题清单 as the unit that receives it prints it: every column on the page, the header on
each page, no finding cut to its first line."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from jixiao.write import IssueLine, write_issue_list
from jixiao.write.issues import ISSUE_COLUMNS

ADVICE = "填报单位：该目标下各指标得分合计不得超过目标分值，逐项找出得分超过分值的指标改正，并同步调整总分；审核人员：核对目标分值本身是否印错。"


def _line(n: int) -> IssueLine:
    return IssueLine(
        unit="区科经局",
        year="2021",
        form="2021年度区科经局部门整体绩效自评表",
        indicator=f"年度目标{n}",
        problem=f"“年度目标{n}”各项得分合计 0.8 分，超过该目标分值 0.2 分",
        printed=0.8,
        expected=0.2,
        rule=f"部门整体绩效自评表，“年度目标{n}”：备注第2条：得分不得突破权重",
        verdict="确认",
        comment="",
        advice=ADVICE,
    )


def test_issue_list_prints_on_a4_landscape_one_page_wide(tmp_path: Path) -> None:
    out = write_issue_list([_line(n) for n in range(1, 60)], tmp_path / "问题清单.xlsx")
    ws = load_workbook(out).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == tuple(name for name, _ in ISSUE_COLUMNS) and len(rows) == 60
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0  # as many pages down as the findings need
    assert ws.print_title_rows.replace("$", "") == "1:1"  # the header again on every page


def test_issue_list_rows_are_as_tall_as_their_longest_text(tmp_path: Path) -> None:
    """A spreadsheet prints a row at the height it is given: the 整改建议 of 60 characters in a
    column 17 characters wide needs 4 lines, a one-line row stays one line."""
    one = IssueLine("单位", "2021", "表", "指标", "问题", 1, 2, "依据", "确认", "", "改正")
    out = write_issue_list([_line(1), one], tmp_path / "问题清单.xlsx")
    ws = load_workbook(out).active
    assert ws is not None
    long_row, short_row = ws.row_dimensions[2].height, ws.row_dimensions[3].height
    assert long_row is not None and short_row is not None
    assert long_row > 3 * short_row
    assert ws["A2"].border.left.style == "thin" and ws["I2"].alignment.wrap_text


def test_issue_list_pages_say_what_they_are_and_which_page(tmp_path: Path) -> None:
    out = write_issue_list([_line(1)], tmp_path / "问题清单.xlsx", title="2021年度问题清单")
    ws = load_workbook(out).active
    assert ws is not None and ws.title == "2021年度问题清单"
    assert ws.oddHeader.center.text == "2021年度问题清单"
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_issue_list_names_each_findings_severity_errors_first(tmp_path: Path) -> None:
    """A unit tells what it must correct (错误) from what it may look at (提示): a 严重程度 column
    in the project's words, each unit's 错误 before its 警告 before its 提示, units in the order
    given and each severity's rows in theirs."""

    def line(unit: str, severity: str, problem: str) -> IssueLine:
        return IssueLine(unit, "2021", "表", "指标", problem, 1, 2, "依据", "确认", "", "改正", severity)

    given = [
        line("乙单位", "提示", "乙1"),
        line("乙单位", "错误", "乙2"),
        line("乙单位", "警告", "乙3"),
        line("乙单位", "错误", "乙4"),
        line("甲单位", "提示", "甲1"),
        line("甲单位", "错误", "甲2"),
    ]
    ws = load_workbook(write_issue_list(given, tmp_path / "问题清单.xlsx")).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    col = {name: n for n, name in enumerate(rows[0])}
    assert col["严重程度"] == col["问题"] + 1
    assert [(r[0], r[col["严重程度"]], r[col["问题"]]) for r in rows[1:]] == [
        ("乙单位", "错误", "乙2"),
        ("乙单位", "错误", "乙4"),
        ("乙单位", "警告", "乙3"),
        ("乙单位", "提示", "乙1"),
        ("甲单位", "错误", "甲2"),
        ("甲单位", "提示", "甲1"),
    ]
    # the A4 landscape page still holds every column at the scale it was made for
    assert sum(width for _, width in ISSUE_COLUMNS) == 230
