"""Scanned forms read by OCR: grid, cells, confidence, seal, uncertain cells, bad images.

The scans are drawn from a small form of our own (``conftest.small_form``) in the writers'
layout, at 150 dpi (what a quick office scan gives), so a page takes a few seconds.
"""

from __future__ import annotations

import base64
import io
import socket
import unicodedata
from pathlib import Path

import pytest

from jixiao.model import FormKind
from jixiao.read import ReadError, read
from jixiao.review import review_document

from .conftest import needs_font, small_form

DPI = 150


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.fixture(scope="module")
def clean_page():  # type: ignore[no-untyped-def]
    needs_font()
    from benchmarks.scans import draw_form

    return draw_form(small_form(), dpi=DPI, notes="form")[0]  # no 备注: a quicker page


@pytest.fixture(scope="module")
def clean_result(clean_page):  # type: ignore[no-untyped-def]
    import numpy as np

    from jixiao.read._ocr import read_page

    return read_page(np.asarray(clean_page)[..., ::-1].copy(), 1, "page.png")


@pytest.fixture(scope="module")
def scanned(clean_page, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The form scanned with a 1.5° skew, noise, JPEG and a red seal over the top-right corner."""
    from benchmarks.scans import degrade

    path = tmp_path_factory.mktemp("scan") / "扫描件.jpg"
    degrade(clean_page, skew=1.5, noise=4, jpeg=75, seal=True).save(path, quality=90)
    return path, read(path)


def test_scan_reads_as_the_form_printed(scanned) -> None:  # type: ignore[no-untyped-def]
    _path, doc = scanned
    assert doc.reader == "ocr" and len(doc.forms) == 1
    f = doc.forms[0]
    assert f.kind is FormKind.PROJECT_SELF_EVALUATION
    assert f.title == "2022年度示范培训项目自评表"
    assert (f.year, f.unit, f.filled_on) == (2022, "示范局", "2023-01-05")
    b = f.budget
    assert b is not None and (b.weight, b.planned, b.executed, b.rate, b.score) == (20, 100, 90, 0.9, 18)
    got = [(i.name, i.target, i.actual, i.score) for _, i in f.indicators()]
    assert got == [
        ("培训人次", "≥100人次", "120人次", 30),
        ("培训合格率", "≥95%", "98%", 30),
        ("学员满意度", "≥90%", "92%", 20),
    ]
    assert f.total_score == 98
    assert f.goals[0].weight == 80


def test_grid_rows_are_exact_with_merged_cells_and_confidence(clean_result) -> None:  # type: ignore[no-untyped-def]
    result = clean_result
    table = [r for r in result.rows if r.table]
    assert table and all(r.exact for r in table)
    assert all(len(r.confidence) == len(r.cells) for r in result.rows)
    assert all(0.0 <= c <= 1.0 for r in result.rows for c in r.confidence)
    # the indicator header row: seven columns, the goal label merged down over the three indicators
    head = next(r for r in table if "三级指标" in r.cells)
    assert [_nfkc(c) for c in head.cells] == [
        "年度绩效目标1(80分)",  # full- or half-width brackets: the same to every reader
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值",
        "实际完成值",
        "得分",
    ]
    assert 0 in head.merged_down
    first = table[table.index(head) + 1]
    assert first.cells[0] == "" and first.cells[3:] == ["培训人次", "≥100人次", "120人次", "30"]
    # 产出指标 spans two indicator rows: its cell is merged down, the row below leaves it empty
    assert first.cells[1] == "产出指标" and 1 in first.merged_down
    assert table[table.index(head) + 2].cells[1] == ""


def test_seal_is_removed_before_recognition(clean_page) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from benchmarks.scans import red_seal
    from jixiao.read._ocr_image import remove_seal

    w, h = clean_page.size
    stamped = np.asarray(red_seal(clean_page, (w - w // 4, h // 8), w // 10))[..., ::-1].copy()
    red = (stamped[..., 2].astype(int) - stamped[..., 1] > 60).sum()
    cleaned, painted = remove_seal(stamped)
    assert red > 1000 and painted >= red * 0.9
    assert (cleaned[..., 2].astype(int) - cleaned[..., 1] > 60).sum() < red * 0.02
    # the black print under the seal stays
    dark = (np.asarray(clean_page.convert("L")) < 100).sum()
    assert (cleaned.min(axis=2) < 100).sum() >= dark * 0.97


def test_unreadable_cell_is_reported_with_its_crop(clean_page, clean_result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A value smudged past reading: flagged with its crop, and the score computed from it uncertain."""
    from PIL import Image, ImageDraw, ImageFilter

    cell = next(c for c in clean_result.cells if c.text == "120人次")  # the 培训人次 actual
    x0, y0, x1, y1 = cell.box
    img = clean_page.copy()
    region = img.crop((x0 + 3, y0 + 3, x1 - 3, y1 - 3)).filter(ImageFilter.GaussianBlur(3.2))
    img.paste(region, (x0 + 3, y0 + 3))
    d = ImageDraw.Draw(img)
    for k in range(0, x1 - x0, 9):  # a pen scribble over it
        d.line((x0 + k, y0 + 6, x0 + k + 12, y1 - 6), fill=(90, 90, 90), width=1)
    path = tmp_path / "污损.png"
    img.save(path)
    doc = read(path)
    low = [c for c in doc.cells if c.confidence < 0.8]
    assert low, "the smudged cell must be flagged"
    target = next(c for c in low if c.box is not None and abs(c.box[0] - x0) < 8 and abs(c.box[1] - y0) < 8)
    png = Image.open(io.BytesIO(base64.b64decode(target.crop or "")))
    assert abs(png.size[0] - (x1 - x0)) < 10 and abs(png.size[1] - (y1 - y0)) < 10
    result = review_document(doc)
    found = [f for f in result.findings if f.code == "read.low_confidence" and f.indicator == "培训人次"]
    assert found and found[0].severity == "info" and "核对" in found[0].message
    card = result.scorecards[0]
    assert next(s for s in card.indicators if s.indicator == "培训人次").uncertain
    assert not next(s for s in card.indicators if s.indicator == "学员满意度").uncertain


def test_blank_image_is_a_clear_chinese_error(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "空白.png"
    Image.new("RGB", (1240, 1754), "white").save(path)
    with pytest.raises(ReadError) as e:
        read(path)
    assert "空白.png" in str(e.value) and "没有识别出任何文字" in str(e.value)


def test_broken_image_is_a_clear_chinese_error(tmp_path: Path) -> None:
    path = tmp_path / "坏图.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with pytest.raises(ReadError) as e:
        read(path)
    assert "坏图.jpg" in str(e.value) and "图片" in str(e.value)


def test_recognition_needs_no_network(clean_page, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The models ship inside the wheel: loading and recognising with every socket refused."""
    import numpy as np

    from jixiao.read import _ocr_text
    from jixiao.read._ocr import read_page

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    _ocr_text.engine.cache_clear()
    w, h = clean_page.size
    top = np.asarray(clean_page.crop((0, 0, w, h // 3)))[..., ::-1].copy()
    canvas = np.full((h, w, 3), 255, np.uint8)
    canvas[: h // 3] = top
    result = read_page(canvas, 1, "x.png")
    assert any("示范培训项目" in r.text for r in result.rows)


def test_page_view_gives_the_web_page_image_grid_and_crops(clean_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """What the form page of the web app draws: page image, every cell's box, crops to check."""
    from PIL import Image

    from jixiao.read._ocr import page_view

    w, h = clean_page.size
    canvas = Image.new("RGB", (w, h), "white")
    canvas.paste(clean_page.crop((0, 0, w, h // 4)), (0, 0))
    path = tmp_path / "上半页.png"
    canvas.save(path)
    view = page_view(path, 1)
    assert (view["width"], view["height"]) == (w, h)
    page = Image.open(io.BytesIO(base64.b64decode(view["image"])))
    assert page.size == (w, h)
    texts = {c["text"] for c in view["cells"]}
    assert {"项目名称", "示范培训项目", "预算数(A)"} <= texts
    for c in view["cells"]:
        x0, y0, x1, y1 = c["box"]
        assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h and 0 <= c["confidence"] <= 1
    assert all(cell.crop for cell in view["check"])
    with pytest.raises(ReadError, match="第 2 页"):
        page_view(path, 2)


@pytest.mark.slow
def test_photographed_form_is_flattened_and_read(clean_page) -> None:  # type: ignore[no-untyped-def]
    """A phone photo: paper colour, uneven light, perspective; the indicator rows still read."""
    import numpy as np

    from benchmarks.scans import degrade
    from jixiao.read._ocr import read_page

    photo = degrade(clean_page, photo=True, noise=3, jpeg=80, seed=3)
    result = read_page(np.asarray(photo)[..., ::-1].copy(), 1, "photo.jpg")
    rows = [r.cells for r in result.rows if r.table]
    assert any(r[3:] == ["培训人次", "≥100人次", "120人次", "30"] for r in rows)
    assert any(r[3:] == ["学员满意度", "≥90%", "92%", "20"] for r in rows)


@pytest.mark.slow
def test_mixed_pdf_reads_text_pages_as_text_and_scanned_pages_by_ocr(clean_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    import pypdfium2 as pdfium

    from benchmarks.scans import save_pdf
    from jixiao.write import write_pdf

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice（soffice）未安装")
    other = small_form().model_copy(update={"title": "2022年度第二项目自评表", "project": "第二项目"})
    text_pdf = write_pdf([other], tmp_path / "text.pdf")
    scan_pdf = save_pdf([clean_page], tmp_path / "scan.pdf", DPI)
    mixed = pdfium.PdfDocument.new()
    for src in (text_pdf, scan_pdf):
        doc = pdfium.PdfDocument(str(src))
        mixed.import_pages(doc)
        doc.close()
    path = tmp_path / "混合.pdf"
    mixed.save(str(path))
    mixed.close()
    doc = read(path)
    assert doc.reader == "pdf"
    assert [f.title for f in doc.forms] == ["2022年度第二项目自评表", "2022年度示范培训项目自评表"]
    assert [i.score for _, i in doc.forms[1].indicators()] == [30, 30, 20]
    pages_read_by_ocr = {c.source.page for c in doc.cells if c.source}
    assert all(p >= 2 for p in pages_read_by_ocr)


def test_review_of_a_scan_saves_the_crops_beside_the_report(scanned, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from jixiao.cli import app

    path, doc = scanned
    report = tmp_path / "审核.json"
    result = CliRunner().invoke(app, ["review", str(path), "--format", "json", "-o", str(report)])
    assert result.exit_code == 0, result.output
    crops = sorted((tmp_path / "审核.crops").glob("*.png")) if doc.cells else []
    assert len(crops) == len([c for c in doc.cells if c.crop])
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in crops)


def test_a_page_lying_sideways_is_told_from_a_wide_table(clean_page) -> None:  # type: ignore[no-untyped-def]
    """Quarter turns from runs of characters, not from profiles the table's rules dominate."""
    import cv2
    import numpy as np

    from jixiao.read._ocr_image import binarize, quarter_turns

    gray = cv2.cvtColor(np.asarray(clean_page)[..., ::-1].copy(), cv2.COLOR_BGR2GRAY)
    assert quarter_turns(binarize(gray)) == 0
    assert quarter_turns(binarize(cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE))) == 1
    wide = cv2.resize(gray, None, fx=1.4, fy=1.0)  # a landscape page: more vertical rules
    assert quarter_turns(binarize(wide)) == 0
