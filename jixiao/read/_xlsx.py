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
    """Every sheet in order; a row with one bordered-less text cell is a line of running text.

    The workbook is loaded read-only (openpyxl's streaming parser: the same values, dates and
    styles, without building every cell object and formatting every merged range's borders,
    which was nine tenths of the time). Read-only mode does not parse merged ranges, so they
    are taken from the sheet's own ``<mergeCell>`` list; cells covered by a range read as
    empty, as openpyxl's full mode has them.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    check_zip(path, "xlsx")
    try:
        with warnings.catch_warnings():  # openpyxl warns about extensions it ignores (数据验证 …)
            warnings.simplefilter("ignore")
            wb = load_workbook(path, read_only=True, data_only=True)
            try:
                sheets = [(ws.title, *_sheet(wb, ws)) for ws in wb.worksheets]
            finally:
                wb.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise ReadError(str(path), "不是有效的 Excel（.xlsx）文件（文件结构损坏）") from e
    check_formula_values(path)  # a formula saved without its value would read as an empty cell
    rows: list[Row] = []
    for title, lines, ranges in sheets:
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
        bordered = _has_borders(lines[:60])
        gap = False
        for r, line in enumerate(lines, start=1):
            cells = [clean_cell(display_text(c.value, getattr(c, "number_format", "General"))) for c in line]
            while cells and not cells[-1]:
                cells.pop()
            if not any(cells):
                gap = True
                continue
            filled = [k for k, c in enumerate(cells) if c]
            first = line[filled[0]]
            src = Source(file=str(path), sheet=title, cell=f"{get_column_letter(filled[0] + 1)}{r}")
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


class _Empty:
    """A cell covered by a merged range: no value, no style (openpyxl's ``MergedCell``)."""

    __slots__ = ()
    value = None
    number_format = "General"
    border = None
    font = None


EMPTY = _Empty()
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)\"")


def _sheet(wb: Any, ws: Any) -> tuple[list[tuple[Any, ...]], list[tuple[int, int, int, int]]]:
    """The rows of one read-only sheet (each as long as its last stored cell, row 1 first) and
    its merged ranges as (min_col, min_row, max_col, max_row)."""
    from openpyxl.utils import range_boundaries

    ws.reset_dimensions()  # the stored <dimension> is often wrong; rows carry their own width
    lines = [tuple(line) for line in ws.iter_rows()]
    with wb._archive.open(ws._worksheet_path) as f:
        xml = f.read()
    ranges = []
    for m in _MERGE.finditer(xml):
        ref = m[1].decode()
        if ":" not in ref:
            continue
        bounds = range_boundaries(ref)
        if None not in bounds:
            ranges.append(bounds)
    return lines, ranges  # type: ignore[return-value]


def _has_borders(lines: list[tuple[Any, ...]]) -> bool:
    for line in lines:
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
