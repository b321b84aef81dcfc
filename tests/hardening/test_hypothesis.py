"""A short property run over damaged native files: every reader answers with forms or one
``ReadError`` whatever bytes it is given (the long run is ``scripts/fuzz.sh``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.read import ReadError, read
from jixiao.settings import override_limits

from .conftest import TEMPLATES, pdf_bytes

if not TEMPLATES.is_dir():
    pytest.skip(f"{TEMPLATES} not found (../shared beside the project)", allow_module_level=True)

FORMATS = Path(__file__).resolve().parents[1] / "read" / "data" / "formats"
SAMPLES = {
    ".xlsx": (TEMPLATES / "01_national_project_2023.xlsx").read_bytes(),
    ".docx": (TEMPLATES / "03_national_department.docx").read_bytes(),
    ".pdf": pdf_bytes(pages=2),
    ".html": (TEMPLATES / "06_yunnan_split_target.html").read_bytes(),
    # LibreOffice conversions of corpus files (tests/read/data/formats)
    ".xls": (FORMATS / "a09_national_heritage.xls").read_bytes(),
    ".ods": (FORMATS / "a09_national_heritage.ods").read_bytes(),
    ".odt": (FORMATS / "a10_national_shelter.odt").read_bytes(),
}


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(SAMPLES)))
    data = bytearray(SAMPLES[suffix])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        choice = draw(st.integers(0, 2))
        if choice == 0:
            data[at] = draw(st.integers(0, 255))
        elif choice == 1:
            del data[at : at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
    cut = draw(st.integers(len(data) // 2, len(data)))
    return suffix, bytes(data[:cut])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_native_files_give_forms_or_read_error(case: tuple[str, bytes]) -> None:
    suffix, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"damaged{suffix}"
        path.write_bytes(data)
        # a damaged .xls would go to LibreOffice: its own test is in tests/read/test_office_formats.py
        with override_limits(max_seconds=60), mock.patch.dict(os.environ, {"JIXIAO_SOFFICE": "none"}):
            try:
                read(path)
            except ReadError as e:
                assert "\n" not in str(e)
