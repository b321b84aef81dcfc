"""An Excel workbook saved as a web page (网页 *.htm): a frameset page plus ``name.files/sheet00N.htm``.

The frameset holds no table, so the reader found no form in a workbook of several forms; it
now reads every sheet the workbook lists, in order (a hidden one skipped), a folder import
does not read the sheet files a second time, and a page copied without its ``.files`` folder
is a Chinese error saying what to send.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import ReadError, read
from jixiao.read._registry import readable_files

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "files"
PAGES = [CORPUS / "a08_national_weather_html.html", CORPUS / "d06_sichuan_heritage_html.html"]

COVER = """<html><head><meta http-equiv=Content-Type content="text/html; charset=gb2312"></head><body>
<table><tr><td>填报说明</td></tr><tr><td>1. 本表由项目实施单位填报。</td></tr></table></body></html>"""
# a hidden sheet keeping last year's copy of a form: Excel marks it in the sheet's XML island
HIDDEN = b"<!--[if gte mso 9]><xml><x:WorksheetOptions><x:Visible>SheetHidden</x:Visible></x:WorksheetOptions></xml><![endif]-->"
TABS = """<html><body><table><tr><td><a href="sheet001.htm" target="frSheet">填报说明</a></td>
<td><a href="sheet002.htm" target="frSheet">自评表1</a></td></tr></table></body></html>"""


def _frameset(stem: str, sheets: list[tuple[str, str]]) -> str:
    """The frameset page Excel writes: shLink links, the workbook's XML island, the frames."""
    links = "\n".join(f'<link id="shLink" href="{stem}.files/{f}">' for _, f in sheets)
    island = "\n".join(
        f'<x:ExcelWorksheet><x:Name>{n}</x:Name><x:WorksheetSource HRef="{stem}.files/{f}"/></x:ExcelWorksheet>'
        for n, f in sheets
    )
    return f"""<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta name="Excel Workbook Frameset">
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Excel.Sheet>
<link rel=File-List href="{stem}.files/filelist.xml">
<![if !supportTabStrip]>{links}
<link id="shLink">
<script language="JavaScript">var c_lTabs={len(sheets)};</script><![endif]>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets>{island}</x:ExcelWorksheets>
<x:ActiveSheet>1</x:ActiveSheet></x:ExcelWorkbook></xml><![endif]-->
</head>
<frameset rows="*,39" border=0 width=0 frameborder=no framespacing=0>
 <frame src="{stem}.files/{sheets[1][1]}" name="frSheet">
 <frame src="{stem}.files/tabstrip.htm" name="frTabs" marginwidth=0 marginheight=0>
 <noframes><body><p>此页面使用了框架，而您的浏览器不支持框架。</p></body></noframes>
</frameset></html>"""


def _book(folder: Path, *, with_parts: bool = True) -> Path:
    stem = "绩效自评表"
    sheets = [("填报说明", "sheet001.htm"), ("自评表1", "sheet002.htm"), ("上年自评表", "sheet003.htm")]
    sheets.append(("自评表2", "sheet004.htm"))
    page = folder / f"{stem}.htm"
    page.write_bytes(_frameset(stem, sheets).encode("gb18030"))
    if with_parts:
        parts = folder / f"{stem}.files"
        parts.mkdir()
        (parts / "sheet001.htm").write_bytes(COVER.encode("gb18030"))
        (parts / "sheet002.htm").write_bytes(PAGES[0].read_bytes())
        (parts / "sheet003.htm").write_bytes(HIDDEN + PAGES[0].read_bytes())
        (parts / "sheet004.htm").write_bytes(PAGES[1].read_bytes())
        (parts / "tabstrip.htm").write_bytes(TABS.encode("gb18030"))
        (parts / "filelist.xml").write_text("<xml/>", encoding="utf-8")
    return page


def test_every_sheet_of_a_workbook_page_is_read(tmp_path: Path) -> None:
    page = _book(tmp_path)
    expected = [form_to_contract(f) for p in PAGES for f in read(p).forms]
    assert len(expected) == 2
    assert [form_to_contract(f) for f in read(page).forms] == expected


def test_a_folder_import_reads_the_workbook_once(tmp_path: Path) -> None:
    page = _book(tmp_path)
    assert readable_files(tmp_path) == [page]
    parts = tmp_path / "绩效自评表.files"  # asked for by name, the parts folder is read as it is
    assert parts / "sheet002.htm" in readable_files(parts)


def test_a_workbook_page_without_its_folder_is_a_chinese_error(tmp_path: Path) -> None:
    page = _book(tmp_path, with_parts=False)
    with pytest.raises(ReadError) as e:
        read(page)
    assert str(page) in str(e.value) and "绩效自评表.files" in str(e.value) and ".mht" in str(e.value)


def test_the_same_workbook_as_a_single_file_page(tmp_path: Path) -> None:
    """Saved as .mht the sheets are parts of one file: every sheet read, the hidden one not."""
    from tests.read.test_office_formats import _mht

    stem = "绩效自评表"
    names = ["sheet001.htm", "sheet002.htm", "sheet003.htm", "sheet004.htm"]
    sheets = list(zip(["填报说明", "自评表1", "上年自评表", "自评表2"], names, strict=True))
    bodies = [
        COVER.encode("gb18030"),
        PAGES[0].read_bytes(),
        HIDDEN + PAGES[0].read_bytes(),
        PAGES[1].read_bytes(),
    ]
    ctype = 'text/html; charset="gb2312"'
    parts = [(f"{stem}.htm", ctype, _frameset(stem, sheets).encode("gb18030"))]
    parts += [
        (f"{stem}.files/{n}", ctype if n == "sheet001.htm" else 'text/html; charset="utf-8"', b)
        for n, b in zip(names, bodies, strict=True)
    ]
    parts.append((f"{stem}.files/tabstrip.htm", ctype, TABS.encode("gb18030")))
    path = tmp_path / f"{stem}.mht"
    path.write_bytes(_mht(parts))
    expected = [form_to_contract(f) for p in PAGES for f in read(p).forms]
    assert [form_to_contract(f) for f in read(path).forms] == expected
