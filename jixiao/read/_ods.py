"""OpenDocument spreadsheets (.ods) as the same ``Sheet``s an XLSX gives, read with lxml.

``content.xml``: each ``table:table`` is a sheet; rows and cells carry
``number-rows-repeated`` / ``number-columns-repeated`` (LibreOffice ends every sheet with a
million repeated empty rows: they are counted, never built), merged cells
``number-columns-spanned`` / ``number-rows-spanned`` with ``table:covered-table-cell`` under
them, hidden rows and columns ``table:visibility="collapse"``. A number keeps its value and
the decimals/percent/grouping of its data style, a date its date, so ``_xlsx.sheet_rows``
displays them as it does for an XLSX saved from the same sheet.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from pathlib import Path
from typing import Any

from jixiao.read._grid import Row
from jixiao.read._limits import LimitError, limits
from jixiao.read._odf import OFFICE, TABLE, OdfStyles, cell_text, odf_parts
from jixiao.read._xlsx_package import EMPTY, Cell, Sheet
from jixiao.read._xlsx_styles import CellStyle

__all__ = ["ods_rows", "ods_sheets"]

_HEADING_PT = 14
_MAX_EMPTY_RUN = 64  # repeated styled empty cells built (beyond: only counted)
_ROW, _CELL, _COVERED, _COLUMN = (
    TABLE + t for t in ("table-row", "table-cell", "covered-table-cell", "table-column")
)


def ods_rows(path: Path) -> list[Row]:
    from jixiao.read._xlsx import sheet_rows

    rows: list[Row] = []
    for sheet in ods_sheets(path):
        rows.extend(sheet_rows(path, sheet))
    return rows


def ods_sheets(path: Path) -> list[Sheet]:
    content, styles_root = odf_parts(path, "ods")
    styles = _CellStyles(OdfStyles(content, styles_root))
    body = content.find(f"{OFFICE}body/{OFFICE}spreadsheet")
    if body is None:
        return []
    return [_Table(path, table, styles).sheet() for table in body.iter(TABLE + "table")]


class _CellStyles:
    def __init__(self, styles: OdfStyles) -> None:
        self.styles = styles
        self._out: dict[str | None, CellStyle] = {}

    def __getitem__(self, name: str | None) -> CellStyle:
        got = self._out.get(name)
        if got is None:
            facts = self.styles.facts("table-cell", name)
            fmt = self.styles.number_format(facts.data_style)
            got = self._out[name] = CellStyle(
                number_format=fmt,
                left_border=facts.left_border,
                heading=facts.bold or facts.size_pt >= _HEADING_PT,
            )
        return got


def _int(value: str | None, default: int = 1) -> int:
    try:
        return max(int(value), 1) if value is not None else default
    except ValueError:
        return default


class _Table:
    def __init__(self, path: Path, table: Any, styles: _CellStyles) -> None:
        self.path, self.table, self.styles = path, table, styles
        self.name = table.get(TABLE + "name") or ""
        self.lines: list[tuple[Cell, ...]] = []
        self.ranges: list[tuple[int, int, int, int]] = []
        self.hidden_rows: set[int] = set()
        self.hidden_cols: set[int] = set()
        self.col_starts: list[int] = []  # 1-based first column of each <table:table-column> run
        self.col_styles: list[str | None] = []
        self.cells = 0

    def sheet(self) -> Sheet:
        self._columns()
        pending = 0  # empty rows not built yet (only a later row with content builds them)
        row_no = 0
        lim = limits()
        for tr in self.table.iter(_ROW):
            if not self._own(tr):
                continue
            repeat = _int(tr.get(TABLE + "number-rows-repeated"))
            line = self._line(tr, row_no + 1)
            if not any(value is not None for value, _ in line) and not self._spans_at(row_no + 1):
                pending += repeat
                row_no += repeat
                continue
            if row_no + repeat > lim.max_sheet_rows:
                raise LimitError(
                    self.path,
                    "max_sheet_rows",
                    f"{self.name} 超过 {lim.max_sheet_rows} 行",
                    lim.max_sheet_rows,
                )
            self.lines.extend([()] * pending)
            pending = 0
            hidden = tr.get(TABLE + "visibility") in ("collapse", "filter")
            for k in range(repeat):
                self.lines.append(line)
                if hidden:
                    self.hidden_rows.add(row_no + k + 1)
            row_no += repeat
            self.cells += len(line) * repeat
            if self.cells > lim.max_sheet_cells:
                found = f"{self.name} 超过 {lim.max_sheet_cells} 个单元格"
                raise LimitError(self.path, "max_sheet_cells", found, lim.max_sheet_cells)
        return Sheet(
            self.name, self.lines, self.ranges, frozenset(self.hidden_rows), frozenset(self.hidden_cols)
        )

    def _own(self, el: Any) -> bool:
        """A row or column of this table, not of a table inside one of its cells."""
        parent = el.getparent()
        while parent is not None and parent.tag != TABLE + "table":
            parent = parent.getparent()
        return parent is self.table

    def _columns(self) -> None:
        col = 1
        for el in self.table.iter(_COLUMN):
            if not self._own(el):
                continue
            repeat = _int(el.get(TABLE + "number-columns-repeated"))
            self.col_starts.append(col)
            self.col_styles.append(el.get(TABLE + "default-cell-style-name"))
            if el.get(TABLE + "visibility") in ("collapse", "filter") and repeat <= 16384:
                self.hidden_cols.update(range(col, col + repeat))
            col += repeat

    def _column_style(self, col: int) -> str | None:
        k = bisect_right(self.col_starts, col) - 1
        return self.col_styles[k] if k >= 0 else None

    def _spans_at(self, row: int) -> bool:
        return bool(self.ranges) and self.ranges[-1][1] == row

    def _line(self, tr: Any, row: int) -> tuple[Cell, ...]:
        cells: list[Cell] = []
        row_style = tr.get(TABLE + "default-cell-style-name")
        col = 1
        for tc in tr:
            if tc.tag not in (_CELL, _COVERED):
                continue
            repeat = _int(tc.get(TABLE + "number-columns-repeated"))
            if tc.tag == _COVERED:
                col += repeat
                continue
            name = tc.get(TABLE + "style-name") or row_style or self._column_style(col)
            style = self.styles[name]
            value = _value(tc)
            spans = (
                _int(tc.get(TABLE + "number-columns-spanned")),
                _int(tc.get(TABLE + "number-rows-spanned")),
            )
            if value is None and spans == (1, 1) and (repeat > _MAX_EMPTY_RUN or not style.left_border):
                col += repeat
                continue
            while len(cells) < col - 1:
                cells.append(EMPTY)
            for k in range(repeat):
                cells.append((value, style))
                if spans != (1, 1):
                    self.ranges.append((col + k, row, col + k + spans[0] - 1, row + spans[1] - 1))
            col += repeat
        while cells and cells[-1][0] is None:
            cells.pop()
        return tuple(cells)


def _value(tc: Any) -> Any:
    kind = tc.get(OFFICE + "value-type")
    if kind in ("float", "percentage", "currency"):
        try:
            number = float(tc.get(OFFICE + "value") or "")
        except ValueError:
            return cell_text(tc) or None
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "date":
        text = tc.get(OFFICE + "date-value") or ""
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return cell_text(tc) or None
    if kind == "boolean":
        return (tc.get(OFFICE + "boolean-value") or "").lower() == "true"
    text = tc.get(OFFICE + "string-value") if kind == "string" else None
    text = text if text is not None else cell_text(tc)
    return text or None
