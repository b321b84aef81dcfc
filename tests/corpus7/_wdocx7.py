"""DOCX writer of the seventh set with Word makers' habits: tracked changes (w:ins/w:del, the
form prints with the changes accepted), content controls (w:sdt) in cells, the form table nested
in a cell of a frame table, the form inside a text box, a long narrative before the form."""

from __future__ import annotations

import copy
from pathlib import Path

from _grid7 import Doc, Grid, fmt
from _write7 import stable_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _fill(table, g: Grid) -> None:
    for cell in sorted(g.cells, key=lambda c: (c.r, c.c)):
        a = table.cell(cell.r, cell.c)
        if cell.rs > 1 or cell.cs > 1:
            a = a.merge(table.cell(cell.r + cell.rs - 1, cell.c + cell.cs - 1))
        a.text = fmt(cell.v)


def _table(container, g: Grid):
    t = container.add_table(rows=g.rows, cols=g.width)
    t.style = "Table Grid"
    _fill(t, g)
    return t


def _run_text(run_el) -> str:
    return "".join(t.text or "" for t in run_el.iter(_q("t")))


def track_changes(table, edits: dict[str, str]) -> None:
    """A cell whose text is a key of ``edits`` prints ``edits[key]`` (deleted) then the key (inserted):
    accepted, the cell reads the key."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ids = iter(range(101, 10000))
    for tr in table._tbl.iter(_q("tr")):
        for tc in tr.iter(_q("tc")):
            for p in tc.iter(_q("p")):
                runs = p.findall(_q("r"))
                text = "".join(_run_text(r) for r in runs)
                if text not in edits or not runs:
                    continue
                old = copy.deepcopy(runs[0])
                for t in old.iter(_q("t")):
                    dt = OxmlElement("w:delText")
                    dt.text = edits[text]
                    t.getparent().replace(t, dt)
                d = OxmlElement("w:del")
                ins = OxmlElement("w:ins")
                for el in (d, ins):
                    el.set(qn("w:id"), str(next(ids)))
                    el.set(qn("w:author"), "审核人")
                    el.set(qn("w:date"), "2025-03-10T09:00:00Z")
                d.append(old)
                first = runs[0]
                p.insert(list(p).index(first), d)
                p.insert(list(p).index(first), ins)
                for r in runs:
                    ins.append(r)


def content_controls(table, rows: range) -> None:
    """Wrap the runs of every cell of ``rows`` in a run-level w:sdt (plain text control), and
    the whole first cell of each such row in a cell-level w:sdt."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trs = table._tbl.findall(_q("tr"))
    for k in rows:
        tr = trs[k]
        tcs = tr.findall(_q("tc"))
        for j, tc in enumerate(tcs):
            for p in tc.findall(_q("p")):
                runs = p.findall(_q("r"))
                if not runs:
                    continue
                sdt = OxmlElement("w:sdt")
                pr = OxmlElement("w:sdtPr")
                alias = OxmlElement("w:alias")
                alias.set(qn("w:val"), "填写内容")
                tag = OxmlElement("w:tag")
                tag.set(qn("w:val"), f"r{k}c{j}")
                pr.append(alias)
                pr.append(tag)
                pr.append(OxmlElement("w:text"))
                content = OxmlElement("w:sdtContent")
                p.insert(list(p).index(runs[0]), sdt)
                sdt.append(pr)
                sdt.append(content)
                for r in runs:
                    content.append(r)
        if tcs and k % 2 == 0:
            sdt = OxmlElement("w:sdt")
            pr = OxmlElement("w:sdtPr")
            pr.append(OxmlElement("w:richText"))
            content = OxmlElement("w:sdtContent")
            tr.insert(list(tr).index(tcs[-1]), sdt)
            sdt.append(pr)
            sdt.append(content)
            content.append(tcs[-1])


def into_textbox(document, table) -> None:
    """Move ``table`` into a VML text box anchored in a new paragraph, as Word 2003-style shapes."""
    from docx.oxml import parse_xml

    p = document.add_paragraph()
    xml = (
        f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<w:pict><v:shape id="TextBox1" type="#_x0000_t202" style="width:720pt;height:900pt">'
        "<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></w:r>"
    )
    run = parse_xml(xml)
    p._p.append(run)
    box = run.find(".//" + _q("txbxContent"))
    tbl = table._tbl
    tbl.getparent().remove(tbl)
    box.append(tbl)
    box.append(parse_xml(f'<w:p xmlns:w="{W}"/>'))


def write_docx(
    path: Path,
    docs: list[Doc],
    *,
    habit: str | None = None,
    edits: dict | None = None,
    narrative: list[str] | None = None,
    sdt_rows: range | None = None,
) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    d = Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    d.core_properties.author = "finance"
    for line in narrative or []:
        d.add_paragraph(line)
    for doc in docs:
        for kind, part in doc.parts:
            if kind == "p":
                d.add_paragraph(part)
                continue
            if habit == "nested":
                frame = d.add_table(rows=1, cols=1)
                frame.style = "Table Grid"
                _table(frame.cell(0, 0), part)
                continue
            t = _table(d, part)
            if habit == "tracked":
                track_changes(t, edits or {})
            elif habit == "sdt":
                content_controls(t, sdt_rows or range(part.rows))
            elif habit == "textbox":
                into_textbox(d, t)
    d.save(path)
    stable_zip(path)
