"""Excel/Word "single file web pages" (.mht/.mhtml): the MIME message's HTML parts as rows.

The email package splits the message and undoes each part's transfer encoding
(quoted-printable, base64); the page is read by the HTML reader in the part's own charset.
A workbook of several sheets is a frameset page with one HTML part per sheet: every part
holding a table is read, in message order, except the sheet tabs (a table of links only) and a
sheet Excel marks hidden.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path
from typing import Any

from jixiao.read._errors import ReadError
from jixiao.read._grid import Row

__all__ = ["mht_rows"]

_PAGE_TYPES = ("text/html", "application/xhtml+xml")


def mht_rows(path: Path) -> list[Row]:
    from jixiao.read._html import html_rows
    from jixiao.read._html_book import sheet_hidden

    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
    pages = [part for part in message.walk() if part.get_content_type() in _PAGE_TYPES]
    if not pages:
        raise ReadError(str(path), "不是有效的单个文件网页（.mht）：其中没有 HTML 网页部分")
    rows: list[Row] = []
    for part in pages:
        data, charset = _payload(part)
        if data is None or not _has_form_table(data) or sheet_hidden(data):
            continue
        rows.extend(html_rows(path, data, charset))
    if not rows and len(pages) >= 1:  # no table anywhere: the main page's text lines
        data, charset = _payload(pages[0])
        if data is not None:
            rows = html_rows(path, data, charset)
    return rows


def _payload(part: Any) -> tuple[bytes | None, str | None]:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return None, None
    charset = part.get_content_charset()
    if charset and charset.lower() in ("gb2312", "gbk", "x-gbk", "cp936"):
        charset = "gb18030"  # a superset: pages labelled gb2312 hold GBK characters
    try:
        if charset:
            "".encode(charset)
    except LookupError:
        charset = None  # an unknown label: the HTML reader guesses as for a page
    return data, charset


def _has_form_table(data: bytes) -> bool:
    """A part with a table that is more than the sheet tabs (every cell a link)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return False
    for td in root.iter("td", "th"):
        text = "".join(td.itertext()).strip()
        if text and "".join(a.text_content() for a in td.iter("a")).strip() != text:
            return True
    return False
