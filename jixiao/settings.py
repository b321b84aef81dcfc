"""Limits on what one file may cost to read, as settings with defaults.

Each limit bounds a way a hostile or broken file could take unbounded time or memory. Values
come from, last one winning: the defaults below; ``[limits]`` in ``jixiao.toml`` (the current
folder, or the file named by ``$JIXIAO_CONFIG``); ``$JIXIAO_LIMIT_<NAME>`` environment
variables; ``jixiao --limit NAME=VALUE`` on the command line. With the defaults, one file's
read stays well under 1 GB of memory.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

__all__ = ["LIMIT_HELP", "Limits", "SettingsError", "limits", "override_limits", "set_limits"]


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 100  # bytes per input file
    max_zip_members: int = 10_000  # members of an XLSX/DOCX package
    max_zip_member_mb: float = 200  # uncompressed size of one member (from the zip directory)
    max_zip_total_mb: float = 500  # uncompressed size of all members together
    max_zip_ratio: float = 200  # uncompressed/compressed size of a member over 1 MB
    max_pdf_pages: int = 500
    max_pdf_stream_mb: float = 100  # one decoded PDF stream
    max_pdf_decoded_mb: float = 400  # all decoded streams of one PDF together
    max_image_megapixels: float = 150  # pixels of one page image (A4 at 600 dpi is 35), decompression bombs
    max_sheet_rows: int = 100_000  # rows per worksheet
    max_sheet_cells: int = 1_000_000  # cells per worksheet
    max_docx_tables: int = 2_000  # tables per Word document
    max_xml_depth: int = 200  # element nesting in any XML part
    max_cell_chars: int = 100_000  # characters of one cell or text node
    max_line_chars: int = 200_000  # characters of one line of a text file
    max_seconds: float = 300  # wall time to read one file
    max_memory_mb: float = 2048  # data memory of one parallel reading process (import -j N)


LIMIT_HELP = {
    "max_file_mb": "单个文件大小（MB）",
    "max_zip_members": "XLSX/DOCX 压缩包内文件数",
    "max_zip_member_mb": "XLSX/DOCX 压缩包内单个文件解压后大小（MB）",
    "max_zip_total_mb": "XLSX/DOCX 压缩包解压后总大小（MB）",
    "max_zip_ratio": "XLSX/DOCX 压缩包内文件的压缩比",
    "max_pdf_pages": "PDF 页数",
    "max_pdf_stream_mb": "PDF 单个数据流解压后大小（MB）",
    "max_pdf_decoded_mb": "PDF 全部数据流解压后总大小（MB）",
    "max_image_megapixels": "单页图片的像素数（百万）",
    "max_sheet_rows": "每个工作表的行数",
    "max_sheet_cells": "每个工作表的单元格数",
    "max_docx_tables": "Word 文档中的表格数",
    "max_xml_depth": "XML 嵌套层数",
    "max_cell_chars": "单元格或文字段的字符数",
    "max_line_chars": "文本文件单行字符数",
    "max_seconds": "读取单个文件的时间（秒）",
    "max_memory_mb": "并行导入时每个读取进程的内存（MB）",
}


class SettingsError(ValueError):
    """A setting that cannot be used; ``str()`` is a Chinese message."""


_current: Limits | None = None
_overrides: dict[str, Any] = {}


def _coerce(name: str, value: Any, where: str) -> Any:
    kinds = {f.name: f.type for f in fields(Limits)}
    if name not in kinds:
        raise SettingsError(f"{where}：未知的限制“{name}”，可用：{'、'.join(kinds)}")
    try:
        number = float(value) if kinds[name] == "float" else int(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{where}：限制 {name} 的值“{value}”不是数字") from None
    if number <= 0:
        raise SettingsError(f"{where}：限制 {name} 必须大于 0")
    return number


def _load() -> Limits:
    values: dict[str, Any] = {}
    config = Path(os.environ.get("JIXIAO_CONFIG") or "jixiao.toml")
    if config.is_file():
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise SettingsError(f"配置文件 {config} 无法读取（{type(e).__name__}）") from e
        for name, value in (data.get("limits") or {}).items():
            values[name] = _coerce(name, value, f"配置文件 {config}")
    for f in fields(Limits):
        env = f"JIXIAO_LIMIT_{f.name.upper()}"
        if env in os.environ:
            values[f.name] = _coerce(f.name, os.environ[env], f"环境变量 {env}")
    values.update(_overrides)
    return replace(Limits(), **values)


def limits() -> Limits:
    """The limits in force (loaded once per process)."""
    global _current
    if _current is None:
        _current = _load()
    return _current


def set_limits(pairs: list[str]) -> None:
    """Apply ``NAME=VALUE`` pairs from the command line (``jixiao --limit``)."""
    global _current
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SettingsError(f"--limit 需要 名称=值 的形式，如 max_file_mb=50（收到“{pair}”）")
        _overrides[name.strip()] = _coerce(name.strip(), value.strip(), "--limit")
    _current = None


@contextmanager
def override_limits(**values: Any) -> Iterator[Limits]:
    """Limits changed for a block (tests, the web upload path)."""
    global _current
    saved, saved_current = dict(_overrides), _current
    _overrides.update({k: _coerce(k, v, "override_limits") for k, v in values.items()})
    _current = None
    try:
        yield limits()
    finally:
        _overrides.clear()
        _overrides.update(saved)
        _current = saved_current
