"""An RTF document (Word's and WPS's "save as RTF", what many offices mail) reads as the DOCX
it was saved from: LibreOffice converts it, as for a .doc. Fixture: LibreOffice's RTF of
``tests/corpus/files/a10_national_shelter_docx.docx``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import ReadError, read
from jixiao.read._registry import supported_suffixes

DATA = Path(__file__).with_name("data") / "formats"
ORIGINAL = Path(__file__).resolve().parents[1] / "corpus" / "files" / "a10_national_shelter_docx.docx"
HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def _forms(path: Path) -> list[dict[str, object]]:
    return [form_to_contract(f) for f in read(path).forms]


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice not installed")
def test_rtf_reads_as_its_docx() -> None:
    got = _forms(DATA / "a10_national_shelter.rtf")
    assert got and got == _forms(ORIGINAL)


def test_rtf_is_a_supported_suffix() -> None:
    """A folder import picks up .rtf files like .doc files."""
    assert ".rtf" in supported_suffixes()


def test_text_named_rtf_is_a_chinese_error(tmp_path: Path) -> None:
    bad = tmp_path / "自评表.rtf"
    bad.write_text("这不是 RTF 文档", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read(bad)
    assert "自评表.rtf" in str(e.value) and "RTF" in str(e.value)
