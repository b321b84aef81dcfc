"""Forms as an Excel workbook (one worksheet per form) in the printed layout."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import Form
from jixiao.write._files import atomic_output
from jixiao.write._layout import Notes, Paragraph, Sheet, Table, Template, form_layout, text_lines

__all__ = ["sheets_to_xlsx", "write_xlsx"]

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "宋体"
_LINE_PT = 15.0  # height of one 10.5pt text line


def write_xlsx(
    forms: Sequence[Form],
    path: str | Path,
    template: Template = Template.WUHAN,
    notes: Notes = "auto",
    *,
    overwrite: bool = True,
) -> Path:
    """Write the forms to one workbook, a worksheet per form in order."""
    return sheets_to_xlsx([form_layout(f, template, notes) for f in forms], path, overwrite=overwrite)


def sheets_to_xlsx(sheets: Sequence[Sheet], path: str | Path, *, overwrite: bool = True) -> Path:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    used: set[str] = set()
    for sheet in sheets:
        name = _unique(sheet.name, used)
        _render(wb.create_sheet(name), sheet)
    with atomic_output(path, overwrite=overwrite) as tmp:
        wb.save(tmp)
    return Path(path)


def _unique(name: str, used: set[str]) -> str:
    cand, n = name, 1
    while cand in used:
        n += 1
        suffix = f"({n})"
        cand = name[: 31 - len(suffix)] + suffix
    used.add(cand)
    return cand


def _render(ws: Worksheet, sheet: Sheet) -> None:
    ncols = sheet.ncols
    widths = next((b.widths for b in sheet.blocks if isinstance(b, Table)), [12.0] * ncols)
    scale = 2.0  # openpyxl widths are in Latin characters; a CJK character is about two
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w * scale
    total_width = sum(widths)
    r = 1
    for block in sheet.blocks:
        if isinstance(block, Paragraph):
            r = _paragraph(ws, block, r, ncols, total_width)
        else:
            r = _table(ws, block, r)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


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
        ws.row_dimensions[r].height = _LINE_PT * text_lines(p.text, total_width) + 3
    return r + 1


def _table(ws: Worksheet, t: Table, top: int) -> int:
    heights = [1] * t.nrows
    for cell in t.cells:
        xl = ws.cell(row=top + cell.row, column=cell.col + 1)
        if cell.value is not None and cell.text:
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
        need = math.ceil(text_lines(cell.text, width) / cell.rowspan)
        for rr in range(cell.row, cell.row + cell.rowspan):
            heights[rr] = max(heights[rr], need)
    for rr in range(t.nrows):  # borders on every grid cell, merged or not
        ws.row_dimensions[top + rr].height = _LINE_PT * heights[rr] + 4
        for cc in range(t.ncols):
            ws.cell(row=top + rr, column=cc + 1).border = _BORDER
    return top + t.nrows
