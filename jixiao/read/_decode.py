"""Text file bytes to text: UTF-8, UTF-16/32 (by BOM or by their NUL pattern), GB18030.

A UTF-8 file with a few bad bytes (a damaged copy, one pasted character) is read, each bad
byte replaced by U+FFFD and reported with its line and column, instead of the whole file
being rejected or misread as GB18030.

For the text reader (``jixiao/read/text.py``): ``decode_text(data, path)`` returns the text and
the issues to add to the document.
"""

from __future__ import annotations

import codecs
import re

from jixiao.model import ReadIssue, Source
from jixiao.read._errors import ReadError

__all__ = ["MAX_BAD_BYTES", "decode_text"]

MAX_BAD_BYTES = 16  # more than this is not a damaged UTF-8 file but another encoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows itself by NULs in every other byte of its ASCII (tabs, digits)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.2 and even < half * 0.02:
        return "utf-16-le"
    if even > half * 0.2 and odd < half * 0.02:
        return "utf-16-be"
    return None


# control characters other than tab, newline, carriage return and form feed
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _controls(text: str) -> int:
    """Control characters in the first 4096 (one regex scan: a loop per character cost as much
    as reading a small form)."""
    return len(_CONTROL.findall(text, 0, 4096))


def decode_text(data: bytes, path: str) -> tuple[str, list[ReadIssue]]:
    """The text of a text file and any decoding issues; ``ReadError`` if it is not text."""
    if not data.strip():
        raise ReadError(path, "文件为空")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        bom = next(b for b, enc in _BOMS if enc == encoding)
        return _decode_with_places(data[len(bom) :], encoding, path)
    if (wide := _utf16_without_bom(data)) is not None:
        return _decode_with_places(data, wide, path)
    if b"\x00" in data[:4096]:
        raise ReadError(path, "这是二进制文件，不是文本")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(text, path), []
    bad = _bad_utf8_bytes(data)
    if len(bad) <= MAX_BAD_BYTES and _mostly_utf8(data, len(bad)):
        return _decode_with_places(data, "utf-8", path)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(path, "无法识别文件编码（已尝试 UTF-8、UTF-16 和 GB18030）") from None
    return _checked(text, path), []


def _mostly_utf8(data: bytes, bad: int) -> bool:
    """A damaged UTF-8 file, rather than a short GB18030 one: its other multibyte characters
    decode as UTF-8 (a GB18030 text has next to none that do)."""
    good = sum(1 for ch in data.decode("utf-8", errors="replace") if ord(ch) > 0x7F and ch != "\ufffd")
    return good >= 4 * bad


def _checked(text: str, path: str) -> str:
    if _controls(text) > 8:
        raise ReadError(path, "这是二进制文件，不是文本")
    return text


def _bad_utf8_bytes(data: bytes) -> list[int]:
    """Offsets of the bytes strict UTF-8 decoding rejects (stops counting past the threshold)."""
    bad: list[int] = []
    pos = 0
    while len(bad) <= MAX_BAD_BYTES:
        try:
            data[pos:].decode("utf-8")
            return bad
        except UnicodeDecodeError as e:
            bad.append(pos + e.start)
            pos += e.end
    return bad


def _decode_with_places(data: bytes, encoding: str, path: str) -> tuple[str, list[ReadIssue]]:
    """Decode, replacing undecodable bytes; one issue per bad byte naming its line and column."""
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    text = decoder.decode(data, final=True)
    issues: list[ReadIssue] = []
    if "\ufffd" in text:
        line = 1
        col = 0
        for ch in text:
            if ch == "\n":
                line += 1
                col = 0
                continue
            col += 1
            if ch == "\ufffd":
                issues.append(
                    ReadIssue(
                        message=f"第 {line} 行第 {col} 个字符处有无法识别的字节"
                        f"（不是有效的 {encoding.upper()}），已替换为 �",
                        source=Source(file=path, line=line),
                    )
                )
                if len(issues) > MAX_BAD_BYTES:
                    break
    return _checked(text, path), issues
