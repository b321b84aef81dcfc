"""Choosing a reader by file type."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from jixiao.model import Document
from jixiao.read._errors import ReadError


class Reader(Protocol):
    """Reads one file into a ``Document``; raises only ``ReadError``."""

    name: str
    suffixes: tuple[str, ...]

    def read(self, path: Path) -> Document: ...


def _readers() -> list[Reader]:
    from jixiao.read.text import TextReader

    readers: list[Reader] = [TextReader()]
    try:  # native formats live in their own modules; see jixiao/read/native.py
        from jixiao.read.native import native_readers
    except ImportError:  # pragma: no cover - during bootstrap only
        return readers
    return [*native_readers(), *readers]


def supported_suffixes() -> tuple[str, ...]:
    """Every file type a reader declares (a folder import picks up exactly these)."""
    return tuple(s for r in _readers() for s in r.suffixes)


def readable_files(folder: Path) -> list[Path]:
    """The files below ``folder`` a reader declares, sorted; hidden files and folders skipped,
    and so are the parts (``name.files/…``) of a web page saved beside them."""
    from jixiao.read._html_book import is_companion

    suffixes = supported_suffixes()
    return sorted(
        f
        for f in folder.rglob("*")
        if f.suffix.lower() in suffixes
        and not any(part.startswith(".") for part in f.relative_to(folder).parts)
        and f.is_file()
        and not is_companion(f, folder)  # a saved page's sheet files are read through the page
    )


def reader_for(path: Path) -> Reader:
    suffix = path.suffix.lower()
    for reader in _readers():
        if suffix in reader.suffixes:
            return reader
    return _readers()[-1]  # anything else is tried as text


def read(path: str | Path, *, spooled: bool = False) -> Document:
    """Read one file; ``ReadError`` (one Chinese line naming the file) if it cannot be read.

    The file-level limits (``jixiao.settings``) are checked first; whatever goes wrong inside a
    reader becomes a ``ReadError`` too, never a traceback. ``spooled``: a large text dump's forms
    (``SPOOL_BYTES``) are kept on disk and loaded as asked (``doc.forms`` is then a ``FormSpool``:
    read it, do not change it), so that a command going form by form holds one form, not all.
    """
    from jixiao.read import _limits

    p = Path(path)
    if not p.exists() and not p.is_symlink():
        raise ReadError(str(path), "文件不存在")
    if p.is_dir():
        raise ReadError(str(path), "这是一个目录，不是文件")
    _limits.check_file(p)
    reader = reader_for(p)
    if reader.name == "text":
        try:
            _limits.check_text_lines(p, p.read_bytes())
        except OSError as e:
            raise ReadError(str(path), f"无法打开文件（{_limits.os_reason(e)}）") from None
    try:
        with _limits.time_limit(p):
            if spooled and reader.name == "text":
                return reader.read(p, spooled=True)  # type: ignore[call-arg]
            return reader.read(p)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(str(path), "读取时内存不足，文件过大或结构异常") from None
    except RecursionError:
        raise ReadError(str(path), "文件结构嵌套过深，无法读取") from None
    except OSError as e:
        raise ReadError(str(path), f"无法读取文件（{_limits.os_reason(e)}）") from None
    except Exception as e:  # a parser's own error (malformed XML, broken PDF …): one Chinese line
        raise ReadError(str(path), f"文件内容无法解析（{_parser_reason(e)}）") from e


def _parser_reason(e: Exception) -> str:
    """What kind of damage, in Chinese; the library's English text is never shown."""
    kind = type(e).__module__.split(".")[0]
    name = type(e).__name__
    if "XMLSyntax" in name or kind == "lxml" or "ParseError" in name:
        return "XML 格式错误"
    if kind in ("pdfminer", "pdfplumber"):
        return "PDF 结构错误"
    if kind == "zipfile" or "Zip" in name:
        return "压缩包已损坏"
    if kind in ("openpyxl", "docx"):
        return "文件结构不符合规范"
    if isinstance(e, UnicodeError):
        return "文字编码错误"
    return "内部错误，请报告此文件"
