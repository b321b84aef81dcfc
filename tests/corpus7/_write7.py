"""Writers of the seventh set's spreadsheet-like formats: XLSX (with the makers' habits: formulas,
hidden rows and columns, a 填表说明 sheet, one form per sheet, numbers as text, print titles),
Excel 2003 XML (SpreadsheetML), HTML and CSV — all from the same ``Doc`` parts."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from typing import Any

from _grid7 import Doc, Grid, Pct, col_letter, fmt


def xlsx_sheet(
    ws,
    doc: Doc,
    *,
    text_numbers: bool = False,
    borders: bool = True,
    print_titles: str | None = None,
    tall: bool = False,
) -> dict[int, int]:
    """Write one document into a worksheet; returns grid index -> first sheet row (1-based)."""
    from openpyxl.styles import Alignment, Border, Side

    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    width = max((g.width for g in doc.grids()), default=8)
    row = 1
    starts: dict[int, int] = {}
    for kind, part in doc.parts:
        if kind == "p":
            ws.cell(row, 1, part)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
            continue
        g: Grid = part
        starts[id(g)] = row
        for cell in g.cells:
            target = ws.cell(row + cell.r, cell.c + 1)
            v = cell.v
            formula = g.formulas.get((cell.r, cell.c))
            if formula:
                target.value = re.sub(
                    r"\{row:(\d+)\}", lambda m, base=row: str(base + int(m.group(1))), formula
                )
                if isinstance(v, Pct):
                    target.number_format = "0.00%"
            elif isinstance(v, Pct):
                if text_numbers:
                    target.value = v.text()
                else:
                    target.value = v.rate
                    target.number_format = "0.00%"
            elif isinstance(v, int | float) and not isinstance(v, bool):
                target.value = fmt(v) if text_numbers else v
            else:
                target.value = fmt(v) if v is not None else None
                if isinstance(target.value, str) and target.value.startswith("="):
                    target.data_type = "s"
            target.alignment = Alignment(wrap_text=True, vertical="center")
            if cell.rs > 1 or cell.cs > 1:
                ws.merge_cells(
                    start_row=row + cell.r,
                    start_column=cell.c + 1,
                    end_row=row + cell.r + cell.rs - 1,
                    end_column=cell.c + cell.cs,
                )
        if borders:
            for r in range(g.rows):
                for c in range(g.width):
                    ws.cell(row + r, c + 1).border = border
        for r in g.hidden_rows:
            ws.row_dimensions[row + r].hidden = True
        for c in g.hidden_cols:
            ws.column_dimensions[col_letter(c)].hidden = True
        if tall:
            for r in range(g.rows):
                ws.row_dimensions[row + r].height = 42
        row += g.rows
    for c in range(width):
        ws.column_dimensions[col_letter(c)].width = 16
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # fit to one page wide, as long as needed
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if print_titles:
        ws.print_title_rows = print_titles
    return starts


def write_xlsx(path: Path, sheets: list[tuple[str, Doc | list[str]]], **opts) -> None:
    """Sheets in order: (name, Doc) is a form; (name, [lines]) a sheet of notes (填表说明)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, content in sheets:
        ws = wb.create_sheet(name)
        if isinstance(content, list):
            for k, line in enumerate(content, start=1):
                ws.cell(k, 1, line)
            ws.column_dimensions["A"].width = 90
        else:
            xlsx_sheet(ws, content, **opts)
    wb.properties.creator = "finance"
    wb.save(path)
    stable_zip(path)


def html_table(g: Grid) -> str:
    covered = g.covered()
    by_pos = {(c.r, c.c): c for c in g.cells}
    out = ['<table border="1" cellspacing="0" cellpadding="3">']
    for r in range(g.rows):
        tds = []
        for c in range(g.width):
            if (r, c) in covered:
                continue
            cell = by_pos.get((r, c))
            if cell is None:
                tds.append("<td></td>")
                continue
            attrs = (f' rowspan="{cell.rs}"' if cell.rs > 1 else "") + (
                f' colspan="{cell.cs}"' if cell.cs > 1 else ""
            )
            tds.append(f"<td{attrs}>{html.escape(fmt(cell.v))}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def html_body(doc: Doc, *, first_heading: bool = True) -> str:
    out = []
    for k, (kind, part) in enumerate(doc.parts):
        if kind == "p":
            tag = "h3" if (k == 0 and first_heading) else "p"
            out.append(f"<{tag}>{html.escape(part)}</{tag}>")
        else:
            out.append(html_table(part))
    return "\n".join(out)


def write_html(path: Path, doc: Doc, title: str) -> None:
    path.write_text(
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>\n'
        f"<body>\n{html_body(doc)}\n</body></html>\n",
        encoding="utf-8",
    )


def csv_rows(doc: Doc) -> list[list[str]]:
    """Rows as Excel saves a sheet: a merged cell's text in its first cell, the rest empty."""
    width = max((g.width for g in doc.grids()), default=8)
    rows: list[list[str]] = []
    for kind, part in doc.parts:
        if kind == "p":
            rows.append([part] + [""] * (width - 1))
            continue
        m = part.matrix()
        for line in m:
            rows.append([fmt(v) for v in line] + [""] * (width - part.width))
    return rows


def write_csv(path: Path, docs: list[Doc], *, gap: int = 2) -> None:
    """Several forms one after another on one sheet, ``gap`` empty rows between them."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for k, doc in enumerate(docs):
        rows = csv_rows(doc)
        if k:
            for _ in range(gap):
                w.writerow([""] * len(rows[0]))
        w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


SS = "urn:schemas-microsoft-com:office:spreadsheet"


def _ss_cell(v: Any) -> tuple[str, str, str]:
    if isinstance(v, Pct):
        return "Number", repr(v.rate), ' ss:StyleID="pct"'
    if isinstance(v, int | float) and not isinstance(v, bool):
        return "Number", fmt(v), ""
    return "String", html.escape(fmt(v)), ""


def spreadsheetml(sheets: list[tuple[str, Doc]]) -> str:
    """An Excel 2003 XML workbook (ss:MergeAcross/MergeDown, ss:Index after covered cells)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        f'<Workbook xmlns="{SS}" xmlns:o="urn:schemas-microsoft-com:office:office" '
        f'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="{SS}">',
        ' <Styles><Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center" ss:WrapText="1"/></Style>'
        '<Style ss:ID="pct"><NumberFormat ss:Format="0.00%"/></Style></Styles>',
    ]
    for name, doc in sheets:
        width = max((g.width for g in doc.grids()), default=8)
        out.append(f' <Worksheet ss:Name="{html.escape(name)}"><Table>')
        for kind, part in doc.parts:
            if kind == "p":
                out.append(
                    f'  <Row><Cell ss:MergeAcross="{width - 1}"><Data ss:Type="String">'
                    f"{html.escape(part)}</Data></Cell></Row>"
                )
                continue
            covered = part.covered()
            by_pos = {(c.r, c.c): c for c in part.cells}
            for r in range(part.rows):
                cells, expect = [], 0
                for c in range(part.width):
                    if (r, c) in covered:
                        continue
                    cell = by_pos.get((r, c))
                    if cell is None or cell.v in (None, ""):
                        continue
                    idx = f' ss:Index="{c + 1}"' if c != expect else ""
                    merge = (f' ss:MergeAcross="{cell.cs - 1}"' if cell.cs > 1 else "") + (
                        f' ss:MergeDown="{cell.rs - 1}"' if cell.rs > 1 else ""
                    )
                    typ, text, style = _ss_cell(cell.v)
                    cells.append(f'<Cell{idx}{merge}{style}><Data ss:Type="{typ}">{text}</Data></Cell>')
                    expect = c + cell.cs
                out.append("  <Row>" + "".join(cells) + "</Row>")
        out.append(" </Table></Worksheet>")
    out.append("</Workbook>")
    return "\n".join(out) + "\n"


def stable_zip(path: Path) -> None:
    """Rewrite an OOXML package with fixed entry times and document dates: byte-stable output."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2025-03-01T08:00:00Z", data
                )
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 1, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
