"""Scanned forms on the web: upload checks, the page image with its grid, crops, corrections.

One scan (``tests/web/scans.py``: our own form with the 培训人次 实际完成值 smudged) is uploaded
once per module by the unit's 填报人; the tests then read its pages as each role would. The
expected values are those of the form as drawn: 培训人次 target ≥100人次, 30 points.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jixiao import store
from jixiao.settings import override_limits
from jixiao.web import WebSettings, _scan, create_app
from tests.web.conftest import EXAMPLES, PASSWORD, USERS, form_ids, login
from tests.web.scans import SMUDGED, smudged_scan, smudged_scan_pdf


def _png(size: tuple[int, int]) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, "PNG")
    return buf.getvalue()


def _bomb(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width`` × ``height`` pixels, with next to no data."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


# ---------------------------------------------------------------- upload checks (no OCR)


def _upload(c: TestClient, name: str, content: bytes) -> str:
    r = c.post("/upload", files=[("files", (name, content, "application/octet-stream"))])
    assert r.status_code == 200
    return r.text


def test_image_whose_bytes_are_not_an_image_is_refused_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("reviewer")
    page = _upload(c, "扫描件.png", b"PK\x03\x04 this is a zip, not a picture")
    assert "扫描件.png" in page and "文件内容不是可识别的图片" in page
    page = _upload(c, "扫描件.pdf", _png((50, 50)))
    assert "文件内容不是 PDF" in page


def test_decompression_bomb_is_refused_before_it_is_decoded(client_for) -> None:  # type: ignore[no-untyped-def]
    bomb = _bomb(20_000, 20_000)  # 400 million pixels declared in a hundred bytes
    page = _upload(client_for("reviewer"), "炸弹.png", bomb)
    assert "单页图片的像素数" in page and "20000 × 20000" in page and "max_image_megapixels" in page


def test_pixel_limit_comes_from_the_settings(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("reviewer")
    with override_limits(max_image_megapixels=1):
        page = _upload(c, "大图.png", _png((1500, 1000)))
    assert "1500 × 1000" in page and "上限 1 百万像素" in page


def test_upload_page_offers_scans(client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for("wenhua").get("/upload").text
    accept = re.search(r'accept="([^"]+)"', html)
    assert accept and {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"} <= set(accept[1].split(","))


def test_a_text_form_has_no_scan_section(loaded, client_for) -> None:  # type: ignore[no-untyped-def]
    fid = form_ids(loaded)[0]
    c = client_for("reviewer")
    assert 'id="scan"' not in c.get(f"/forms/{fid}").text
    assert c.get(f"/forms/{fid}/scan").status_code == 404
    assert c.get(f"/forms/{fid}/scan/1.png").status_code == 404


# ---------------------------------------------------------------- one uploaded scan


@pytest.fixture(scope="module")
def scan_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, store.Database, int, Path]]:
    """One scan, recognised once on upload (the unit check's reading goes to the import and is
    kept for the scan view)."""
    folder = tmp_path_factory.mktemp("scanweb")
    db = store.Database(folder / "web.db")
    for name, (role, units) in USERS.items():
        store.add_user(db, name, PASSWORD, role, units)
    app = create_app(db, WebSettings(examples_dir=EXAMPLES))
    with TestClient(app, follow_redirects=False) as c:
        login(c, "wenhua")
        page = _upload(c, "扫描件.png", smudged_scan())
        assert "读取到 1 张表" in page, page
    fid = form_ids(db)[0]
    yield app, db, fid, folder
    db.close()


@pytest.fixture
def as_user(scan_app) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    app = scan_app[0]
    clients: list[TestClient] = []

    def make(name: str | None) -> TestClient:
        c = TestClient(app, follow_redirects=False)
        clients.append(c)
        if name:
            login(c, name)
        return c

    yield make
    for c in clients:
        c.close()


def _checks(c: TestClient, fid: int) -> list[dict[str, Any]]:
    r = c.get(f"/api/forms/{fid}/scan")
    assert r.status_code == 200, r.text
    return [k for p in r.json()["pages"] for k in p["checks"]]


@pytest.mark.slow
def test_form_page_of_a_scan_marks_scores_from_the_smudged_cell(scan_app, as_user) -> None:  # type: ignore[no-untyped-def]
    _, _, fid, _ = scan_app
    c = as_user("reviewer")
    html = c.get(f"/forms/{fid}").text
    assert f'hx-get="/forms/{fid}/scan"' in html  # the scan section loads after the page
    row = html[html.index(f'data-indicator="{SMUDGED}"') :]
    row = row[: row.index("</tr>")]
    assert "待核对" in row and "/cells/" in row  # the score is marked; the finding shows the crop
    other = html[html.index('data-indicator="培训合格率"') :]
    assert "待核对" not in other[: other.index("</tr>")]
    page = c.get(f"/api/forms/{fid}").json()
    line = next(i for g in page["goals"] for i in g["indicators"] if i["name"] == SMUDGED)
    assert line["uncertain"] and page["total_uncertain"]


@pytest.mark.slow
def test_scan_section_shows_page_grid_and_crop_with_confidence(scan_app, as_user) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    _, _, fid, _ = scan_app
    c = as_user("reviewer")
    html = c.get(f"/forms/{fid}/scan").text
    box = re.search(r'viewBox="0 0 (\d+) (\d+)"', html)
    assert box, html[:500]
    w, h = int(box[1]), int(box[2])
    assert html.count('class="cell"') >= 30 and 'class="cell flagged"' in html
    image = Image.open(io.BytesIO(c.get(f"/forms/{fid}/scan/1.png").content))
    assert image.size == (w, h)
    check = next(k for k in _checks(c, fid) if k["indicator"] == SMUDGED)
    assert check["field_label"] == "实际完成值" and check["low"] and check["still_open"]
    assert check["confidence_label"] == f"置信度 {round(check['confidence'] * 100)}%"
    assert check["confidence_label"] in html and check["crop_url"] in html
    r = c.get(check["crop_url"])
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    crop = Image.open(io.BytesIO(r.content))
    x0, y0, x1, y1 = check["box"]
    assert crop.size == (x1 - x0, y1 - y0)
    assert 'name="verdict"' in html  # the reviewer confirms or rejects beside the crop
    assert "data-mirror" not in html  # … but does not type into the unit's form


@pytest.mark.slow
def test_scan_routes_refuse_another_unit_and_anonymous(scan_app, as_user) -> None:  # type: ignore[no-untyped-def]
    _, _, fid, _ = scan_app
    crop = next(k for k in _checks(as_user("admin"), fid) if k["crop_url"])["crop_url"]
    urls = [f"/forms/{fid}/scan", f"/forms/{fid}/scan/1.png", crop, f"/api/forms/{fid}/scan"]
    other, anonymous = as_user("chengguan"), as_user(None)
    for url in urls:
        assert other.get(url).status_code == 403, url
        r = anonymous.get(url)
        assert r.status_code in (401, 303), url
    own = as_user("wenhua")
    assert all(own.get(url).status_code == 200 for url in urls)
    assert own.get(f"/forms/{fid}/scan/2.png").status_code == 404  # no such page
    assert own.get(f"/forms/{fid}/scan/1/cells/1/1/1.png").status_code == 404  # not a cell to check


@pytest.mark.slow
def test_page_images_are_cached_under_the_data_directory_only(scan_app, as_user) -> None:  # type: ignore[no-untyped-def]
    _, db, fid, folder = scan_app
    as_user("admin").get(f"/forms/{fid}/scan")
    sha = store.get_form(db, fid).sha256  # type: ignore[union-attr]
    cached = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    assert all(p.parts[0] in ("web.db", "web.db.pages") or p.name.startswith("web.db") for p in cached)
    pages = [p for p in cached if p.parts[0] == "web.db.pages"]
    views = [p for p in pages if p.parts[1] != "ocr"]
    readings = [p for p in pages if p.parts[1] == "ocr"]  # ocr/<reader version>/<sha>/p1.*
    assert {p.parts[2] for p in views} == {sha} and {p.parts[3] for p in readings} == {sha}
    assert {p.name for p in views} >= {"p1.json", "p1.png"}
    assert {p.name for p in readings} == {"p1.json", "p1.png"}


@pytest.mark.slow
def test_scan_view_of_an_uploaded_form_does_not_recognise_again(
    scan_app, as_user, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from jixiao.read import _ocr

    _, db, fid, folder = scan_app
    c = as_user("reviewer")
    before = _checks(c, fid)
    sha = store.get_form(db, fid).sha256  # type: ignore[union-attr]
    shutil.rmtree(folder / "web.db.pages" / f"v{_scan.CACHE_VERSION}" / sha)  # page views made afresh

    def no_ocr(*args: object) -> None:
        raise AssertionError("recognised again")

    monkeypatch.setattr(_ocr, "read_page", no_ocr)
    assert _checks(c, fid) == before  # from the upload's reading: grid, confidences, crops
    assert c.get(f"/forms/{fid}/scan/1.png").status_code == 200


@pytest.mark.slow
def test_unit_corrects_the_cell_and_the_score_is_recomputed(scan_app, as_user) -> None:  # type: ignore[no-untyped-def]
    _, _, fid, _ = scan_app
    reviewer = as_user("reviewer")
    key = f"read.low_confidence|年度绩效目标1|{SMUDGED}"
    assert (
        reviewer.post(f"/forms/{fid}/verdict", data={"key": key, "verdict": "confirmed"}).status_code == 303
    )
    assert "审核结论：<b>确认</b>" in reviewer.get(f"/forms/{fid}/scan").text
    unit = as_user("wenhua")
    check = next(k for k in _checks(unit, fid) if k["indicator"] == SMUDGED)
    assert check["edit_name"] == "i.0.0.actual"
    assert f'data-mirror="{check["edit_name"]}"' in unit.get(f"/forms/{fid}/scan").text
    before = unit.get(f"/api/forms/{fid}").json()
    line = next(i for g in before["goals"] for i in g["indicators"] if i["name"] == SMUDGED)
    assert line["computed"] in ("", "—") or line["uncertain"]
    live = unit.post(f"/forms/{fid}/edit", data={"i.0.0.actual": "120人次"})
    assert live.status_code == 200 and "已保存" in live.text
    after = unit.get(f"/api/forms/{fid}").json()
    line = next(i for g in after["goals"] for i in g["indicators"] if i["name"] == SMUDGED)
    assert line["actual"] == "120人次" and line["computed"] == "30" and not line["uncertain"]  # 120 ≥ 100
    assert not any(f["code"] == "read.low_confidence" for f in line["findings"])
    assert any(
        e["field"].endswith(f"{SMUDGED} / 实际完成值") and e["new"] == "120人次" for e in after["edits"]
    )
    check = next(k for k in _checks(unit, fid) if k["indicator"] == SMUDGED)
    assert not check["still_open"] and check["value"] == "120人次"
    assert "已由填报单位改为“120人次”" in unit.get(f"/forms/{fid}/scan").text
    # submitted, the form is a web document of its own: the scan of the first revision is still shown
    new_id = int(unit.post(f"/forms/{fid}/submit").headers["location"].rsplit("/", 1)[1])
    assert new_id != fid
    view = reviewer.get(f"/api/forms/{new_id}/scan").json()
    assert view["source_form_id"] == fid and view["pages"][0]["image_url"] == f"/forms/{new_id}/scan/1.png"
    assert reviewer.get(f"/forms/{new_id}/scan/1.png").status_code == 200
    page = reviewer.get(f"/api/forms/{new_id}").json()
    line = next(i for g in page["goals"] for i in g["indicators"] if i["name"] == SMUDGED)
    assert line["computed"] == "30" and not line["uncertain"]


@pytest.mark.slow
def test_scanned_pdf_shows_the_smudged_cell_like_the_png(scan_app, as_user, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same page uploaded as a scanner's PDF: rendered at 300 dpi, the smudge reads as no
    text at all. A cell with ink and no text is not a confident empty cell: it is shown with its
    crop and red box, tied to the 实际完成值 it fills, and its score is 待核对, as for the PNG."""
    _, _, png_id, _ = scan_app
    png = next(k for k in _checks(as_user("reviewer"), png_id) if k["indicator"] == SMUDGED)
    db = store.Database(tmp_path / "pdf.db")
    for name, (role, units) in USERS.items():
        store.add_user(db, name, PASSWORD, role, units)
    app = create_app(db, WebSettings(examples_dir=EXAMPLES))
    with TestClient(app, follow_redirects=False) as c:
        login(c, "wenhua")
        assert "读取到 1 张表" in _upload(c, "扫描件.pdf", smudged_scan_pdf())
        fid = form_ids(db)[0]
        login(c, "reviewer")
        view = c.get(f"/api/forms/{fid}/scan").json()["pages"][0]
        check = next(k for k in view["checks"] if k["indicator"] == SMUDGED)
        assert (check["where"], check["field_label"], check["low"]) == (png["where"], "实际完成值", True)
        assert check["edit_name"] == png["edit_name"] == "i.0.0.actual"
        assert any(cell["flagged"] and cell["check"] == check["n"] for cell in view["cells"])  # red box
        r = c.get(check["crop_url"])
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        page = c.get(f"/api/forms/{fid}").json()
        line = next(i for g in page["goals"] for i in g["indicators"] if i["name"] == SMUDGED)
        assert line["uncertain"]
    db.close()


# ---------------------------------------------------------------- which pages are scans (no OCR)


def _image_pdf(size: tuple[int, int] = (600, 800)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, "PDF", resolution=72)
    return buf.getvalue()


def test_only_pages_without_a_text_layer_count_as_scanned() -> None:
    import pypdfium2 as pdfium

    from tests.hardening.conftest import pdf_bytes

    mixed = pdfium.PdfDocument(pdf_bytes(pages=2, text="text layer"))
    mixed.import_pages(pdfium.PdfDocument(_image_pdf()))
    buf = io.BytesIO()
    mixed.save(buf)
    assert _scan.scanned_pages(buf.getvalue(), "混合.pdf") == (3,)
    assert _scan.scanned_pages(pdf_bytes(pages=1), "文字.pdf") == ()
    assert _scan.scanned_pages(_png((40, 30)), "图.png") == (1,)
    from PIL import Image

    tiff = io.BytesIO()
    pages = [Image.new("RGB", (40, 30), "white") for _ in range(2)]
    pages[0].save(tiff, "TIFF", save_all=True, append_images=pages[1:])
    assert _scan.scanned_pages(tiff.getvalue(), "两页.tif") == (1, 2)
    assert _scan.scanned_pages(b"not an image", "坏.png") == ()


def test_oversized_scanned_pdf_page_is_refused_before_rendering() -> None:
    big = _image_pdf((200, 200))
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(big)
    pdf[0].set_mediabox(0, 0, 14_400, 14_400)  # 200 inches square: 60 000 × 60 000 px at 300 dpi
    buf = io.BytesIO()
    pdf.save(buf)
    with pytest.raises(_scan.ScanError) as e:
        _scan.check_size("大页.pdf", buf.getvalue(), 1)
    assert "第 1 页" in str(e.value) and "max_image_megapixels" in str(e.value)
    _scan.check_size("小页.pdf", big, 1)  # an ordinary page passes
