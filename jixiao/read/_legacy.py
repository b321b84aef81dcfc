"""The old office suffixes (.xls/.et, .doc/.wps) read by what their bytes are, not by name.

An ``.xls`` is a BIFF workbook (xlrd), a renamed ``.xlsx``, or an HTML table or Excel 2003 XML
a finance system exported; a ``.doc``/``.wps`` is a Word 97-2003 / WPS binary or RTF (converted
by LibreOffice), a renamed ``.docx``, a web page or an ``.mht``; an ``.rtf`` is RTF only.
Whatever reads it, the rows are the same rows.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._magic import MARKUP, MIME, OLE, RTF, SPREADSHEET_XML, ZIP, kind_of_file

__all__ = ["doc_rows", "encrypted_package", "xls_rows_any", "xml_rows_any"]

_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream of a password-protected OOXML file
_ENCRYPTED_REASON = "文件已加密（设置了打开密码），请在 Excel/Word/WPS 中取消密码后另存再导入"


def encrypted_package(path: Path) -> bool:
    """An OLE file holding an encrypted .xlsx/.docx (what Office saves with an open password)."""
    with open(path, "rb") as f:
        return _ENCRYPTED in f.read(1 << 20)


def xls_rows_any(path: Path) -> list[Row]:
    from jixiao.read._html import html_rows
    from jixiao.read._xlsx import xlsx_rows

    kind = kind_of_file(path)
    if kind == ZIP:
        return xlsx_rows(path)
    if kind == MARKUP:
        return html_rows(path)
    if kind == SPREADSHEET_XML:
        from jixiao.read._xml2003 import xml2003_rows

        return xml2003_rows(path)
    if kind != OLE:
        raise ReadError(str(path), "文件内容不是 Excel 工作簿（既不是 .xls 也不是 .xlsx 格式）")
    if encrypted_package(path):
        raise ReadError(str(path), _ENCRYPTED_REASON)
    from jixiao.read._convert import converted_rows
    from jixiao.read._xls import xlrd_unreadable, xls_rows

    try:
        return xls_rows(path)
    except ReadError as e:
        if not xlrd_unreadable(e):  # encrypted, or no workbook in it: LibreOffice cannot help
            raise
        return converted_rows(path, "xlsx", xlsx_rows, "这个 Excel 工作簿的格式较旧或已损坏，")


def xml_rows_any(path: Path) -> list[Row]:
    """An ``.xml`` is read only when it is Excel 2003 XML (what Excel saves as "XML 电子表格
    2003"); any other XML is no form, said so rather than read as text."""
    if kind_of_file(path) != SPREADSHEET_XML:
        raise ReadError(str(path), "文件内容不是 Excel 2003 XML 表格（XML 电子表格），无法读取")
    from jixiao.read._xml2003 import xml2003_rows

    return xml2003_rows(path)


def doc_rows(path: Path) -> list[Row]:
    from jixiao.read._docx import docx_rows
    from jixiao.read._html import html_rows

    kind = kind_of_file(path)
    if kind == ZIP:
        return docx_rows(path)
    if kind == MARKUP:
        return html_rows(path)
    if kind == MIME:
        from jixiao.read._mht import mht_rows

        return mht_rows(path)
    what = {".wps": "WPS 文字（.wps）文档", ".rtf": "RTF（.rtf）文档"}.get(
        path.suffix.lower(), "Word 97-2003（.doc）文档"
    )
    if kind not in ((RTF,) if path.suffix.lower() == ".rtf" else (OLE, RTF)):
        raise ReadError(str(path), f"文件内容不是 {what}")
    if kind == OLE and encrypted_package(path):
        raise ReadError(str(path), _ENCRYPTED_REASON)
    from jixiao.read._convert import converted_rows

    return converted_rows(path, "docx", docx_rows, what)
