"""Scanned pages as rows: the OCR pipeline from a page image to the grid every reader produces.

page image → seal removed, upright, straight (``_ocr_image``) → ruled tables (``_ocr_grid``) →
text of each cell with its confidence (``_ocr_text``) → role-certain repairs (``_ocr_fix``) →
``Row``s with ``exact=True``, cells in their true columns, ``merged_down`` where a cell spans
rows and ``confidence`` per cell. Cells that a person should check (low confidence or repaired)
are returned as ``CellReading``s with the crop of the cell, for the review and the web page.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.model import CellReading, Source
from jixiao.read._clean import clean_cell
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._ocr_check import (
    DROPPED_HEAD,
    after_first_glyph,
    dash_sign_doubt,
    header_doubt,
    missing_glyphs,
    mixed_script,
    overflow_doubts,
    page_em,
    row_doubts,
)
from jixiao.read._ocr_fix import (
    comparator_repair,
    header_roles,
    is_positive,
    label_repairs,
    printed_marks,
    repair,
    sign_doubt,
    sign_repair,
    sub_header_roles,
)
from jixiao.read._ocr_grid import Grid, find_grids
from jixiao.read._ocr_image import Page, binarize, image_pages, prepare, seal_mask, turned_upside_down
from jixiao.read._ocr_light import even_light
from jixiao.read._ocr_sign import after_sign, leading_sign, lone_sign
from jixiao.read._ocr_text import engine, ink_lines, page_script, recognise

__all__ = ["LOW_CONFIDENCE", "PageResult", "image_rows", "page_view", "read_page", "scan_rows"]

LOW_CONFIDENCE = 0.8  # below this a cell is shown to a person (read.low_confidence)
# below this a header cell that is no label counts as unread (``header_doubt``): the reader's own
# decision, fixed at import, so a caller that raises LOW_CONFIDENCE to see every cell (the
# benchmark) does not make every such header doubtful and every row below it with it
_HEADER_UNREAD = LOW_CONFIDENCE
_DROPPED = 0.6  # ems of ink a Chinese line's text leaves unexplained: a dropped character (measured:
# lines read whole stay within ±0.25, a dropped character leaves 0.8–1.2)

_UNREAD = "单元格内有字迹，但未能识别出文字"
_MODEL_QUIRKS = str.maketrans({"丶": "、"})  # the model's enumeration comma; never printed on forms
_Images = tuple[Any, Any, int, float | None]  # ink, cleaned page, body line height, page em
_NUMBER_IN = re.compile(r"\d+(?:\.\d+)?")


@dataclass(slots=True)
class ScanCell:
    """One recognised cell of a page: grid position, box, text and confidence."""

    table: int
    row: int
    col: int
    rows: int
    cols: int
    box: tuple[int, int, int, int]
    text: str
    confidence: float
    read_as: str | None = None
    repair: str | None = None
    doubt: str | None = None  # a cross-check of its row failed (``_ocr_check``)
    role: str | None = None  # the column's role by its header (actual, target, score …)


@dataclass(slots=True)
class PageResult:
    """A page as read: its rows, every cell, and the cleaned page image."""

    page: Page
    pageno: int
    rows: list[Row] = field(default_factory=list)
    cells: list[ScanCell] = field(default_factory=list)

    def to_check(self, file: str) -> list[CellReading]:
        """The cells a person should see, each with the crop of the cell."""
        out: list[CellReading] = []
        for c in self.cells:
            if c.confidence >= LOW_CONFIDENCE and c.repair is None and c.doubt is None:
                continue
            src = Source(file=file, page=self.pageno, sheet=str(c.table), cell=f"r{c.row + 1}c{c.col + 1}")
            out.append(
                CellReading(
                    text=c.text,
                    confidence=round(c.confidence, 4),
                    source=src,
                    box=c.box,
                    read_as=c.read_as,
                    repair=c.repair,
                    doubt=c.doubt,
                    role=c.role,
                    crop=crop_png(self.page.original, c.box),
                )
            )
        return out


def crop_png(img: Any, box: tuple[int, int, int, int]) -> str:
    """The box of a page image as PNG, base64 (small enough to embed in a report or page)."""
    import cv2

    x0, y0, x1, y1 = box
    ok, buf = cv2.imencode(".png", img[y0:y1, x0:x1])
    return base64.b64encode(buf.tobytes()).decode("ascii") if ok else ""


def _join(texts: list[str]) -> str:
    from jixiao.read._pdf import _unwrap

    return clean_cell(printed_marks(_brackets(_unwrap("\n".join(texts)).translate(_MODEL_QUIRKS))))


_CLOSER = {"（": "）", "(": ")"}


def _brackets(text: str) -> str:
    """A closing bracket in the width of the bracket it closes: the model mixes "（80分)"."""
    out: list[str] = []
    opened: list[str] = []
    for ch in text:
        if ch in _CLOSER:
            opened.append(ch)
        elif ch in ")）]】" and opened:  # the model closes "（" with "】" at times
            ch = _CLOSER[opened.pop()]
        out.append(ch)
    return "".join(out)


def _upside_down(page: Page, ink: Any, boxes: list[tuple[int, int, int, int]]) -> bool:
    """Whether most sampled text lines read upside down (PP-OCR's direction classifier)."""
    import cv2

    sample = [b for b in boxes if b[2] - b[0] > 2 * (b[3] - b[1])][:12]
    if len(sample) < 3:
        return False
    crops = [cv2.cvtColor(page.gray[y0:y1, x0:x1], cv2.COLOR_GRAY2BGR) for x0, y0, x1, y1 in sample]
    _, labels, _ = engine().text_cls(crops)
    flipped = sum(1 for label, score in labels if label == "180" and score >= 0.8)
    return flipped * 3 >= len(sample) * 2


def read_page(img: Any, pageno: int, file: str) -> PageResult:
    """One page image → rows (tables and running text, in reading order) and cells."""
    page = prepare(img)
    page.gray = even_light(page.gray, page.dpi)  # no step of tone at a margin becomes "ink"
    return _read_prepared(page, pageno, file, check_direction=True)


def _read_prepared(page: Page, pageno: int, file: str, check_direction: bool) -> PageResult:
    binary = binarize(page.gray)
    # a photo's rules blurred pale beside dense text are continued (a scan's are left as found)
    hidden = seal_mask(page.original) if page.seal_pixels else None  # borders run on under a seal
    grids, lines_ = find_grids(binary, page.dpi, page.gray if page.photo else None, hidden)
    ink = _despeckle(binary & ~lines_, page.dpi)
    clean = page.gray.copy()
    clean[lines_ > 0] = 255  # the recogniser sees no ruling line at the edge of a crop
    plan: list[tuple[int, Grid | None, Any, list[tuple[int, int, int, int]]]] = []
    boxes: list[tuple[int, int, int, int]] = []
    for tno, grid in enumerate(grids, start=1):
        for cell in grid.cells:
            x0, y0, x1, y1 = cell.box
            m = max(2, round(page.dpi * 0.012))  # stay clear of the ruling line's antialiasing
            inner = ink[y0 + m : y1 - m, x0 + m : x1 - m]
            lines = [
                (a + x0 + m, b + y0 + m, c + x0 + m, d + y0 + m) for a, b, c, d in ink_lines(inner, page.dpi)
            ]
            plan.append((tno, grid, cell, lines))
            boxes.extend(lines)
    outside = ink.copy()
    for grid in grids:
        x0, y0, x1, y1 = grid.box
        outside[max(y0 - 3, 0) : y1 + 4, max(x0 - 3, 0) : x1 + 4] = 0
    text_lines = _text_lines(outside, page.dpi)
    for segments in text_lines:
        boxes.extend(segments)
    if check_direction and _upside_down(page, ink, boxes):
        return _read_prepared(turned_upside_down(page), pageno, file, check_direction=False)
    read = dict(zip(boxes, recognise(clean, boxes), strict=True))
    with page_script(text for text, _ in read.values()) as traditional:
        if traditional:  # read again by the model that writes traditional characters
            read = dict(zip(boxes, recognise(clean, boxes), strict=True))
        result = PageResult(page=page, pageno=pageno)
        heights = [b[3] - b[1] for b in boxes] or [1]  # body text: mostly the cells' lines
        body = sorted(heights)[len(heights) // 2]
        items: list[tuple[float, float, Row]] = []
        em = page_em([(read[b][0], b) for _t, _g, _c, lines in plan for b in lines])
        for tno, grid in enumerate(grids, start=1):
            cells = [(cell, lines) for t, _g, cell, lines in plan if t == tno]
            rows = _table_rows(grid, tno, cells, read, result, file, pageno, (ink, clean, body, em))
            items.extend((y, 0.0, row) for y, row in rows)
        overflow_doubts(result.cells, ink, lines_, page.dpi)
        for segments in text_lines:
            parts = [read[s] for s in segments]
            text = clean_cell(
                printed_marks(_brackets(" ".join(t for t, _ in parts if t).translate(_MODEL_QUIRKS)))
            )
            if not text:
                continue
            conf = min(c for _, c in parts)
            top = min(s[1] for s in segments)
            height = max(s[3] - s[1] for s in segments)
            src = Source(file=file, page=pageno)
            row = Row([text], src, table=False, heading=height >= body * 1.3, confidence=(conf,))
            items.append((top, float(segments[0][0]), row))
        items.sort(key=lambda it: (it[0], it[1]))
        from jixiao.read._pdf import _join_headings

        result.rows = _join_headings([(it[2], 0.0) for it in items])  # one type size: OCR measures none
        if result.rows:
            result.rows[0].after_gap = pageno > 1
        return result


def _despeckle(ink: Any, dpi: float) -> Any:
    """Ink without isolated specks (scanner noise), which would otherwise become lines of text."""
    import cv2
    import numpy as np

    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= max(3, round((dpi / 150) ** 2 * 3))
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _text_lines(ink: Any, dpi: float) -> list[list[tuple[int, int, int, int]]]:
    """Lines of running text outside the tables, each as its segments (split at wide gaps)."""
    import numpy as np

    gap = dpi * 0.4  # wider than a word space: "单位名称：…      填报日期：…" are two segments
    out: list[list[tuple[int, int, int, int]]] = []
    for x0, y0, x1, y1 in ink_lines(ink, dpi):
        cols = np.flatnonzero(ink[y0:y1, x0:x1].sum(axis=0))
        segments: list[tuple[int, int, int, int]] = []
        start = prev = int(cols[0])
        for c in cols[1:]:
            if c - prev > gap:
                segments.append((x0 + start, y0, x0 + prev + 1, y1))
                start = int(c)
            prev = int(c)
        segments.append((x0 + start, y0, x0 + prev + 1, y1))
        out.append(segments)
    return out


def _number(text: str) -> float | None:
    m = _NUMBER_IN.search(text)
    return float(m[0]) if m else None


def _table_rows(
    grid: Grid,
    tno: int,
    cells: list[tuple[Any, list[tuple[int, int, int, int]]]],
    read: dict[tuple[int, int, int, int], tuple[str, float]],
    result: PageResult,
    file: str,
    pageno: int,
    images: _Images,
) -> list[tuple[float, Row]]:
    from jixiao.read.native import boxed_line

    ncols = len(grid.xs) - 1
    by_row: dict[int, list[ScanCell]] = {}
    first_line: dict[int, tuple[int, int, int, int]] = {}
    for cell, lines in cells:
        parts = [read[b] for b in lines]
        text = _join([t for t, _ in parts if t])
        conf = min((c for t, c in parts if t), default=1.0) if text else 1.0
        sc = ScanCell(tno, cell.row, cell.col, cell.rows, cell.cols, cell.box, text, conf)
        if lines and not text:  # ink the recogniser made nothing of (a smudge): not an empty cell
            sc.confidence, sc.doubt = 0.0, _UNREAD
        dropped = max(
            (m for b, (t, _) in zip(lines, parts, strict=True) if (m := missing_glyphs(t, b, images[3]))),
            default=0,
        )
        if dropped >= _DROPPED:
            sc.doubt = f"墨迹比识别出的文字宽约 {round(dropped)} 个字：有字未能识别（字库外的字会被漏掉）"
        by_row.setdefault(cell.row, []).append(sc)
        result.cells.append(sc)
        if lines:
            first_line[id(sc)] = lines[0]
    roles: list[str] = []
    positive_header = False
    unread_header: str | None = None
    out: list[tuple[float, Row]] = []
    ink, clean, _body, _em = images
    heads: list[tuple[ScanCell, str, tuple[int, int, int, int]]] = []  # 指标值 whose first glyph is tried
    for r in range(len(grid.ys) - 1):
        row_cells = sorted(by_row.get(r, []), key=lambda c: c.col)
        texts = [""] * ncols
        confs = [1.0] * ncols
        for c in row_cells:
            texts[c.col], confs[c.col] = c.text, c.confidence
            if c.text and c.doubt is None and mixed_script(c.text):
                c.doubt = "繁简字混杂：印刷的单元格不会如此，识别时有字被替换"
        misread = label_repairs(texts, confs)  # a label misread by one character keeps its role
        for c in row_cells:
            if c.col in misread:
                c.read_as, (c.text, c.repair) = c.text, misread[c.col]
                texts[c.col] = c.text
        header = header_roles(texts)
        doubt = header_doubt(texts, confs, _HEADER_UNREAD)
        if header is not None or doubt is not None:
            unread_header = doubt
        elif unread_header and sum(1 for t in texts if t) >= 3:  # a data row under that header
            for c in row_cells:
                if c.text and c.doubt is None:
                    c.doubt = unread_header
        lower = sub_header_roles(texts) if roles and header is None else None
        if header is not None:  # a header row: 指标值 | 实际完成值 | 得分 … (the builder's rule)
            roles, positive_header = header, is_positive(texts)
        elif lower is not None:  # 指标性质 | 指标值 | 度量单位 under 年度指标值: names its columns
            roles = [b or a for a, b in zip([*roles, *[""] * len(lower)], lower, strict=False)]
            roles += [""] * (len(texts) - len(roles))
        elif roles:
            positive = positive_header or is_positive(texts)
            actual = next(
                (_number(t) for t, role in zip(texts, roles, strict=False) if role == "actual"), None
            )
            for c in row_cells:
                role = roles[c.col] if c.col < len(roles) else ""
                c.role = role or None
                fixed, why = repair(c.text, role, positive=positive, actual=actual)
                if role == "target" and not why and id(c) in first_line:
                    box = first_line[id(c)]
                    sign = _sign(images, box)
                    fixed, why = sign_repair(c.text, sign, _after_sign(images, box, c.text, sign))
                    if not why and c.doubt is None:
                        c.doubt = dash_sign_doubt(c.text) or sign_doubt(c.text, sign)
                    rest = after_first_glyph(c.text, ink, first_line[id(c)]) if not why else None
                    if rest is not None and c.doubt is None:
                        heads.append((c, read[first_line[id(c)]][0], rest))
                elif role == "comparator" and id(c) in first_line:
                    fixed, why = comparator_repair(c.text, _sign(images, first_line[id(c)], lone=True))
                    if why and c.doubt == _UNREAD:
                        c.doubt = None  # read after all, from its strokes (and shown as a repair)
                if why:
                    c.read_as, c.text, c.repair = c.text, fixed, why
                    texts[c.col] = fixed
            row_doubts(row_cells, roles)
        while texts and not texts[-1]:
            texts.pop()
        if not any(texts):
            continue
        confs = confs[: len(texts)]
        first = next(k for k, t in enumerate(texts) if t)
        src = Source(file=file, page=pageno, sheet=str(tno), cell=f"r{r + 1}c{first + 1}")
        y = float(grid.ys[r])
        line = boxed_line(texts)
        if line is not None:
            out.append((y, Row([line], src, table=False, confidence=(min(confs),))))
            continue
        down = frozenset(c.col for c in row_cells if c.rows > 1 and c.text)
        out.append((y, Row(texts, src, table=True, exact=True, merged_down=down, confidence=tuple(confs))))
    # the line read again without its first glyph: the same text means that glyph was never read
    again = recognise(clean, [h[2] for h in heads])
    for (c, line_text, _rest), (text, _conf) in zip(heads, again, strict=True):
        if c.doubt is None and text and text == line_text:
            c.doubt = DROPPED_HEAD
    return out


def _after_sign(images: _Images, box: tuple[int, int, int, int], text: str, sign: str | None) -> str | None:
    """A 指标值 line starting with a figure whose first glyph is a sign, read again from the
    glyph after that sign (``sign_repair`` tells a dropped sign from one read as a figure)."""
    if sign is None or not text[:1].isdigit():
        return None
    ink, clean, _body, _em = images
    x0, y0, x1, y1 = box
    start = after_sign(ink[y0:y1, x0:x1], y1 - y0)
    if start is None:
        return None
    return recognise(clean, [(x0 + start, y0, x1, y1)])[0][0]


def _sign(images: _Images, box: tuple[int, int, int, int], lone: bool = False) -> str | None:
    """The comparison sign the first glyph of a cell's line is (``lone``: the whole line),
    from its strokes, measured against the line's height or the body text's if taller."""
    ink, gray, body, _em = images
    x0, y0, x1, y1 = box
    tell = lone_sign if lone else leading_sign
    return tell(ink[y0:y1, x0:x1], gray[y0:y1, x0:x1], max(y1 - y0, body if lone else 0))


def require(file: str) -> None:
    """The OCR libraries are importable, else one clear error (a broken install, not a bad file)."""
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as e:  # e.g. libGL missing for opencv-python
        raise ReadError(
            file, f"扫描件识别组件不可用（{e}），请运行 scripts/bootstrap.sh 与 scripts/system-deps.sh"
        ) from e


def scan_rows(
    img: Any | Callable[[], Any], pageno: int, file: str, found: list[CellReading], key: str | None = None
) -> list[Row]:
    """Rows of one page image (or of what ``img()`` renders, called only when the page is not
    in the OCR cache under ``key``, the file's SHA-256); cells to check are appended to ``found``."""
    result = cached_read(img, pageno, file, key)
    found.extend(result.to_check(file))
    return result.rows


def cached_read(img: Any | Callable[[], Any], pageno: int, file: str, key: str | None) -> PageResult:
    """``read_page``, through the OCR cache when the caller turned one on (``_ocr_cache.using``)."""
    from jixiao.read import _ocr_cache

    return _ocr_cache.page_result(
        key, pageno, file, lambda: read_page(img() if callable(img) else img, pageno, file)
    )


def _key(path: Path) -> str | None:
    """The OCR cache key of a file, or None when no cache is on (no hashing for nothing)."""
    from jixiao.read import _ocr_cache

    if not _ocr_cache.active():
        return None
    try:
        return _ocr_cache.file_key(path.read_bytes())
    except OSError:
        return None


def image_rows(path: Path, found: list[CellReading]) -> list[Row]:
    """Rows of every page of an image file (PNG, JPEG, TIFF)."""
    require(str(path))
    rows: list[Row] = []
    key = _key(path)
    for pageno, img in enumerate(image_pages(path), start=1):
        rows.extend(scan_rows(img, pageno, str(path), found, key))
    if not any(r.texts for r in rows):
        raise ReadError(
            str(path), "图片中没有识别出任何文字（空白页或无法辨认），请提供清晰的扫描件（建议 300 dpi）"
        )
    return rows


def page_view(path: str | Path, pageno: int = 1) -> dict[str, Any]:
    """What the web form page shows for one scanned page: the page image, the recognised grid
    (every cell's box, text and confidence) and the crop of every cell to check.

    Returns ``{"image": PNG base64, "width", "height", "cells": [...], "check": [CellReading]}``.
    """
    import pypdfium2 as pdfium

    from jixiao.read._ocr_image import pdf_page_image
    from jixiao.read._pdf import PDFIUM_LOCK

    p = Path(path)

    def load() -> Any:
        if p.suffix.lower() == ".pdf":
            with PDFIUM_LOCK:  # pdfium is not thread-safe; the recognition runs outside the lock
                pdf = pdfium.PdfDocument(str(p))
                try:
                    if not 1 <= pageno <= len(pdf):
                        raise ReadError(str(p), f"没有第 {pageno} 页")
                    return pdf_page_image(pdf, pageno - 1)
                finally:
                    pdf.close()
        pages = image_pages(p)
        if not 1 <= pageno <= len(pages):
            raise ReadError(str(p), f"没有第 {pageno} 页")
        return pages[pageno - 1]

    result = cached_read(load, pageno, str(p), _key(p))
    h, w = result.page.original.shape[:2]
    return {
        "image": crop_png(result.page.original, (0, 0, w, h)),
        "width": w,
        "height": h,
        "cells": [
            {
                "table": c.table,
                "row": c.row,
                "col": c.col,
                "rows": c.rows,
                "cols": c.cols,
                "box": list(c.box),
                "text": c.text,
                "confidence": round(c.confidence, 4),
                "low": c.confidence < LOW_CONFIDENCE,
                "doubt": c.doubt,
            }
            for c in result.cells
        ],
        "check": result.to_check(str(p)),
    }
