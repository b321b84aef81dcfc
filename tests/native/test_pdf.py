"""PDF: written through LibreOffice, read from the text layer and the cell geometry; pages rendered."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.model import Form
from jixiao.read import ReadError, read
from jixiao.write import pdf as pdf_module
from jixiao.write import write_pdf
from jixiao.write.pdf import PdfError

from .conftest import comparable, needs_soffice


def test_scanned_pdf_is_reported_in_chinese(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "扫描件.pdf"
    Image.new("RGB", (600, 800), "white").save(path)  # a page image, no text layer
    with pytest.raises(ReadError) as e:
        read(path)
    assert "扫描件" in str(e.value) and "扫描件.pdf" in str(e.value)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"this is not a pdf at all")
    with pytest.raises(ReadError, match=r"坏\.pdf"):
        read(path)


def test_missing_soffice_is_a_clear_error(
    project_form: Form, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module, "soffice_path", lambda: None)
    out = tmp_path / "a.pdf"
    with pytest.raises(PdfError, match="LibreOffice"):
        write_pdf([project_form], out)
    assert not out.exists()


@pytest.mark.slow
def test_pdf_round_trip_and_rendered_page(project_form: Form, department_form: Form, tmp_path: Path) -> None:
    needs_soffice()
    out = write_pdf([project_form, department_form], tmp_path / "两张表.pdf")
    doc = read(out)
    # the rule set's 备注 were printed under each form and are read back as its notes
    for form in doc.forms:
        assert form.extra.pop("notes").startswith("1.预算执行情况口径：预算数为调整后财政资金总额")
    assert [comparable(f) for f in doc.forms] == [comparable(project_form), comparable(department_form)]
    # the department form's level weights come back from the printed labels
    ind = department_form.goals[0].indicators[0]
    back = doc.forms[1].goals[0].indicators[0]
    assert (back.level1_weight, back.level2_weight, back.weight) == (
        ind.level1_weight,
        ind.level2_weight,
        0.5,
    )
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm 未安装：不渲染页面")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2  # each form starts on its own page
    from PIL import Image

    with Image.open(pages[0]) as img:
        gray = img.convert("L")
        dark = sum(gray.histogram()[:128])
    assert dark > 2000  # borders and CJK text were drawn (a blank page has none)
