"""Reader for text dumps of PDF forms (the seeds' layout). Implemented in this module."""

from __future__ import annotations

from pathlib import Path

from jixiao.model import Document
from jixiao.read._errors import ReadError


class TextReader:
    name = "text"
    suffixes = (".txt", ".md", ".text")

    def read(self, path: Path) -> Document:  # pragma: no cover - replaced by the real reader
        raise ReadError(str(path), "文本读取器尚未实现")
