"""Hostile and broken files made by hand, small: each stands for a way a file could cost unbounded
time or memory, or could make a command print a traceback."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import pytest

from tests._pdfobj import pdf_from_objects

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOOD_TEXT = sorted(EXAMPLES.glob("*项目自评表.txt"))[0]
TEMPLATES = REPO.parent / "shared" / "templates" / "examples"


def pdf_bytes(pages: int = 1, stream: bytes | None = None, text: str = "hello") -> bytes:
    """A valid PDF of ``pages`` pages; ``stream`` replaces the first page's content (FlateDecode)."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font = 3 + 2 * pages
    for i in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        if i == 0 and stream is not None:
            body = zlib.compress(stream, 9)
            objects.append(
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
            )
        else:
            content = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
            objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_from_objects(objects)


def replace_member(src: Path, dst: Path, name: str, data: bytes) -> Path:
    """A copy of the zip package ``src`` with member ``name`` replaced (or added)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(info, zin.read(info.filename))
        zout.writestr(name, data)
    return dst


@pytest.fixture
def xlsx_file(tmp_path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称", "某项目"])
    path = tmp_path / "small.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("项目支出绩效自评表")
    d.add_table(rows=2, cols=2)
    path = tmp_path / "small.docx"
    d.save(path)
    return path


# The storage fixtures (a database per back end, the fake reader and reviewer).
from tests.store.conftest import db_url, fake_reader, fake_reviewer  # noqa: E402,F401
