"""Table lines printed with their cells glued together (no TAB, pipe or space between them).

Some exports drop every separator: ``项目资金（万元）年初预算数全年预算数（A）…`` and
``产出指标数量指标日常养护里程≥820公里845公里88``. The vocabulary and the value shapes give
the cuts, never a phrase of one file:

- a header line is a line consumed entirely by column labels of the vocabulary (each label may
  carry a bracketed remark such as （A）); it gives the column order of the rows below it;
- a budget row is a row label and then one number per budget column; where the digits of two
  numbers touch, the cut is the one the block's arithmetic agrees with (rate = B/A, score =
  weight × rate, score ≤ weight ≤ 100);
- an indicator row is its 一级/二级 labels (vocabulary), a name, and values in the header's
  order: a target or actual is an optional ≥/≤/= sign, a number and its unit (the actual repeats
  the target's unit) or a text (a qualitative target printed twice, target then actual); points
  and score are bare numbers, score ≤ points ≤ 100; the rest is the row's reason text;
- a goal row is two sentences, cut at the sentence end nearest its middle;
- a line starting with a header-field label is cut at every header-field label.

The lines are then handed on as TAB rows in the header's columns (``_layouts``). The modules:
header and field-label cuts ``_glued_header``, budget rows ``_glued_budget``, indicator rows
``_glued_indicator``, a line's row by the header above ``_glued_rows``, and a reading-order dump
(``pdftotext -raw``: one space between runs, wrapped rows) ``_glued_raw``.
"""

from __future__ import annotations

from jixiao.read._glued_header import header_cells
from jixiao.read._glued_raw import is_raw_dump, raw_rows
from jixiao.read._glued_rows import header_kind, is_indicator_header, row_cells, two_rows
from jixiao.read._segment import form_title_kind, is_report_title

__all__ = ["glued_rows"]


def glued_rows(lines: list[str], dump: bool = True) -> dict[int, list[str]] | None:
    """The cells of the glued lines of a run of plain lines, by index; ``None`` if none is.

    The run is glued when one of its lines is an indicator header made of glued labels, or
    when it is a reading-order dump (``_glued_raw``); ``dump`` is false for the lines one
    flattened line was cut into, whose single spaces part its cells."""
    headers = {
        k: header_cells(ln.strip()) for k, ln in enumerate(lines) if ln.strip() and " " not in ln.strip()
    }
    if not any(is_indicator_header(c) for c in headers.values()):
        return raw_rows(lines) if dump and is_raw_dump(lines) else None
    out: dict[int, list[str]] = {}
    header: list[str] | None = None
    kind = ""
    above = 0
    for k, raw in enumerate(lines):
        line = raw.strip()
        cells = headers.get(k)
        if cells is not None:
            two = two_rows(header, cells) if kind == "indicator" and header is not None else None
            if two is not None:  # the two rows as a TAB table prints them
                out[above], out[k], header = two
                continue
            header, kind, above = cells, header_kind(cells), k
            out[k] = cells
            continue
        if not line:
            continue
        if form_title_kind(line) is not None or is_report_title(line):
            header, kind = None, ""  # the next form of the file: its title is no row
            continue
        row = row_cells(line, header, kind)
        if row is not None:
            out[k] = row
    return out
