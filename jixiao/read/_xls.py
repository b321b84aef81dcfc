"""Old Excel workbooks (``.xls``, BIFF8; WPS 表格's ``.et``) as the same ``Sheet``s an XLSX gives.

xlrd reads the binary workbook with its formatting (``formatting_info=True``): merged ranges,
hidden rows and columns, each cell's number format, font and left border. They are turned into
``_xlsx_package.Sheet``s, so ``_xlsx.sheet_rows`` reads them by exactly the rules of an XLSX
sheet (display text of numbers and dates, running-text lines, merged cells) and a workbook
saved in both formats reads the same.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._limits import LimitError, limits
from jixiao.read._xlsx_package import EMPTY, Cell, Sheet
from jixiao.read._xlsx_styles import (
    BUILTIN_FORMATS,
    DEFAULT_STYLE,
    CellStyle,
    from_serial,
    is_date_format,
    is_timedelta_format,
)

__all__ = ["xlrd_unreadable", "xls_rows", "xls_sheets"]

_HEADING_TWIPS = 14 * 20  # font height is in twentieths of a point

# xlrd's cell types (xlrd.XL_CELL_*), named here so the module imports xlrd only when reading
_EMPTY, _TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR, _BLANK = range(7)


def xls_rows(path: Path) -> list[Row]:
    """Every worksheet's rows, in workbook order (hidden sheets too, as for XLSX)."""
    from jixiao.read._xlsx import sheet_rows

    rows: list[Row] = []
    for sheet in xls_sheets(path):
        rows.extend(sheet_rows(path, sheet))
    return rows


def xls_sheets(path: Path) -> list[Sheet]:
    """The workbook's sheets; a file xlrd cannot open is a ``ReadError`` saying why, in Chinese."""
    book = open_book(path)
    try:
        styles = _Styles(book)
        return [_sheet(path, book, book.sheet_by_index(i), styles) for i in range(book.nsheets)]
    finally:
        book.release_resources()


class _XlrdFailed(ReadError):
    """xlrd could not open the workbook; ``convertible``: LibreOffice may still (old or damaged)."""

    def __init__(self, path: Path, reason: str, convertible: bool) -> None:
        super().__init__(str(path), reason)
        self.convertible = convertible


def xlrd_unreadable(e: ReadError) -> bool:
    """The workbook is old or damaged, not encrypted or missing: worth converting."""
    return isinstance(e, _XlrdFailed) and e.convertible


def open_book(path: Path) -> Any:
    import xlrd

    try:
        return xlrd.open_workbook(
            file_contents=path.read_bytes(), formatting_info=True, on_demand=False, logfile=_Quiet()
        )
    except xlrd.XLRDError as e:
        reason, convertible = _xlrd_reason(str(e))
        raise _XlrdFailed(path, reason, convertible) from None
    except (xlrd.compdoc.CompDocError, AssertionError, LookupError, ValueError, TypeError, struct.error):
        raise _XlrdFailed(path, _DAMAGED, True) from None


_DAMAGED = "不是有效的 Excel 97-2003（.xls）文件（文件已损坏或格式不符），请另存为 .xlsx 再导入"


def _xlrd_reason(message: str) -> tuple[str, bool]:
    """xlrd's English reason as a Chinese one: encrypted, not a workbook, or damaged."""
    text = message.lower()
    if "encrypt" in text:
        return "工作簿已加密（设置了打开密码），请在 Excel/WPS 中取消密码后另存再导入", False
    if "can't find workbook" in text:
        return "文件中没有 Excel 工作簿（可能是改了扩展名的 Word 等文档），请用原程序另存为 .xlsx", False
    return _DAMAGED, True


class _Quiet:
    """xlrd prints warnings about odd records to a log file; they are not the user's business."""

    def write(self, _text: str) -> int:
        return 0


class _Styles:
    """xlrd's XF records as ``CellStyle``s, the rules of ``_xlsx_styles`` applied to them."""

    def __init__(self, book: Any) -> None:
        self._out: dict[int, CellStyle] = {}
        self._book = book

    def __getitem__(self, xf_index: int) -> CellStyle:
        style = self._out.get(xf_index)
        if style is None:
            style = self._out[xf_index] = self._style(xf_index)
        return style

    def _style(self, xf_index: int) -> CellStyle:
        book = self._book
        if not 0 <= xf_index < len(book.xf_list):
            return DEFAULT_STYLE
        xf = book.xf_list[xf_index]
        fmt_record = book.format_map.get(xf.format_key)
        fmt = fmt_record.format_str if fmt_record is not None else BUILTIN_FORMATS.get(xf.format_key)
        fmt = fmt or "General"
        font = book.font_list[xf.font_index] if 0 <= xf.font_index < len(book.font_list) else None
        return CellStyle(
            number_format=fmt,
            date=is_date_format(fmt) and fmt != "General",
            timedelta=is_timedelta_format(fmt),
            left_border=bool(xf.border.left_line_style),
            heading=font is not None and (bool(font.bold) or font.height >= _HEADING_TWIPS),
        )


def _sheet(path: Path, book: Any, sh: Any, styles: _Styles) -> Sheet:
    lim = limits()
    if sh.nrows > lim.max_sheet_rows:
        raise LimitError(path, "max_sheet_rows", f"{sh.name} 有 {sh.nrows} 行", lim.max_sheet_rows)
    if sh.nrows * sh.ncols > lim.max_sheet_cells:
        cells = sh.nrows * sh.ncols
        raise LimitError(path, "max_sheet_cells", f"{sh.name} 有 {cells} 个单元格", lim.max_sheet_cells)
    lines: list[tuple[Cell, ...]] = []
    for r in range(sh.nrows):
        cells = enumerate(zip(sh.row_types(r), sh.row_values(r), strict=True))
        line = [_cell(book, t, v, styles[sh.cell_xf_index(r, c)]) for c, (t, v) in cells]
        while line and line[-1] is EMPTY:
            line.pop()
        lines.append(tuple(line))
    # xlrd: (first row, past last row, first col, past last col), 0-based → Sheet's 1-based
    ranges = [(c0 + 1, r0 + 1, c1, r1) for r0, r1, c0, c1 in sh.merged_cells if r1 > r0 and c1 > c0]
    hidden_rows = frozenset(r + 1 for r, info in sh.rowinfo_map.items() if info.hidden)
    hidden_cols = frozenset(c + 1 for c, info in sh.colinfo_map.items() if info.hidden)
    return Sheet(sh.name, lines, ranges, hidden_rows, hidden_cols)


def _cell(book: Any, ctype: int, value: Any, style: CellStyle) -> Cell:
    if ctype in (_EMPTY, _BLANK):  # a formatted empty cell keeps its style, as in an XLSX
        return (None, style) if ctype == _BLANK else EMPTY
    if ctype == _TEXT:
        return value, style
    if ctype in (_NUMBER, _DATE):
        number = float(value)
        if style.date:
            try:
                return from_serial(number, book.datemode == 1, style.timedelta), style
            except (OverflowError, ValueError):
                return "#VALUE!", style
        return (int(number) if number.is_integer() and abs(number) < 2**53 else number), style
    if ctype == _BOOLEAN:
        return bool(value), style
    if ctype == _ERROR:
        import xlrd

        return xlrd.error_text_from_code.get(value, "#VALUE!"), style
    return None, style
