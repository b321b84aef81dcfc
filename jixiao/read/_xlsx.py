"""XLSX worksheets as rows: merged ranges keep their text in the top-left cell only."""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

from jixiao.model import Source
from jixiao.read._clean import clean_cell
from jixiao.read._errors import ReadError
from jixiao.read._formulas import check_formula_values
from jixiao.read._grid import Row
from jixiao.read._limits import check_zip
from jixiao.read.native import boxed_line

__all__ = ["display_text", "xlsx_rows"]


def xlsx_rows(path: Path) -> list[Row]:
    """Every sheet in order; a row with one bordered-less text cell is a line of running text."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    check_zip(path, "xlsx")
    try:
        with warnings.catch_warnings():  # openpyxl warns about extensions it ignores (数据验证 …)
            warnings.simplefilter("ignore")
            wb = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise ReadError(str(path), "不是有效的 Excel（.xlsx）文件（文件结构损坏）") from e
    check_formula_values(path)  # a formula saved without its value would read as an empty cell
    rows: list[Row] = []
    for ws in wb.worksheets:
        bordered = _has_borders(ws)
        merged_width = {}
        merged_down: dict[int, set[int]] = {}
        for rng in ws.merged_cells.ranges:
            merged_width[(rng.min_row, rng.min_col)] = rng.max_col - rng.min_col + 1
            if rng.max_row > rng.min_row:
                merged_down.setdefault(rng.min_row, set()).add(rng.min_col - 1)
        ncols = ws.max_column
        gap = False
        for r, line in enumerate(ws.iter_rows(), start=1):
            cells = [clean_cell(display_text(c.value, getattr(c, "number_format", "General"))) for c in line]
            while cells and not cells[-1]:
                cells.pop()
            if not any(cells):
                gap = True
                continue
            filled = [k for k, c in enumerate(cells) if c]
            first = line[filled[0]]
            src = Source(file=str(path), sheet=ws.title, cell=f"{get_column_letter(filled[0] + 1)}{r}")
            if len(filled) == 1:
                has_border = bool(first.border and first.border.left and first.border.left.style)
                wide = merged_width.get((r, filled[0] + 1), 1) >= max(ncols - 1, 2)
                boxed = boxed_line(cells) is not None
                if boxed or (bordered and not has_border) or (not bordered and (wide or filled[0] == 0)):
                    font = first.font
                    heading = bool(font and (font.b or (font.sz or 0) >= 14))
                    rows.append(Row([cells[filled[0]]], src, table=False, heading=heading, after_gap=gap))
                    gap = False
                    continue
            down = frozenset(merged_down.get(r, ()))
            rows.append(Row(cells, src, table=True, after_gap=gap, exact=True, merged_down=down))
            gap = False
    return rows


def _has_borders(ws: Any) -> bool:
    for line in ws.iter_rows(max_row=min(ws.max_row, 60)):
        for c in line:
            if c.border and c.border.left and c.border.left.style:
                return True
    return False


_DECIMALS = re.compile(r"0\.(0+)")


def display_text(value: Any, number_format: str | None) -> str:
    """A cell's value as the sheet displays it (percent and fixed-decimal formats honoured)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, int | float):
        fmt = number_format or "General"
        m = _DECIMALS.search(fmt)
        decimals = len(m[1]) if m else None
        if "%" in fmt:
            v = value * 100
            return (f"{v:.{decimals}f}" if decimals is not None else _plain(round(v, 8))) + "%"
        if decimals is not None and fmt != "General":
            text = f"{value:,.{decimals}f}" if "," in fmt else f"{value:.{decimals}f}"
            return text
        if "," in fmt:
            return f"{value:,.0f}"
        return _plain(value)
    return str(value)


def _plain(v: float) -> str:
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.10f}".rstrip("0").rstrip(".")
