"""Readers for the files units actually fill in: XLSX, DOCX and text-layer PDF.

Each turns its file into ``Row``s (``_xlsx``, ``_docx``, ``_pdf``) and hands them to the same
structural builder as the text reader, so a table grid is read by one set of rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from jixiao.model import Document
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row

__all__ = ["DocxReader", "PdfReader", "XlsxReader", "native_readers"]


class _GridReader:
    name = ""
    suffixes: tuple[str, ...] = ()
    _rows: Callable[[Path], list[Row]]

    def rows(self, path: Path) -> list[Row]:
        return type(self)._rows(path)

    def read(self, path: Path) -> Document:
        from jixiao.read._forms import build_forms

        try:
            data = path.read_bytes()
        except OSError as e:
            raise ReadError(str(path), f"无法打开文件（{e.strerror or e}）") from e
        if not data:
            raise ReadError(str(path), "文件为空")
        rows = self.rows(path)
        doc = build_forms(rows, str(path))
        doc.sha256 = hashlib.sha256(data).hexdigest()
        doc.reader = self.name
        if not doc.forms:
            raise ReadError(str(path), "未找到任何绩效目标表或绩效自评表")
        return doc


def _xlsx(path: Path) -> list[Row]:
    from jixiao.read._xlsx import xlsx_rows

    return xlsx_rows(path)


def _docx(path: Path) -> list[Row]:
    from jixiao.read._docx import docx_rows

    return docx_rows(path)


def _pdf(path: Path) -> list[Row]:
    from jixiao.read._pdf import pdf_rows

    return pdf_rows(path)


class XlsxReader(_GridReader):
    name = "xlsx"
    suffixes = (".xlsx", ".xlsm")
    _rows = staticmethod(_xlsx)


class DocxReader(_GridReader):
    name = "docx"
    suffixes = (".docx",)
    _rows = staticmethod(_docx)


class PdfReader(_GridReader):
    name = "pdf"
    suffixes = (".pdf",)
    _rows = staticmethod(_pdf)


def native_readers() -> list[XlsxReader | DocxReader | PdfReader]:
    return [XlsxReader(), DocxReader(), PdfReader()]
