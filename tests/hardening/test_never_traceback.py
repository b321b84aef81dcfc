"""Broken and oddly named files in ``parse``, ``review``, ``export`` and ``import``: one Chinese
line naming the right file, never a traceback, no English library text."""

from __future__ import annotations

import errno
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

from .conftest import GOOD_TEXT, pdf_bytes, replace_member

COMMANDS = (["parse"], ["review"], ["export", "--to", "json"])
ENGLISH = re.compile(r"[A-Za-z]{4,}")  # a word of English (file names excluded before the check)


def run(*args: str):  # type: ignore[no-untyped-def]
    # wide enough that no file name wraps inside a table cell: the assertions look for whole
    # names, and where a narrow table wraps them depends on the length of the temporary path
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "1000"})


def _assert_one_chinese_line(result, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code != 0, result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(
        result.exception, SystemExit
    )
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert str(path) in lines[0], lines[0]
    rest = lines[0].replace(str(path), "")
    # Limits are named by their setting (max_…) and formats by their extension: nothing else English.
    rest = re.sub(
        r"[\w/\[\]]+\.(?:xml|rels)|max_\w+|jixiao|toml|Excel|Word|XML|PDF|DTD|SHA|UTF|\.xlsx|\.docx|--limit",
        "",
        rest,
    )
    assert not ENGLISH.search(rest), lines[0]


def _broken_files(tmp_path: Path, xlsx: Path, docx: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    files["bad_xml.xlsx"] = replace_member(
        xlsx, tmp_path / "bad_xml.xlsx", "xl/worksheets/sheet1.xml", b"<worksheet><row"
    )
    files["bad_xml.docx"] = replace_member(
        docx, tmp_path / "bad_xml.docx", "word/document.xml", b"<w:document>&undefined;"
    )
    # a workbook renamed .docx: a valid package whose main part is not a Word document
    files["workbook.docx"] = tmp_path / "workbook.docx"
    files["workbook.docx"].write_bytes(xlsx.read_bytes())
    files["no_body.docx"] = _without_member(docx, tmp_path / "no_body.docx", "word/document.xml")
    files["not_zip.xlsx"] = tmp_path / "not_zip.xlsx"
    files["not_zip.xlsx"].write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    files["broken.pdf"] = tmp_path / "broken.pdf"
    files["broken.pdf"].write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ntrailer << /Root 1 0 R >>\n%%EOF"
    )
    files["garbage.pdf"] = tmp_path / "garbage.pdf"
    files["garbage.pdf"].write_bytes(pdf_bytes()[:300] + b"\xff" * 500)
    files["binary.txt"] = tmp_path / "binary.txt"
    files["binary.txt"].write_bytes(bytes(range(256)) * 20)
    return files


def _without_member(src: Path, dst: Path, name: str) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(info, zin.read(info))
    return dst


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_broken_files_are_one_line(
    tmp_path: Path, xlsx_file: Path, docx_file: Path, command: list[str]
) -> None:
    for name, path in _broken_files(tmp_path, xlsx_file, docx_file).items():
        result = run(*command, str(path))
        _assert_one_chinese_line(result, path)
        assert name


# (folder, file): the path then holds "[/", "[final]", a whole markup tag, a link
MARKUP_PATHS = [("a[", "x].txt"), ("d", "[final].txt"), ("[bold red]x[", "].txt"), ("a[", "]b[link=x].txt")]


@pytest.mark.parametrize(("folder_name", "name"), MARKUP_PATHS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_rich_markup_in_paths(tmp_path: Path, command: list[str], folder_name: str, name: str) -> None:
    folder = tmp_path / folder_name
    folder.mkdir()
    bad = folder / name
    bad.write_text("这不是绩效表", encoding="utf-8")
    result = run(*command, str(bad))
    _assert_one_chinese_line(result, bad)
    good = folder / ("good" + name)
    shutil.copyfile(GOOD_TEXT, good)
    ok = run(*command, str(good))
    assert ok.exit_code == 0, ok.output


def test_import_names_markup_paths_and_broken_files(tmp_path: Path, xlsx_file: Path, docx_file: Path) -> None:
    folder = tmp_path / "in["
    folder.mkdir()
    bad = folder / "][final].txt"
    bad.write_text("这不是绩效表", encoding="utf-8")
    shutil.copyfile(GOOD_TEXT, folder / GOOD_TEXT.name)
    broken = _broken_files(folder, xlsx_file, docx_file)
    result = run("import", str(folder), "--db", str(tmp_path / "j.db"))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    flat = result.stdout.replace("\n", "").replace("│", "").replace(" ", "")
    assert bad.name in flat
    for path in broken.values():
        if path.suffix in (".txt", ".xlsx", ".docx", ".pdf"):
            assert path.name in flat, path


def test_export_to_a_full_disk_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("earlier export\n", encoding="utf-8")
    real = Path.write_text

    def full(self: Path, data: str, *args: object, **kwargs: object) -> int:
        real(self, data[: len(data) // 2], encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    result = run("export", str(GOOD_TEXT), "--to", "json", "-o", str(target), "--force")
    assert result.exit_code == 2
    assert "磁盘已满" in result.stderr and "No space" not in result.stderr
    assert target.read_text(encoding="utf-8") == "earlier export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_export_xlsx_to_a_full_disk_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl.workbook.workbook as wbmod

    def full(self, filename):  # type: ignore[no-untyped-def]
        Path(filename).write_bytes(b"PK partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(wbmod.Workbook, "save", full)
    target = tmp_path / "out.xlsx"
    result = run("export", str(GOOD_TEXT), "--to", "xlsx", "-o", str(target))
    assert result.exit_code == 2 and "磁盘已满" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_xxe_is_not_resolved(tmp_path: Path, docx_file: Path, xlsx_file: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    with zipfile.ZipFile(docx_file) as z:
        body = z.read("word/document.xml").decode()
    evil = body.replace(
        "<w:document",
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]><w:document',
        1,
    ).replace("<w:body>", "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", 1)
    path = replace_member(docx_file, tmp_path / "xxe.docx", "word/document.xml", evil.encode())
    result = run("parse", str(path))
    assert "机密内容" not in result.output
    _assert_one_chinese_line(result, path)
    assert "DTD" in result.stderr


def test_billion_laughs_is_bounded(tmp_path: Path, xlsx_file: Path) -> None:
    lol = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{"".join(lol)}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
    )
    path = replace_member(xlsx_file, tmp_path / "lol.xlsx", "xl/sharedStrings.xml", xml.encode())
    result = run("parse", str(path))
    _assert_one_chinese_line(result, path)


def test_utf16_and_bad_byte_decoder(tmp_path: Path) -> None:
    """The decoder the text reader is to use (``jixiao/read/_decode.py``)."""
    from jixiao.read._decode import decode_text

    text = GOOD_TEXT.read_text(encoding="utf-8")
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        decoded, issues = decode_text(text.encode(encoding), "x.txt")
        assert decoded.lstrip("\ufeff") == text and issues == []
    damaged = text.encode("utf-8")
    at = damaged.index(b"\n") + 1  # start of line 2
    damaged = damaged[:at] + b"\xff" + damaged[at:]
    decoded, issues = decode_text(damaged, "x.txt")
    assert decoded.replace("\ufffd", "", 1) == text
    assert len(issues) == 1 and "第 2 行第 1 个字符" in issues[0].message
    gb, issues = decode_text(text.encode("gb18030"), "x.txt")
    assert gb == text and issues == []
