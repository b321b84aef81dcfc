"""The 问题清单: confirmed findings of a selection as one worksheet, the reviewer's deliverable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from jixiao.vocabulary import SEVERITY_NAMES
from jixiao.write._files import atomic_output
from jixiao.write._page import text_lines

__all__ = ["ISSUE_COLUMNS", "IssueLine", "write_issue_list"]


@dataclass
class IssueLine:
    """One row of the list; values as the reviewer sees them."""

    unit: str
    year: str
    form: str
    indicator: str
    problem: str
    printed: Any
    expected: Any
    rule: str
    verdict: str
    comment: str
    advice: str = ""  # 整改建议 of the finding's type: what the unit corrects, where
    severity: str = ""  # 严重程度 as the project names it (``vocabulary.SEVERITY_NAMES``: 错误/警告/提示)


# widths in Latin characters (a CJK character is two): 230 in all, so that the list printed on
# A4 landscape, one page wide, stays at a legible scale (texts wrap inside their cells)
ISSUE_COLUMNS = (
    ("单位", 16),
    ("年度", 7),
    ("表格", 24),
    ("指标", 20),
    ("问题", 36),
    ("严重程度", 9),
    ("填报值", 10),
    ("规则值", 10),
    ("依据", 28),
    ("整改建议", 35),
    ("审核结论", 10),
    ("审核意见", 25),
)
# a unit reads what it must correct first: 错误, then 警告, then 提示 (the vocabulary's order)
_RANK = {name: n for n, name in enumerate(SEVERITY_NAMES.values())}
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LINE_PT = 14.0  # one printed line of 10.5pt 宋体


def write_issue_list(lines: Sequence[IssueLine], path: str | Path, title: str = "问题清单") -> Path:
    """Write the list (a header row, one row per finding) atomically to ``path``.

    Each unit's rows keep their order but for severity: its 错误 first, then 警告, then 提示
    (units stay in the order given, a severity outside the vocabulary last)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    ws.append([name for name, _ in ISSUE_COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True, name="宋体", size=10.5)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
    for line in _by_severity(lines):
        ws.append(
            [
                line.unit,
                line.year,
                line.form,
                line.indicator,
                line.problem,
                line.severity,
                line.printed,
                line.expected,
                line.rule,
                line.advice,
                line.verdict,
                line.comment,
            ]
        )
    for n, (_, width) in enumerate(ISSUE_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    for n, row in enumerate(ws.iter_rows(min_row=1), start=1):
        tall = 1
        for cell, (_, width) in zip(row, ISSUE_COLUMNS, strict=True):
            if n > 1:
                cell.font = Font(name="宋体", size=10.5)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.border = _BOX
            text = "" if cell.value is None else str(cell.value)
            tall = max(tall, text_lines(text, width / 2))
        # a spreadsheet does not grow a row for wrapped text it did not lay out itself: without
        # a height the printed list shows the first line of each 问题 and 整改建议 only
        ws.row_dimensions[n].height = _LINE_PT * tall + 4
    ws.freeze_panes = "A2"
    _print_setup(ws, title)
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)


def _by_severity(lines: Sequence[IssueLine]) -> list[IssueLine]:
    first: dict[str, int] = {}
    for line in lines:
        first.setdefault(line.unit, len(first))
    return sorted(lines, key=lambda x: (first[x.unit], _RANK.get(x.severity, len(_RANK))))


def _print_setup(ws: Any, title: str) -> None:
    """How the unit that receives the list prints it: A4 landscape, every column on one page
    wide, the header row repeated on each page (a list of many findings runs to several pages),
    the list's title above and the page number below each page."""
    ws.oddHeader.center.text = title
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
