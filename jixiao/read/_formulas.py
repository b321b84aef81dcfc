"""Formulas saved without their values: a workbook written by a program that does not calculate.

Excel and WPS store each formula's last value beside it, and the reader reads those values
(``data_only``). A workbook made by a library (openpyxl, many exporters) may hold the formula
alone; its 总分 would then read as empty, as if the form had none. Such a file is named, with
the first such cell, instead of being read wrongly.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from jixiao.read._errors import ReadError

__all__ = ["check_formula_values"]

_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*?(?:/>|>(.*?)</c>)', re.S)
_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")
_SHEET = re.compile(rb'<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"')
_REL = re.compile(
    rb'<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"|'
    rb'<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"'
)


def check_formula_values(path: Path) -> None:
    """``ReadError`` naming the file and cell if a formula has no stored value."""
    try:
        with zipfile.ZipFile(path) as z:
            for sheet, part in _sheets(z):
                found = _first_uncached(z.read(part))
                if found:
                    raise ReadError(
                        str(path),
                        f"工作表“{sheet}”{found}：该单元格为公式且无计算结果，"
                        "请在 Excel/WPS 中打开保存后再导入",
                    )
    except (zipfile.BadZipFile, KeyError, OSError):
        return  # not a workbook the check can look into; the reader says what is wrong


def _first_uncached(xml: bytes) -> str | None:
    if b"<f" not in xml:
        return None
    for m in _CELL.finditer(xml):
        inner = m[2] or b""
        if b"<f" in inner and not _VALUE.search(inner):
            return m[1].decode()
    return None


def _sheets(z: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part name in the archive) in workbook order."""
    targets: dict[bytes, bytes] = {}
    for m in _REL.finditer(z.read("xl/_rels/workbook.xml.rels")):
        rid, target = (m[1], m[2]) if m[1] else (m[4], m[3])
        targets[rid] = target
    out = []
    for m in _SHEET.finditer(z.read("xl/workbook.xml")):
        target = targets.get(m[2])
        if target is None:
            continue
        t = target.decode()
        part = t.lstrip("/") if t.startswith("/") else str(PurePosixPath("xl") / t)
        out.append((_unescape(m[1].decode()), part))
    return out


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
