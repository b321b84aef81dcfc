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


def reader_for(path: Path) -> Reader:
    suffix = path.suffix.lower()
    for reader in _readers():
        if suffix in reader.suffixes:
            return reader
    return _readers()[-1]  # anything else is tried as text


def read(path: str | Path) -> Document:
    """Read one file; ``ReadError`` if it holds no readable form."""
    p = Path(path)
    if not p.exists():
        raise ReadError(str(path), "文件不存在")
    if p.is_dir():
        raise ReadError(str(path), "这是一个目录，不是文件")
    return reader_for(p).read(p)
