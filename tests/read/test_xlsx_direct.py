"""The direct XLSX reader (``_xlsx_package``) against openpyxl, which the reader used before.

Every cell of every sheet — value (and its type), number format, left border, heading font —
and every merged range must be what openpyxl's read-only ``data_only`` load gives, on every
workbook we have: the shared examples, the corpus, the project's own writer, a file saved
by LibreOffice, and hand-made packages holding what other programs write. Where the direct
reader deliberately differs (zh-CN built-in date formats), a test says so.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from jixiao.read import ReadError, read
from jixiao.read._xlsx import xlsx_rows
from jixiao.read._xlsx_package import read_sheets
from tests.read._xlsx_parts import STYLES, make_xlsx

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = REPO.parent / "shared"
LIBREOFFICE = HERE / "data" / "libreoffice_saved.xlsx"  # lo_src made by openpyxl, saved by soffice 7

Comparable = tuple[Any, str, bool, bool]
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)\"")


def _openpyxl_sheets(path: Path) -> list[tuple[str, list[tuple[Comparable, ...]], list[tuple[int, ...]]]]:
    """What the reader saw through openpyxl (read-only, values only), cell by cell."""
    from openpyxl import load_workbook
    from openpyxl.utils import range_boundaries

    out = []
    with warnings.catch_warnings():  # extensions it ignores, date serials out of range
        warnings.simplefilter("ignore")
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            out = _openpyxl_read(wb, range_boundaries)
        finally:
            wb.close()
    return out


def _openpyxl_read(wb: Any, range_boundaries: Any) -> list[Any]:
    out = []
    for ws in wb.worksheets:
        ws.reset_dimensions()
        lines = [tuple(_openpyxl_cell(c) for c in line) for line in ws.iter_rows()]
        with wb._archive.open(ws._worksheet_path) as f:
            xml = f.read()
        ranges = [range_boundaries(m[1].decode()) for m in _MERGE.finditer(xml) if b":" in m[1]]
        out.append((ws.title, lines, ranges))
    return out


def _openpyxl_cell(c: Any) -> Comparable:
    border = bool(c.border and c.border.left and c.border.left.style)
    font = c.font
    heading = bool(font and (font.b or (font.sz or 0) >= 14))
    return (c.value, c.number_format or "General", border, heading)


def _direct_sheets(path: Path) -> list[tuple[str, list[tuple[Comparable, ...]], list[tuple[int, ...]]]]:
    return [
        (
            s.title,
            [tuple((v, st.number_format, st.left_border, st.heading) for v, st in line) for line in s.lines],
            s.ranges,
        )
        for s in read_sheets(path)
    ]


def _same(path: Path) -> None:
    ours, theirs = _direct_sheets(path), _openpyxl_sheets(path)
    assert [s[0] for s in ours] == [s[0] for s in theirs], path
    for (title, lines, ranges), (_, ref_lines, ref_ranges) in zip(ours, theirs, strict=True):
        assert ranges == ref_ranges, (path, title)
        assert len(lines) == len(ref_lines), (path, title)
        for r, (line, ref) in enumerate(zip(lines, ref_lines, strict=True), start=1):
            # same values of the same type (1 is not 1.0, a date is not a number)
            assert [(type(c[0]), *c) for c in line] == [(type(c[0]), *c) for c in ref], (path, title, r)


def _workbooks() -> list[Path]:
    found = [
        p
        for d in (SHARED / "seeds", SHARED / "templates" / "examples", REPO / "tests" / "corpus" / "files")
        for p in sorted(d.glob("*.xlsx"))
    ]
    return [*found, LIBREOFFICE]


@pytest.mark.parametrize("path", _workbooks(), ids=lambda p: p.name)
def test_every_cell_as_openpyxl_read_it(path: Path) -> None:
    _same(path)


def test_the_samples_are_there() -> None:
    """The comparison above ran over real files, not an empty list."""
    assert len([p for p in _workbooks() if "examples" in str(p)]) >= 3
    assert len([p for p in _workbooks() if "corpus" in str(p)]) >= 10


def test_the_writers_workbooks(tmp_path: Path) -> None:
    from jixiao.write import IssueLine, Template, write_issue_list, write_xlsx

    forms = [f for p in sorted((SHARED / "templates" / "examples").glob("*.txt")) for f in read(p).forms]
    assert forms
    for tpl in Template:
        _same(write_xlsx(forms, tmp_path / f"{tpl.value}.xlsx", tpl))
    line = IssueLine(
        "某区民政局", "2024", "绩效自评表", "满意度", "得分超过分值", 12.5, 10, "score.max", "确认", ""
    )
    _same(write_issue_list([line, line], tmp_path / "issues.xlsx"))


# --- hand-made packages: what other programs write ------------------------------------------

_STRINGS = [
    "<t>项目名称</t>",
    '<r><rPr><b/></rPr><t>富文本</t></r><r><t xml:space="preserve"> 第二段</t></r>',
    '<t>拼音</t><rPh sb="0" eb="2"><t>pinyin</t></rPh>',
    "<t>a_x005F_x000D_b</t>",
    "<t/>",
    '<t xml:space="preserve">  前后空格  </t>',
]

_BODY = (
    '<row r="1"><c r="A1" t="s" s="2"><v>0</v></c></row>'
    '<row r="2"><c r="A2" t="s" s="3"><v>1</v></c><c r="B2" t="inlineStr" s="3"><is><t>内联</t></is></c>'
    '<c r="C2" t="inlineStr" s="3"><is><r><t>内</t></r><r><t>联富</t></r></is></c></row>'
    '<row r="4"><c r="A4" s="4"><v>0.125</v></c><c r="B4" s="5"><v>1234567.5</v></c>'
    '<c r="C4" s="6"><v>45292</v></c><c r="D4" s="7"><v>45352.75</v></c><c r="E4" s="8"><v>1.5</v></c></row>'
    '<row r="5"><c r="A5" t="b" s="3"><v>1</v></c><c r="B5" t="b"><v>0</v></c><c r="C5" t="e"><v>#N/A</v></c>'
    '<c r="D5" t="str"><f>A1&amp;""</f><v>公式文本</v></c><c r="E5" s="9"><v>0.0525</v></c>'
    '<c r="F5"><v>1.5E3</v></c><c r="G5"><v>7</v></c><c r="H5" s="10"><v>2.5</v></c></row>'
    '<row><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c r="E6" t="s"><v>4</v></c><c t="s"><v>5</v></c></row>'
    '<row r="8" spans="1:3"/>'
    '<row r="9"><c r="A9" s="11"><v>0.5</v></c><c r="B9" s="6"><v>30</v></c><c r="C9" s="6"><v>61</v></c>'
    '<c r="D9" s="1"><v>3</v></c></row>'
    '<row r="10"><c r="C10"><v>1</v></c><c r="A10"><v>2</v></c></row>'
    '<row r="9"><c r="A9"><v>99</v></c></row>'
)


def _odd(tmp_path: Path, body: str = _BODY, **kw: Any) -> Path:
    sheets = [("表一", body), ("隐藏表", '<row r="2"><c r="B2" t="inlineStr"><is><t>隐</t></is></c></row>')]
    kw.setdefault("strings", _STRINGS)
    kw.setdefault("merges", {0: ["A1:D1", "G5:G6", "C8:C8"]})
    return make_xlsx(tmp_path / "odd.xlsx", sheets, hidden={1}, **kw)


def test_odd_workbook_as_openpyxl_read_it(tmp_path: Path) -> None:
    _same(_odd(tmp_path))


def test_odd_workbook_1904_and_lying_dimension(tmp_path: Path) -> None:
    _same(_odd(tmp_path, date1904=True, dimension="A1:B2"))


def test_odd_workbook_without_styles(tmp_path: Path) -> None:
    """No styles.xml (and so no ``s`` on any cell): numbers in General, no borders, no headings."""
    path = _odd(tmp_path, styles=None, body=re.sub(r' s="[0-9]+"', "", _BODY))
    _same(path)
    rows = {r.source.cell: r for r in xlsx_rows(path)}
    assert rows["A4"].cells == ["0.125", "1234567.5", "45292", "45352.75", "1.5"]
    assert not rows["A1"].heading


def test_merged_range_that_is_not_a_range_is_left_out(tmp_path: Path) -> None:
    """openpyxl refused the whole file for one junk ``<mergeCell>``; the ranges that parse are kept."""
    path = _odd(tmp_path, merges={0: ["A1:D1", "junk", "A:B", "G5:G6"]})
    assert next(read_sheets(path)).ranges == [(1, 1, 4, 1), (7, 5, 7, 6)]


def test_odd_workbook_values_as_the_sheet_shows_them(tmp_path: Path) -> None:
    """Checked by hand against the cells written in ``_BODY``."""
    rows = {r.source.cell: r for r in xlsx_rows(_odd(tmp_path))}
    assert rows["A1"].cells == ["项目名称"] and rows["A1"].heading and not rows["A1"].table
    assert rows["A2"].cells == ["富文本第二段", "内联", "内联富"]  # clean_cell closes 汉字 gaps
    assert next(read_sheets(_odd(tmp_path))).lines[1][0][0] == "富文本 第二段"
    assert rows["A4"].cells == ["12.5%", "1,234,567.50", "2024年1月1日", "2024年3月1日", "1 day, 12:00:00"]
    assert rows["A5"].cells == ["是", "否", "#N/A", "公式文本", "5.25%", "1500", "7", "2.500"]
    assert rows["A6"].cells[:5] == ["拼音", "a_x000D_b", "", "", ""]  # rPh left out, x005F_ dropped
    assert rows["A6"].cells[5] == "前后空格"
    # 0.5 in h:mm:ss is a time of day; serials 30 and 61 straddle Excel's phantom 29 Feb 1900
    assert rows["A9"].cells == ["12:00:00", "1900年1月30日", "1900年3月1日", "3"]
    assert rows["A10"].cells == ["2"]  # C10 stored before A10: the row ends at its last stored cell
    assert "99" not in [c for r in rows.values() for c in r.cells]  # row 9 again, out of order
    # the hidden sheet is read (as openpyxl does) and marked, and gives no rows: it is not printed
    hidden = list(read_sheets(_odd(tmp_path)))[1]
    assert hidden.hidden and hidden.lines[1][1][0] == "隐"
    assert not any(r.source.sheet == "隐藏表" for r in xlsx_rows(_odd(tmp_path)))


def test_1904_dates(tmp_path: Path) -> None:
    rows = {r.source.cell: r for r in xlsx_rows(_odd(tmp_path, date1904=True))}
    assert rows["A4"].cells[2:4] == ["2028年1月2日", "2028年3月2日"]


def test_zh_cn_builtin_date_formats_read_as_dates(tmp_path: Path) -> None:
    """Ids 27–36 and 50–58 are the zh-CN locale's 年月日 formats, saved without a <numFmt>.

    openpyxl knew none of them and read 45292; the direct reader shows the date, as Excel does.
    """
    styles = STYLES.replace('<cellXfs count="12">', '<cellXfs count="14">').replace(
        "</cellXfs>", '<xf numFmtId="31" fontId="0" borderId="1"/><xf numFmtId="57" fontId="0"/></cellXfs>'
    )
    body = '<row r="1"><c r="A1" s="12"><v>45292</v></c><c r="B1" s="13"><v>45352</v></c></row>'
    path = make_xlsx(tmp_path / "cjk.xlsx", [("表", body)], styles=styles)
    assert [r.cells for r in xlsx_rows(path)] == [["2024年1月1日", "2024年3月1日"]]
    assert _openpyxl_sheets(path)[0][1][0][0][0] == 45292


def test_style_index_past_the_list_reads_as_default(tmp_path: Path) -> None:
    body = '<row r="1"><c r="A1" s="40"><v>0.5</v></c><c r="B1" t="s" s="7"><v>0</v></c></row>'
    path = make_xlsx(tmp_path / "s.xlsx", [("表", body)], strings=["<t>项目</t>"])
    assert [r.cells for r in xlsx_rows(path)] == [["0.5", "项目"]]


def test_uncached_formula_named_in_the_same_pass(tmp_path: Path) -> None:
    body = '<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c s="3"/><c><f>SUM(A1:A2)</f></c></row>'
    path = make_xlsx(tmp_path / "f.xlsx", [("总表", body)])
    with pytest.raises(ReadError) as e:
        xlsx_rows(path)
    assert "f.xlsx" in str(e.value) and "工作表“总表”B3：该单元格为公式且无计算结果" in str(e.value)


# --- bad input -------------------------------------------------------------------------------


def _rewrite(src: Path, dst: Path, drop: set[str] = frozenset(), put: dict[str, bytes] | None = None) -> Path:  # type: ignore[assignment]
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist() if n not in drop}
    parts.update(put or {})
    with zipfile.ZipFile(dst, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return dst


def _error(path: Path) -> str:
    with pytest.raises(ReadError) as e:
        read(path)
    text = str(e.value)
    assert path.name in text
    assert "Traceback" not in text
    return text


def test_docx_renamed_xlsx(tmp_path: Path) -> None:
    docx = sorted((SHARED / "templates" / "examples").glob("*.docx"))[0]
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(docx.read_bytes())
    assert "不是 Excel 工作簿" in _error(path)


def test_zip_without_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "nowb.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "不是有效的 Excel（.xlsx）文件" in _error(path)


def test_workbook_part_missing(tmp_path: Path) -> None:
    path = _rewrite(_odd(tmp_path), tmp_path / "gone.xlsx", drop={"xl/workbook.xml"})
    assert "文件结构损坏" in _error(path)


def test_shared_string_index_out_of_range(tmp_path: Path) -> None:
    good = _odd(tmp_path)
    with zipfile.ZipFile(good) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").replace(b"<v>5</v>", b"<v>500</v>")
    path = _rewrite(good, tmp_path / "sst.xlsx", put={"xl/worksheets/sheet1.xml": sheet})
    assert "文件结构损坏" in _error(path)


def test_sheet_relationship_missing(tmp_path: Path) -> None:
    good = _odd(tmp_path)
    with zipfile.ZipFile(good) as z:
        rels = z.read("xl/_rels/workbook.xml.rels").replace(b'Id="rId1"', b'Id="rId9"')
    path = _rewrite(good, tmp_path / "rel.xlsx", put={"xl/_rels/workbook.xml.rels": rels})
    assert "文件结构损坏" in _error(path)


def test_number_that_is_not_a_number(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "nan.xlsx", [("表", '<row r="1"><c r="A1"><v>十二</v></c></row>')])
    assert "文件结构损坏" in _error(path)


def test_date_serial_out_of_range_reads_as_an_error_value(tmp_path: Path) -> None:
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="6"><v>99999999</v></c></row>'
    path = make_xlsx(tmp_path / "d.xlsx", [("表", body)], strings=["<t>日期</t>"])
    assert [r.cells for r in xlsx_rows(path)] == [["日期", "#VALUE!"]]
    _same(path)


def test_iso_date_cells(tmp_path: Path) -> None:
    body = (
        '<row r="1"><c r="A1" t="d"><v>2024-05-06T00:00:00</v></c><c r="B1" t="d"><v>2024-05-07</v></c></row>'
    )
    path = make_xlsx(tmp_path / "iso.xlsx", [("表", body)])
    assert [r.cells for r in xlsx_rows(path)] == [["2024年5月6日", "2024年5月7日"]]
    assert next(read_sheets(path)).lines[0][0][0] == dt.datetime(2024, 5, 6)


def test_part_read_only_if_the_guard_parsed_it(tmp_path: Path) -> None:
    """A worksheet labelled as a theme (whose checks are only the DTD refusal) is not parsed."""
    good = _odd(tmp_path)
    with zipfile.ZipFile(good) as z:
        types = z.read("[Content_Types].xml").replace(
            b'"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.worksheet+xml"',
            b'"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"',
        )
    assert b"theme+xml" in types
    path = _rewrite(good, tmp_path / "label.xlsx", put={"[Content_Types].xml": types})
    assert "文件结构损坏" in _error(path)


def test_sheet_part_without_xml_suffix_is_not_read_unchecked(tmp_path: Path) -> None:
    good = _odd(tmp_path)
    with zipfile.ZipFile(good) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
        rels = z.read("xl/_rels/workbook.xml.rels").replace(b"sheet1.xml", b"sheet1.bin")
    path = _rewrite(
        good,
        tmp_path / "bin.xlsx",
        drop={"xl/worksheets/sheet1.xml"},
        put={"xl/worksheets/sheet1.bin": sheet, "xl/_rels/workbook.xml.rels": rels},
    )
    assert "文件结构损坏" in _error(path)


def test_theme_with_a_dtd_still_refused(tmp_path: Path) -> None:
    theme = b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><a:theme xmlns:a="urn:x">&a;</a:theme>'
    good = _odd(tmp_path)
    with zipfile.ZipFile(good) as z:
        types = z.read("[Content_Types].xml").replace(
            b"</Types>",
            b'<Override PartName="/xl/theme/theme1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>',
        )
    path = _rewrite(
        good, tmp_path / "dtd.xlsx", put={"xl/theme/theme1.xml": theme, "[Content_Types].xml": types}
    )
    assert "DTD" in _error(path)


def test_row_limit_on_a_sheet_part_outside_the_worksheets_folder(tmp_path: Path) -> None:
    from jixiao.read._limits import LimitError
    from jixiao.settings import override_limits

    body = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 40))
    good = make_xlsx(tmp_path / "rows.xlsx", [("表", body)])
    with zipfile.ZipFile(good) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
        rels = z.read("xl/_rels/workbook.xml.rels").replace(b"worksheets/sheet1.xml", b"elsewhere/s.xml")
        types = z.read("[Content_Types].xml").replace(b"/xl/worksheets/sheet1.xml", b"/xl/elsewhere/s.xml")
    path = _rewrite(
        good,
        tmp_path / "moved.xlsx",
        drop={"xl/worksheets/sheet1.xml"},
        put={"xl/elsewhere/s.xml": sheet, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types},
    )
    assert len(xlsx_rows(path)) == 39
    with override_limits(max_sheet_rows=20), pytest.raises(LimitError) as e:
        xlsx_rows(path)
    assert e.value.limit_name == "max_sheet_rows" and "moved.xlsx" in str(e.value)
