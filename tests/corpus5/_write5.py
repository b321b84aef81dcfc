"""Files from grids: XLSX (plain, every field a merged block, continued on a second sheet),
DOCX (Word-style gridSpan/vMerge tables, text boxes written as Word does — DrawingML with a VML
fallback holding the same ``w:txbxContent`` — and a table pasted as TAB paragraphs), HTML,
markdown/wiki pipe tables and one-cell-per-line text."""

from __future__ import annotations

import re
from pathlib import Path

from _grid5 import Grid
from lxml import etree

NUMBER = re.compile(r"-?\d+(\.\d+)?")
PERCENT = re.compile(r"-?\d+(\.\d+)?%")


def slice_rows(g: Grid, rows: list[int]) -> tuple[list[list[str | None]], list[tuple[int, int, int, int]]]:
    """The grid restricted to ``rows`` (original indexes, in order): a merge cut by the slice is
    kept on its present rows, its text printed again where the slice starts (as a continued table
    reprints a level label)."""
    pos = {r: k for k, r in enumerate(rows)}
    cells = [list(g.cells[r]) for r in rows]
    merges = []
    for r0, c0, r1, c1 in g.merges:
        present = [pos[r] for r in range(r0, r1 + 1) if r in pos]
        if not present:
            continue
        runs: list[list[int]] = [[present[0]]]
        for p in present[1:]:
            if p == runs[-1][-1] + 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        for run in runs:
            cells[run[0]][c0] = g.cells[r0][c0]
            if run[-1] > run[0] or c1 > c0:
                merges.append((run[0], c0, run[-1], c1))
    return cells, merges


def _value(text: str):
    if PERCENT.fullmatch(text):  # shown with as many decimals as printed
        places = len(text[:-1].partition(".")[2])
        return round(float(text[:-1]) / 100, places + 2), "0" + ("." + "0" * places if places else "") + "%"
    if NUMBER.fullmatch(text) and not (len(text) > 1 and text.startswith("0") and "." not in text):
        v = float(text)
        return (int(v) if v == int(v) and "." not in text else v), None
    return text, None


def _sheet(ws, g: Grid, rows: list[int], *, title: bool, scale: int = 1, with_lines: bool = True) -> None:
    from openpyxl.styles import Alignment

    cells, merges = slice_rows(g, rows)
    lines = ([g.title] if title and g.title else []) + (g.pre if with_lines else [])
    r = 1
    for line in lines:
        ws.cell(row=r, column=1, value=line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r + scale - 1, end_column=g.ncols * scale)
        r += scale
    top = r
    for k, row in enumerate(cells):
        for c, text in enumerate(row):
            if text is None:
                continue
            v, number_format = _value(text)
            cell = ws.cell(row=top + k * scale, column=1 + c * scale, value=v if text != "" else None)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if number_format:
                cell.number_format = number_format
    done = set()
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(
            start_row=top + r0 * scale,
            start_column=1 + c0 * scale,
            end_row=top + r1 * scale + scale - 1,
            end_column=1 + c1 * scale + scale - 1,
        )
        for rr in range(r0, r1 + 1):
            for cc in range(c0, c1 + 1):
                done.add((rr, cc))
    if scale > 1:  # every field its own merged block
        for k in range(len(cells)):
            for c in range(g.ncols):
                if (k, c) not in done:
                    ws.merge_cells(
                        start_row=top + k * scale,
                        start_column=1 + c * scale,
                        end_row=top + k * scale + scale - 1,
                        end_column=1 + c * scale + scale - 1,
                    )
    r = top + len(cells) * scale
    if with_lines:
        for line in g.post:
            ws.cell(row=r, column=1, value=line)
            r += 1
    from openpyxl.utils import get_column_letter

    for c in range(1, g.ncols * scale + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14 / scale + 2


def to_xlsx(
    path: Path, grids: list[Grid], *, scale: int = 1, continued: bool = False, names: list[str] | None = None
) -> None:
    """One sheet per grid; ``continued``: the indicator rows after ``split_at`` go to a second
    sheet under the repeated indicator header."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for k, g in enumerate(grids):
        name = (names or [])[k] if names and k < len(names) else f"Sheet{k + 1}"
        n = len(g.cells)
        if continued:
            head = list(range(g.header_rows, g.header_rows + g.head_n))
            _sheet(wb.create_sheet(name), g, list(range(g.split_at)), title=True)
            ws2 = wb.create_sheet(f"{name}（续）")
            _sheet(ws2, g, head + list(range(g.split_at, n)), title=False, with_lines=False)
            for line in g.post:
                ws2.append([line])
        else:
            _sheet(wb.create_sheet(name), g, list(range(n)), title=True, scale=scale)
    wb.save(path)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXTBOX = """<w:r xmlns:w="{w}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="5600000" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>
<wp:docPr id="{id}" name="文本框 {id}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5600000" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>
<v:shape id="文本框 {id}" type="#_x0000_t202" style="position:absolute;width:441pt;height:{pt}pt"><v:textbox>{content}</v:textbox></v:shape>
</w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def _txbx(lines: list[str]) -> str:
    ps = "".join(f'<w:p><w:r><w:t xml:space="preserve">{_esc(x)}</w:t></w:r></w:p>' for x in lines)
    return f"<w:txbxContent>{ps}</w:txbxContent>"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def add_textbox(doc, lines: list[str], ident: int) -> None:
    """A paragraph anchoring one text box with ``lines`` (Choice and Fallback hold the same text)."""
    p = doc.add_paragraph()
    xml = TEXTBOX.format(w=W, cy=300000 * len(lines), pt=24 * len(lines), id=ident, content=_txbx(lines))
    p._p.append(etree.fromstring(xml))


def _ragged(t, g: Grid) -> None:
    """Rows as Word writes a ragged table: a column-0 cell merged down over several rows becomes
    one cell on its first row and ``w:gridBefore`` on the rows below (no cell there at all); a
    last cell spanning to the edge from an empty start stays, other rows keep their cells."""
    for r0, c0, r1, c1 in g.merges:
        if c0 != 0 or c1 != 0 or r1 == r0:
            continue
        for r in range(r0, r1 + 1):
            tr = t.rows[r]._tr
            tc = tr.tc_lst[0]
            vm = tc.find(f"{{{W}}}tcPr/{{{W}}}vMerge")
            if vm is not None:
                vm.getparent().remove(vm)
            if r > r0:
                tr.remove(tc)
                trpr = tr.get_or_add_trPr()
                trpr.insert(0, etree.fromstring(f'<w:gridBefore xmlns:w="{W}" w:val="1"/>'))
                trpr.insert(1, etree.fromstring(f'<w:wBefore xmlns:w="{W}" w:w="1200" w:type="dxa"/>'))


def to_pdf(path: Path, grids: list[Grid] | None = None, *, docx: Path | None = None, **kw) -> None:
    """A PDF printed by LibreOffice (``--convert-to pdf``) from a DOCX of ``grids`` or ``docx``."""
    import shutil
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="corpus5-") as tmp:
        src = Path(tmp) / (path.stem + ".docx")
        if docx is not None:
            shutil.copy(docx, src)
        else:
            to_docx(src, grids or [], **kw)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(Path(tmp) / (path.stem + ".pdf"), path)


def to_docx(
    path: Path, grids: list[Grid], *, textbox: str = "", tabs: bool = False, ragged: bool = False
) -> None:
    """``textbox``: ``title`` or ``pre`` (those lines drawn in a text box); ``tabs``: the table
    pasted as one TAB-separated paragraph per row."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    ident = 1
    for k, g in enumerate(grids):
        if k:
            doc.add_page_break()
        if textbox == "title":
            add_textbox(doc, [g.title], ident)
            ident += 1
        else:
            doc.add_paragraph(g.title).alignment = WD_ALIGN_PARAGRAPH.CENTER
        if textbox == "pre" and g.pre:
            add_textbox(doc, g.pre, ident)
            ident += 1
        else:
            for line in g.pre:
                doc.add_paragraph(line)
        if tabs:
            for row in g.cells:
                doc.add_paragraph("\t".join(x or "" for x in row).rstrip("\t"))
        else:
            t = doc.add_table(rows=len(g.cells), cols=g.ncols)
            t.style = "Table Grid"
            for r0, c0, r1, c1 in g.merges:
                t.cell(r0, c0).merge(t.cell(r1, c1))
            for r, row in enumerate(g.cells):
                for c, text in enumerate(row):
                    if text and not g.covered(r, c):
                        t.cell(r, c).text = text
            if ragged:
                _ragged(t, g)
            if g.short_last:  # the last row stops early, as Word writes a short row
                tr = t.rows[-1]._tr
                tr.remove(tr.tc_lst[-1])
                trpr = tr.get_or_add_trPr()
                trpr.append(etree.fromstring(f'<w:gridAfter xmlns:w="{W}" w:val="{g.short_last}"/>'))
            if textbox == "table":  # the whole table drawn inside a text box
                tbl = t._tbl
                tbl.getparent().remove(tbl)
                content = f"<w:txbxContent>{etree.tostring(tbl, encoding='unicode')}<w:p/></w:txbxContent>"
                p = doc.add_paragraph()
                xml = TEXTBOX.format(w=W, cy=6000000, pt=480, id=ident, content=content)
                p._p.append(etree.fromstring(xml))
                ident += 1
        for line in g.post:
            doc.add_paragraph(line)
    doc.save(path)


def to_html(path: Path, grids: list[Grid]) -> None:
    parts = ['<html><head><meta charset="utf-8"></head><body>']
    for g in grids:
        parts.append(f"<h3>{_esc(g.title)}</h3>")
        parts += [f"<p>{_esc(x)}</p>" for x in g.pre]
        parts.append('<table border="1">')
        for r, row in enumerate(g.cells):
            tds = []
            for c, text in enumerate(row):
                if g.covered(r, c):
                    continue
                m = g.merge_at(r, c)
                attrs = ""
                if m and m[2] > m[0]:
                    attrs += f' rowspan="{m[2] - m[0] + 1}"'
                if m and m[3] > m[1]:
                    attrs += f' colspan="{m[3] - m[1] + 1}"'
                tds.append(f"<td{attrs}>{_esc(text or '')}</td>")
            parts.append("<tr>" + "".join(tds) + "</tr>")
        parts.append("</table>")
        parts += [f"<p>{_esc(x)}</p>" for x in g.post]
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def _br(text: str) -> str:
    """A long cell broken as a wiki editor keeps it: ``<br>`` after a comma, or mid-name."""
    if len(text) > 24 and "，" in text:
        k = text.index("，") + 1
        return text[:k] + "<br>" + text[k:]
    if 9 <= len(text) <= 16 and re.fullmatch(r"[\u4e00-\u9fff“”]+", text):
        return text[: len(text) // 2] + "<br>" + text[len(text) // 2 :]
    return text


def to_markdown(path: Path, grids: list[Grid]) -> None:
    """Pipe tables as a wiki exports them: alignment row, covered cells empty, ``<br>`` in cells."""
    out: list[str] = []
    for g in grids:
        out += [f"## {g.title}", ""] + [x + "  " for x in g.pre] + [""]
        for r, row in enumerate(g.cells):
            cells = ["" if x is None else _br(x).replace("|", "\\|") for x in row]
            out.append("| " + " | ".join(cells) + " |")
            if r == 0:
                out.append(
                    "|"
                    + "|".join(":---" if c == 0 else ":---:" if c % 2 else "---:" for c in range(g.ncols))
                    + "|"
                )
        out += ["", *g.post, ""]
    path.write_text("\n".join(out), encoding="utf-8")


def to_cells(path: Path, grids: list[Grid]) -> None:
    """One cell per line, a blank line between cells, an empty cell one space, covered cells absent."""
    out: list[str] = []
    for g in grids:
        out += [g.title, ""] + [x for line in g.pre for x in (line, "")]
        for r, row in enumerate(g.cells):
            for c, text in enumerate(row):
                if not g.covered(r, c):
                    out += [text or " ", ""]
        out += [x for line in g.post for x in (line, "")]
    path.write_text("\n".join(out), encoding="utf-8")
