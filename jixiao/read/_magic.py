"""What a file really is, from its first bytes: offices rename files freely.

An ``.xls`` from a finance system is often an HTML table, a ``.doc`` may be RTF, a web page or
a ``.docx``; the readers of the old formats choose by content, and the web upload refuses a
file whose bytes fit none of the kinds its suffix allows.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["SUFFIX_KINDS", "kind_of", "kind_of_file"]

OLE = "ole"  # OLE2 compound file: .xls / .doc / .wps / .et
ZIP = "zip"  # OOXML or ODF package
MARKUP = "markup"  # an HTML page (Excel/Word "save as web page", system exports)
MIME = "mime"  # a MIME message: .mht single-file web page, .eml e-mail
RTF = "rtf"
SPREADSHEET_XML = "spreadsheetml2003"  # Excel 2003 XML (<Workbook xmlns="…office:spreadsheet">)
OTHER = "other"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|table|head|body|meta)\b", re.I)
_MIME_HEADER = re.compile(rb"^(?:mime-version|content-type|from|subject|date|x-[\w-]+)\s*:", re.I | re.M)
# the header lines an e-mail starts with (RFC 5322): a message of one part has no boundary
_MAIL_HEADER = re.compile(
    rb"^(?:from|to|cc|subject|date|received|return-path|message-id|mime-version|content-type)[ \t]*:",
    re.I | re.M,
)

# the kinds each suffix may hold (a renamed .docx as .doc is read as what it is)
SUFFIX_KINDS: dict[str, tuple[str, ...]] = {
    ".xls": (OLE, ZIP, MARKUP, SPREADSHEET_XML),
    ".et": (OLE, ZIP, MARKUP),
    ".doc": (OLE, ZIP, RTF, MARKUP, MIME),
    ".wps": (OLE, ZIP, RTF),
    ".rtf": (RTF,),
    ".xml": (SPREADSHEET_XML,),
    ".ods": (ZIP,),
    ".odt": (ZIP,),
    ".mht": (MIME, MARKUP),
    ".mhtml": (MIME, MARKUP),
    ".eml": (MIME,),
    ".xlsx": (ZIP, OLE),  # OLE: an .xls renamed, or an encrypted workbook (the reader says which)
    ".xlsm": (ZIP, OLE),
    ".docx": (ZIP, OLE),
}


def kind_of(head: bytes) -> str:
    """The kind of the first bytes of a file (a few KB are enough)."""
    if head.startswith(_OLE_MAGIC):
        return OLE
    if head.startswith(b"PK\x03\x04"):
        return ZIP
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\r\n\t ")
    if text.startswith(b"{\\rtf"):
        return RTF
    if text.lower().startswith(b"mime-version") or (_MIME_HEADER.match(text) and b"boundary" in head.lower()):
        return MIME
    if _is_mail(text):
        return MIME
    if b"urn:schemas-microsoft-com:office:spreadsheet" in head and b"<Workbook" in head:
        return SPREADSHEET_XML
    if _MARKUP.search(head[:4096]):
        return MARKUP
    return OTHER


def _is_mail(text: bytes) -> bool:
    """A header block of an e-mail: the first line a mail header, and at least three of them
    before the first blank line (one-part messages carry no boundary)."""
    head = text.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return bool(_MAIL_HEADER.match(head)) and len(_MAIL_HEADER.findall(head)) >= 3


def kind_of_file(path: Path) -> str:
    with open(path, "rb") as f:
        return kind_of(f.read(4096))
