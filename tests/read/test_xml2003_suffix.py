"""Excel 2003 XML saved under its own name (``.xml``, Excel's "XML 电子表格 2003" default) reads as
the same workbook as under ``.xls``; any other XML named ``.xml`` is a Chinese error naming the
file, not text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import ReadError, read
from jixiao.read._registry import supported_suffixes

DATA = Path(__file__).with_name("data") / "formats"


def _forms(path: Path) -> list[dict[str, object]]:
    return [form_to_contract(f) for f in read(path).forms]


def test_spreadsheetml_named_xml_reads_as_named_xls(tmp_path: Path) -> None:
    source = DATA / "a09_national_heritage.xml2003.xls"
    renamed = tmp_path / "自评表.xml"
    shutil.copy(source, renamed)
    doc = read(renamed)
    assert doc.reader == "xml2003"
    got = [form_to_contract(f) for f in doc.forms]
    assert got and got == _forms(source)


def test_other_xml_is_a_chinese_error(tmp_path: Path) -> None:
    bad = tmp_path / "配置.xml"
    bad.write_text('<?xml version="1.0"?><config><item>1</item></config>', encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read(bad)
    assert "配置.xml" in str(e.value) and "Excel 2003 XML" in str(e.value)


def test_xml_is_a_supported_suffix() -> None:
    assert ".xml" in supported_suffixes()
