"""XLSX sheets as rows: a merged range keeps its text in its top-left cell, covered cells are ``""``."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from jixiao.model import Source
from jixiao.read._clean import clean_cell
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row

__all__ = ["cell_text", "xlsx_rows"]


def cell_text(value: Any, number_format: str = "General") -> str:
    """A cell value as the sheet shows it: 0.6883 with a % format prints as "68.83%"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if "%" in number_format:
            return _num(round(float(value) * 100, 8)) + "%"
        return _num(float(value))
    return str(value)


def _num(v: float) -> str:
    """12517.42 → "12517.42", 20.0 → "20" (ten decimals at most, as a cell would show them)."""
    if v.is_integer():
        return str(int(v))
    return f"{v:.10f}".rstrip("0").rstrip(".")


def xlsx_rows(path: Path) -> list[Row]:
    """Every visible sheet's used range, row by row; a row with one unbordered cell is text."""
    from openpyxl import load_workbook

    from jixiao.read.native import single_line

    try:
        wb = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise ReadError(str(path), f"不是有效的 XLSX 工作簿（{type(e).__name__}）") from e
    rows: list[Row] = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        ncols = ws.max_column
        gap = False
        for r, cells in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row), start=1):
            texts = [clean_cell(cell_text(c.value, c.number_format or "General")) for c in cells]
            while len(texts) < ncols:
                texts.append("")
            filled = [i for i, t in enumerate(texts) if t]
            if not filled:
                gap = True
                continue
            first = cells[filled[0]]
            source = Source(file=str(path), sheet=ws.title, cell=f"{first.column_letter}{r}")
            text_like = len(filled) == 1 and (not _bordered(first) or single_line(texts) is not None)
            if text_like:
                row = Row(cells=[texts[filled[0]]], source=source, table=False, after_gap=gap)
            else:
                row = Row(cells=texts, source=source, table=True, after_gap=gap)
            rows.append(row)
            gap = False
    return rows


def _bordered(cell: Any) -> bool:
    b = cell.border
    return any(getattr(side, "style", None) for side in (b.left, b.right, b.top, b.bottom))
