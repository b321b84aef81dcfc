"""Reader for text dumps of PDF forms: tab-separated table rows mixed with running text.

The dumps (like ``../shared/seeds``) print each table row on one line, cells separated by
tabs, a merged cell leaving its covered cells empty; titles and narrative are lines without
tabs, sometimes Markdown headings, with HTML fragments and LaTeX math left by the converter.
This module only turns lines into ``Row``s; the form structure is read by ``_forms``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from jixiao.model import Document, Source
from jixiao.read._clean import clean_cell, is_rule_line
from jixiao.read._errors import ReadError
from jixiao.read._forms import build_forms
from jixiao.read._grid import Row

__all__ = ["TextReader", "decode", "text_rows"]

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_PAGE_BREAK = "\f"
_PIPE_ROW = re.compile(r"^\s*\|.*\|.*\|\s*$")  # a Markdown table row: | a | b |


class TextReader:
    """Reads ``.txt``/``.md`` dumps (and, as a fallback, any file that decodes as text)."""

    name = "text"
    suffixes = (".txt", ".md", ".text", ".tsv")

    def read(self, path: Path) -> Document:
        data = path.read_bytes()
        text = decode(data, str(path))
        doc = build_forms(text_rows(text, str(path)), str(path))
        doc.sha256 = hashlib.sha256(data).hexdigest()
        doc.reader = self.name
        if not doc.forms:
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
        controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
        if controls > 8:
            raise ReadError(path, "这是二进制文件，不是文本")
        return text
    raise ReadError(path, "无法识别文件编码（已尝试 UTF-8 和 GB18030）")


def text_rows(text: str, path: str) -> list[Row]:
    """One ``Row`` per non-empty line: tab-separated lines are table rows, others text."""
    rows: list[Row] = []
    page = 1
    gap = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if _PAGE_BREAK in raw:
            page += raw.count(_PAGE_BREAK)
            raw = raw.replace(_PAGE_BREAK, "")
        if not raw.strip():
            gap = True
            continue
        source = Source(file=path, line=lineno, page=page if page > 1 else None, sheet=None, cell=None)
        after_gap, gap = gap, False
        if "\t" in raw or _PIPE_ROW.match(raw):
            parts = raw.split("\t") if "\t" in raw else raw.strip().strip("|").split("|")
            cells = [clean_cell(c) for c in parts]
            if not any(cells) or all(is_rule_line(c) for c in cells if c):
                continue
            rows.append(Row(cells=cells, source=source, table=True, after_gap=after_gap))
            continue
        heading = bool(_HEADING.match(raw))
        line = _HEADING.sub("", raw) if heading else raw
        cell = clean_cell(line)
        if not cell or is_rule_line(cell):
            continue
        rows.append(Row(cells=[cell], source=source, table=False, heading=heading, after_gap=after_gap))
    return rows
