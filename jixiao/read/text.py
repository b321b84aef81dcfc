"""Reader for text dumps of PDF forms: tab-separated table rows mixed with running text.

The dumps (like ``../shared/seeds``) print each table row on one line, cells separated by
tabs, a merged cell leaving its covered cells empty; titles and narrative are lines without
tabs, sometimes Markdown headings, with HTML fragments and LaTeX math left by the converter.
This module only turns lines into ``Row``s; the form structure is read by ``_forms``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jixiao._spool import SPOOL_BYTES
from jixiao.model import Document
from jixiao.read._csv import csv_rows
from jixiao.read._decode import _controls, decode_text
from jixiao.read._errors import ReadError
from jixiao.read._forms import build_forms, build_forms_spooled
from jixiao.read._layouts import iter_text_rows, split_lines, text_rows
from jixiao.read._order import ORDER_MESSAGE, disordered_line

__all__ = ["TextReader", "decode", "text_rows"]


class TextReader:
    """Reads ``.txt``/``.md`` dumps (and, as a fallback, any file that decodes as text).

    A ``.csv`` is read as one CSV table first (``_csv``: quoted cells over several lines),
    by the layouts when it is none."""

    name = "text"
    suffixes = (".txt", ".md", ".text", ".tsv", ".csv")

    def read(self, path: Path, *, spooled: bool = False) -> Document:
        """The document; ``spooled``: a large dump's forms kept on disk as read
        (``build_forms_spooled``), for a command that goes through it form by form."""
        data = path.read_bytes()
        text, issues = decode_text(data, str(path))
        sha256 = hashlib.sha256(data).hexdigest()
        big = len(data) >= SPOOL_BYTES
        del data  # the text is what is read; a dump of 10^4 forms is 50 MB
        build = build_forms_spooled if spooled and big else build_forms
        rows = csv_rows(text, str(path)) if path.suffix.lower() == ".csv" else None
        if rows is None and (line := disordered_line(split_lines(text))) is not None:
            raise ReadError(str(path), ORDER_MESSAGE.format(line=line))  # no form beats a wrong one
        doc = build(iter_text_rows(text, str(path)) if rows is None else rows, str(path))
        doc.issues[:0] = issues  # bytes replaced while decoding, each with its line and column
        doc.sha256 = sha256
        doc.reader = self.name
        if not doc.forms and not doc.reports:  # a file holding only a 自评报告 is a report
            raise ReadError(str(path), "未找到任何绩效目标表或绩效自评表")
        return doc


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), then GB18030; binary or undecodable input is a ``ReadError``."""
    if not data.strip():
        raise ReadError(path, "文件为空")
    if b"\x00" in data[:4096]:
        raise ReadError(path, "这是二进制文件，不是文本")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _controls(text) > 8:
            raise ReadError(path, "这是二进制文件，不是文本")
        return text
    raise ReadError(path, "无法识别文件编码（已尝试 UTF-8 和 GB18030）")
