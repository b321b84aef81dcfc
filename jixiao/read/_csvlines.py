"""CSV blocks as spreadsheet programs write them: which lines are rows, and cells over lines.

A line is known as CSV by its quotes or empty cells (``"a","b"``, ``a,,b``); LibreOffice and
Excel quote only the cells that need it, so a row of filled, unquoted cells (``绩效指标,一级指标,…``
or ``,年度资金总额,108,…``) carries no such sign. Such a program writes every row of a sheet with
the same number of fields: a line with commas inside a run of comma lines is a row when it has
as many fields as a signed row of that run. A quoted cell holding a line break goes on over the
next lines until its quote closes; those lines are one record.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable

__all__ = ["mark_csv"]

_OPENS = re.compile(r'^"|,"')  # a quoted cell starts here
_MAX_CELL_LINES = 50  # a quoted cell left open is not a cell: lines are joined up to this many


def _width(raw: str) -> int:
    try:
        return len(next(csv.reader([raw])))
    except (csv.Error, StopIteration):
        return 0


def mark_csv(raws: list[str], kinds: list[str], set_raw: Callable[[int, str], None]) -> None:
    """Join quoted cells broken over lines into their record (the continuation lines become
    kind ``joined``; a record opened on an unsigned line must be as wide as a signed row) and
    mark the unsigned rows of CSV runs as ``csv``, in place."""
    if "csv" not in kinds:
        return
    widths = {_width(raws[k]) for k in range(len(raws)) if kinds[k] == "csv"}
    k = 0
    while k < len(raws):
        opens = kinds[k] == "csv" or (kinds[k] == "plain" and _OPENS.search(raws[k]))
        if opens and raws[k].count('"') % 2:
            j, quotes = k + 1, raws[k].count('"')
            while j < len(raws) and j - k <= _MAX_CELL_LINES and quotes % 2:
                quotes += raws[j].count('"')
                j += 1
            record = "\n".join(raws[k:j])
            if not quotes % 2 and (kinds[k] == "csv" or _width(record) in widths):
                set_raw(k, record)
                raws[k] = record
                kinds[k] = "csv"
                for i in range(k + 1, j):
                    kinds[i] = "joined"
                k = j
                continue
        k += 1
    k = 0
    while k < len(raws):
        if kinds[k] not in ("csv", "plain", "joined") or (kinds[k] == "plain" and raws[k].count(",") < 2):
            k += 1
            continue
        end = k
        while end < len(raws) and (
            kinds[end] in ("csv", "joined") or (kinds[end] == "plain" and raws[end].count(",") >= 2)
        ):
            end += 1
        widths = {_width(raws[i]) for i in range(k, end) if kinds[i] == "csv"}
        for i in range(k, end):
            if kinds[i] == "plain" and _width(raws[i]) in widths:
                kinds[i] = "csv"
        k = end
