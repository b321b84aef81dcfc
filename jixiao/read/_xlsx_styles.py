"""The parts of an XLSX ``styles.xml`` the reader uses: number formats, left borders, heading fonts.

Read with lxml from the package itself (see ``_xlsx_package``). The rules follow what
openpyxl made of the same file, which the reader used before, so rows read the same:
a cell's number format is the workbook's custom ``numFmt`` of that id, else the built-in
format, else ``General``; a format is a date format when, outside quoted literals and
``[...]`` locale/colour groups, its first section has a date or time letter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["DEFAULT_STYLE", "CellStyle", "Styles", "from_serial", "is_date_format", "is_timedelta_format"]

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# ECMA-376 Part 1, 18.8.30: the formats every application knows by id without a <numFmt>
BUILTIN_FORMATS: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
# The zh-CN locale's implied built-in date/time formats (ECMA-376 18.8.30, "zh-cn"): Excel and
# WPS save 年月日 cells with these ids and no <numFmt>. openpyxl knew none of them and read the
# serial number (45292); they are dates here.
_YM, _MD = 'yyyy"年"m"月"', 'm"月"d"日"'
_HM, _HMS = 'h"时"mm"分"', 'h"时"mm"分"ss"秒"'
BUILTIN_FORMATS.update(
    {27: _YM, 28: _MD, 29: _MD, 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"', 32: _HM, 33: _HMS}
    | {34: "上午/下午" + _HM, 35: "上午/下午" + _HMS, 36: _YM, 50: _YM, 51: _MD, 52: _YM, 53: _MD}
    | {54: _MD, 55: "上午/下午" + _HM, 56: "上午/下午" + _HMS, 57: _YM, 58: _MD}
)

_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')  # literals, [$-804] / [Red] groups
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


def is_date_format(fmt: str) -> bool:
    return _DATE_LETTER.search(_STRIP.sub("", fmt.split(";")[0])) is not None


def is_timedelta_format(fmt: str) -> bool:
    return _TIMEDELTA.search(fmt.split(";")[0]) is not None


@dataclass(frozen=True, slots=True)
class CellStyle:
    """What the reader needs of one ``cellXfs`` entry."""

    number_format: str = "General"
    date: bool = False  # numbers in this style are date serials
    timedelta: bool = False  # … durations ([h]:mm)
    left_border: bool = False  # the cell's left edge is ruled: it stands in a table
    heading: bool = False  # bold or ≥ 14 pt: a title line


DEFAULT_STYLE = CellStyle()


class Styles:
    """``cellXfs`` index → ``CellStyle``; a workbook without styles.xml has only the default."""

    __slots__ = ("_by_attr", "_xfs")

    def __init__(self, root: Any | None) -> None:
        self._xfs: list[CellStyle] = _cell_styles(root) if root is not None else [DEFAULT_STYLE]
        self._by_attr: dict[str, CellStyle] = {}

    def of(self, s: str | None) -> CellStyle:
        """The style a cell's ``s`` attribute names (none or empty: the default; junk: ``ValueError``)."""
        if not s:
            return DEFAULT_STYLE
        style = self._by_attr.get(s)
        if style is None:
            style = self._by_attr[s] = self[int(s)]
        return style

    def __getitem__(self, index: int) -> CellStyle:
        """An index past the list (a damaged file) reads as the default style, not as an error."""
        xfs = self._xfs
        return xfs[index] if 0 <= index < len(xfs) else DEFAULT_STYLE


def _cell_styles(root: Any) -> list[CellStyle]:
    custom: dict[int, str] = {}
    for el in root.iterfind(f"{NS}numFmts/{NS}numFmt"):
        fid = _int(el.get("numFmtId"))
        if fid is not None and el.get("formatCode") is not None:
            custom[fid] = el.get("formatCode")
    fonts = [_heading_font(el) for el in root.iterfind(f"{NS}fonts/{NS}font")]
    borders = [_left_ruled(el) for el in root.iterfind(f"{NS}borders/{NS}border")]
    out = []
    for xf in root.iterfind(f"{NS}cellXfs/{NS}xf"):
        fid = _int(xf.get("numFmtId")) or 0
        fmt = custom.get(fid) or BUILTIN_FORMATS.get(fid)
        font = _int(xf.get("fontId")) or 0
        border = _int(xf.get("borderId")) or 0
        out.append(
            CellStyle(
                number_format=fmt or "General",
                date=fmt is not None and is_date_format(fmt),
                timedelta=fmt is not None and is_timedelta_format(fmt),
                left_border=0 <= border < len(borders) and borders[border],
                heading=0 <= font < len(fonts) and fonts[font],
            )
        )
    return out or [DEFAULT_STYLE]


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _flag(el: Any | None) -> bool:
    """A boolean property element: present without ``val`` means on."""
    return el is not None and (el.get("val") or "true").lower() not in ("false", "f", "0")


def _heading_font(font: Any) -> bool:
    try:
        size = float(font.find(f"{NS}sz").get("val"))
    except (AttributeError, TypeError, ValueError):
        size = 0.0
    return _flag(font.find(f"{NS}b")) or size >= 14


def _left_ruled(border: Any) -> bool:
    left = border.find(f"{NS}left")
    return left is not None and left.get("style") not in (None, "", "none")


_WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
_MAC_EPOCH = dt.datetime(1904, 1, 1)


def from_serial(value: float, date1904: bool, timedelta: bool) -> dt.datetime | dt.time | dt.timedelta:
    """An Excel date serial as Python: a time of day below 1, a duration in [h]:mm formats.

    The 1900 system counts Excel's phantom 29 February 1900, so serials below 60 are a day off.
    Raises ``OverflowError``/``ValueError`` for a serial outside Python's dates.
    """
    if timedelta:
        td = dt.timedelta(days=value)
        if td.microseconds:  # to the millisecond, as Excel stores them
            td = dt.timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return dt.time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and not date1904:
        day += 1
    return (_MAC_EPOCH if date1904 else _WINDOWS_EPOCH) + dt.timedelta(days=day) + diff
