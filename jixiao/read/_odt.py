"""OpenDocument text (.odt) as rows: paragraphs are running text, table rows are grid rows.

Read as ``_docx`` reads a DOCX, so a document saved in both formats gives the same rows: a
spanned cell (``number-columns-spanned``) keeps its text in its first column and each
``table:covered-table-cell`` it covers is an empty cell; ``number-rows-spanned`` marks the
column merged with the rows below; a table holding a table only lays the page out and is
opened. A ``text:h`` heading, or a paragraph whose every run is bold or ≥ 14 pt, is a heading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.model import Source
from jixiao.read._clean import clean_cell
from jixiao.read._grid import Row
from jixiao.read._odf import DRAW, OFFICE, TABLE, TEXT, OdfStyles, cell_text, odf_parts, own_text, shapes
from jixiao.read._odf import StyleFacts as _Facts
from jixiao.read.native import boxed_line

__all__ = ["odt_rows"]

_MAX_NESTING = 8
_HEADING_PT = 14
_CONTAINERS = {TEXT + "section", TEXT + "list", TEXT + "list-item", TEXT + "list-header", TEXT + "index-body"}
_ROW_GROUPS = {TABLE + "table-header-rows", TABLE + "table-rows", TABLE + "table-row-group"}
_MAX_REPEAT = 64  # repeated cells/rows built; beyond is a broken or hostile file


def odt_rows(path: Path) -> list[Row]:
    content, styles = odf_parts(path, "odt")
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    rows: list[Row] = []
    if body is not None:
        _Reader(path, OdfStyles(content, styles), rows).blocks(body, 0)
    return rows


class _Reader:
    def __init__(self, path: Path, styles: OdfStyles, rows: list[Row]) -> None:
        self.path, self.styles, self.rows = path, styles, rows
        self.line = self.table = 0
        self.gap = False

    def blocks(self, container: Any, depth: int) -> None:
        for el in container.iterchildren():
            tag = el.tag
            if tag in (TEXT + "p", TEXT + "h"):
                self.paragraph(el)
            elif tag == TABLE + "table":
                if depth < _MAX_NESTING and _is_layout(el):
                    for tc in _cells(el):
                        self.blocks(tc, depth + 1)
                else:
                    self.table += 1
                    self.rows.extend(self.table_rows(el))
                self.gap = False
            elif tag in _CONTAINERS or (isinstance(tag, str) and tag.startswith(DRAW)):
                self.blocks(el, depth)  # a frame around a text box holds its paragraphs too

    def paragraph(self, p: Any) -> None:
        self.line += 1
        text = clean_cell(own_text(p))
        if not text:
            self.gap = True
        else:
            src = Source(file=str(self.path), line=self.line)
            self.rows.append(Row([text], src, table=False, heading=self.is_heading(p), after_gap=self.gap))
            self.gap = False
        for box in shapes(p):  # a text box's paragraphs (and tables) are lines after the anchor's
            self.blocks(box, 0)

    def is_heading(self, p: Any) -> bool:
        if p.tag == TEXT + "h":
            return True
        own = self.styles.facts("paragraph", p.get(TEXT + "style-name"))
        if own.heading:
            return True
        runs = list(_runs(p, own, self.styles))
        return bool(runs) and all(f.bold or f.size_pt >= _HEADING_PT for f in runs)

    def table_rows(self, tbl: Any) -> list[Row]:
        out: list[Row] = []
        for r, tr in enumerate(_rows(tbl), start=1):
            cells: list[str] = []
            down: set[int] = set()
            for tc in tr.iterchildren(TABLE + "table-cell", TABLE + "covered-table-cell"):
                repeat = min(_int(tc.get(TABLE + "number-columns-repeated")), _MAX_REPEAT)
                for _ in range(repeat):
                    if tc.tag == TABLE + "covered-table-cell":
                        cells.append("")
                        continue
                    if _int(tc.get(TABLE + "number-rows-spanned")) > 1:
                        down.add(len(cells))
                    cells.append(clean_cell(cell_text(tc)))
            while cells and not cells[-1]:
                cells.pop()
            if not any(cells):
                continue
            first = next(k for k, c in enumerate(cells) if c)
            src = Source(file=str(self.path), sheet=str(self.table), cell=f"r{r}c{first + 1}")
            after_gap = self.gap and not out
            line = boxed_line(cells)
            if line is not None:
                out.append(Row([line], src, table=False, after_gap=after_gap))
                continue
            out.append(
                Row(cells, src, table=True, after_gap=after_gap, exact=True, merged_down=frozenset(down))
            )
        return out


def _int(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


def _rows(tbl: Any) -> list[Any]:
    """The table's own rows in order (through header-rows / row groups), repeats expanded."""
    out: list[Any] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            if child.tag == TABLE + "table-row":
                out.extend([child] * min(_int(child.get(TABLE + "number-rows-repeated")), _MAX_REPEAT))
            elif child.tag in _ROW_GROUPS:
                walk(child)

    walk(tbl)
    return out


def _cells(tbl: Any) -> list[Any]:
    return [tc for tr in _rows(tbl) for tc in tr.iterchildren(TABLE + "table-cell")]


def _is_layout(tbl: Any) -> bool:
    """A table one of whose cells holds a table of its own."""
    return any(child.tag == TABLE + "table" for tc in _cells(tbl) for child in tc)


def _runs(p: Any, own: _Facts, styles: OdfStyles) -> list[_Facts]:
    """The facts of each piece of text in the paragraph: its span's style over the paragraph's."""
    out: list[_Facts] = []

    def add(text: str | None, facts: _Facts) -> None:
        if text and text.strip():
            out.append(facts)

    def walk(el: Any, facts: _Facts) -> None:
        add(el.text, facts)
        for child in el:
            if child.tag == TEXT + "span":
                span = styles.facts("text", child.get(TEXT + "style-name"))
                merged = _Facts(bold=span.bold or facts.bold, size_pt=span.size_pt or facts.size_pt)
                walk(child, merged)
            elif child.tag not in (TEXT + "note", OFFICE + "annotation"):
                walk(child, facts)
            add(child.tail, facts)

    walk(p, own)
    return out
