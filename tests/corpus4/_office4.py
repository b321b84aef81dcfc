"""A grid of merged cells and the office files it is written to: XLSX workbooks (cover sheet,
hidden helper sheet, one form per sheet, print titles, number formats), DOCX (page breaks,
repeated header rows, a form framed in an outer table), HTML as Excel saves it, TAB text, and
PDF printed from the DOCX/XLSX by LibreOffice."""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Cell:
    text: str
    rs: int = 1
    cs: int = 1
    value: float | None = None  # a number for XLSX (the text is what a person sees)
    fmt: str | None = None  # its number format


@dataclass
class Grid:
    """Rows of cells in HTML order (covered positions are not listed)."""

    ncols: int
    rows: list[list[Cell]] = field(default_factory=list)
    header_rows: int = 0  # rows repeated on every printed page

    def add(self, *cells: Cell | str) -> None:
        self.rows.append([c if isinstance(c, Cell) else Cell(c) for c in cells])

    def placed(self) -> list[tuple[int, int, Cell]]:
        """(row, col, cell) of every cell, with the covered positions skipped."""
        taken: set[tuple[int, int]] = set()
        out = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                for dr in range(cell.rs):
                    for dc in range(cell.cs):
                        taken.add((r + dr, c + dc))
                c += cell.cs
            width = max([cc for rr, cc in taken if rr == r] + [-1]) + 1
            if width > self.ncols:
                raise ValueError(f"row {r} is {width} wide, grid {self.ncols}: {[x.text for x in row]}")
        return out

    def matrix(self) -> list[list[str]]:
        """Every position; a merged cell's text in its first position, covered ones empty."""
        m = [[""] * self.ncols for _ in self.rows]
        for r, c, cell in self.placed():
            m[r][c] = cell.text
        return m


@dataclass
class Para:
    text: str
    title: bool = False


class PageBreak:
    pass


Block = Para | Grid | PageBreak


# ---------------------------------------------------------------- text


def to_tab(blocks: list[Block]) -> str:
    lines = []
    for b in blocks:
        if isinstance(b, Para):
            lines.append(b.text)
        elif isinstance(b, Grid):
            lines += ["\t".join(row) for row in b.matrix()]
        else:
            lines.append("")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- HTML as Excel saves it

_MSO_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<style>
<!--table
	{mso-displayed-decimal-separator:"\\.";
	mso-displayed-thousand-separator:"\\,";}
.xl65
	{mso-style-parent:style0;
	font-size:14.0pt;
	font-weight:700;
	text-align:center;}
.xl66
	{mso-style-parent:style0;
	border:.5pt solid windowtext;
	white-space:normal;}
.xl67
	{mso-style-parent:style0;
	mso-number-format:"0\\.00%";
	border:.5pt solid windowtext;}
.xl68
	{mso-style-parent:style0;
	mso-number-format:"\\#\\,\\#\\#0\\.00";
	border:.5pt solid windowtext;}
-->
</style>
<!--[if gte mso 9]><xml>
 <x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Sheet1</x:Name>
 </x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook>
</xml><![endif]-->
</head>
<body link="#0563C1" vlink="#954F72">
"""


def to_excel_html(blocks: list[Block]) -> str:
    """One worksheet table as Excel's "save as web page" writes it: paragraphs become merged
    rows of the same table, ``<col>`` widths, ``x:num`` on numbers, ``&nbsp;`` in empty cells."""
    grids = [b for b in blocks if isinstance(b, Grid)]
    ncols = max(g.ncols for g in grids)
    out = [
        _MSO_HEAD,
        f"<table border=0 cellpadding=0 cellspacing=0 width={ncols * 90} "
        "style='border-collapse:collapse;table-layout:fixed'>",
    ]
    for k in range(ncols):
        w = 150 if k in (2, 3) else 80
        out.append(f" <col width={w} style='mso-width-source:userset;width:{w * 3 // 4}pt'>")
    for b in blocks:
        if isinstance(b, Para):
            cls = "xl65" if b.title else "xl66"
            text = html.escape(b.text) or "&nbsp;"
            out.append(
                f" <tr height=24 style='height:18.0pt'>\n  <td colspan={ncols} height=24 "
                f"class={cls} style='height:18.0pt'>{text}</td>\n </tr>"
            )
        elif isinstance(b, Grid):
            for row in b.rows:
                out.append(" <tr height=36 style='height:27.0pt'>")
                for c in row:
                    span = (f" rowspan={c.rs}" if c.rs > 1 else "") + (f" colspan={c.cs}" if c.cs > 1 else "")
                    if c.value is not None:
                        cls = "xl67" if c.fmt and "%" in c.fmt else "xl68"
                        out.append(
                            f'  <td{span} class={cls} align=right x:num="{c.value}">'
                            f"{html.escape(c.text)}</td>"
                        )
                    else:
                        text = html.escape(c.text).replace("\n", "<br>") or "&nbsp;"
                        out.append(f"  <td{span} class=xl66>{text}</td>")
                out.append(" </tr>")
    out.append(" <![if supportMisalignedColumns]>\n <tr height=0 style='display:none'>")
    out += [f"  <td width={150 if k in (2, 3) else 80} style='width:60pt'></td>" for k in range(ncols)]
    out.append(" </tr>\n <![endif]>\n</table>\n</body>\n</html>\n")
    return "\n".join(out)


# ---------------------------------------------------------------- XLSX


def sheet_blocks(ws, blocks: list[Block], *, title_rows: bool = False, landscape: bool = False) -> None:
    """Write blocks to a worksheet from A1: paragraphs as rows merged across the table width."""
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    grids = [b for b in blocks if isinstance(b, Grid)]
    ncols = max(g.ncols for g in grids)
    r0 = 1
    first_header: tuple[int, int] | None = None
    for b in blocks:
        if isinstance(b, Para):
            ws.cell(r0, 1, b.text)
            ws.merge_cells(start_row=r0, start_column=1, end_row=r0, end_column=ncols)
            if b.title:
                ws.cell(r0, 1).font = Font(size=14, bold=True)
                ws.cell(r0, 1).alignment = Alignment(horizontal="center")
            r0 += 1
        elif isinstance(b, Grid):
            for r, c, cell in b.placed():
                x = ws.cell(r0 + r, c + 1, cell.value if cell.value is not None else cell.text)
                if isinstance(x.value, str) and x.value.startswith("="):
                    x.data_type = "s"  # typed as text ('=100%), not a formula
                if cell.fmt:
                    x.number_format = cell.fmt
                x.alignment = Alignment(wrap_text=True, vertical="center")
                if cell.rs > 1 or cell.cs > 1:
                    ws.merge_cells(
                        start_row=r0 + r,
                        start_column=c + 1,
                        end_row=r0 + r + cell.rs - 1,
                        end_column=c + cell.cs,
                    )
                for dr in range(cell.rs):
                    for dc in range(cell.cs):
                        ws.cell(r0 + r + dr, c + 1 + dc).border = box
            if b.header_rows and first_header is None:
                first_header = (r0, r0 + b.header_rows - 1)
            r0 += len(b.rows)
        else:
            r0 += 1
    for k in range(ncols):
        ws.column_dimensions[chr(65 + k)].width = 24 if k in (2, 3, 4) else 12
    if title_rows and first_header:
        ws.print_title_rows = f"{first_header[0]}:{first_header[1]}"
    # fit the width to the page (rows still break over pages, print titles repeat)
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if landscape:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4


def to_xlsx(
    path: Path,
    sheets: list[tuple[str, list[Block]]],
    *,
    cover: list[str] | None = None,
    helper: dict[str, list[str]] | None = None,
    title_rows: bool = False,
    landscape: bool = False,
) -> None:
    """A workbook: optional 说明 cover sheet first, one sheet per form, optional hidden helper
    sheet (the lists behind drop-downs)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    if cover:
        ws = wb.create_sheet("填报说明")
        for k, line in enumerate(cover, 1):
            ws.cell(k, 1, line)
        ws.column_dimensions["A"].width = 90
    for name, blocks in sheets:
        sheet_blocks(wb.create_sheet(name), blocks, title_rows=title_rows, landscape=landscape)
    if helper:
        ws = wb.create_sheet("下拉选项")
        for c, (head, items) in enumerate(helper.items(), 1):
            ws.cell(1, c, head)
            for r, item in enumerate(items, 2):
                ws.cell(r, c, item)
        ws.sheet_state = "hidden"
    wb.save(path)


# ---------------------------------------------------------------- DOCX


def _docx_table(container, grid: Grid, *, repeat: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    t = container.add_table(rows=len(grid.rows), cols=grid.ncols)
    t.style = "Table Grid"
    for r, c, cell in grid.placed():
        target = t.cell(r, c)
        if cell.rs > 1 or cell.cs > 1:
            target = target.merge(t.cell(r + cell.rs - 1, c + cell.cs - 1))
        lines = cell.text.split("\n")
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)
    if repeat:
        for r in range(grid.header_rows):
            trpr = t.rows[r]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            trpr.append(el)
    return t


def to_docx(
    path: Path, blocks: list[Block], *, framed: bool = False, landscape: bool = False, repeat: bool = True
) -> None:
    """A DOCX; ``framed`` puts each form's table inside a one-cell outer table (as offices do to
    draw a frame), ``repeat`` marks the header rows to repeat on every page."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    doc = Document()
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    sec.left_margin = sec.right_margin = Cm(1.5)
    style = doc.styles["Normal"]
    style.font.size = Pt(9)
    for b in blocks:
        if isinstance(b, Para):
            p = doc.add_paragraph(b.text)
            if b.title:
                p.runs[0].bold = True
                p.runs[0].font.size = Pt(14)
        elif isinstance(b, Grid):
            if framed:
                outer = doc.add_table(rows=1, cols=1)
                outer.style = "Table Grid"
                cell = outer.cell(0, 0)
                _docx_table(cell, b, repeat=False)
            else:
                _docx_table(doc, b, repeat=repeat)
        else:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.save(path)


# ---------------------------------------------------------------- PDF


def to_pdf(source: Path, target: Path) -> None:
    """Print a DOCX/XLSX to PDF with LibreOffice (as an office's 另存为 PDF does)."""
    with tempfile.TemporaryDirectory(prefix="corpus4-") as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                "soffice",
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
        shutil.move(str(Path(tmp) / (source.stem + ".pdf")), target)
