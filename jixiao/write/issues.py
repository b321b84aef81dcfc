"""The 问题清单: confirmed findings of a selection as one worksheet, the reviewer's deliverable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from jixiao.write._files import atomic_output

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


ISSUE_COLUMNS = (
    ("单位", 24),
    ("年度", 8),
    ("表格", 36),
    ("指标", 28),
    ("问题", 60),
    ("填报值", 12),
    ("规则值", 12),
    ("依据", 40),
    ("整改建议", 50),
    ("审核结论", 10),
    ("审核意见", 40),
)


def write_issue_list(lines: Sequence[IssueLine], path: str | Path, title: str = "问题清单") -> Path:
    """Write the list (a header row, one row per finding) atomically to ``path``."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    ws.append([name for name, _ in ISSUE_COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True, name="宋体")
    for line in lines:
        ws.append(
            [
                line.unit,
                line.year,
                line.form,
                line.indicator,
                line.problem,
                line.printed,
                line.expected,
                line.rule,
                line.advice,
                line.verdict,
                line.comment,
            ]
        )
    for n, (_, width) in enumerate(ISSUE_COLUMNS):
        ws.column_dimensions[chr(ord("A") + n)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return Path(path)
