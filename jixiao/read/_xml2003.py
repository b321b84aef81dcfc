"""Excel 2003 XML (SpreadsheetML) workbooks, which finance systems export under an ``.xls`` name.

``<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">``: each ``Worksheet/Table``
is a sheet of ``Row``s of ``Cell``s. A cell or row may skip ahead (``ss:Index``), a merged cell
is written once with ``ss:MergeAcross`` / ``ss:MergeDown`` and the cells it covers are left
out; hidden rows/columns carry ``ss:Hidden="1"``. Each becomes the same ``Sheet`` an XLSX gives,
with the style's number format, left border and bold/≥ 14 pt font, read by ``_xlsx.sheet_rows``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._limits import LimitError, limits, xml_parser
from jixiao.read._xlsx_package import EMPTY, Cell, Sheet
from jixiao.read._xlsx_styles import DEFAULT_STYLE, CellStyle

__all__ = ["xml2003_rows", "xml2003_sheets"]

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_HEADING_PT = 14
_MAX_INDEX = 16384  # Excel's last column; an index past it (or past the row limit) is a broken file
# Excel's named formats (the XML writes a name where the XLSX writes a built-in id)
_NAMED = {"Fixed": "0.00", "Standard": "#,##0.00", "Percent": "0.00%", "General Number": "General"}


def xml2003_rows(path: Path) -> list[Row]:
    from jixiao.read._xlsx import sheet_rows

    rows: list[Row] = []
    for sheet in xml2003_sheets(path):
        rows.extend(sheet_rows(path, sheet))
    return rows


def xml2003_sheets(path: Path) -> list[Sheet]:
    from lxml import etree

    data = path.read_bytes()
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise ReadError(str(path), "文件含有 DTD 声明（可能是 XML 实体攻击），拒绝读取")
    try:
        root = etree.fromstring(data, xml_parser(huge=True))
    except etree.XMLSyntaxError as e:
        raise ReadError(
            str(path), f"不是格式正确的 Excel 2003 XML 表格（第 {e.lineno} 行语法错误）"
        ) from None
    styles = _styles(root)
    return [_sheet(path, ws, styles) for ws in root.iter(SS + "Worksheet")]


def _styles(root: Any) -> dict[str, CellStyle]:
    out: dict[str, CellStyle] = {}
    for el in root.iter(SS + "Style"):
        fmt_el = el.find(SS + "NumberFormat")
        fmt = (fmt_el.get(SS + "Format") if fmt_el is not None else None) or "General"
        fmt = _NAMED.get(fmt, fmt)
        left = any(
            b.get(SS + "Position") == "Left" and b.get(SS + "LineStyle", "None") != "None"
            for b in el.iterfind(f"{SS}Borders/{SS}Border")
        )
        font = el.find(SS + "Font")
        bold = font is not None and font.get(SS + "Bold") == "1"
        try:
            size = float(font.get(SS + "Size") or 0) if font is not None else 0.0
        except ValueError:
            size = 0.0
        out[el.get(SS + "ID") or ""] = CellStyle(
            number_format=fmt, left_border=left, heading=bold or size >= _HEADING_PT
        )
    return out


def _index(el: Any, default: int) -> int:
    try:
        n = int(el.get(SS + "Index") or default)
    except ValueError:
        return default
    return n if n > 0 else default


def _count(el: Any, name: str) -> int:
    try:
        return max(int(el.get(SS + name) or 0), 0)
    except ValueError:
        return 0


def _sheet(path: Path, ws: Any, styles: dict[str, CellStyle]) -> Sheet:
    lim = limits()
    name = ws.get(SS + "Name") or ""
    lines: list[tuple[Cell, ...]] = []
    ranges: list[tuple[int, int, int, int]] = []
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    table = ws.find(SS + "Table")
    col = 0
    for c in table.iterfind(SS + "Column") if table is not None else ():
        col = _index(c, col + 1)
        span = min(_count(c, "Span"), _MAX_INDEX)
        if c.get(SS + "Hidden") == "1":
            hidden_cols.update(range(col, col + span + 1))
        col += span
    row_no = 0
    cells_seen = 0
    for r in table.iterfind(SS + "Row") if table is not None else ():
        row_no = _index(r, row_no + 1)
        if row_no > lim.max_sheet_rows:
            raise LimitError(
                path, "max_sheet_rows", f"{name} 超过 {lim.max_sheet_rows} 行", lim.max_sheet_rows
            )
        if r.get(SS + "Hidden") == "1":
            hidden_rows.add(row_no)
        line: list[Cell] = []
        k = 0
        for c in r.iterfind(SS + "Cell"):
            k = _index(c, k + 1)
            if k > _MAX_INDEX:
                break
            across, down = _count(c, "MergeAcross"), _count(c, "MergeDown")
            if across or down:
                ranges.append((k, row_no, k + across, row_no + down))
            while len(line) < k - 1:
                line.append(EMPTY)
            line.append((_value(c), styles.get(c.get(SS + "StyleID") or "", DEFAULT_STYLE)))
            k += across
        cells_seen += len(line)
        if cells_seen > lim.max_sheet_cells:
            found = f"{name} 超过 {lim.max_sheet_cells} 个单元格"
            raise LimitError(path, "max_sheet_cells", found, lim.max_sheet_cells)
        while len(lines) < row_no - 1:
            lines.append(())
        lines.append(tuple(line))
    return Sheet(name, lines, ranges, frozenset(hidden_rows), frozenset(hidden_cols))


def _value(c: Any) -> Any:
    data = c.find(SS + "Data")
    if data is None:
        return None
    kind = data.get(SS + "Type") or "String"
    text = "".join(data.itertext())
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text or None
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "DateTime":
        try:
            return dt.datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return text or None
    if kind == "Boolean":
        return text.strip() == "1"
    return text or None
