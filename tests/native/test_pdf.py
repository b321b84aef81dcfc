"""PDF: forms printed by LibreOffice read back from the page geometry (pdfplumber ruling lines).

LibreOffice starts slowly, so one batch conversion serves the whole module: a representative
subset of seed forms (every target form of a file, the department forms, project forms with and
without an overall goal, several goals, extra fields) converted in one ``soffice`` call.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.model import Form
from jixiao.read import ReadError, read
from jixiao.write import Template, write_docx
from jixiao.write.pdf import PdfError, docx_to_pdfs, write_pdf

from .conftest import SEEDS, assert_same_forms, seed_files, seed_forms

pytestmark = pytest.mark.slow


def _subset() -> list[tuple[str, int]]:
    """(seed, form index): the first form of each kind and shape (overall goal, several goals,
    extra fields) — every kind, a handful of pages."""
    picked: list[tuple[str, int]] = []
    shapes: set[tuple[str, bool, bool, bool]] = set()
    for path in seed_files():
        forms = seed_forms(path.name)
        for k, f in enumerate(forms):
            shape = (f.kind.value, f.overall_goal is not None, len(f.goals) > 1, "fields" in f.extra)
            if shape not in shapes:
                shapes.add(shape)
                picked.append((path.name, k))
    return picked


@pytest.fixture(scope="module")
def printed(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Form, Path]]:
    tmp = tmp_path_factory.mktemp("pdf")
    pairs = []
    for name, k in _subset():
        form = seed_forms(name)[k]
        src = tmp / f"{Path(name).stem}_{k}.docx"
        write_docx([form], src, rule_notes=False)
        pairs.append((form, src))
    pdfs = docx_to_pdfs([src for _, src in pairs], tmp / "pdf")
    return [(form, pdf) for (form, _), pdf in zip(pairs, pdfs, strict=True)]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not found")
def test_subset_covers_every_kind() -> None:
    kinds = {seed_forms(name)[k].kind for name, k in _subset()}
    assert len(kinds) == 4


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not found")
def test_pdf_round_trip(printed: list[tuple[Form, Path]]) -> None:
    assert len(printed) >= 6
    for form, pdf in printed:
        doc = read(pdf)
        assert doc.reader == "pdf"
        assert_same_forms([form], doc.forms)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not found")
def test_write_pdf_several_forms_one_file(soffice: str, tmp_path: Path) -> None:
    forms = list(seed_forms(seed_files()[-1].name)[:3])
    out = write_pdf(forms, tmp_path / "three.pdf", rule_notes=False)
    assert out.read_bytes().startswith(b"%PDF")
    assert_same_forms(forms, read(out).forms)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_pdf_pages_render_to_png(soffice: str, tmp_path: Path) -> None:
    """The pages rasterise (a real, printable PDF); docs/images keeps such pages."""
    from .test_writers import _small_form

    pdf = write_pdf([_small_form()], tmp_path / "small.pdf")
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
    )
    pngs = sorted(tmp_path.glob("p*.png"))
    assert len(pngs) == 1
    data = pngs[0].read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 3000  # a page with a table and text, not a blank sheet


def _image_only_pdf(path: Path) -> Path:
    """A one-page PDF that draws a table's lines but has no text layer (like a scan)."""
    content = b"0 0 0 RG 1 w 72 700 m 520 700 l S 72 650 m 520 650 l S 72 650 m 72 700 l S"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(out)
    return path


def test_scanned_pdf_is_reported_clearly(tmp_path: Path) -> None:
    pdf = _image_only_pdf(tmp_path / "扫描件.pdf")
    with pytest.raises(ReadError) as e:
        read(pdf)
    assert "没有文字层" in str(e.value) and "扫描件.pdf" in str(e.value)


def test_damaged_pdf_is_a_read_error(tmp_path: Path) -> None:
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not a pdf")
    with pytest.raises(ReadError) as e:
        read(bad)
    assert "坏.pdf" in str(e.value)


def test_missing_libreoffice_is_a_chinese_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    form = Form(kind="project_self_evaluation", title="2022年度测试项目自评表")
    with pytest.raises(PdfError) as e:
        write_pdf([form], tmp_path / "x.pdf", Template.WUHAN)
    assert "未找到 LibreOffice" in str(e.value)
    assert not (tmp_path / "x.pdf").exists()
