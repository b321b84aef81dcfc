"""DOCX body as rows: paragraphs are running text, table rows are grid rows.

The main document is found through the package relationships and parsed with lxml. Cells are
read from the WordprocessingML itself (``w:gridSpan``, ``w:vMerge``) rather than
python-docx's ``row.cells``, which repeats a merged cell's object once per grid column.
A text box (``w:txbxContent``, inside a run of its anchor paragraph) is read once, after the
anchor's own text: Word stores it twice (DrawingML and a VML ``mc:Fallback`` copy).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jixiao.model import Source
from jixiao.read._clean import clean_cell
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._limits import DOCX_MAIN_TYPES, content_type, content_types, open_checked_zip, xml_parser
from jixiao.read.native import boxed_line

__all__ = ["docx_rows"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PACKAGE_RELS = "_rels/.rels"
_OFFICE_DOCUMENT = "/officeDocument"
_TXBX = _W + "txbxContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def docx_rows(path: Path) -> list[Row]:
    trees: dict[str, Any] = {}
    body = _body(path, open_checked_zip(path, "docx", trees), trees)
    rows: list[Row] = []
    _block_rows(body, path, rows, [0, 0], depth=0)
    return rows


_MAX_NESTING = 8  # layout tables inside layout tables: deeper content is read as cell text
_MIN_TAB_RUN = 3  # paragraphs with TABs in a row that are a table pasted as text, not a tab stop


def _block_rows(container: Any, path: Path, rows: list[Row], counters: list[int], depth: int) -> None:
    """Paragraphs and tables of a body or a cell, in order; a layout table is opened.

    A table with a table inside one of its cells only lays the page out (a frame around the
    form): its cells' paragraphs and tables are read as if they stood in the body. A run of
    paragraphs whose cells are separated by TABs is a table pasted as text: its lines are read
    as TAB rows of a text dump (``_tab_run``).
    """
    gap = False
    run: list[tuple[int, str]] = []  # (paragraph number, text with its TABs)
    for el in container.iterchildren():
        if el.tag == _W + "p" and _has_tab(el):
            counters[0] += 1
            run.append((counters[0], _own_text(el, tab="\t")))
            continue
        if run:
            gap = _tab_run(run, path, rows, gap)
            run = []
        if el.tag == _W + "p":
            counters[0] += 1
            text = clean_cell(_own_text(el))
            if not text:
                gap = True
            else:
                rows.append(
                    Row(
                        [text],
                        Source(file=str(path), line=counters[0]),
                        table=False,
                        heading=_is_heading(el),
                        after_gap=gap,
                    )
                )
                gap = False
            for box in _walk(el, _TXBX):
                _block_rows(box, path, rows, counters, depth + 1)
        elif el.tag == _W + "tbl":
            if depth < _MAX_NESTING and _is_layout_table(el):
                for tr in _kids(el, _W + "tr"):
                    for tc in _kids(tr, _W + "tc"):
                        _block_rows(tc, path, rows, counters, depth + 1)
            else:
                counters[1] += 1
                rows.extend(_table_rows(el, path, counters[1], gap))
            gap = False
        elif el.tag == _W + "sdt":  # a content control wraps paragraphs and tables
            content = el.find(_W + "sdtContent")
            if content is not None:
                _block_rows(content, path, rows, counters, depth)
    if run:
        _tab_run(run, path, rows, gap)


def _has_tab(p: Any) -> bool:
    """A paragraph with a TAB of its own and no text box (a box's lines stand on their own)."""
    return next(_walk(p, _W + "tab"), None) is not None and next(_walk(p, _TXBX), None) is None


def _tab_run(run: list[tuple[int, str]], path: Path, rows: list[Row], gap: bool) -> bool:
    """Paragraphs holding TABs: ``_MIN_TAB_RUN`` or more in a row are TAB rows (as a PDF dump
    prints a table, covered cells empty), each row naming its paragraph; fewer are running
    text, a TAB being a space. Returns the gap flag for what follows."""
    from jixiao.read._layouts import text_rows

    if len(run) >= _MIN_TAB_RUN:
        for row in text_rows("\n".join(text for _, text in run), str(path)):
            k = (row.source.line or 1) - 1
            row.source = row.source.model_copy(update={"line": run[k][0] if 0 <= k < len(run) else None})
            row.after_gap = row.after_gap or (gap and not rows)
            rows.append(row)
        return False
    for number, text in run:
        cleaned = clean_cell(text.replace("\t", " "))
        if cleaned:
            rows.append(Row([cleaned], Source(file=str(path), line=number), table=False, after_gap=gap))
            gap = False
    return gap


def _kids(el: Any, tag: str) -> Iterator[Any]:
    """Children of ``el`` named ``tag``, also those wrapped in content controls (``w:sdt`` /
    ``w:sdtContent`` around a row or a cell, as form templates have them): a control is
    transparent, the row or cell stands where it stands."""
    for child in el.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _kids(content, tag)


def _is_layout_table(tbl: Any) -> bool:
    """A table one of whose cells holds a table of its own."""
    return any(
        child.tag == _W + "tbl"
        for tr in _kids(tbl, _W + "tr")
        for tc in _kids(tr, _W + "tc")
        for child in tc
    )


def _body(path: Path, package: zipfile.ZipFile, trees: dict[str, Any]) -> Any:
    """The ``w:body`` of the package's main document, found through its relationships.

    Read with lxml directly from the package the guard checked, still open (the guard has
    bounded every member, and its parse of the main part, same parser, is taken when it kept
    it): python-docx would also parse styles, numbering and settings, which the rows never use.
    """
    from lxml import etree

    broken = ReadError(str(path), "不是有效的 Word（.docx）文件（文件结构损坏）")
    try:
        with package as z:
            names = set(z.namelist())
            rels = etree.fromstring(z.read(_PACKAGE_RELS), xml_parser()) if _PACKAGE_RELS in names else None
            main = next(
                (
                    (el.get("Target") or "").lstrip("/")
                    for el in (rels if rels is not None else [])
                    if (el.get("Type") or "").endswith(_OFFICE_DOCUMENT)
                ),
                None,
            )
            if main is None or main not in names:
                raise broken
            if content_type(main, content_types(z)) not in DOCX_MAIN_TYPES:
                raise ReadError(str(path), "不是 Word 文档（压缩包里的主文档不是 Word 正文）")
            root = trees.get(main)
            if root is None:
                root = etree.fromstring(z.read(main), xml_parser(huge=True))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise broken from e
    body = root.find(_W + "body")
    if body is None:
        raise broken
    return body


def _walk(el: Any, *tags: str) -> Iterator[Any]:
    """Descendants of ``el`` with one of ``tags``, in document order, never inside a text box
    (unless asked for the box itself) nor inside an ``mc:Fallback`` copy of what precedes it."""
    for child in el.iterchildren():
        if child.tag in tags:
            yield child
        if child.tag not in (_TXBX, _FALLBACK):
            yield from _walk(child, *tags)


def _own_text(p: Any, tab: str = " ") -> str:
    """A paragraph's own runs joined (its text boxes left out), line breaks as newlines, a TAB
    as ``tab``."""
    parts = []
    for node in _walk(p, _W + "t", _W + "br", _W + "tab"):
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "br":
            parts.append("\n")
        else:
            parts.append(tab)
    return "".join(parts)


def _text(el: Any) -> str:
    """Text of a cell or box: paragraphs as lines, each followed by its text boxes' lines."""
    out: list[str] = []
    for p in _walk(el, _W + "p"):
        out.append(_own_text(p))
        out.extend(_text(box) for box in _walk(p, _TXBX))
    return "\n".join(out)


def _is_heading(p: Any) -> bool:
    ppr = p.find(_W + "pPr")
    if ppr is not None:
        style = ppr.find(_W + "pStyle")
        if style is not None:
            sid = (style.get(_W + "val") or "").lower()
            if sid.startswith(("heading", "title")) or sid in {"1", "2", "3"}:
                return True
    runs = [r for r in _walk(p, _W + "r") if "".join(t.text or "" for t in _walk(r, _W + "t")).strip()]
    if not runs:
        return False
    for r in runs:
        rpr = r.find(_W + "rPr")
        if rpr is None:
            return False
        b = rpr.find(_W + "b")
        sz = rpr.find(_W + "sz")
        bold = b is not None and b.get(_W + "val") not in ("0", "false")
        big = sz is not None and int(sz.get(_W + "val") or 0) >= 28
        if not (bold or big):
            return False
    return True


def _table_rows(tbl: Any, path: Path, table_no: int, gap: bool) -> list[Row]:
    rows: list[Row] = []
    for r, tr in enumerate(_kids(tbl, _W + "tr"), start=1):
        cells: list[str] = []
        down: set[int] = set()
        trpr = tr.find(_W + "trPr")
        before = _val(trpr, "gridBefore") if trpr is not None else 0
        cells.extend([""] * before)
        for tc in _kids(tr, _W + "tc"):
            tcpr = tc.find(_W + "tcPr")
            span = max(_val(tcpr, "gridSpan"), 1) if tcpr is not None else 1
            continued = False
            if tcpr is not None:
                vm = tcpr.find(_W + "vMerge")
                continued = vm is not None and vm.get(_W + "val") in (None, "continue")
                if vm is not None and vm.get(_W + "val") == "restart":
                    down.add(len(cells))
            cells.append("" if continued else clean_cell(_text(tc)))
            cells.extend([""] * (span - 1))
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        first = next(k for k, c in enumerate(cells) if c)
        src = Source(file=str(path), sheet=str(table_no), cell=f"r{r}c{first + 1}")
        line = boxed_line(cells)
        if line is not None:
            rows.append(Row([line], src, table=False, after_gap=gap and not rows))
            continue
        rows.append(
            Row(cells, src, table=True, after_gap=gap and not rows, exact=True, merged_down=frozenset(down))
        )
    return rows


def _val(parent: Any, name: str) -> int:
    el = parent.find(_W + name)
    if el is None:
        return 0
    try:
        return int(el.get(_W + "val") or 0)
    except ValueError:
        return 0
