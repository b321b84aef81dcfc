"""Broken or form-less office files: one Chinese line naming the file, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from jixiao.read import ReadError, read


def test_workbook_without_a_form(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active["A1"] = "采购清单"
    wb.active["B1"] = 3
    path = tmp_path / "清单.xlsx"
    wb.save(path)
    with pytest.raises(ReadError, match=r"清单\.xlsx.*未找到任何绩效目标表或绩效自评表"):
        read(path)


@pytest.mark.parametrize("name", ["坏.xlsx", "坏.docx"])
def test_corrupt_office_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(ReadError) as e:
        read(path)
    assert name in str(e.value) and "不是有效的" in str(e.value)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "空.docx"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match="文件为空"):
        read(path)
