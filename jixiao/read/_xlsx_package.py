"""An XLSX package read directly with lxml: every worksheet's cells with their value and style.

openpyxl's read-only loading, which this replaces, spent two thirds of an XLSX read building
its workbook model (all styles as objects, defined names, properties …) and a cell object per
cell. Here the package is walked as the reader needs it: ``_rels/.rels`` → the workbook part
(its content type checked) → its relationships → worksheets in workbook order (hidden ones
too, chart sheets skipped, as openpyxl did), the shared strings and ``styles.xml``, then one
pass over each sheet's XML that also finds a formula saved without its value. The zip and
every XML part are bounded by ``_limits.open_checked_zip`` first, and the trees it parsed for its
checks are the ones read here: each part is inflated and parsed once.

Values are what openpyxl's ``data_only`` read gave: shared and inline strings (rich-text runs
joined), numbers as int or float, booleans, error codes as text, date serials of a date-format
style as ``datetime`` (1900 or 1904 system). Rows are as long as their last stored cell; rows
the file skips are empty; the sheet's ``<dimension>``, often wrong, is not used.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.read._errors import ReadError
from jixiao.read._formulas import uncached_formula_error
from jixiao.read._limits import (
    XLSX_MAIN_TYPES,
    check_sheet_size,
    checked_tree,
    content_type,
    content_types,
    open_checked_zip,
)
from jixiao.read._xlsx_drawings import box_lines
from jixiao.read._xlsx_styles import DEFAULT_STYLE, NS, CellStyle, Styles, from_serial

__all__ = ["EMPTY", "Cell", "Sheet", "column_letters", "read_sheets"]

Cell = tuple[Any, CellStyle]  # (value, style)
EMPTY: Cell = (None, DEFAULT_STYLE)  # a cell the file does not store, or one under a merged range

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_OFFICE_DOCUMENT = "/officeDocument"
_ROW, _C, _V, _F, _IS, _T, _R = (NS + t for t in ("row", "c", "v", "f", "is", "t", "r"))


@dataclass(slots=True)
class Sheet:
    title: str
    lines: list[tuple[Cell, ...]]  # row 1 first
    ranges: list[tuple[int, int, int, int]]  # merged: (min_col, min_row, max_col, max_row)
    hidden_rows: frozenset[int] = frozenset()  # 1-based, as the sheet marks them
    hidden_cols: frozenset[int] = frozenset()
    hidden: bool = False  # the workbook hides the sheet (state="hidden" / "veryHidden")
    boxes: tuple[tuple[int, int, str], ...] = ()  # text box lines: (row, column, text), ``_xlsx_drawings``


class _Broken(Exception):
    """The package is not a readable workbook (said once, as the file's ReadError)."""


def read_sheets(path: Path) -> Iterator[Sheet]:
    """Every worksheet of the workbook at ``path``, one at a time, after the package checks."""
    from lxml import etree

    trees: dict[str, Any] = {}
    z = open_checked_zip(path, "xlsx", trees)
    try:
        with z:
            yield from _Package(path, z, trees).sheets()
    except ReadError:
        raise
    except (
        _Broken,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        IndexError,
        OSError,
        etree.XMLSyntaxError,
    ) as e:
        raise ReadError(str(path), "不是有效的 Excel（.xlsx）文件（文件结构损坏）") from e


class _Package:
    def __init__(self, path: Path, z: zipfile.ZipFile, trees: dict[str, Any]) -> None:
        self.path = path
        self.z = z
        self.names = set(z.namelist())
        self.trees = trees
        self.read: set[str] = set()

    def xml(self, name: str) -> Any:
        """A part as the guard parsed it; one it did not check as XML is not read (``KeyError``)."""
        if name in self.read:  # named twice (two sheets on one part): checked, parse it again
            self.trees[name] = None
        self.read.add(name)
        return checked_tree(self.z, name, self.trees)

    def rels(self, part: str) -> list[tuple[str, str, str]]:
        """(type, part name, id) of a part's internal relationships, targets resolved."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if name not in self.names:
            return []
        out = []
        for el in self.xml(name).iterfind(_REL_NS + "Relationship"):
            target = el.get("Target") or ""
            if el.get("TargetMode") == "External" or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out.append((el.get("Type") or "", posixpath.normpath(resolved), el.get("Id") or ""))
        return out

    def workbook_part(self) -> str:
        types = content_types(self.z)
        main = next((t for kind, t, _ in self.rels("") if kind.endswith(_OFFICE_DOCUMENT)), None)
        if main is None:  # no package relationships: the part the content types call a workbook
            main = next((n for n in sorted(self.names) if content_type(n, types) in XLSX_MAIN_TYPES), None)
        if main is None or main not in self.names:
            raise _Broken
        found = content_type(main, types)
        if not found:
            raise _Broken
        if found not in XLSX_MAIN_TYPES:
            raise ReadError(
                str(self.path), "不是 Excel 工作簿（压缩包里的主文档不是工作簿，可能是改了扩展名的其他文件）"
            )
        return main

    def sheets(self) -> Iterator[Sheet]:
        main = self.workbook_part()
        wb = self.xml(main)
        rels = self.rels(main)
        by_id = {rid: (kind, target) for kind, target, rid in rels}
        strings = self.strings(next((t for k, t, _ in rels if k.endswith("/sharedStrings")), None))
        style_part = next((t for k, t, _ in rels if k.endswith("/styles")), "xl/styles.xml")
        styles = Styles(self.xml(style_part) if style_part in self.names else None)
        pr = wb.find(NS + "workbookPr")
        date1904 = pr is not None and (pr.get("date1904") or "false").lower() not in ("false", "f", "0")
        for el in wb.iterfind(f"{NS}sheets/{NS}sheet"):
            rid = el.get(_DOC_REL)
            if not rid:
                continue
            kind, target = by_id[rid]
            if target not in self.names or "chartsheet" in kind:
                continue
            title = el.get("name") or ""
            root = self.xml(target)
            if not target.startswith("xl/worksheets/"):
                check_sheet_size(self.path, target, root)
            hidden = el.get("state") in ("hidden", "veryHidden")
            try:
                sheet = _read_sheet(self.path, title, root, strings, styles, date1904)
            except ReadError:
                if not hidden:
                    raise
                # a formula left without its value on a hidden helper sheet: that sheet is never
                # printed, so it does not refuse the workbook (its cells are not read)
                sheet = Sheet(title, [], [])
            sheet.hidden = hidden
            if not hidden:
                sheet.boxes = box_lines(self, target)
            yield sheet

    def strings(self, part: str | None) -> list[str]:
        if part is None or part not in self.names:
            return []
        out = []
        for si in self.xml(part).iterfind(NS + "si"):
            out.append(_rich_text(si).replace("x005F_", ""))
        return out


def _rich_text(el: Any) -> str:
    """A string item: its plain ``<t>`` then every run's ``<t>`` (phonetic guides left out)."""
    plain = None
    runs = []
    for child in el:
        if child.tag == _T:
            plain = child.text
        elif child.tag == _R:
            t = child.find(_T)
            if t is not None and t.text is not None:
                runs.append(t.text)
    return (plain or "") + "".join(runs) if runs else plain or ""


def _read_sheet(
    path: Path, title: str, root: Any, strings: list[str], styles: Styles, date1904: bool
) -> Sheet:
    lines: list[tuple[Cell, ...]] = []
    data = root.find(NS + "sheetData")
    hidden_rows: set[int] = set()
    row_no = 0
    style_of = styles.of
    empty: dict[str | None, Cell] = {}  # an empty cell of each style: one tuple, shared
    for row in data if data is not None else ():
        if row.tag != _ROW:
            continue
        r = row.get("r")
        row_no = _row_number(r) if r else row_no + 1
        cells: list[tuple[int, Cell]] = []
        col = 0
        if row.get("hidden") in ("1", "true"):
            hidden_rows.add(row_no)
        for c in row:
            if c.tag != _C:
                continue
            ref = c.get("r")
            col = (_COLUMNS[ref.rstrip(_DIGITS)] or _column(ref)) if ref else col + 1
            if len(c):
                cell = _value(path, title, c, ref, row_no, col, strings, style_of(c.get("s")), date1904)
            else:  # no value, formula or inline string: an empty (styled) cell
                s = c.get("s")
                cell = empty.get(s) or empty.setdefault(s, (None, style_of(s)))
            cells.append((col, cell))
        while len(lines) < row_no - 1:  # rows the file skips
            lines.append(())
        if len(lines) >= row_no:  # a row out of order: openpyxl's stream dropped it
            continue
        if not cells:
            lines.append(())
            continue
        width = cells[-1][0]
        line = [EMPTY] * width
        for k, cell in cells:
            if 1 <= k <= width:
                line[k - 1] = cell
        lines.append(tuple(line))
    return Sheet(title, lines, _merged(root), frozenset(hidden_rows), frozenset(_hidden_columns(root)))


def _hidden_columns(root: Any) -> set[int]:
    """Columns the sheet hides (``<col hidden="1">``): not printed, so not part of the form."""
    out: set[int] = set()
    cols = root.find(NS + "cols")
    for col in cols if cols is not None else ():
        if col.get("hidden") in ("1", "true"):
            lo, hi = int(col.get("min", "0")), int(col.get("max", "0"))
            if 0 < lo <= hi and hi - lo < 16384:
                out.update(range(lo, hi + 1))
    return out


def _value(
    path: Path,
    title: str,
    c: Any,
    ref: str | None,
    row_no: int,
    col: int,
    strings: list[str],
    style: CellStyle,
    date1904: bool,
) -> Cell:
    kind = c.get("t") or "n"
    text = None
    formula = inline = False
    for child in c:
        tag = child.tag
        if tag == _V:
            text = child.text or None
        elif tag == _F:
            formula = True
        elif tag == _IS:
            inline = True
            if kind == "inlineStr":
                return _rich_text(child), style
    if formula and text is None and not inline:  # a formula saved without its value
        raise uncached_formula_error(path, title, ref or f"{column_letters(col)}{row_no}")
    if kind == "inlineStr" or text is None:
        return None, style
    if kind == "n":
        number: int | float = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
        if style.date:
            try:
                return from_serial(number, date1904, style.timedelta), style
            except (OverflowError, ValueError):
                return "#VALUE!", style
        return number, style
    if kind == "s":
        return strings[int(text)], style
    if kind == "b":
        return bool(int(text)), style
    if kind == "d":
        return _iso(text), style
    return text, style  # "str" (a formula's text), "e" (#N/A …)


def _iso(text: str) -> dt.datetime | dt.date | dt.time | str:
    for parse in (dt.datetime.fromisoformat, dt.time.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    return text


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        value = float(text)
        if not value.is_integer():
            raise
        return int(value)


_DIGITS = "0123456789"


class _Columns(dict[str, int]):
    """Column letters → number (``"AB"`` → 28), filled as met; only plain letters are kept."""

    def __missing__(self, letters: str) -> int:
        n = 0
        for ch in letters:
            o = ord(ch) | 0x20
            if not 97 <= o <= 122:
                return 0  # not a plain column: ``_column`` reads the reference itself
            n = n * 26 + o - 96
        if len(self) < 65536:
            self[letters] = n
        return n


_COLUMNS = _Columns()


def _column(ref: str) -> int:
    """``"AB12"`` → 28; a reference without column letters is a broken file."""
    n = 0
    for ch in ref:
        o = ord(ch) | 0x20  # lower case
        if 97 <= o <= 122:
            n = n * 26 + o - 96
        else:
            break
    if n == 0:
        raise _Broken
    return n


def column_letters(col: int) -> str:
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _merged(root: Any) -> list[tuple[int, int, int, int]]:
    out = []
    for el in root.iterfind(f"{NS}mergeCells/{NS}mergeCell"):
        ref = el.get("ref") or ""
        if ":" not in ref:
            continue
        first, last = ref.split(":", 1)
        a, b = _split(first), _split(last)
        if a is not None and b is not None:
            out.append((a[0], a[1], b[0], b[1]))
    return out


def _split(ref: str) -> tuple[int, int] | None:
    """``"B3"`` → (2, 3); anything else (whole columns, junk) → None."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not letters or not digits or not letters.isascii() or not letters.isalpha():
        return None
    return _column(letters), int(digits)
