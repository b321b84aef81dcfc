"""Layouts: the same tables as TAB rows, pipe rows, one cell per line, spaces, CSV, HTML,
XLSX (openpyxl, merged cells), DOCX (python-docx, merged cells) and PDF (LibreOffice)."""

from __future__ import annotations

import csv
import html
import io
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from _grids import Table
from _model import COVER, Cell, is_number

# ---------------------------------------------------------------- text layouts


def _title_line(t: Table, sep: str, width: int, pad: bool = False) -> list[str]:
    if t.title is None:
        return []
    cells = [t.title + t.suffix] + ([t.side] if t.side else [])
    line = sep.join(cells)
    if pad:
        line += " |" + "|" * max(0, width - len(cells) - 1)
    return [line]


def _rows_with_pages(t: Table) -> list[int | str]:
    """Grid row indexes in print order, with "page" where a page break repeats title and header."""
    order: list[int | str] = []
    for r in range(t.grid.rows()):
        if t.page_break is not None and r == t.page_break:
            order.append("page")
            if t.repeat_header is not None:
                order.append(t.repeat_header)
        order.append(r)
    return order


def tab_text(tables: list[Table], rng: random.Random, middle_labels: bool = False) -> str:
    out: list[str] = []
    for t in tables:
        g = t.grid
        out += _title_line(t, "\t", g.width)
        out += t.pre
        moved: dict[tuple[int, int], str] = {}
        if middle_labels:  # a merged label printed on the middle row of its span, as PDF dumps do
            for r in range(g.rows()):
                for c, s in g.anchors(r):
                    if isinstance(s, Cell) and s.rs >= 3 and s.cs == 1:
                        moved[(r + s.rs // 2, c)] = s.text
                        moved.setdefault((r, c), "")
        for r in _rows_with_pages(t):
            if r == "page":
                out += _title_line(t, "\t", g.width)
                continue
            assert isinstance(r, int)
            cells = []
            for c in range(g.width):
                s = g.slots[r][c]
                text = s.text if isinstance(s, Cell) else ""
                cells.append(moved.get((r, c), text))
            while cells and cells[-1] == "" and rng.random() < 0.7:
                cells.pop()
            line = "\t".join(cells)
            if rng.random() < 0.2:
                line += "\t"
            out.append(line)
        out += t.post
        out.append("")
    return "\n".join(out) + "\n"


def pipe_text(tables: list[Table], rng: random.Random, leading: str = "mixed") -> str:
    """One line per <tr>: covered cells dropped, runs of | padding; leading | always/never/mixed."""
    out: list[str] = []
    for t in tables:
        g = t.grid
        out += _title_line(t, " | ", g.width, pad=True)
        out += t.pre
        for r in _rows_with_pages(t):
            if r == "page":
                out += _title_line(t, " | ", g.width, pad=True)
                continue
            assert isinstance(r, int)
            cells = [s.text if isinstance(s, Cell) else "" for _, s in g.anchors(r)]
            line = " | ".join(cells) + " |" + "|" * (g.width - len(cells))
            lead = leading == "always" or (leading == "mixed" and rng.random() < 0.5)
            out.append(("| " if lead else "") + line)
        out += t.post
        out.append("")
    return "\n".join(out) + "\n"


def cells_text(tables: list[Table], bar: bool) -> str:
    parts = []
    for t in tables:
        g = t.grid
        lines = ([t.title + t.suffix] if t.title else []) + list(t.pre)
        for r in _rows_with_pages(t):
            if r == "page":
                if t.title:
                    lines.append(t.title + t.suffix)
                continue
            assert isinstance(r, int)
            for _, s in g.anchors(r):
                text = s.text if isinstance(s, Cell) else ""
                lines.append(text + " |" if bar else (text or " "))
        lines += t.post
        parts.append(("\n" if bar else "\n\n").join(lines))
    return ("\n\n" if bar else "\n\n\n").join(parts) + "\n"


def spaces_text(tables: list[Table], rng: random.Random) -> str:
    """Rows of space-separated cells; empty cells leave no trace; covered starts indented."""
    out: list[str] = []
    for t in tables:
        g = t.grid
        out += _title_line(t, "  ", g.width)
        out += t.pre
        for r in _rows_with_pages(t):
            if r == "page":
                out += _title_line(t, "  ", g.width)
                continue
            assert isinstance(r, int)
            texts = [s.text for _, s in g.anchors(r) if isinstance(s, Cell) and s.text]
            indent = " " * rng.choice([4, 8]) if g.slots[r][0] is COVER and rng.random() < 0.6 else ""
            line = ""
            for k, x in enumerate(texts):
                line += ("" if k == 0 else " " * rng.choice([1, 1, 2, 3])) + x
            out.append(indent + line)
        out += t.post
        out.append("")
    return "\n".join(out) + "\n"


def csv_text(tables: list[Table]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for t in tables:
        g = t.grid
        if t.title:
            w.writerow([t.title, *([t.side] if t.side else [])] + [""] * (g.width - 1 - (1 if t.side else 0)))
        for line in t.pre:
            w.writerow([line] + [""] * (g.width - 1))
        for r in range(g.rows()):
            w.writerow([s.text if isinstance(s, Cell) else "" for s in g.slots[r]])
        for line in t.post:
            w.writerow([line] + [""] * (g.width - 1))
    return buf.getvalue()


# ---------------------------------------------------------------- HTML


def _br(text: str, rng: random.Random) -> str:
    """Escape, and break a long cell with <br> at a comma, as published pages do."""
    esc = html.escape(text)
    if len(text) > 24 and "，" in esc and rng.random() < 0.7:
        k = esc.index("，") + 1
        esc = esc[:k] + "<br>" + esc[k:]
    return esc


def html_page(tables: list[Table], rng: random.Random) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(tables[0].title or '绩效表')}</title></head>",
        "<body>",
    ]
    for t in tables:
        g = t.grid
        if t.title:
            out.append(f'<h3 style="text-align:center">{html.escape(t.title)}</h3>')
        for line in t.pre:
            out.append(f"<p>{html.escape(line)}</p>")
        out.append('<table border="1" cellspacing="0">')
        for r in range(g.rows()):
            tds = []
            for _, s in g.anchors(r):
                if isinstance(s, Cell):
                    attrs = (f' rowspan="{s.rs}"' if s.rs > 1 else "") + (
                        f' colspan="{s.cs}"' if s.cs > 1 else ""
                    )
                    tds.append(f"<td{attrs}>{_br(s.text, rng)}</td>")
                else:
                    tds.append("<td></td>")
            out.append("  <tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
        for line in t.post:
            out.append(f"<p>{html.escape(line)}</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- XLSX


def _xl_value(text: str, pct_numbers: bool) -> tuple[object, str | None]:
    if is_number(text):
        f = float(text)
        return (int(f) if f.is_integer() and "." not in text else f), None
    if pct_numbers and text.endswith("%") and is_number(text[:-1]):
        places = len(text[:-1].split(".")[1]) if "." in text else 0
        return round(float(text[:-1]) / 100, 8), "0." + "0" * places + "%" if places else "0%"
    return text, None


def write_xlsx(
    tables: list[Table], path: Path, rng: random.Random, pct_numbers: bool = True, sheet: str = "自评表"
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    row = 1
    width = max(t.grid.width for t in tables)
    for t in tables:
        g = t.grid
        if t.title:
            end = g.width - (3 if t.side else 0)
            ws.cell(row, 1, t.title).font = Font(bold=True, size=14)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=end)
            if t.side:
                ws.cell(row, end + 1, t.side)
                ws.merge_cells(start_row=row, start_column=end + 1, end_row=row, end_column=g.width)
            row += 1
        for line in t.pre:
            ws.cell(row, 1, line)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=g.width)
            row += 1
        for r in range(g.rows()):
            for c in range(g.width):
                s = g.slots[r][c]
                cell = ws.cell(row + r, c + 1)
                cell.border = border
                if isinstance(s, Cell):
                    text = s.text
                    if len(text) > 30 and "，" in text and rng.random() < 0.5:
                        k = text.index("，") + 1
                        text = text[:k] + "\n" + text[k:]
                    value, number_format = _xl_value(text, pct_numbers)
                    cell.value = value
                    if number_format:
                        cell.number_format = number_format
                    cell.alignment = Alignment(wrap_text=True, vertical="center")
                    if s.rs > 1 or s.cs > 1:
                        ws.merge_cells(
                            start_row=row + r,
                            start_column=c + 1,
                            end_row=row + r + s.rs - 1,
                            end_column=c + s.cs,
                        )
        row += g.rows()
        for line in t.post:
            ws.cell(row, 1, line)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=g.width)
            row += 1
        row += 1
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    import datetime as dt

    wb.properties.creator = "corpus"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
    wb.save(path)
    normalize_zip(path)


# ---------------------------------------------------------------- DOCX


def write_docx(tables: list[Table], path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, m, Cm(1.5))
    for t in tables:
        g = t.grid
        if t.title:
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(t.title)
            run.bold = True
            run.font.size = Pt(14)
        for line in t.pre:
            d.add_paragraph(line)
        table = d.add_table(rows=g.rows(), cols=g.width)
        table.style = "Table Grid"
        for r in range(g.rows()):
            for c in range(g.width):
                s = g.slots[r][c]
                if isinstance(s, Cell):
                    cell = table.cell(r, c)
                    if s.rs > 1 or s.cs > 1:
                        cell = cell.merge(table.cell(r + s.rs - 1, c + s.cs - 1))
                    cell.text = s.text
                    for para in cell.paragraphs:
                        for run in para.runs:
                            run.font.size = Pt(8)
        for line in t.post:
            d.add_paragraph(line)
        d.add_paragraph("")
    import datetime as dt

    d.core_properties.author = "corpus"
    d.core_properties.created = d.core_properties.modified = dt.datetime(2024, 1, 1)
    d.core_properties.last_modified_by = "corpus"
    d.save(path)
    normalize_zip(path)


# ---------------------------------------------------------------- reproducible zips

FIXED = (2024, 1, 1, 0, 0, 0)


def normalize_zip(path: Path) -> None:
    """XLSX/DOCX are zips stamped with the time of writing: restamp every entry so a rerun
    writes the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' at save time
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)


# ---------------------------------------------------------------- PDF


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(source: Path, target: Path) -> bool:
    """Print ``source`` (XLSX/DOCX) to ``target`` with LibreOffice; False when it is not installed."""
    exe = soffice()
    if exe is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        data = (Path(tmp) / (source.stem + ".pdf")).read_bytes()
    target.write_bytes(_fixed_pdf(data))
    return True


def _fixed_pdf(data: bytes) -> bytes:
    """Blank LibreOffice's creation dates and document ID with bytes of the same length, so the
    cross-reference offsets stay valid and a rerun writes the same file."""
    data = re.sub(rb"D:\d{14}", b"D:20240101000000", data)
    data = re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + b"0" * 32 + b">", data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, data)
    return data
