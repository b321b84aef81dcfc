"""HTML pages as rows: ``<table>`` grids with rowspan/colspan expanded, other blocks as text.

Units publish forms as HTML tables. A real HTML parser (lxml) reads the page; every table
becomes the same grid an XLSX sheet gives (a merged cell keeps its text in its top-left cell,
the cells it covers are empty), so the one form builder reads it by the same rules. A
workbook saved as a frameset page with one file per sheet is read sheet by sheet (``_html_book``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.model import Source
from jixiao.read._clean import clean_cell, join_lines
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._html_book import workbook_sheets
from jixiao.read.native import boxed_line

__all__ = ["html_rows"]

_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "caption", "li", "pre", "title"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "caption"}
_SKIP = {"script", "style", "head", "noscript", "template"}
_MAX_SPAN = 200  # a rowspan/colspan beyond this is a broken page, not a form


def html_rows(path: Path, data: bytes | None = None, encoding: str | None = None) -> list[Row]:
    """The page's rows; ``data``/``encoding``: a page taken out of another file (an .mht's part)."""
    import lxml.etree
    import lxml.html

    if data is None:
        data = path.read_bytes()
        sheets = workbook_sheets(path, data.decode(_encoding(data), errors="replace"))
        if sheets is not None:  # Excel's frameset of a workbook: every sheet file in order
            return [row for sheet in sheets for row in html_rows(sheet, sheet.read_bytes())]
    try:
        parser = lxml.html.HTMLParser(
            encoding=encoding or _encoding(data), remove_comments=True, no_network=True
        )
        root = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise ReadError(str(path), f"不是有效的 HTML 网页（{type(e).__name__}）") from e
    rows: list[Row] = []
    state = {"table": 0, "line": 0}
    body = root.find("body")
    _walk(body if body is not None else root, path, rows, state)
    return rows


def _encoding(data: bytes) -> str:
    head = data[:2048].lower()
    for enc in (b"gb2312", b"gbk", b"gb18030"):
        if enc in head:
            return "gb18030"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _walk(el: Any, path: Path, rows: list[Row], state: dict[str, int]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        return
    if tag == "table":
        state["table"] += 1
        rows.extend(_table(el, path, state["table"]))
        return
    if tag in _BLOCKS and el.find(".//table") is None:
        text = clean_cell(_text(el))
        if text:
            state["line"] += 1
            rows.append(
                Row([text], Source(file=str(path), line=state["line"]), table=False, heading=tag in _HEADINGS)
            )
        return
    for child in el:
        _walk(child, path, rows, state)
    if tag not in _BLOCKS and el.tail and el.tail.strip() and el.getparent() is not None:
        text = clean_cell(el.tail)
        if text:
            state["line"] += 1
            rows.append(Row([text], Source(file=str(path), line=state["line"]), table=False))


def _text(el: Any) -> str:
    """A cell's text; ``<br>`` and paragraph ends become line breaks (the cleaner drops them)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "br":
            parts.append("\n")
        if node.text and tag not in _SKIP:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in ("p", "div", "li"):
            parts.append("\n")

    walk(el)
    return "".join(parts).replace("\u3000", " ").strip()


def _span(value: str | None) -> int:
    try:
        n = int(str(value or "1").strip() or 1)
    except ValueError:
        return 1
    return max(1, min(n, _MAX_SPAN))


def _table(table: Any, path: Path, number: int) -> list[Row]:
    grid: list[list[str | None]] = []
    down: dict[int, set[int]] = {}
    sources: list[Source] = []
    trs = [tr for tr in table.iter("tr") if _own_table(tr, table)]
    for r, tr in enumerate(trs):
        while len(grid) <= r:
            grid.append([])
        row = grid[r]
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while c < len(row) and row[c] is not None:
                c += 1
            rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
            text = join_lines(clean_cell(_text(td)))
            if rs > 1:
                down.setdefault(r, set()).add(c)
            for dr in range(rs):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < c + cs:
                    target.append(None)
                for dc in range(cs):
                    target[c + dc] = text if (dr == 0 and dc == 0) else ""
            c += cs
        sources.append(Source(file=str(path), sheet=f"表格{number}", cell=f"第{r + 1}行"))
    rows: list[Row] = []
    for r, cells_ in enumerate(grid[: len(trs)]):
        cells = [c or "" for c in cells_]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        line = boxed_line(cells)
        if line is not None:
            rows.append(Row([line], sources[r], table=False))
            continue
        rows.append(Row(cells, sources[r], table=True, exact=True, merged_down=frozenset(down.get(r, ()))))
    return rows


def _own_table(tr: Any, table: Any) -> bool:
    """A row of this table, not of a table nested in one of its cells."""
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent is table
