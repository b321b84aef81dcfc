"""XLSX worksheets as rows: merged ranges keep their text in the top-left cell only."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from jixiao.model import Source
from jixiao.read._clean import clean_cell
from jixiao.read._grid import Row
from jixiao.read._xlsx_package import EMPTY, Sheet, column_letters, read_sheets
from jixiao.read.native import boxed_line

__all__ = ["display_text", "sheet_rows", "xlsx_rows"]


def xlsx_rows(path: Path) -> list[Row]:
    """Every sheet in order; a row with one bordered-less text cell is a line of running text.

    The package is checked and read directly (``_xlsx_package``: one lxml parse per part,
    shared with the guard, no workbook model). Cells covered by a merged range read as empty,
    as Excel shows them. Hidden sheets are left out, as hidden rows and columns are.
    """
    rows: list[Row] = []
    for sheet in read_sheets(path):
        if not sheet.hidden:  # a hidden sheet (drop-down lists, lookups) is never printed
            rows.extend(sheet_rows(path, sheet))
    return rows


def sheet_rows(path: Path, sheet: Sheet) -> list[Row]:
    """The rows of one sheet: its table rows and its lines of running text."""
    lines, ranges = sheet.lines, sheet.ranges
    covered: set[tuple[int, int]] = set()
    merged_width = {}
    merged_down: dict[int, set[int]] = {}
    ncols = max((len(line) for line in lines), default=0)
    for min_col, min_row, max_col, max_row in ranges:
        merged_width[(min_row, min_col)] = max_col - min_col + 1
        if max_row > min_row:
            merged_down.setdefault(min_row, set()).add(min_col - 1)
        covered.update((r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1))
        covered.discard((min_row, min_col))
        ncols = max(ncols, max_col)
    ncols = max(ncols, 1)
    if covered:
        lines = [
            tuple(EMPTY if (r, k) in covered else c for k, c in enumerate(line, start=1))
            for r, line in enumerate(lines, start=1)
        ]
    if sheet.hidden_rows or sheet.hidden_cols:  # hidden cells are not printed: not part of the form
        lines = [
            ()
            if r in sheet.hidden_rows
            else tuple(EMPTY if k in sheet.hidden_cols else c for k, c in enumerate(line, start=1))
            for r, line in enumerate(lines, start=1)
        ]
    bordered = any(style.left_border for line in lines[:60] for _, style in line)
    rows: list[Row] = []
    gap = False
    boxes: dict[int, list[tuple[int, str]]] = {}
    for r, c, text in sheet.boxes:
        boxes.setdefault(min(r, len(lines) + 1), []).append((c, text))
    for r, line in enumerate([*lines, ()], start=1):
        for c, text in boxes.pop(r, ()):  # a text box's lines, before the row it stands on
            src = Source(file=str(path), sheet=sheet.title, cell=f"{column_letters(c)}{r}")
            rows.append(Row([clean_cell(text)], src, table=False, after_gap=gap))
            gap = False
        cells = [
            "" if value is None else clean_cell(display_text(value, style.number_format))
            for value, style in line
        ]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            gap = True
            continue
        filled = [k for k, c in enumerate(cells) if c]
        first = line[filled[0]][1]
        src = Source(file=str(path), sheet=sheet.title, cell=f"{column_letters(filled[0] + 1)}{r}")
        if len(filled) == 1:
            wide = merged_width.get((r, filled[0] + 1), 1) >= max(ncols - 1, 2)
            boxed = boxed_line(cells) is not None
            if boxed or (bordered and not first.left_border) or (not bordered and (wide or filled[0] == 0)):
                rows.append(Row([cells[filled[0]]], src, table=False, heading=first.heading, after_gap=gap))
                gap = False
                continue
        down = frozenset(merged_down.get(r, ()))
        rows.append(Row(cells, src, table=True, after_gap=gap, exact=True, merged_down=down))
        gap = False
    return rows


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
