"""Forms as an Excel workbook (one worksheet per form) in the printed layout.

Totals are ``=SUM(...)`` formulas, so that a clerk who corrects a score sees the total follow.
openpyxl writes formulas without a computed value, and a program that does not calculate
(a reader, a preview, ``openpyxl`` itself with ``data_only``) would then see an empty 总分; so
each formula's value, which the layout knows, is written into the sheet XML after saving
(``_cache_values``), as Excel itself stores it.
"""

from __future__ import annotations

import math
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import Form
from jixiao.write._files import atomic_output
from jixiao.write._layout import Notes, form_layout
from jixiao.write._page import Paragraph, Sheet, Table, Template, text_lines

__all__ = ["sheets_to_xlsx", "write_xlsx"]

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "宋体"
_LINE_PT = 15.0  # height of one 10.5pt text line
_CJK_FIT = 0.8  # a column holds this share of its layout width in CJK characters


def write_xlsx(
    forms: Sequence[Form],
    path: str | Path,
    template: Template = Template.WUHAN,
    notes: Notes = "auto",
    *,
    overwrite: bool = True,
) -> Path:
    """Write the forms to one workbook, a worksheet per form in order (weights in a 分值 column)."""
    sheets = [form_layout(f, template, notes, weight_column=True) for f in forms]
    return sheets_to_xlsx(sheets, path, overwrite=overwrite)


def sheets_to_xlsx(sheets: Sequence[Sheet], path: str | Path, *, overwrite: bool = True) -> Path:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    used: set[str] = set()
    cached: list[dict[str, float]] = []  # per worksheet, in order: cell -> the formula's value
    for sheet in sheets:
        name = _unique(sheet.name, used)
        cached.append(_render(wb.create_sheet(name), sheet))
    with atomic_output(path, overwrite=overwrite) as tmp:
        wb.save(tmp)
        _cache_values(tmp, cached)
    return Path(path)


# a formula cell as openpyxl writes it: <c r="H30" s="5"><f>SUM(H5:H29)</f><v></v></c>
_FORMULA_CELL = re.compile(r'(<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>)<v\s*/?>(?:</v>)?</c>')


def _cache_values(path: Path, cached: list[dict[str, float]]) -> None:
    """Put each formula's value into its ``<v>`` (openpyxl leaves it empty), sheet by sheet."""
    if not any(cached):
        return
    part = path.with_name(path.name + ".values")
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                m = re.fullmatch(r"xl/worksheets/sheet([0-9]+)\.xml", item.filename)
                if m and int(m[1]) <= len(cached) and cached[int(m[1]) - 1]:
                    values = cached[int(m[1]) - 1]

                    def fill(c: re.Match[str], values: dict[str, float] = values) -> str:
                        v = values.get(c[2])
                        return c[0] if v is None else f"{c[1]}<v>{_xml_number(v)}</v></c>"

                    data = _FORMULA_CELL.sub(fill, data.decode("utf-8")).encode("utf-8")
                dst.writestr(item, data)
        os.replace(part, path)
    finally:
        if part.exists():
            part.unlink()


def _xml_number(v: float) -> str:
    return repr(float(v)) if not float(v).is_integer() else str(int(v))


def _unique(name: str, used: set[str]) -> str:
    cand, n = name, 1
    while cand in used:
        n += 1
        suffix = f"({n})"
        cand = name[: 31 - len(suffix)] + suffix
    used.add(cand)
    return cand


def _render(ws: Worksheet, sheet: Sheet) -> dict[str, float]:
    ncols = sheet.ncols
    widths = next((b.widths for b in sheet.blocks if isinstance(b, Table)), [12.0] * ncols)
    # openpyxl widths are in Latin characters and a CJK character is about two; columns get
    # _CJK_FIT of their layout width in CJK characters (texts wrap a little more, rows are
    # sized for it) so that the form fits A4 landscape at a legible scale
    scale = 2.0 * _CJK_FIT
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w * scale
    total_width = sum(widths)
    r = 1
    cached: dict[str, float] = {}
    for block in sheet.blocks:
        if isinstance(block, Paragraph):
            r = _paragraph(ws, block, r, ncols, total_width)
        else:
            r = _table(ws, block, r, cached)
    # printed on A4 landscape, the width of the form on one page, as many pages down as it needs
    ws.print_area = f"A1:{get_column_letter(ncols)}{r - 1}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    return cached


def _sum_formula(parts: list[tuple[int, int]], top: int) -> str:
    """SUM over table cells, consecutive rows of a column as one range: SUM(H5,H7:H29)."""
    refs: list[str] = []
    by_col: dict[int, list[int]] = {}
    for row, col in parts:
        by_col.setdefault(col, []).append(top + row)
    for col, rows in sorted(by_col.items()):
        letter = get_column_letter(col + 1)
        rows.sort()
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            refs.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
            if r is not None:
                start = prev = r
    return f"SUM({','.join(refs)})"


def _paragraph(ws: Worksheet, p: Paragraph, r: int, ncols: int, total_width: float) -> int:
    cell = ws.cell(row=r, column=1, value=p.text)
    if ncols > 1:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
    if p.kind == "title":
        cell.font = Font(name=_FONT, size=16, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.row_dimensions[r].height = 30
    else:
        cell.font = Font(name=_FONT, size=10.5, bold=p.text == "备注：")
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        ws.row_dimensions[r].height = _LINE_PT * text_lines(p.text, total_width * _CJK_FIT) + 3
    return r + 1


def _table(ws: Worksheet, t: Table, top: int, cached: dict[str, float]) -> int:
    heights = [1] * t.nrows
    for cell in t.cells:
        xl = ws.cell(row=top + cell.row, column=cell.col + 1)
        if cell.sum_of and cell.value is not None:
            xl.value = "=" + _sum_formula(cell.sum_of, top)
            cached[xl.coordinate] = cell.value
        elif cell.value is not None and cell.text:
            xl.value = cell.value
            if cell.text.endswith("%"):
                decimals = len(cell.text[:-1].partition(".")[2])
                xl.number_format = "0" + ("." + "0" * decimals if decimals else "") + "%"
        else:
            xl.value = cell.text or None
            if cell.text:
                xl.data_type = "s"  # text, never a formula: "=100%" is a printed target value
                xl.number_format = "@"  # so "100%" or "2023" stays as printed
        xl.font = Font(name=_FONT, size=10.5, bold=cell.bold)
        xl.alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=True)
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=top + cell.row,
                start_column=cell.col + 1,
                end_row=top + cell.row + cell.rowspan - 1,
                end_column=cell.col + cell.colspan,
            )
        width = sum(t.widths[cell.col : cell.col + cell.colspan])
        need = math.ceil(text_lines(cell.text, width * _CJK_FIT) / cell.rowspan)
        for rr in range(cell.row, cell.row + cell.rowspan):
            heights[rr] = max(heights[rr], need)
    for rr in range(t.nrows):  # borders on every grid cell, merged or not
        ws.row_dimensions[top + rr].height = _LINE_PT * heights[rr] + 4
        for cc in range(t.ncols):
            ws.cell(row=top + rr, column=cc + 1).border = _BORDER
    return top + t.nrows
