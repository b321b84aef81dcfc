"""A table as a grid of merged cells, and the shapes it reaches a reader in.

One grid, many renderings: TAB rows, pipe rows (covered cells dropped), one cell per line (with
or without `` |``), space-separated rows, glued rows (no separator at all), an HTML page (plain
rows or a ``<thead>`` of ``<th>``), XLSX (merges, formulas with cached values), DOCX (merged
cells) and a PDF printed from the DOCX by LibreOffice. Nothing here knows about forms.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Grid:
    """Rows of ``ncols`` positions; an anchor holds text and its span, covered positions none."""

    ncols: int
    anchors: dict[tuple[int, int], tuple[str, int, int]] = field(default_factory=dict)
    covered: set[tuple[int, int]] = field(default_factory=set)
    nrows: int = 0
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    pct_cells: set[tuple[int, int]] = field(default_factory=set)

    def put(self, r: int, c: int, text: object, rs: int = 1, cs: int = 1) -> None:
        assert (r, c) not in self.covered and (r, c) not in self.anchors, (r, c, text)
        self.anchors[(r, c)] = ("" if text is None else str(text), rs, cs)
        for dr in range(rs):
            for dc in range(cs):
                if dr or dc:
                    self.covered.add((r + dr, c + dc))
        # nrows is left alone: a label spanning rows is put first, ``row`` then fills its rows

    def row(self, *cells: object, at: int | None = None) -> int:
        """Append cells left to right; a cell is text or ``(text, colspan)``; the last one
        stretches to the grid's width. Returns the row index."""
        r = self.nrows if at is None else at
        c = 0
        while (r, c) in self.covered or (r, c) in self.anchors:
            c += 1
        for k, cell in enumerate(cells):
            text, cs = cell if isinstance(cell, tuple) else (cell, 1)
            if k == len(cells) - 1:
                cs = self.ncols - c
            self.put(r, c, text, 1, cs)
            c += cs
            while (r, c) in self.covered or (r, c) in self.anchors:
                c += 1
        self.nrows = max(self.nrows, r + 1)
        return r

    def part(self, r_from: int, r_to: int) -> Grid:
        """Rows ``r_from``..``r_to - 1`` as a grid of their own (spans clipped)."""
        g = Grid(self.ncols)
        for (r, c), (text, rs, cs) in sorted(self.anchors.items()):
            if r_from <= r < r_to:
                g.put(r - r_from, c, text, min(rs, r_to - r), cs)
        g.nrows = r_to - r_from
        return g

    def anchors_of(self, r: int) -> list[tuple[int, str]]:
        return [(c, self.anchors[(r, c)][0]) for c in range(self.ncols) if (r, c) in self.anchors]


def _flat(text: str) -> str:
    return text.replace("\n", "")


# ---------------------------------------------------------------- text layouts


def tab(g: Grid) -> str:
    lines = []
    for r in range(g.nrows):
        cells = [_flat(g.anchors[(r, c)][0]) if (r, c) in g.anchors else "" for c in range(g.ncols)]
        while len(cells) > 1 and cells[-1] == "":
            cells.pop()
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def pipe(g: Grid, pad: int = 3) -> str:
    lines = []
    for r in range(g.nrows):
        cells = [_flat(t) for _, t in g.anchors_of(r)]
        lead = "| " if r % 2 == 0 else ""
        lines.append(lead + " | ".join(cells) + " " + "|" * (pad + (r % 3)))
    return "\n".join(lines) + "\n"


def cells(g: Grid, bar: bool = False) -> str:
    out = []
    for r in range(g.nrows):
        for _, t in g.anchors_of(r):
            t = _flat(t)
            out.append(f"{t} |" if bar else (t or " "))
    return ("\n" if bar else "\n\n").join(out) + "\n"


def spaces(g: Grid) -> str:
    lines = []
    for r in range(g.nrows):
        lines.append(" ".join(_flat(t) for _, t in g.anchors_of(r) if t))
    return "\n".join(lines) + "\n"


def glued(g: Grid) -> str:
    """Each row's cells run together with no separator (an OCR or viewer copy)."""
    return "\n".join("".join(_flat(t) for _, t in g.anchors_of(r)) for r in range(g.nrows)) + "\n"


def page(grids: list[tuple[str, Grid, int]]) -> str:
    """An HTML page: per grid a ``<h3>`` title and a table whose first ``thead`` rows are a
    ``<thead>`` of ``<th>`` cells (0: plain ``<tr><td>`` rows)."""
    parts = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>绩效自评</title></head><body>']
    for title, g, thead in grids:
        if title:
            parts.append(f"<h3>{html.escape(title)}</h3>")
        parts.append('<table border="1" cellspacing="0">')
        if thead:
            parts.append("<thead>")
        for r in range(g.nrows):
            if thead and r == thead:
                parts.append("</thead>\n<tbody>")
            tag = "th" if r < thead else "td"
            tds = []
            for c in range(g.ncols):
                if (r, c) not in g.anchors:
                    continue
                text, rs, cs = g.anchors[(r, c)]
                span = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                body = "<br>".join(html.escape(x) for x in text.split("\n"))
                tds.append(f"<{tag}{span}>{body}</{tag}>")
            parts.append("<tr>" + "".join(tds) + "</tr>")
        if thead:
            parts.append("</tbody>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- XLSX


def _num(text: str) -> float | int | str:
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text


def xlsx(sheets: list[tuple[str, Grid]], path: Path, origin: tuple[int, int] = (1, 1)) -> None:
    """Cells as numbers where they are numbers; a grid's ``formulas`` are written as formulas
    with the printed value cached beside them, as Excel and LibreOffice save a workbook."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    cached: dict[str, dict[str, str]] = {}
    for si, (name, g) in enumerate(sheets):
        ws = wb.create_sheet(name)
        r0, c0 = origin
        cached[f"xl/worksheets/sheet{si + 1}.xml"] = {}
        for (r, c), (text, rs, cs) in g.anchors.items():
            cell = ws.cell(r0 + r, c0 + c)
            if (r, c) in g.formulas:
                cell.value = "=" + re.sub(
                    r"<(\d+):(\d+)>",
                    lambda m, ws=ws, r0=r0, c0=c0: (
                        ws.cell(r0 + int(m.group(1)), c0 + int(m.group(2))).coordinate
                    ),
                    g.formulas[(r, c)],
                )
                value = text.rstrip("%")
                if text.endswith("%"):
                    value = str(_dec_div(value, "100"))
                cached[f"xl/worksheets/sheet{si + 1}.xml"][cell.coordinate] = value
            elif (r, c) in g.pct_cells and text.endswith("%"):
                cell.value = float(_dec_div(text[:-1], "100"))
            else:
                cell.value = _num(text) if text else None
                if text.startswith("="):  # a printed 等于 sign, not a formula
                    cell.data_type = "s"
            if text.endswith("%") and ((r, c) in g.formulas or (r, c) in g.pct_cells):
                cell.number_format = "0.00%"
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if rs > 1 or cs > 1:
                ws.merge_cells(
                    start_row=r0 + r, start_column=c0 + c, end_row=r0 + r + rs - 1, end_column=c0 + c + cs - 1
                )
        for r in range(g.nrows):
            for c in range(g.ncols):
                ws.cell(r0 + r, c0 + c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for c in range(g.ncols):
            ws.column_dimensions[get_column_letter(c0 + c)].width = 14
    wb.properties.creator = "corpus3"
    import datetime as dt

    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
    wb.save(path)
    _cache_and_restamp(path, cached)


def _dec_div(a: str, b: str) -> str:
    from decimal import Decimal

    q = Decimal(a) / Decimal(b)
    return format(q.normalize(), "f")


def _cache_and_restamp(path: Path, cached: dict[str, dict[str, str]]) -> None:
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            for coord, value in cached.get(name, {}).items():
                pat = re.compile(rb'(<c r="' + coord.encode() + rb'"[^>]*>)(<f>.*?</f>)(<v\s*/>|<v>\s*</v>)?')
                data, n = pat.subn(
                    lambda m, v=value: m.group(1) + m.group(2) + b"<v>" + v.encode() + b"</v>", data
                )
                assert n == 1, (name, coord)
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


# ---------------------------------------------------------------- DOCX and PDF


def docx(parts: list[tuple[list[str], Grid]], path: Path, after: list[str] = ()) -> None:
    """Per part: paragraphs (title lines) then the grid as a table with merged cells."""
    import datetime as dt

    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(8)
    for lines, g in parts:
        for line in lines:
            doc.add_paragraph(line)
        t = doc.add_table(rows=g.nrows, cols=g.ncols)
        t.style = "Table Grid"
        for (r, c), (_text, rs, cs) in sorted(g.anchors.items()):
            if rs > 1 or cs > 1:
                t.cell(r, c).merge(t.cell(r + rs - 1, c + cs - 1))
        for (r, c), (text, _rs, _cs) in sorted(g.anchors.items()):
            t.cell(r, c).text = text
        doc.add_paragraph("")
    for line in after:
        doc.add_paragraph(line)
    doc.core_properties.author = doc.core_properties.last_modified_by = "corpus3"
    doc.core_properties.created = doc.core_properties.modified = dt.datetime(2024, 1, 1)
    doc.save(path)
    _cache_and_restamp(path, {})


def pdf(source: Path, target: Path) -> None:
    """Print ``source`` with LibreOffice (``--convert-to pdf``), dates and ids fixed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("LibreOffice (soffice) is needed for the PDF documents")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{tmp}/p",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
        data = (Path(tmp) / (source.stem + ".pdf")).read_bytes()
    data = re.sub(rb"D:\d{14}", b"D:20240101000000", data)
    data = re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + b"0" * 32 + b">", data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, data)
    target.write_bytes(data)
