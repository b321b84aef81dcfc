"""A ``.csv`` file read as one CSV table by the csv module, record by record.

Excel and WPS quote a cell only when it needs it (a comma, a quote doubled as ``""``, a line
break inside the cell), so a record may span several lines and a row without empty cells has
no quote at all; reading line by line (the text layouts) cut such cells in two. A record is
a row in its true columns (``exact``); a record with one filled cell is a line of running text,
as a one-cell row of a sheet; an empty record is a gap. A file that is not a well-formed CSV
table (no record of two cells; a quote left open to the end, text after a closing quote:
``strict`` parsing) is left to the text layouts, which read it line by line as before.

The separator is the one Excel wrote: ``,``, or ``;`` where the system's list separator is a
semicolon (Excel's "CSV" on such a machine). Chinese text separates with full-width ``；``, so
the ASCII one that splits more records into two or more cells is the separator; a tie keeps
``,``. (A TAB file is read by the text layouts' TAB rows.)
"""

from __future__ import annotations

import csv
import io

from jixiao.model import Source
from jixiao.read._clean import clean_cell, is_rule_line
from jixiao.read._grid import Row

__all__ = ["csv_rows"]


_SEPARATORS = (",", ";")
_SNIFF_RECORDS = 200  # records looked at to choose the separator


def csv_rows(text: str, path: str) -> list[Row] | None:
    """The rows of the CSV ``text``; ``None`` when it is no CSV table (read as text instead)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=_separator(text))
    rows: list[Row] = []
    gap = False
    tables = 0
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            cells = [clean_cell(c) for c in record]
            while cells and not cells[-1]:
                cells.pop()
            filled = [c for c in cells if c]
            if not filled:
                gap = True
                continue
            src = Source(file=path, line=line)
            if len(filled) > 1:
                tables += 1
                rows.append(Row(cells, src, table=True, after_gap=gap, exact=True))
            elif not is_rule_line(filled[0]):
                rows.append(Row([filled[0]], src, table=False, after_gap=gap))
            gap = False
    except csv.Error:  # malformed quoting, a NUL byte, a field over the module's limit
        return None
    return rows if tables else None


def _separator(text: str) -> str:
    """The separator that splits more of the first records into two or more filled cells."""
    best, most = ",", -1
    for sep in _SEPARATORS:
        n = 0
        try:
            for k, record in enumerate(csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=sep)):
                if k >= _SNIFF_RECORDS:
                    break
                n += sum(1 for c in record if c.strip()) >= 2
        except csv.Error:
            continue
        if n > most:
            best, most = sep, n
    return best
