"""Forms as a Word document (one form per page run) in the printed layout."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.run import Run

from jixiao.model import Form
from jixiao.write._files import atomic_output
from jixiao.write._layout import Notes, form_layout
from jixiao.write._page import Cell, Paragraph, Sheet, Table, Template, text_lines

__all__ = ["save_docx", "set_run_font", "sheets_to_docx", "write_docx"]

FONT = "宋体"  # printed through jixiao/write/fonts.conf: Noto Serif CJK SC where SimSun is missing
LANG = "zh-CN"  # Chinese text is Simplified Chinese: SC glyphs and Chinese line breaking
LATIN_LANG = "en-US"  # digits and Latin words: never broken inside "98.54" (zh-CN rules would)
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def write_docx(
    forms: Sequence[Form],
    path: str | Path,
    template: Template = Template.WUHAN,
    notes: Notes = "auto",
    *,
    overwrite: bool = True,
) -> Path:
    """Write the forms to one document, each form starting on a new page."""
    return sheets_to_docx([form_layout(f, template, notes) for f in forms], path, overwrite=overwrite)


def sheets_to_docx(sheets: Sequence[Sheet], path: str | Path, *, overwrite: bool = True) -> Path:
    doc = new_document()
    _base_style(doc)
    for k, sheet in enumerate(sheets):
        if k == 0:
            _page(doc.sections[0], sheet.landscape)
        else:
            _page(doc.add_section(WD_SECTION.NEW_PAGE), sheet.landscape)
        _render(doc, sheet)
    return save_docx(doc, path, overwrite=overwrite)


def save_docx(doc: DocxDocument, path: str | Path, *, overwrite: bool = True) -> Path:
    """Save through a temporary file so a failure never leaves half a document."""
    with atomic_output(path, overwrite=overwrite) as tmp:
        doc.save(str(tmp))
    return Path(path)


def set_run_font(run: Run, size: float = 10.5, bold: bool = False, name: str = FONT) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    set_language(rpr)


def set_language(rpr: object) -> None:
    """``<w:lang w:val="en-US" w:eastAsia="zh-CN"/>`` on a run or style's properties."""
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # type: ignore[attr-defined]
    lang.set(qn("w:val"), LATIN_LANG)
    lang.set(qn("w:eastAsia"), LANG)


def _base_style(doc: DocxDocument) -> None:
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10.5)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), FONT)
    set_language(rpr)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)


def _page(section: object, landscape: bool) -> None:
    s = section  # a docx Section
    w, h = Cm(21.0), Cm(29.7)
    if landscape:
        s.orientation = WD_ORIENT.LANDSCAPE  # type: ignore[attr-defined]
        s.page_width, s.page_height = h, w  # type: ignore[attr-defined]
    else:
        s.orientation = WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
        s.page_width, s.page_height = w, h  # type: ignore[attr-defined]
    for side in ("left_margin", "right_margin"):
        setattr(s, side, Cm(1.8))
    for side in ("top_margin", "bottom_margin"):
        setattr(s, side, Cm(2.0))


def _render(doc: DocxDocument, sheet: Sheet) -> None:
    section = doc.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]
    for block in sheet.blocks:
        if isinstance(block, Paragraph):
            _paragraph(doc, block)
        else:
            _table(doc, block, int(usable))


def _paragraph(doc: DocxDocument, p: Paragraph) -> None:
    para = doc.add_paragraph()
    run = para.add_run(p.text)
    # the title and header stay with the table, the 备注 together (never two lines on a page)
    para.paragraph_format.keep_with_next = p.kind in ("title", "header", "note")
    if p.kind == "title":
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(10)
        set_run_font(run, 16, bold=True)
    elif p.kind == "header":
        para.paragraph_format.space_after = Pt(6)
        set_run_font(run, 10.5)
    else:
        if p.text == "备注：":
            para.paragraph_format.space_before = Pt(8)
        set_run_font(run, 9 if p.kind == "note" else 10.5, bold=p.text == "备注：")


def _table(doc: DocxDocument, t: Table, usable: int) -> None:
    """Build the table's XML row by row (``w:gridSpan`` / ``w:vMerge``); python-docx's
    ``table.cell()`` is linear in the table size, which made large forms quadratic."""
    table = doc.add_table(rows=0, cols=t.ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(t.widths)
    widths = [int(usable * w / total) for w in t.widths]
    for col, w in zip(table.columns, widths, strict=True):
        col.width = w
    owner: dict[tuple[int, int], Cell] = {}
    for cell in t.cells:
        for rr in range(cell.row, cell.row + cell.rowspan):
            owner[(rr, cell.col)] = cell
    # The first row of a merged label is made tall enough for the whole label, so that the label
    # is printed on the page where its rows begin even when the merge runs over a page break.
    min_lines = [0] * t.nrows
    keep = set(t.keep) | set(range(max(t.nrows - 2, 0), t.nrows))  # the last rows stay with 备注
    for cell in t.cells:
        # a merged label's first row never alone at the foot of a page: the label would print
        # on the next page, leaving that row unlabelled
        if cell.rowspan > 1 and cell.text:
            keep.add(cell.row)
        if cell.rowspan > 1 and cell.text:
            width = sum(t.widths[cell.col : cell.col + cell.colspan])
            min_lines[cell.row] = max(min_lines[cell.row], text_lines(cell.text, width))
    for r in range(t.nrows):
        tr = OxmlElement("w:tr")
        trpr = OxmlElement("w:trPr")
        trpr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        if min_lines[r] > 1:
            height = OxmlElement("w:trHeight")
            height.set(qn("w:val"), str(int(min_lines[r] * 14.5 * 20 + 60)))  # twips
            height.set(qn("w:hRule"), "atLeast")
            trpr.append(height)
        tr.append(trpr)
        table._tbl.append(tr)
        c = 0
        while c < t.ncols:
            cell = owner.get((r, c))
            span = cell.colspan if cell else 1
            tc = OxmlElement("w:tc")
            tr.append(tc)
            dcell = _Cell(tc, table)
            dcell.width = sum(widths[c : c + span])
            if span > 1:
                tc.grid_span = span
            if cell is not None and cell.rowspan > 1:
                tc.vMerge = "restart" if cell.row == r else "continue"
            if cell is None or cell.row != r:
                para = dcell.add_paragraph()
                para.paragraph_format.keep_with_next = r in keep
            else:
                # a label merged down several rows is printed at its top: centred, it could land
                # on the next page, leaving its first rows unlabelled on this one
                top = cell.rowspan > 1
                dcell.vertical_alignment = (
                    WD_CELL_VERTICAL_ALIGNMENT.TOP if top else WD_CELL_VERTICAL_ALIGNMENT.CENTER
                )
                for line in cell.text.split("\n") if cell.text else [""]:
                    para = dcell.add_paragraph()
                    para.alignment = _ALIGN[cell.align]
                    # heading rows stay with the rows they head; the last rows with the 备注
                    para.paragraph_format.keep_with_next = r in keep
                    set_run_font(para.add_run(line), 10.5, bold=cell.bold)
            c += span
    gap = doc.add_paragraph()  # Word needs a paragraph between a table and what follows
    gap.paragraph_format.keep_with_next = True
