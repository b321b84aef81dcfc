"""Every hostile file bounded before it costs: one Chinese line naming the file and the limit."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest

from jixiao.read import ReadError, read
from jixiao.read._limits import LimitError
from jixiao.settings import Limits, SettingsError, limits, override_limits, set_limits

from .conftest import GOOD_TEXT, pdf_bytes, replace_member


def _refused(path: Path, limit: str | None = None) -> ReadError:
    with pytest.raises(ReadError) as info:
        read(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    if limit is not None:
        assert isinstance(info.value, LimitError) and info.value.limit_name == limit
        assert limit in message
    return info.value


def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "命名管道" in str(_refused(fifo))


def test_character_device_is_refused() -> None:
    assert "字符设备" in str(_refused(Path("/dev/zero")))


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(GOOD_TEXT.read_bytes() + b"x" * 2_000_000)
    with override_limits(max_file_mb=1):
        error = _refused(big, "max_file_mb")
    assert "上限 1 MB" in str(error)


def test_xlsx_bomb_refused_from_the_zip_directory(tmp_path: Path, xlsx_file: Path) -> None:
    """A 50 MB sheet of one repeated byte compresses ~1000-fold: refused without inflating it."""
    bomb = replace_member(xlsx_file, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", b" " * 50_000_000)
    assert bomb.stat().st_size < 200_000
    error = _refused(bomb, "max_zip_ratio")
    assert "sheet1.xml" in str(error)


def test_docx_member_over_the_size_limit(tmp_path: Path, docx_file: Path) -> None:
    big = replace_member(docx_file, tmp_path / "big.docx", "word/media/x.bin", os.urandom(3_000_000))
    with override_limits(max_zip_member_mb=2):
        _refused(big, "max_zip_member_mb")


def test_too_many_rows_in_a_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    for i in range(300):
        wb.active.append([f"行{i}", i])
    path = tmp_path / "rows.xlsx"
    wb.save(path)
    with override_limits(max_sheet_rows=200):
        _refused(path, "max_sheet_rows")
    with override_limits(max_sheet_cells=500):
        _refused(path, "max_sheet_cells")


def test_too_many_tables_in_a_docx(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for _ in range(30):
        d.add_table(rows=1, cols=1)
    path = tmp_path / "tables.docx"
    d.save(path)
    with override_limits(max_docx_tables=20):
        _refused(path, "max_docx_tables")


def test_deep_nesting_refused(tmp_path: Path, docx_file: Path) -> None:
    with zipfile.ZipFile(docx_file) as z:
        body = z.read("word/document.xml").decode()
    deep = "<w:p>" * 500 + "</w:p>" * 500
    body = body.replace("<w:body>", "<w:body>" + deep, 1)
    path = replace_member(docx_file, tmp_path / "deep.docx", "word/document.xml", body.encode())
    _refused(path, "max_xml_depth")


def test_long_text_node_refused(tmp_path: Path, xlsx_file: Path) -> None:
    with zipfile.ZipFile(xlsx_file) as z:
        names = z.namelist()
    member = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/worksheets/sheet1.xml"
    xml = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<si><t>{'长' * 5000}</t></si></sst>"
    )
    path = replace_member(xlsx_file, tmp_path / "long.xlsx", "xl/sharedStrings.xml", xml.encode())
    assert member
    with override_limits(max_cell_chars=1000):
        _refused(path, "max_cell_chars")


def test_long_text_line_refused(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text(GOOD_TEXT.read_text(encoding="utf-8") + "\n" + "长" * 3000 + "\n", encoding="utf-8")
    with override_limits(max_line_chars=2000):
        error = _refused(path, "max_line_chars")
    assert "3000 个字符" in str(error)


def test_pdf_page_limit(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf_bytes(pages=30))
    with override_limits(max_pdf_pages=20):
        error = _refused(path, "max_pdf_pages")
    assert "30 页" in str(error)


def test_pdf_stream_bomb_bounded(tmp_path: Path) -> None:
    """A page content stream that inflates to 50 MB from a few tens of KB: stopped at the limit."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_bytes(stream=b"0 0 m " * 9_000_000))
    assert path.stat().st_size < 500_000
    with override_limits(max_pdf_stream_mb=5):
        _refused(path, "max_pdf_stream_mb")


def _png_header(width: int, height: int) -> bytes:
    """A PNG declaring ``width`` × ``height`` pixels in a hundred bytes (a decompression bomb)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def test_image_bomb_refused_from_its_header(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header(30_000, 30_000))  # 900 million pixels: ~1 GB once decoded
    assert "30000 × 30000" in str(_refused(path, "max_image_megapixels"))
    small = tmp_path / "small.png"
    small.write_bytes(_png_header(1200, 1000))
    with override_limits(max_image_megapixels=1):
        _refused(small, "max_image_megapixels")


def test_image_whose_bytes_are_no_image(tmp_path: Path) -> None:
    path = tmp_path / "scan.jpg"
    path.write_bytes(b"%PDF-1.7 this is not a JPEG")
    assert "不是可识别的图片" in str(_refused(path))


def test_wall_time_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.read.text import TextReader

    def slow(self: TextReader, path: Path) -> None:
        time.sleep(30)

    monkeypatch.setattr(TextReader, "read", slow)
    path = tmp_path / "slow.txt"
    path.write_text("内容", encoding="utf-8")
    with override_limits(max_seconds=0.5):
        error = _refused(path, "max_seconds")
    assert "秒" in str(error)


def test_rest_of_the_batch_goes_on(tmp_path: Path) -> None:
    """One hostile file in an import batch: refused in its line, the good file imported."""
    from jixiao.store import Database, import_paths

    good = tmp_path / GOOD_TEXT.name
    good.write_bytes(GOOD_TEXT.read_bytes())
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_bytes(pages=40))
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with override_limits(max_pdf_pages=10), Database(tmp_path / "j.db") as db:
        summary = import_paths([bomb, fifo, good], db)
    assert [Path(d.path).name for d in summary.imported] == [good.name]
    reasons = {Path(f.path).name: f.reason for f in summary.failures}
    assert "max_pdf_pages" in reasons["bomb.pdf"] and "命名管道" in reasons["pipe.txt"]


def test_limits_from_config_env_and_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.settings as settings

    config = tmp_path / "jixiao.toml"
    config.write_text("[limits]\nmax_file_mb = 7\nmax_pdf_pages = 9\n", encoding="utf-8")
    monkeypatch.setenv("JIXIAO_CONFIG", str(config))
    monkeypatch.setenv("JIXIAO_LIMIT_MAX_PDF_PAGES", "11")
    monkeypatch.setattr(settings, "_current", None)
    monkeypatch.setattr(settings, "_overrides", {})
    assert limits().max_file_mb == 7 and limits().max_pdf_pages == 11
    set_limits(["max_pdf_pages=13"])
    assert limits().max_pdf_pages == 13 and limits().max_seconds == Limits().max_seconds
    with pytest.raises(SettingsError, match="未知的限制"):
        set_limits(["max_nothing=1"])
    with pytest.raises(SettingsError, match="不是数字"):
        set_limits(["max_file_mb=lots"])
    monkeypatch.setattr(settings, "_current", None)


def test_cli_limit_flag_refuses_and_names_the_limit(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    big = tmp_path / "big.txt"
    big.write_bytes(GOOD_TEXT.read_bytes() + b"x" * 1_200_000)
    try:
        result = CliRunner().invoke(app, ["--limit", "max_file_mb=1", "parse", str(big)])
    finally:
        set_limits([f"max_file_mb={Limits().max_file_mb}"])
    assert result.exit_code == 2
    assert "max_file_mb" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_pdf_stream_bomb_in_two_flate_layers_bounded(tmp_path: Path) -> None:
    """Flate over Flate: the outer layer is small, the inner one inflates to 50 MB — still stopped."""
    import zlib

    inner = zlib.compress(b"0 0 m " * 9_000_000, 9)
    body = zlib.compress(inner, 9)
    data = pdf_bytes(stream=b"BT ET")
    old = zlib.compress(b"BT ET", 9)
    data = data.replace(b"/Filter /FlateDecode", b"/Filter [/FlateDecode /FlateDecode]").replace(
        b"/Length %d " % len(old), b"/Length %d " % len(body)
    )
    data = data.replace(old, body)  # the xref offsets go stale: pdfium rebuilds them, as readers do
    path = tmp_path / "bomb2.pdf"
    path.write_bytes(data)
    assert len(body) < 2_000
    with override_limits(max_pdf_stream_mb=5):
        _refused(path, "max_pdf_stream_mb")


def test_pdf_small_streams_are_not_inflated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream too short to pass the limits at Deflate's 1032:1 ceiling is not inflated at all."""
    from jixiao.read import _pdf_streams

    calls: list[int] = []
    real = _pdf_streams._inflated

    def counted(raw: memoryview, layers: int, cap: int) -> int:
        calls.append(layers)
        return real(raw, layers, cap)

    monkeypatch.setattr(_pdf_streams, "_inflated", counted)
    path = tmp_path / "small.pdf"
    path.write_bytes(pdf_bytes(stream=b"BT /F1 12 Tf 20 100 Td (hello) Tj ET"))
    _pdf_streams.check_pdf_streams(path, path.read_bytes())
    assert calls == []


@pytest.mark.parametrize(
    ("body", "limits_", "limit"),
    [
        # the fewest bytes that break each limit: the guard skips a check only when the part's
        # size cannot reach it, so a part at the bound must still be refused
        ("<r>" + "<row/>" * 21 + "</r>", {"max_sheet_rows": 20}, "max_sheet_rows"),
        ("<r>" + "<c/>" * 21 + "</r>", {"max_sheet_cells": 20}, "max_sheet_cells"),
        ("<a>" * 20 + "<a/>" + "</a>" * 20, {"max_xml_depth": 20}, "max_xml_depth"),
        ("<a>" + "x" * 1001 + "</a>", {"max_cell_chars": 1000}, "max_cell_chars"),
    ],
)
def test_smallest_part_over_a_limit_refused(
    tmp_path: Path, xlsx_file: Path, body: str, limits_: dict[str, int], limit: str
) -> None:
    """A sheet part just big enough to break a limit (no declaration, no whitespace) is refused."""
    path = replace_member(xlsx_file, tmp_path / "tight.xlsx", "xl/worksheets/sheet1.xml", body.encode())
    with override_limits(**limits_):
        _refused(path, limit)


def test_pdf_streams_found_by_keyword_not_by_endstream() -> None:
    """Each ``stream`` + line break starts a stream's data; ``endstream`` + line break does not."""
    from jixiao.read._pdf_streams import _streams

    data = (
        b"1 0 obj <</Filter /FlateDecode>> stream\r\nAAAA endstream\nendobj\n"
        b"2 0 obj <</Filter [/FlateDecode /FlateDecode]>> stream\nBB endstream\r\n"
        b"3 0 obj <<>> stream\nCC"
    )
    first, second, third = data.index(b"AAAA"), data.index(b"BB"), data.index(b"CC")
    assert list(_streams(data)) == [
        (first, data.index(b"endstream", first), 1),
        (second, data.index(b"endstream", second), 2),
        (third, len(data), 1),  # no endstream: to the end of the file
    ]
