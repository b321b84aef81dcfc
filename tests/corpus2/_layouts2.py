"""Layouts for the second held-out set: text shapes, HTML, XLSX, DOCX and LibreOffice PDF.

Written apart from ``tests/corpus/_render.py`` on purpose: the variants here are the ones that
generator does not produce (thead/th, tables split in several ``<table>``, ``<p>`` in cells, a form
not at A1, several sheets, hidden rows and columns, numbers stored as text, a DOCX table split at a
page break, a nested DOCX table, a whole form on one line).
"""

from __future__ import annotations

import html
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

COVER = object()


@dataclass
class Grid:
    """A table as slots: a [text, rowspan, colspan] list at a merge's top-left, COVER elsewhere."""

    width: int
    slots: list[list[object]] = field(default_factory=list)
    n: int = 0  # the next row a builder writes (rows below may exist already, covered by a span)

    def row(self) -> int:
        if self.n == len(self.slots):
            self.slots.append([None] * self.width)
        self.n += 1
        return self.n - 1

    def put(self, r: int, c: int, text: object, rs: int = 1, cs: int = 1) -> None:
        while len(self.slots) < r + rs:
            self.slots.append([None] * self.width)
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                self.slots[rr][cc] = COVER
        self.slots[r][c] = ["" if text is None else str(text), rs, cs]

    def line(self, *cells: object) -> int:
        """A new row from (text, colspan) pairs or plain texts, left to right."""
        r = self.row()
        c = 0
        for cell in cells:
            text, cs = cell if isinstance(cell, tuple) else (cell, 1)
            self.put(r, c, text, 1, cs)
            c += cs
        return r

    def cells(self, r: int) -> list[tuple[int, list]]:
        out = []
        for c, s in enumerate(self.slots[r]):
            if s is None:
                s = ["", 1, 1]
                self.slots[r][c] = s
            if s is not COVER:
                out.append((c, s))
        return out


@dataclass
class Doc:
    """What one document prints: lines before, the grid (optionally split), lines after."""

    grid: Grid
    pre: list[str] = field(default_factory=list)
    post: list[str] = field(default_factory=list)
    split_at: int | None = None  # row where a second table (page) starts
    repeat: list[int] = field(default_factory=list)  # header rows printed again after the split


def _rows(d: Doc) -> list[list[int]]:
    n = len(d.grid.slots)
    if d.split_at is None:
        return [list(range(n))]
    return [list(range(d.split_at)), d.repeat + list(range(d.split_at, n))]


def _clip(g: Grid, part: list[int]) -> Grid:
    """The rows of one part, with spans cut at its border (a merge across a page break)."""
    out = Grid(g.width)
    index = {r: k for k, r in enumerate(part)}
    for _ in part:
        out.row()
    for k, r in enumerate(part):
        for c in range(g.width):
            s = g.slots[r][c]
            if s is COVER:
                # covered: becomes an anchor if its anchor is not in this part
                anchor = _anchor_of(g, r, c)
                if anchor is None or anchor[0] in index:
                    continue
                ar, ac, text, rs, cs = anchor
                if c != ac or any(_anchor_of(g, pr, c) == anchor for pr in part[:k]):
                    continue
                left = sum(1 for rr in range(ar, ar + rs) if rr in index and rr >= r)
                out.put(k, c, text, left, cs)
            elif s is not None:
                rs = sum(1 for rr in range(r, r + s[1]) if rr in index)
                out.put(k, c, s[0], rs, s[2])
    return out


def _anchor_of(g: Grid, r: int, c: int):
    for rr in range(r, -1, -1):
        for cc in range(c, -1, -1):
            s = g.slots[rr][cc]
            if isinstance(s, list) and rr + s[1] > r and cc + s[2] > c:
                return (rr, cc, s[0], s[1], s[2])
    return None


def _flat(text: str) -> str:
    return text.replace("\n", "")


# ---------------------------------------------------------------- text shapes


def tab(d: Doc) -> str:
    out = list(d.pre)
    for part in _rows(d):
        for r in part:
            row = ["" if s is COVER else _flat(s[0]) for _, s in _all(d.grid, r)]
            out.append("\t".join(row))
        out.append("")
    return "\n".join(out + d.post) + "\n"


def _all(g: Grid, r: int) -> list[tuple[int, object]]:
    g.cells(r)
    return list(enumerate(g.slots[r]))


def pipe(d: Doc, rng: random.Random) -> str:
    out = list(d.pre)
    for part in _rows(d):
        for r in part:
            cells = [_flat(s[0]) for _, s in d.grid.cells(r)]
            lead = "| " if rng.random() < 0.5 else ""
            out.append(lead + " | ".join(cells) + " |" + "|" * rng.randint(1, 4))
    return "\n".join(out + d.post) + "\n"


def cells(d: Doc, bar: bool) -> str:
    out = list(d.pre)
    for part in _rows(d):
        for r in part:
            for _, s in d.grid.cells(r):
                text = _flat(s[0])
                out.append(f"{text} |" if bar else (text or " "))
    return ("\n" if bar else "\n\n").join(out + d.post) + "\n"


def spaces(d: Doc, rng: random.Random) -> str:
    out = list(d.pre)
    for part in _rows(d):
        for r in part:
            texts = [_flat(s[0]) for _, s in d.grid.cells(r) if s[0].strip()]
            indent = " " * 4 if d.grid.slots[r][0] is COVER else ""
            out.append(indent + "".join(t + " " * rng.randint(1, 3) for t in texts).rstrip())
    return "\n".join(out + d.post) + "\n"


def one_line(d: Doc) -> str:
    """A flattened form: every printed cell on one line, separated by one space."""
    texts = list(d.pre)
    for part in _rows(d):
        for r in part:
            texts += [_flat(s[0]) for _, s in d.grid.cells(r) if s[0].strip()]
    return " ".join(texts + d.post) + "\n"


# ---------------------------------------------------------------- HTML


def page(d: Doc, rng: random.Random, thead: int = 0, paragraphs: bool = False) -> str:
    """An HTML page; ``thead`` rows go in <thead> as <th>; each split part is its own <table>."""
    out = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8"><title>表</title></head><body>']
    if d.pre:
        out.append(f"<h2>{html.escape(d.pre[0])}</h2>")
        out += [f"<div>{html.escape(line)}</div>" for line in d.pre[1:]]
    for k, part in enumerate(_rows(d)):
        g = _clip(d.grid, part)
        out.append('<table border="1" cellspacing="0">')
        heads = thead if k == 0 else 0
        if heads:
            out.append("<thead>")
        for r in range(len(g.slots)):
            if heads and r == heads:
                out.append("</thead><tbody>")
            tag = "th" if r < heads else "td"
            tds = []
            for _, s in g.cells(r):
                text, rs, cs = s
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                body = html.escape(text).replace("\n", "<br/>")
                if paragraphs and len(text) > 16:
                    cut = text.find("，")
                    if cut > 0:
                        body = f"<p>{html.escape(text[: cut + 1])}</p><p>{html.escape(text[cut + 1 :])}</p>"
                tds.append(f"<{tag}{attrs}>{body}</{tag}>")
            out.append("  <tr>" + "".join(tds) + "</tr>")
        out.append("</tbody></table>" if heads else "</table>")
        if k == 0 and d.split_at is not None:
            out.append("<p>（续表）</p>")
    out += [f"<p>{html.escape(line)}</p>" for line in d.post]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- XLSX

NUM = re.compile(r"^-?\d+(\.\d+)?$")


def xlsx(
    d: Doc,
    path: Path,
    origin: tuple[int, int] = (1, 1),
    sheets_before: list[tuple[str, list[str]]] = (),
    hidden_col: bool = False,
    hidden_row_text: str | None = None,
    text_numbers: bool = False,
    pct_format: bool = False,
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side

    wb = Workbook()
    ws0 = wb.active
    first = True
    for title, lines in sheets_before:
        ws = ws0 if first else wb.create_sheet()
        first = False
        ws.title = title
        for k, line in enumerate(lines, 1):
            ws.cell(k, 1, line)
    ws = ws0 if first else wb.create_sheet()
    ws.title = "绩效自评表"
    r0, c0 = origin
    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    g = d.grid
    shift = 1 if hidden_col else 0  # a hidden helper column inside the table (codes)
    row = r0
    for line in d.pre:
        ws.cell(row, c0, line)
        row += 1
    if hidden_row_text:
        ws.cell(row, c0, hidden_row_text)
        ws.row_dimensions[row].hidden = True
        row += 1
    for r in range(len(g.slots)):
        for c, s in g.cells(r):
            col = c0 + c + (shift if c >= 1 else 0)
            text, rs, cs = s
            value: object = text
            cell = ws.cell(row + r, col)
            if not text_numbers and NUM.match(text):
                value = float(text) if "." in text else int(text)
            elif pct_format and text.endswith("%") and NUM.match(text[:-1]):
                places = len(text[:-1].split(".")[1]) if "." in text else 0
                value = round(float(text[:-1]) / 100, 8)
                cell.number_format = "0." + "0" * places + "%" if places else "0%"
            cell.value = value
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = border
            if rs > 1 or cs > 1:
                end = c0 + c + cs - 1 + (shift if c + cs - 1 >= 1 else 0)
                ws.merge_cells(start_row=row + r, start_column=col, end_row=row + r + rs - 1, end_column=end)
        first = g.slots[r][0]
        if hidden_col and isinstance(first, list) and first[2] == 1 and first[1] == 1:
            ws.cell(row + r, c0 + 1, f"X{r:03d}")
    if hidden_col:
        from openpyxl.utils import get_column_letter

        ws.column_dimensions[get_column_letter(c0 + 1)].hidden = True
    row += len(g.slots)
    for line in d.post:
        ws.cell(row, c0, line)
        row += 1
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    import datetime as dt

    wb.properties.creator = "corpus2"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
    wb.save(path)
    restamp(path)


# ---------------------------------------------------------------- DOCX


def docx(d: Doc, path: Path, nested: bool = False, around: list[str] = ()) -> None:
    import docx as _docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    doc = _docx.Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    for line in around:
        doc.add_paragraph(line)
    for line in d.pre:
        doc.add_paragraph(line)
    host = doc
    if nested:  # the whole form inside the one cell of a layout table
        outer = doc.add_table(rows=1, cols=1)
        host = outer.cell(0, 0)
    for k, part in enumerate(_rows(d)):
        g = _clip(d.grid, part)
        if k:
            p = doc.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
        table = host.add_table(rows=len(g.slots), cols=g.width)
        table.style = doc.styles["Table Grid"]
        for r in range(len(g.slots)):
            for c, s in g.cells(r):
                text, rs, cs = s
                cell = table.cell(r, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
                cell.text = text
                for para in cell.paragraphs:
                    for run in para.runs:
                        run.font.size = Pt(8)
    for line in d.post:
        doc.add_paragraph(line)
    for line in around:
        doc.add_paragraph(line)
    import datetime as dt

    doc.core_properties.author = doc.core_properties.last_modified_by = "corpus2"
    doc.core_properties.created = doc.core_properties.modified = dt.datetime(2024, 1, 1)
    doc.save(path)
    restamp(path)


def restamp(path: Path) -> None:
    """Rewrite a zip with fixed entry times so a rerun writes the same bytes."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":  # openpyxl stamps the save time into dcterms:modified
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


# ---------------------------------------------------------------- PDF


def pdf(source: Path, target: Path) -> bool:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return False
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
            timeout=180,
        )
        data = (Path(tmp) / (source.stem + ".pdf")).read_bytes()
    data = re.sub(rb"D:\d{14}", b"D:20240101000000", data)
    data = re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + b"0" * 32 + b">", data)
    target.write_bytes(data)
    return True
