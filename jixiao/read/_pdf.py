"""PDF pages as rows, from the text layer and the ruling lines of the tables.

A page without a text layer (a scan inside the PDF) is rendered and read by OCR
(``jixiao/read/_ocr.py``); the other pages of a mixed document are read as below.

pdfium reads each page's characters and ruling segments (``_pdf_page``: ~9× cheaper than
pdfminer's parsing, which was 84 % of a PDF read). Tables are found from the cell geometry
(``_pdf_tables``): a merged cell is one rectangle over several grid positions, so its text lands
in its first position and the covered positions stay empty, exactly like the text dumps. Words
outside every table become lines of running text (``_pdf_text``), in reading order with the
table rows. A page with characters but no ruled table (a report) is running text only.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from statistics import median
from typing import Any

from jixiao.model import CellReading, Source
from jixiao.read._clean import clean_cell
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._limits import check_pdf_pages, os_reason
from jixiao.read._pdf_cuts import Carry
from jixiao.read._pdf_page import Char, page_chars, page_objects
from jixiao.read._pdf_sheet import Sheet, SheetRow, sheet_rows
from jixiao.read._pdf_streams import check_pdf_streams
from jixiao.read._pdf_tables import find_tables
from jixiao.read._pdf_text import cell_text, text_lines
from jixiao.read._segment import form_title_kind, is_report_title
from jixiao.read.native import boxed_line

__all__ = ["pdf_rows"]

# pdfium is not thread-safe: every pypdfium2 call in the process holds this lock (the web app reads
# and renders in worker threads); OCR of a rendered page runs outside it
PDFIUM_LOCK = threading.RLock()

_ERR_PASSWORD, _ERR_SECURITY = 4, 5  # FPDF_GetLastError codes of an encrypted document


def pdf_rows(path: Path, found: list[CellReading] | None = None) -> list[Row]:
    """Rows of every page; OCR'd cells to check (scanned pages) are appended to ``found``."""
    try:
        data = path.read_bytes()  # the size was bounded by check_file before any reader runs
    except OSError as e:
        raise ReadError(str(path), f"无法读取文件（{os_reason(e)}）") from None
    check_pdf_streams(path, data)
    with PDFIUM_LOCK:
        doc = _open(path, data)
    try:
        with PDFIUM_LOCK:
            check_pdf_pages(path, len(doc))
            rows, scanned = _pdf_rows(doc, str(path))
        if scanned:  # each page rendered under the lock, recognised outside it (seconds a page)
            rows = _with_scans(doc, data, path, rows, scanned, [] if found is None else found)
    finally:
        with PDFIUM_LOCK:
            doc.close()
    return rows


def _open(path: Path, data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if e.err_code in (_ERR_PASSWORD, _ERR_SECURITY):
            raise ReadError(str(path), "PDF 已加密，请先解除密码保护") from None
        raise ReadError(str(path), "不是有效的 PDF 文件（文件结构损坏）") from None


def _pdf_rows(doc: Any, file: str) -> tuple[list[Row], list[int]]:
    import pypdfium2 as pdfium

    rows: list[Row] = []
    scanned: list[int] = []
    sheet: list[Sheet] = []  # the page before, when it was a sheet printed without borders
    cut = Carry()  # what a page of ruled tables leaves to the next (cut cells, print titles)
    for pageno in range(1, len(doc) + 1):
        try:
            page = doc[pageno - 1]
        except pdfium.PdfiumError:
            raise ReadError(file, f"第 {pageno} 页无法解析（PDF 结构错误）") from None
        try:
            segments, blanks = page_objects(page.raw)
            chars = page_chars(page.raw) + blanks
            if not chars:
                scanned.append(pageno)
                rows.append(Row([], Source(file=file, page=pageno), table=False))  # placeholder
                continue
            rows.extend(_page_rows(chars, segments, (pageno, len(doc)), file, sheet, cut))
        finally:
            page.close()
    return rows, scanned


def _with_scans(
    doc: Any, data: bytes, path: Path, rows: list[Row], scanned: list[int], found: list[CellReading]
) -> list[Row]:
    """The placeholder of each page without a text layer replaced by that page read by OCR."""
    import pypdfium2 as pdfium

    from jixiao.read import _ocr_cache
    from jixiao.read._ocr import require, scan_rows
    from jixiao.read._ocr_image import pdf_page_image

    require(str(path))
    key = _ocr_cache.file_key(data) if _ocr_cache.active() else None
    out: list[Row] = []
    for row in rows:
        if row.cells or row.source.page not in scanned:
            out.append(row)
            continue
        pageno = row.source.page

        def render(index: int = pageno - 1) -> Any:
            try:
                with PDFIUM_LOCK:
                    return pdf_page_image(doc, index)
            except pdfium.PdfiumError as e:
                raise ReadError(str(path), f"扫描页无法渲染（{e}）") from e

        out.extend(scan_rows(render, pageno, str(path), found, key))
    if not any(r.texts for r in out):
        raise ReadError(
            str(path),
            "这是扫描件或图片 PDF（没有文字层），OCR 也未识别出任何文字；"
            "请提供更清晰的扫描件（建议 300 dpi）",
        )
    return out


def _page_rows(
    chars: list[Char],
    segments: list,
    pages: tuple[int, int],
    file: str,
    sheet: list[Sheet],
    cut: Carry,
) -> list[Row]:
    """The page's rows; ``sheet`` holds the page before when it was a sheet printed without
    borders (a sheet running on over pages), and this page when it is one; ``cut`` likewise
    the cells a page break cut at the foot of the page before and the rows before (a bordered
    sheet): the same label at the head of this page is that cell continued, no new cell, and a
    header repeated as print titles keeps its own labels only."""
    pageno, count = pages
    tables = find_tables(segments, cut_top=pageno > 1, cut_bottom=pageno < count)
    cut.start_page()
    found = sheet_rows(chars, sheet[-1] if sheet else None) if not tables else None
    sheet.clear()
    if found is not None:
        sheet.append(found[1])
        return _sheet_page(found[0], median([c.size for c in chars]), pageno, file)
    items: list[tuple[float, float, Row, float]] = []  # (top, x0, row, type size of a text line)
    for tno, table in enumerate(tables, start=1):
        for r, (top, boxes_, cells) in enumerate(
            zip(table.row_tops, table.rows, table.texts(chars, cell_text), strict=True), start=1
        ):
            texts = [clean_cell(_unwrap(c or "")) for c in cells]
            cut.row(table, boxes_, texts, head=pageno > 1 and tno == 1 and not items)
            while texts and not texts[-1]:
                texts.pop()
            if not any(texts):
                continue
            first = next(k for k, c in enumerate(texts) if c)
            src = Source(file=file, page=pageno, sheet=str(tno), cell=f"r{r}c{first + 1}")
            line = boxed_line(texts)
            if line is not None:
                items.append((top, 0.0, Row([line], src, table=False), 0.0))
                continue
            items.append((top, 0.0, Row(texts, src, table=True, exact=True), 0.0))
    boxes = [t.bbox for t in tables]
    claimed = {i for t in tables for i in t.moved}  # overflowing block lines read into a cell

    body = median([c.size for c in chars])
    rest = _outside(chars, boxes, claimed) if boxes else chars
    for line in text_lines(rest):
        text = clean_cell(line.text)
        if not text:
            continue
        src = Source(file=file, page=pageno)
        row = Row([text], src, table=False, heading=line.size >= body * 1.3)
        items.append((line.top, line.x0, row, line.size))
    items.sort(key=lambda it: (round(it[0], 1), it[1]))
    rows = _join_headings([(it[2], it[3]) for it in items])
    if rows:
        rows[0].after_gap = pageno > 1
    return rows


def _sheet_page(sheet: list[SheetRow], body: float, pageno: int, file: str) -> list[Row]:
    """The rows of a sheet printed without borders, read as the same sheet's ruled table: a row
    of one cell above or below every row of several cells (the title, 单位：万元, 填报人：…)
    is a line of running text, as it stands outside a ruled table."""
    filled = [sum(bool(t) for t in found.texts) for found in sheet]
    multi = [k for k, n in enumerate(filled) if n > 1]
    items: list[tuple[Row, float]] = []
    for r, found in enumerate(sheet, start=1):
        texts = [clean_cell(_unwrap(c)) for c in found.texts]
        while texts and not texts[-1]:
            texts.pop()
        if not any(texts):
            continue
        first = next(k for k, c in enumerate(texts) if c)
        outside = not multi or r - 1 < multi[0] or r - 1 > multi[-1]
        line = texts[first] if outside and filled[r - 1] == 1 else boxed_line(texts)
        if line is not None:
            row = Row([line], Source(file=file, page=pageno), table=False, heading=found.size >= body * 1.3)
            items.append((row, found.size))
            continue
        src = Source(file=file, page=pageno, sheet="1", cell=f"r{r}c{first + 1}")
        items.append((Row(texts, src, table=True, exact=True), found.size))
    rows = _join_headings(items)
    if rows:
        rows[0].after_gap = pageno > 1
    return rows


def _outside(
    chars: list[Char], boxes: list[tuple[float, float, float, float]], claimed: set[int]
) -> list[Char]:
    """The characters whose centre lies outside every table (and not read into a cell)."""
    rest = []
    for i, c in enumerate(chars):
        if i in claimed:
            continue
        cx = (c.x0 + c.x1) / 2
        cy = (c.top + c.bottom) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                break
        else:
            rest.append(c)
    return rest


_BREAK_AFTER = re.compile(r"[。；;！!？?：:]$")
_ITEM_START = re.compile(r"^(\d+[.、．)）]|[（(]\d+[）)]|[一二三四五六七八九十]+、|[-•·])")


def _unwrap(text: str) -> str:
    """Undo the line wrapping of a cell: "培训人\\n次" -> "培训人次", "1470.35218\\n3" -> one number.

    A break stays where the text itself breaks: after a sentence end or before a list item.
    """
    lines = [line.strip() for line in text.split("\n")]
    out = lines[0]
    for line in lines[1:]:
        if not line:
            continue
        if not out:
            out = line
        elif _BREAK_AFTER.search(out) or _ITEM_START.match(line):
            out += "\n" + line
        elif out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " " + line
        else:
            out += line
    return out


def _join_headings(rows: list[tuple[Row, float]]) -> list[Row]:
    """A long title wraps over two lines of the same large type: one title again. A line in
    another type (``单位：万元`` under the title, larger than the table's text only) stays apart."""
    out: list[Row] = []
    last = 0.0
    for row, size in rows:
        prev = out[-1] if out else None
        if (
            prev is not None
            and row.heading
            and prev.heading
            and not row.table
            and not prev.table
            and abs(size - last) <= 0.05 * max(size, last)
            and _wraps_on(prev.cells[0], row.cells[0])
        ):
            prev.cells = [prev.cells[0] + row.cells[0]]
            prev._texts = None
            continue
        out.append(row)
        last = size
    return out


def _wraps_on(prev: str, line: str) -> bool:
    """Can ``line`` be the rest of the heading ``prev``? Not when ``prev`` is whole already (a form
    or report title, a closed bracket such as （摘要版）, a sentence end, a numbered section
    heading) or ``line`` starts a numbered section: a narrative printed in one large type is
    paragraphs, not one title."""
    if _BREAK_AFTER.search(prev) or _ITEM_START.match(prev) or _ITEM_START.match(line):
        return False
    if prev.endswith((")", "）")):
        return False
    return form_title_kind(prev) is None and not is_report_title(prev)
