"""PDF pages as rows, from the text layer and the ruling lines of the tables.

Tables are found from the cell geometry (pdfplumber's ``lines`` strategy): a merged cell is
one rectangle over several grid positions, so its text lands in its first position and the
covered positions stay empty, exactly like the text dumps. Words outside every table become
lines of running text, in reading order with the table rows.
"""

from __future__ import annotations

import re
from pathlib import Path
from statistics import median
from typing import Any

from jixiao.model import Source
from jixiao.read._clean import clean_cell
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._limits import check_pdf_pages, pdf_budget, reraise_limit
from jixiao.read.native import boxed_line

__all__ = ["pdf_rows"]

_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3}


def pdf_rows(path: Path) -> list[Row]:
    with pdf_budget(path):
        return _pdf_rows(path)


def _pdf_rows(path: Path) -> list[Row]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    pdf = None
    try:
        pdf = pdfplumber.open(str(path))
        pdf.pages  # noqa: B018 - parses the page tree: encrypted or broken files fail here
    except (PdfminerException, PDFSyntaxError, ValueError, OSError) as e:
        if pdf is not None:
            pdf.close()
        reraise_limit(e)
        if "Password" in repr(e) or "Encrypt" in repr(e):
            raise ReadError(str(path), "PDF 已加密，请先解除密码保护") from e
        raise ReadError(str(path), "不是有效的 PDF 文件（文件结构损坏）") from e
    if len(pdf.pages) > 0:
        try:
            check_pdf_pages(path, len(pdf.pages))
        except ReadError:
            pdf.close()
            raise
    rows: list[Row] = []
    chars = 0
    with pdf:
        try:
            for pageno, page in enumerate(pdf.pages, start=1):
                chars += len(page.chars)
                rows.extend(_page_rows(page, pageno, str(path)))
        except PdfminerException as e:
            reraise_limit(e)
            raise ReadError(str(path), "PDF 内容无法解析（PDF 结构错误）") from e
    if chars == 0:
        raise ReadError(
            str(path),
            "这是扫描件或图片 PDF（没有文字层），无法读取；请使用可复制文字的 PDF，或先进行 OCR 文字识别",
        )
    return rows


def _page_rows(page: Any, pageno: int, file: str) -> list[Row]:
    tables = page.find_tables(table_settings=_SETTINGS)
    items: list[tuple[float, float, Row]] = []
    for tno, table in enumerate(tables, start=1):
        for r, (trow, cells) in enumerate(zip(table.rows, table.extract(), strict=False), start=1):
            texts = [clean_cell(_unwrap(c or "")) for c in cells]
            while texts and not texts[-1]:
                texts.pop()
            if not any(texts):
                continue
            first = next(k for k, c in enumerate(texts) if c)
            src = Source(file=file, page=pageno, sheet=str(tno), cell=f"r{r}c{first + 1}")
            line = boxed_line(texts)
            if line is not None:
                items.append((trow.bbox[1], 0.0, Row([line], src, table=False)))
                continue
            items.append((trow.bbox[1], 0.0, Row(texts, src, table=True, exact=True)))
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    rest = page.filter(lambda obj: obj.get("object_type") != "char" or outside(obj))
    sizes = [c["size"] for c in page.chars] or [10.0]
    body = median(sizes)
    for line in rest.extract_text_lines(return_chars=True):
        text = clean_cell(line["text"])
        if not text:
            continue
        size = max(c["size"] for c in line["chars"])
        src = Source(file=file, page=pageno)
        items.append((line["top"], line["x0"], Row([text], src, table=False, heading=size >= body * 1.3)))
    items.sort(key=lambda it: (round(it[0], 1), it[1]))
    rows = _join_headings([it[2] for it in items])
    if rows:
        rows[0].after_gap = pageno > 1
    return rows


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


def _join_headings(rows: list[Row]) -> list[Row]:
    """A long title wraps over two lines of the same large type: one title again."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and row.heading and prev.heading and not row.table and not prev.table:
            prev.cells = [prev.cells[0] + row.cells[0]]
            prev._texts = None
            continue
        out.append(row)
    return out
