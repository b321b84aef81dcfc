"""DOCX bodies as rows: tables give their grid, paragraphs outside tables give text rows.

python-docx repeats a merged cell's object over every grid position it covers (horizontally
through gridSpan, vertically through vMerge); only its first position keeps the text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from jixiao.model import Source
from jixiao.read._clean import clean_cell
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row

__all__ = ["docx_rows"]


def docx_rows(path: Path) -> list[Row]:
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = open_docx(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, OSError, ValueError) as e:
        raise ReadError(str(path), f"不是有效的 DOCX 文档（{type(e).__name__}）") from e
    rows: list[Row] = []
    gap = False
    ntable = 0
    npara = 0
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            npara += 1
            text = clean_cell(block.text)
            if not text:
                gap = True
                continue
            style = (block.style.name if block.style is not None else "") or ""
            heading = style.startswith(("Heading", "Title", "标题"))
            source = Source(file=str(path), line=npara)
            rows.append(Row(cells=[text], source=source, table=False, heading=heading, after_gap=gap))
            gap = False
        elif isinstance(block, Table):
            ntable += 1
            rows.extend(_table_rows(block, str(path), ntable))
            gap = False
    return rows


def _table_rows(table: object, path: str, number: int) -> list[Row]:
    from jixiao.read.native import single_line

    rows: list[Row] = []
    seen: set[object] = set()  # the <w:tc> elements themselves: identity, kept alive
    for r, row in enumerate(table.rows, start=1):  # type: ignore[attr-defined]
        texts: list[str] = []
        for cell in row.cells:
            key = cell._tc
            if key in seen:
                texts.append("")
                continue
            seen.add(key)
            texts.append(clean_cell(cell.text))
        if not any(texts):
            continue
        first = next(i for i, t in enumerate(texts) if t)
        source = Source(file=path, sheet=str(number), cell=f"r{r}c{first + 1}")
        line = single_line(texts)
        if line is not None:
            rows.append(Row(cells=[line], source=source, table=False))
            continue
        rows.append(Row(cells=texts, source=source, table=True))
    return rows
