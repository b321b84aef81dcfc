"""PDF pages as rows: tables from their ruling lines (cell geometry, not just text), the text
outside them as lines, both in reading order.

pdfplumber's table finder gives each row's cells as bounding boxes, ``None`` where a merged
cell from a row above or a column to the left covers the grid position; those become ``""``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jixiao.model import Source
from jixiao.read._clean import clean_cell
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row

__all__ = ["pdf_rows"]


def _number_wrap(last: str, first: str) -> bool:
    """A number broken across lines in a narrow cell ("1470.3521" / "83") continues unspaced."""
    return (last.isdigit() or last == ".") and (first.isdigit() or first in ".%")


_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]")
_TITLE_PT = 13.0  # a line set this large is a title (body text is 9-12pt)
_LINE_TOL = 3.0  # points: words whose tops differ less than this sit on one line


def pdf_rows(path: Path) -> list[Row]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(str(path))
    except (PDFSyntaxError, OSError, ValueError, TypeError) as e:
        raise ReadError(str(path), f"不是有效的 PDF 文件（{type(e).__name__}）") from e
    except Exception as e:  # pdfminer raises assorted errors on damaged files
        raise ReadError(str(path), f"不是有效的 PDF 文件（{type(e).__name__}）") from e
    rows: list[Row] = []
    chars = 0
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            chars += len(page.chars)
            rows.extend(_page_rows(page, str(path), number))
    if chars == 0:
        raise ReadError(
            str(path), "PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）或提供原始 Word/Excel 文件"
        )
    return rows


def _page_rows(page: Any, path: str, number: int) -> list[Row]:
    from jixiao.read.native import single_line

    tables = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    items: list[tuple[float, float, Row]] = []  # (top, x0, row)
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    boxes = [t.bbox for t in tables]
    outside = [w for w in words if not any(_inside(w, b) for b in boxes)]
    chars = [c for c in page.chars if c["text"].strip()]
    for k, t in enumerate(tables, start=1):
        for r, trow in enumerate(t.rows, start=1):
            # characters, not words: a word pdfplumber glues across a cell border (text that
            # overflows its cell, as Calc prints it) is split back by the cell geometry
            top, bottom = trow.bbox[1], trow.bbox[3]
            in_row = [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 <= bottom]
            texts = []
            for bbox in trow.cells:
                if bbox is None:
                    texts.append("")
                    continue
                inner = [c for c in in_row if _inside(c, bbox)]
                texts.append(clean_cell(_join_lines(_char_lines(inner))))
            if not any(texts):
                continue
            top = trow.bbox[1]
            first = next(i for i, x in enumerate(texts) if x)
            source = Source(file=path, page=number, sheet=str(k), cell=f"r{r}c{first + 1}")
            line = single_line(texts)
            if line is not None:
                items.append((top, 0.0, Row(cells=[line], source=source, table=False)))
                continue
            items.append((top, 0.0, Row(cells=texts, source=source, table=True)))
    for para in _paragraphs(_lines(outside)):
        text = clean_cell(_join_lines(para))
        if not text:
            continue
        size = _size(para[0])
        source = Source(file=path, page=number)
        items.append(
            (
                para[0][0]["top"],
                para[0][0]["x0"],
                Row(cells=[text], source=source, table=False, heading=size >= _TITLE_PT),
            )
        )
    items.sort(key=lambda it: (it[0], it[1]))
    out = [it[2] for it in items]
    if out:
        out[0].after_gap = True  # a page break: a row may continue here
    return out


def _size(line: list[dict[str, Any]]) -> float:
    return max(float(w.get("size", 0) or 0) for w in line)


def _paragraphs(lines: list[list[dict[str, Any]]]) -> list[list[list[dict[str, Any]]]]:
    """A title wrapped over two lines is one title: large lines of one size, one under the other."""
    out: list[list[list[dict[str, Any]]]] = []
    for line in lines:
        size = _size(line)
        if out and size >= _TITLE_PT:
            prev = out[-1][-1]
            if abs(_size(prev) - size) < 0.5 and 0 < line[0]["top"] - prev[0]["top"] < 2 * size:
                out[-1].append(line)
                continue
        out.append([line])
    return out


def _inside(word: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into lines (top to bottom), each line left to right."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < _LINE_TOL:
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _char_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A cell's characters as words (a gap wider than a third of the font size splits them)."""
    words: list[list[dict[str, Any]]] = []
    for line in _lines(chars):
        out: list[dict[str, Any]] = []
        for c in line:
            size = float(c.get("size", 10) or 10)
            if out and c["x0"] - out[-1]["x1"] < size / 3:
                w = out[-1]
                out[-1] = {**w, "text": w["text"] + c["text"], "x1": c["x1"]}
            else:
                out.append({"text": c["text"], "x0": c["x0"], "x1": c["x1"], "top": c["top"], "size": size})
        words.append(out)
    return words


def _join_words(line: list[dict[str, Any]]) -> str:
    out = ""
    prev: dict[str, Any] | None = None
    for w in line:
        if prev is not None:
            gap = w["x0"] - prev["x1"]
            out += "　　" if gap > 3 * max(float(prev.get("size", 10) or 10), 1) else " "
        out += w["text"]
        prev = w
    return out


def _join_lines(lines: list[list[dict[str, Any]]]) -> str:
    """A wrapped cell's lines joined: no space between CJK characters, a space between words."""
    text = ""
    for line in lines:
        part = _join_words(line)
        if text and not (_CJK.search(text[-1]) or _CJK.search(part[0]) or _number_wrap(text[-1], part[0])):
            text += " "
        text += part
    return text
