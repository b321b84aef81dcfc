"""Readers for the files units actually fill in: XLSX, DOCX, HTML pages, PDF and scans, and
the older or other office formats they also send (.xls/.et, .doc/.wps, ODF, .mht), and e-mails
(.eml) carrying a form in their body or as an attachment.

Each turns its file into ``Row``s (``_xlsx``, ``_docx``, ``_pdf``, ``_ocr``) and hands them to the
same structural builder as the text reader, so a table grid is read by one set of rules. PDF
pages without a text layer and image files are read by OCR; the cells a person should check
come back in ``Document.cells``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from jixiao.model import CellReading, Document, ReadIssue
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._ocr_image import IMAGE_SUFFIXES
from jixiao.read._vocab import head_line

__all__ = [
    "DocReader",
    "DocxReader",
    "EmlReader",
    "HtmlReader",
    "ImageReader",
    "MhtReader",
    "OdsReader",
    "OdtReader",
    "PdfReader",
    "XlsReader",
    "XlsxReader",
    "native_readers",
]


def boxed_line(cells: list[str]) -> str | None:
    """The text of a table row that is really a line of running text, else ``None``.

    Users box everything in Calc/Writer, the "单位名称：… 填报日期：…" line included; a row whose
    only text is such a header line is read as the text line it is (the builder reads header
    lines from text rows).
    """
    filled = [c for c in cells if c]
    if len(filled) == 1 and head_line().search(filled[0]):
        return filled[0]
    return None


class _GridReader:
    name = ""
    suffixes: tuple[str, ...] = ()
    _rows: Callable[[Path, list[CellReading]], list[Row]]

    def rows(self, path: Path, found: list[CellReading] | None = None) -> list[Row]:
        """The rows of the file; OCR'd cells to check are appended to ``found``."""
        return type(self)._rows(path, [] if found is None else found)

    def read(self, path: Path) -> Document:
        from jixiao.read._forms import build_forms

        try:
            data = path.read_bytes()
        except OSError as e:
            raise ReadError(str(path), f"无法打开文件（{e.strerror or e}）") from e
        if not data:
            raise ReadError(str(path), "文件为空")
        found: list[CellReading] = []
        rows = self.rows(path, found)
        doc = build_forms(rows, str(path))
        doc.cells = found
        doc.sha256 = hashlib.sha256(data).hexdigest()
        doc.reader = self.name
        if not doc.forms and not doc.reports:  # a file holding only a 自评报告 is a report
            raise ReadError(str(path), "未找到任何绩效目标表或绩效自评表")
        return doc


def _xlsx(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._magic import OLE, kind_of_file
    from jixiao.read._xlsx import xlsx_rows

    if kind_of_file(path) == OLE:  # an .xls renamed, or a password-protected workbook
        return _xls(path, found)
    return xlsx_rows(path)


def _docx(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._docx import docx_rows
    from jixiao.read._magic import OLE, kind_of_file

    if kind_of_file(path) == OLE:  # a .doc renamed, or a password-protected document
        return _doc(path, found)
    return docx_rows(path)


def _html(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._html import html_rows

    return html_rows(path)


def _xls(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._legacy import xls_rows_any

    return xls_rows_any(path)


def _doc(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._legacy import doc_rows

    return doc_rows(path)


def _xml(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._legacy import xml_rows_any

    return xml_rows_any(path)


def _ods(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._ods import ods_rows

    return ods_rows(path)


def _odt(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._odt import odt_rows

    return odt_rows(path)


def _mht(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._mht import mht_rows

    return mht_rows(path)


def _pdf(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._pdf import pdf_rows

    return pdf_rows(path, found)


def _image(path: Path, found: list[CellReading]) -> list[Row]:
    from jixiao.read._limits import check_image
    from jixiao.read._ocr import image_rows

    check_image(path)  # from the header: a decompression bomb is refused before it is decoded
    return image_rows(path, found)


class XlsxReader(_GridReader):
    name = "xlsx"
    suffixes = (".xlsx", ".xlsm")
    _rows = staticmethod(_xlsx)


class DocxReader(_GridReader):
    name = "docx"
    suffixes = (".docx",)
    _rows = staticmethod(_docx)


class HtmlReader(_GridReader):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")
    _rows = staticmethod(_html)


class XlsReader(_GridReader):
    """Excel 97-2003 and WPS 表格 workbooks (xlrd; LibreOffice for what it cannot open)."""

    name = "xls"
    suffixes = (".xls", ".et")
    _rows = staticmethod(_xls)


class DocReader(_GridReader):
    """Word 97-2003 and WPS 文字 documents and RTF, converted to DOCX by LibreOffice."""

    name = "doc"
    suffixes = (".doc", ".wps", ".rtf")
    _rows = staticmethod(_doc)


class Xml2003Reader(_GridReader):
    """Excel 2003 XML (SpreadsheetML) under its own ``.xml`` name (under ``.xls``: XlsReader)."""

    name = "xml2003"
    suffixes = (".xml",)
    _rows = staticmethod(_xml)


class OdsReader(_GridReader):
    name = "ods"
    suffixes = (".ods",)
    _rows = staticmethod(_ods)


class OdtReader(_GridReader):
    name = "odt"
    suffixes = (".odt",)
    _rows = staticmethod(_odt)


class MhtReader(_GridReader):
    """Excel/Word "single file web pages": the HTML part of the MIME message."""

    name = "mht"
    suffixes = (".mht", ".mhtml")
    _rows = staticmethod(_mht)


class EmlReader:
    """E-mails (.eml): the forms of the body, then of each attachment (``_eml``); an attachment
    that cannot be read is a read issue naming it, and the reason of a message without forms."""

    name = "eml"
    suffixes = (".eml",)

    def read(self, path: Path) -> Document:
        from jixiao.read._eml import eml_rows
        from jixiao.read._forms import build_forms

        try:
            data = path.read_bytes()
        except OSError as e:
            raise ReadError(str(path), f"无法打开文件（{e.strerror or e}）") from e
        if not data.strip():
            raise ReadError(str(path), "文件为空")
        found: list[CellReading] = []
        issues: list[ReadIssue] = []
        doc = build_forms(eml_rows(path, found, issues), str(path))
        doc.cells = found
        doc.issues.extend(issues)
        doc.sha256 = hashlib.sha256(data).hexdigest()
        doc.reader = self.name
        if not doc.forms and not doc.reports:
            why = "".join(f"；{i.message}" for i in issues)
            raise ReadError(str(path), f"未找到任何绩效目标表或绩效自评表{why}")
        return doc


class PdfReader(_GridReader):
    name = "pdf"
    suffixes = (".pdf",)
    _rows = staticmethod(_pdf)


class ImageReader(_GridReader):
    """Scans and photos of forms (OCR; see ``jixiao/read/_ocr.py``)."""

    name = "ocr"
    suffixes = IMAGE_SUFFIXES
    _rows = staticmethod(_image)


def native_readers() -> list[_GridReader | EmlReader]:
    return [
        XlsxReader(),
        DocxReader(),
        HtmlReader(),
        PdfReader(),
        ImageReader(),
        XlsReader(),
        Xml2003Reader(),
        DocReader(),
        OdsReader(),
        OdtReader(),
        MhtReader(),
        EmlReader(),
    ]
