"""Formulas saved without their values: a workbook written by a program that does not calculate.

Excel and WPS store each formula's last value beside it, and the reader reads those values.
A workbook made by a library (openpyxl, many exporters) may hold the formula alone; its 总分
would then read as empty, as if the form had none. Such a file is named, with the first such
cell, instead of being read wrongly. The cells are seen in the reader's own pass over each
sheet (``_xlsx_package``): a ``<f>`` with neither a stored ``<v>`` nor an inline string.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read._errors import ReadError

__all__ = ["uncached_formula_error"]


def uncached_formula_error(path: Path, sheet: str, cell: str) -> ReadError:
    """The error for a formula cell of ``sheet`` stored without its calculated value."""
    return ReadError(
        str(path),
        f"工作表“{sheet}”{cell}：该单元格为公式且无计算结果，请在 Excel/WPS 中打开保存后再导入",
    )
