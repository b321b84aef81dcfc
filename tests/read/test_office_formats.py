"""The formats offices really send read as the same forms as the XLSX/DOCX they were saved from.

The fixtures in ``data/formats`` are LibreOffice's conversions of corpus files (and of
``hidden_formats.xlsx``, made by ``make_hidden_formats.py``): each must read EQUAL to its
original, form-v1 field by field. Bad files give one Chinese ``ReadError`` naming the file.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import ReadError, read

DATA = Path(__file__).with_name("data") / "formats"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "files"
HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def forms(path: Path) -> list[dict[str, object]]:
    return [form_to_contract(f) for f in read(path).forms]


@pytest.mark.parametrize(
    ("converted", "original"),
    [
        ("a09_national_heritage.xls", CORPUS / "a09_national_heritage_xlsx.xlsx"),
        ("h04_hubei_block_school.xls", CORPUS / "h04_hubei_block_school_xlsx.xlsx"),
        ("hidden_formats.xls", DATA / "hidden_formats.xlsx"),
    ],
)
def test_xls_reads_as_its_xlsx(converted: str, original: Path) -> None:
    got = forms(DATA / converted)
    assert got and got == forms(original)


@pytest.mark.parametrize(
    ("converted", "original"),
    [
        ("a09_national_heritage.ods", CORPUS / "a09_national_heritage_xlsx.xlsx"),
        ("hidden_formats.ods", DATA / "hidden_formats.xlsx"),
        ("a10_national_shelter.odt", CORPUS / "a10_national_shelter_docx.docx"),
        ("h03_hubei_block_gas.odt", CORPUS / "h03_hubei_block_gas_docx.docx"),
    ],
)
def test_odf_reads_as_its_original(converted: str, original: Path) -> None:
    doc = read(DATA / converted)
    assert doc.reader == converted.rsplit(".", 1)[1]
    got = [form_to_contract(f) for f in doc.forms]
    assert got and got == forms(original)


def test_ods_hidden_cells_number_formats_and_dates() -> None:
    """As for the .xls: the ODS keeps values and data styles, LibreOffice's display text is not used."""
    form = form_to_contract(read(DATA / "hidden_formats.ods").forms[0])
    assert form["project"] == "乡镇文化站免费开放"
    assert form["filled_on"] == "2024-03-05"
    budget = form["budget"]
    assert isinstance(budget, dict)
    assert (budget["planned"], budget["executed"], budget["rate"], budget["score"]) == (80, 72.46, 0.9, 9)


def test_xls_hidden_cells_number_formats_and_dates() -> None:
    """Checked by hand against the sheet: hidden column B and row 1 are not read."""
    doc = read(DATA / "hidden_formats.xls")
    assert doc.reader == "xls"
    form = form_to_contract(doc.forms[0])
    assert form["project"] == "乡镇文化站免费开放"  # not the hidden code BM03
    assert form["filled_on"] == "2024-03-05"  # the date cell, not the hidden row's 2019
    budget = form["budget"]
    assert isinstance(budget, dict)
    assert (budget["planned"], budget["executed"], budget["rate"], budget["score"]) == (80, 72.46, 0.9, 9)


def test_xlsx_saved_as_xls_name_is_read_as_what_it_is(tmp_path: Path) -> None:
    renamed = tmp_path / "导出.xls"
    shutil.copyfile(DATA / "hidden_formats.xlsx", renamed)
    assert forms(renamed) == forms(DATA / "hidden_formats.xlsx")


def test_html_table_saved_as_xls_is_read_as_a_page(tmp_path: Path) -> None:
    page = CORPUS / "a08_national_weather_html.html"
    renamed = tmp_path / "系统导出.xls"
    shutil.copyfile(page, renamed)
    assert forms(renamed) == forms(page)


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice not installed")
def test_doc_reads_as_its_docx() -> None:
    doc = read(DATA / "a10_national_shelter.doc")
    assert doc.reader == "doc"
    assert [form_to_contract(f) for f in doc.forms] == forms(CORPUS / "a10_national_shelter_docx.docx")
    assert all(
        i.source is None or i.source.file == str(DATA / "a10_national_shelter.doc") for i in doc.issues
    )


def _error(path: Path) -> str:
    with pytest.raises(ReadError) as e:
        read(path)
    message = str(e.value)
    assert str(path) in message and "Traceback" not in message
    return e.value.reason


def test_doc_without_libreoffice_asks_for_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", "none")
    path = tmp_path / "自评表.doc"
    shutil.copyfile(DATA / "a10_national_shelter.doc", path)
    reason = _error(path)
    assert "LibreOffice" in reason and ".docx" in reason


def test_doc_renamed_xls_says_it_is_no_workbook(tmp_path: Path) -> None:
    path = tmp_path / "自评表.xls"
    shutil.copyfile(DATA / "a10_national_shelter.doc", path)
    assert "没有 Excel 工作簿" in _error(path)


def test_truncated_xls_is_a_chinese_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", "none")
    path = tmp_path / "半截.xls"
    path.write_bytes((DATA / "a09_national_heritage.xls").read_bytes()[:3000])
    reason = _error(path)
    assert "损坏" in reason or "LibreOffice" in reason


@pytest.mark.parametrize("name", ["加密.xlsx", "加密.xls", "加密.docx"])
def test_encrypted_office_file_says_it_has_a_password(tmp_path: Path, name: str) -> None:
    """``encrypted.xlsx``: hidden_formats.xlsx with an open password (msoffcrypto-tool -e), an
    OLE file as Office saves it; read before as a damaged zip."""
    path = tmp_path / name
    shutil.copyfile(DATA / "encrypted.xlsx", path)
    assert "加密" in _error(path)


def test_xls_renamed_xlsx_is_read_as_what_it_is(tmp_path: Path) -> None:
    renamed = tmp_path / "自评表.xlsx"
    shutil.copyfile(DATA / "hidden_formats.xls", renamed)
    assert forms(renamed) == forms(DATA / "hidden_formats.xlsx")


def test_random_bytes_named_xls(tmp_path: Path) -> None:
    path = tmp_path / "x.xls"
    path.write_bytes(bytes(range(256)) * 8)
    assert "不是 Excel" in _error(path)


def test_upload_accepts_old_formats_and_refuses_disguised_files() -> None:
    from jixiao.web._files import sniff

    xls = (DATA / "a09_national_heritage.xls").read_bytes()
    assert sniff("自评表.xls", xls) == ""
    assert sniff("自评表.et", xls) == ""
    assert sniff("自评表.xlsx", (DATA / "encrypted.xlsx").read_bytes()) == ""  # the reader says why
    assert sniff("导出.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>") == ""
    assert sniff("自评表.doc", b"{\\rtf1\\ansi ...}") == ""
    assert sniff("自评表.ods", (DATA / "a09_national_heritage.ods").read_bytes()) == ""
    assert sniff("自评表.mht", _mht([("a.htm", "text/html", b"<html></html>")])) == ""
    assert "不符" in sniff("自评表.ods", xls)
    assert "不符" in sniff("自评表.mht", b"plain text pretending")
    assert "不符" in sniff("自评表.xls", b"MZ\x90\x00 an executable renamed")
    assert "不符" in sniff("自评表.doc", b"%PDF-1.7 a pdf renamed")
    assert "不符" in sniff("自评表.docx", b"just some text, not a package")


def test_folder_import_picks_up_the_old_formats(tmp_path: Path) -> None:
    from jixiao.store._import import collect_files

    names = ["a.xls", "b.et", "c.doc", "d.wps", "e.ods", "f.odt", "g.mht", "h.mhtml"]
    for name in [*names, "i.py"]:
        (tmp_path / name).write_bytes(b"x")
    files, _ = collect_files([tmp_path])
    assert sorted(p.name for p in files) == names


def _mht(parts: list[tuple[str, str, bytes]]) -> bytes:
    """A single-file web page as Word/Excel save it: multipart/related, quoted-printable GBK parts."""
    import quopri

    boundary = "----=_NextPart_01DA0000.12345678"
    out = [
        b"MIME-Version: 1.0",
        f'Content-Type: multipart/related; boundary="{boundary}"; type="text/html"'.encode(),
        b"",
        b"This document is a Single File Web Page, also known as a Web Archive file.",
    ]
    for location, ctype, body in parts:
        out += [
            b"",
            f"--{boundary}".encode(),
            f"Content-Location: file:///C:/{location}".encode(),
            b"Content-Transfer-Encoding: quoted-printable",
            f"Content-Type: {ctype}".encode(),
            b"",
            quopri.encodestring(body),
        ]
    out += [b"", f"--{boundary}--".encode(), b""]
    return b"\r\n".join(out)


def test_mht_reads_as_its_html_page(tmp_path: Path) -> None:
    page = CORPUS / "a08_national_weather_html.html"
    html = page.read_text(encoding="utf-8").replace('charset="utf-8"', "").replace("charset=utf-8", "")
    path = tmp_path / "自评表.mht"
    path.write_bytes(_mht([("自评表.htm", 'text/html; charset="gb2312"', html.encode("gbk"))]))
    doc = read(path)
    assert doc.reader == "mht"
    assert [form_to_contract(f) for f in doc.forms] == forms(page)


def test_mht_of_a_workbook_reads_each_sheet_not_the_tabs(tmp_path: Path) -> None:
    """Excel's multi-sheet .mht: a frameset page, one part per sheet, a tab strip of links."""
    page = CORPUS / "a08_national_weather_html.html"
    frames = (
        b'<html><frameset rows="*,39"><frame src="sheet001.htm"><frame src="tabstrip.htm"></frameset></html>'
    )
    tabs = '<html><body><table><tr><td><a href="sheet001.htm">自评表</a></td></tr></table></body></html>'
    path = tmp_path / "工作簿.mhtml"
    path.write_bytes(
        _mht(
            [
                ("book.htm", 'text/html; charset="utf-8"', frames),
                ("book.files/sheet001.htm", 'text/html; charset="utf-8"', page.read_bytes()),
                ("book.files/tabstrip.htm", 'text/html; charset="utf-8"', tabs.encode()),
            ]
        )
    )
    assert [form_to_contract(f) for f in read(path).forms] == forms(page)
    from jixiao.read._html import html_rows
    from jixiao.read._mht import mht_rows

    assert [r.cells for r in mht_rows(path)] == [r.cells for r in html_rows(page)]  # no tab strip row


def test_mht_without_a_page_is_a_chinese_error(tmp_path: Path) -> None:
    path = tmp_path / "空.mht"
    path.write_bytes(_mht([("a.xml", "text/xml", b"<xml/>")]))
    assert "没有 HTML" in _error(path)


@pytest.mark.parametrize(
    ("converted", "original"),
    [
        # LibreOffice's CSV (UTF-8, text cells quoted): a goal's two-line cell inside quotes
        ("a09_national_heritage.csv", CORPUS / "a09_national_heritage_xlsx.xlsx"),
        # the same quoted only where needed, in GBK, as Excel/WPS save CSV
        ("a09_national_heritage.gbk.csv", CORPUS / "a09_national_heritage_xlsx.xlsx"),
        ("g01_hebei_ecommerce.bom.csv", CORPUS / "g01_hebei_ecommerce_xlsx.xlsx"),  # UTF-8 with BOM
    ],
)
def test_csv_reads_as_its_xlsx(converted: str, original: Path) -> None:
    got = forms(DATA / converted)
    assert got and got == forms(original)


def test_csv_with_an_open_quote_is_read_line_by_line(tmp_path: Path) -> None:
    """Malformed quoting is no CSV table: the text layouts read it as before, no error."""
    text = (DATA / "a09_national_heritage.csv").read_text(encoding="utf-8")
    path = tmp_path / "坏引号.csv"
    path.write_text(text.replace('"全年预算数（A）"', '"全年预算数（A）"x'), encoding="utf-8")
    assert forms(path)[0]["project"] == "非物质文化遗产保护传承"


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    exe = tmp_path / "bin" / "fake-soffice"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    exe.chmod(0o755)
    return exe


def _running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may reap orphans late)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def test_conversion_timeout_kills_the_whole_process_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hanging LibreOffice (and a child it started) is ended; the user gets a Chinese error."""
    from jixiao.read import _convert

    pids = tmp_path / "child.pid"
    exe = _fake_soffice(tmp_path, f"sleep 60 &\necho $! > {pids}\nwait\n")
    monkeypatch.setenv("JIXIAO_SOFFICE", str(exe))
    monkeypatch.setattr(_convert, "CONVERT_TIMEOUT_S", 1)
    path = tmp_path / "慢.doc"
    shutil.copyfile(DATA / "a10_national_shelter.doc", path)
    assert "超时" in _error(path)
    child = int(pids.read_text())
    for _ in range(50):  # SIGKILL is delivered asynchronously: give the kernel a moment
        if not _running(child):
            break
        time.sleep(0.05)
    assert not _running(child)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "child.pid", "慢.doc"]


def test_conversion_never_writes_beside_the_users_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The converter gets a copy in its own temp folder: its --outdir is never the user's folder."""
    seen = tmp_path / "args.txt"
    exe = _fake_soffice(tmp_path, f'echo "$@" > {seen}\n')  # converts nothing
    monkeypatch.setenv("JIXIAO_SOFFICE", str(exe))
    folder = tmp_path / "用户"
    folder.mkdir()
    path = folder / "自评表.doc"
    shutil.copyfile(DATA / "a10_national_shelter.doc", path)
    assert "无法转换" in _error(path)
    args = seen.read_text(encoding="utf-8")
    assert str(folder) not in args and "--outdir" in args
    assert [p.name for p in folder.iterdir()] == ["自评表.doc"]


@pytest.mark.parametrize(
    ("converted", "original"),
    [
        ("hidden_formats.xml2003.xls", DATA / "hidden_formats.xlsx"),
        ("a09_national_heritage.xml2003.xls", CORPUS / "a09_national_heritage_xlsx.xlsx"),
    ],
)
def test_excel_2003_xml_named_xls_reads_as_its_xlsx(converted: str, original: Path) -> None:
    """Written by make_xml2003.py: merged ranges once with MergeAcross/MergeDown, ss:Index skips,
    a hidden column and row, number formats and a DateTime."""
    got = forms(DATA / converted)
    assert got and got == forms(original)
    if converted.startswith("hidden"):
        assert got[0]["project"] == "乡镇文化站免费开放" and got[0]["filled_on"] == "2024-03-05"


def test_broken_excel_2003_xml_is_a_chinese_error(tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    text = (DATA / "hidden_formats.xml2003.xls").read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    assert "Excel 2003 XML" in _error(path)
