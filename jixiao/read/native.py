"""Readers for the files units actually hand in: XLSX workbooks, DOCX documents, PDF files.

Each turns its file into ``Row``s (``_xlsx``, ``_docx``, ``_pdf``) and hands them to the
shared builder, exactly as the text reader does: one set of structural rules for all formats.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jixiao.model import Document
from jixiao.read._errors import ReadError
from jixiao.read._forms import build_forms
from jixiao.read._grid import Row
from jixiao.read._registry import Reader
from jixiao.read._vocab import HEAD_LINE

__all__ = ["DocxReader", "PdfReader", "XlsxReader", "native_readers"]


class _GridReader:
    name = ""
    suffixes: tuple[str, ...] = ()

    def rows(self, path: Path) -> list[Row]:  # pragma: no cover - overridden
        raise NotImplementedError

    def read(self, path: Path) -> Document:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ReadError(str(path), f"无法打开文件（{e.strerror or type(e).__name__}）") from e
        if not data:
            raise ReadError(str(path), "文件为空")
        rows = self.rows(path)
        doc = build_forms(rows, str(path))
        doc.sha256 = hashlib.sha256(data).hexdigest()
        doc.reader = self.name
        if not doc.forms:
            raise ReadError(str(path), "未找到任何绩效目标表或绩效自评表")
        return doc


class XlsxReader(_GridReader):
    """Excel workbooks (``.xlsx``/``.xlsm``): every visible sheet in order."""

    name = "xlsx"
    suffixes = (".xlsx", ".xlsm")

    def rows(self, path: Path) -> list[Row]:
        from jixiao.read._xlsx import xlsx_rows

        return xlsx_rows(path)


class DocxReader(_GridReader):
    """Word documents (``.docx``): paragraphs and tables in body order."""

    name = "docx"
    suffixes = (".docx",)

    def rows(self, path: Path) -> list[Row]:
        from jixiao.read._docx import docx_rows

        return docx_rows(path)


class PdfReader(_GridReader):
    """PDF files with a text layer; a scanned PDF is a ``ReadError`` saying so."""

    name = "pdf"
    suffixes = (".pdf",)

    def rows(self, path: Path) -> list[Row]:
        from jixiao.read._pdf import pdf_rows

        return pdf_rows(path)


def single_line(texts: list[str]) -> str | None:
    """The text of a table row that is really a line of running text, else ``None``.

    Users box everything in Calc/Writer, title and "单位名称：… 填报日期：…" included; a row whose
    only text is such a header line is read as the text line it is.
    """
    filled = [t for t in texts if t]
    if len(filled) == 1 and HEAD_LINE.search(filled[0]):
        return filled[0]
    return None


def native_readers() -> list[Reader]:
    return [XlsxReader(), DocxReader(), PdfReader()]
