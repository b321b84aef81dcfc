"""E-mail files (``.eml``, MIME): a form sent as a message body or attached to it.

The message's forms are, in order, those of its body and then those of each attachment, each
part read as what it is: a ``text/html`` body by the HTML reader, a ``text/plain`` body by the
text layouts (a table pasted from Excel arrives as TAB rows), an attached XLSX/DOCX/PDF/CSV … by
that file type's reader. The ``email`` package undoes each part's transfer encoding
(quoted-printable, base64) and the part is decoded in its declared charset. The two parts of a
``multipart/alternative`` are one body written twice: the HTML one is read when it holds a
table, else the text one — never both. Mail headers, greeting and signature are running text
and give no field. An attachment that cannot be read is reported (file and part named) and the
other parts are still read.
"""

from __future__ import annotations

import email
import email.policy
import tempfile
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

from jixiao.model import CellReading, ReadIssue, Source
from jixiao.read._errors import ReadError
from jixiao.read._grid import Row

__all__ = ["MAX_PARTS", "eml_rows"]

MAX_PARTS = 64  # body parts and attachments walked; a message of more is refused
_TEXT_SUFFIXES = (".txt", ".md", ".text", ".tsv", ".csv")


def eml_rows(path: Path, found: list[CellReading], issues: list[ReadIssue]) -> list[Row]:
    """The rows of every readable part in message order; unreadable attachments → ``issues``."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
    parts = list(_leaves(message))
    if len(parts) > MAX_PARTS:
        raise ReadError(str(path), f"邮件包含 {len(parts)} 个部分，超过上限 {MAX_PARTS}，不读取")
    rows: list[Row] = []
    for n, part in enumerate(parts, 1):
        got = _part_rows(path, n, part, found, issues)
        if got:
            got[0].after_gap = True  # a part starts afresh: nothing continues across parts
        rows.extend(got)
    return rows


def _leaves(part: Message) -> Iterator[Message]:
    """The parts to read, in order; one of each ``multipart/alternative``."""
    if part.get_content_type() == "multipart/alternative":
        choices = [p for p in part.get_payload() if isinstance(p, Message)]  # type: ignore[union-attr]
        chosen = _alternative(choices)
        if chosen is not None:
            yield from _leaves(chosen)
        return
    if part.is_multipart():
        for sub in part.get_payload():  # type: ignore[union-attr]
            if isinstance(sub, Message):
                yield from _leaves(sub)
        return
    yield part


def _alternative(choices: list[Message]) -> Message | None:
    """The HTML version when it holds a table, else the plain text one (else the first)."""
    from jixiao.read._mht import _has_form_table, _payload

    for p in choices:
        if p.get_content_type() == "text/html":
            data, _charset = _payload(p)
            if data is not None and _has_form_table(data):
                return p
    plain = [p for p in choices if p.get_content_type() == "text/plain"]
    return plain[0] if plain else (choices[0] if choices else None)


def _part_rows(
    path: Path, n: int, part: Message, found: list[CellReading], issues: list[ReadIssue]
) -> list[Row]:
    from jixiao.read._mht import _payload

    name = part.get_filename()
    kind = part.get_content_type()
    if name is None and kind in ("text/plain", "text/html"):  # a body
        data, charset = _payload(part)
        if data is None or not data.strip():
            return []
        if kind == "text/html":
            from jixiao.read._html import html_rows

            return html_rows(path, data, charset)
        return _text_rows(path, data, charset, None)
    if name is None:
        return []  # an inline image, a signature, a calendar entry: no form
    return _attachment_rows(path, n, name, part, found, issues)


def _attachment_rows(
    path: Path, n: int, name: str, part: Message, found: list[CellReading], issues: list[ReadIssue]
) -> list[Row]:
    from jixiao.read import _limits
    from jixiao.read._ocr_image import IMAGE_SUFFIXES
    from jixiao.read._registry import reader_for

    suffix = Path(name).suffix.lower()
    where = Source(file=str(path), cell=f"附件{n}")
    if suffix in IMAGE_SUFFIXES or suffix in (".eml",):
        return []  # photos and forwarded messages are not read inside a message
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes) or not data:
        return []
    label = f"{path}（附件“{name}”）"
    if suffix in _TEXT_SUFFIXES:
        return _text_rows(path, data, part.get_content_charset(), label, csv=suffix == ".csv")
    reader = reader_for(Path("x" + suffix))
    if reader.name == "text" or not hasattr(reader, "rows"):
        return []  # a file type no reader declares (.zip, .rar …): not read
    with tempfile.TemporaryDirectory(prefix="jixiao-eml-") as tmp:
        file = Path(tmp) / f"attachment{suffix}"
        file.write_bytes(data)
        try:
            _limits.check_file(file)
            rows = reader.rows(file, found)  # type: ignore[attr-defined]
        except ReadError as e:
            issues.append(ReadIssue(message=f"附件“{name}”无法读取：{e.reason}", source=where))
            return []
        except Exception:  # a parser's own error in the attachment only: the others are read
            issues.append(ReadIssue(message=f"附件“{name}”内容无法解析，未读取", source=where))
            return []
    for row in rows:
        row.source = row.source.model_copy(update={"file": label})
    return rows


def _text_rows(
    path: Path, data: bytes, charset: str | None, label: str | None, *, csv: bool = False
) -> list[Row]:
    from jixiao.read._csv import csv_rows
    from jixiao.read._decode import decode_text
    from jixiao.read._layouts import text_rows

    text = None
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, _issues = decode_text(data, label or str(path))
    file = label or str(path)
    rows = csv_rows(text, file) if csv else None
    return rows if rows is not None else text_rows(text, file)
