"""Text in every layout the forms reach us in, turned into rows of cells.

Detected per block of lines, not per file (a document may mix them):

- TAB rows (PDF conversions, the seeds): a line is a row, covered cells are empty strings;
- pipe rows (HTML tables copied as text): ``a | b | c``, with or without the leading ``|``,
  covered cells dropped and runs of ``|`` as padding — the cells' order is kept, not their
  columns (``Row.sparse``), and the builder places them under the header by role (``_align``);
- quoted CSV rows: cells in their columns;
- one cell per line, blank-line separated (an empty cell is a line holding a space) or each line
  ending in `` |``: rows are rebuilt from the header's columns (``_stream``);
- rows of space-separated cells (empty cells leave no trace): ``Row.sparse`` as for pipes;
- a whole form flattened onto one line of such cells: cut back into its lines first (``_oneline``);
- everything else is a line of running text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.model import Source
from jixiao.read._clean import clean_cell, is_rule_line
from jixiao.read._csvlines import mark_csv
from jixiao.read._glued import glued_rows
from jixiao.read._grid import Row
from jixiao.read._headers import (
    budget_role,
    budget_schema,
    column_role,
    indicator_schema,
    is_budget_label,
    simplified,
)
from jixiao.read._oneline import MIN_TOKENS, flattened_lines
from jixiao.read._oneline_cells import close_brackets, join_cells
from jixiao.read._position_pages import join_strips
from jixiao.read._positions import positioned_rows, wrapped_rest
from jixiao.read._segment import form_title_kind, is_report_title
from jixiao.read._stream import stream_rows
from jixiao.read._vocab import head_line

__all__ = ["text_rows"]

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_PAGE_BREAK = "\f"
_CSV_SIGN = re.compile(r'^"|","|",|,"|,,')
_BAR_CELL = re.compile(r"^[^|]*\s\|\s*$|^\s*\|\s*$")


@dataclass(slots=True)
class _Line:
    raw: str
    lineno: int
    page: int
    paper: int = 1  # the sheet of paper (form feed) it printed on, for strips of a wide sheet

    def source(self, path: str) -> Source:
        return Source.of_line(path, self.lineno, self.page if self.page > 1 else None)


def _kind(raw: str) -> str:
    if not raw:
        return "blank"
    if not raw.strip():
        return "space"
    if "\t" in raw:
        return "tab"
    if _BAR_CELL.match(raw):
        return "bar"
    if raw.count("|") >= 2 or ("|" in raw.strip().strip("|")):
        return "pipe"
    if _CSV_SIGN.search(raw) and raw.count(",") >= 2:
        return "csv"
    return "plain"


def _is_title(text: str) -> bool:
    return form_title_kind(text) is not None or is_report_title(text)


def text_rows(text: str, path: str) -> list[Row]:
    """The document's rows, each block read in its own layout."""
    return list(iter_text_rows(text, path))


# str.splitlines' line boundaries, so that lines are read one at a time without the whole list
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CHUNK_LINES = 5000  # lines read before the next safe place to cut (bounds the memory of a huge dump)
_RUN_KINDS = ("plain", "bar", "blank", "space")


_WHOLE_SPLIT = 1 << 20  # characters up to which the lines are split at once (C speed, bounded list)


def split_lines(text: str) -> Iterator[str]:
    """``text.splitlines()`` one line at a time (a dump of 10^4 forms is half a million lines);
    a text of at most ``_WHOLE_SPLIT`` characters is split at once, the list being small."""
    if len(text) <= _WHOLE_SPLIT:
        yield from text.splitlines()
        return
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        yield text[pos : m.start()]
        pos = m.end()
    if pos < len(text):
        yield text[pos:]


def _papers(text: str) -> Iterator[tuple[str, int]]:
    """``split_lines`` with the sheet of paper each line printed on: a form feed ends a line
    (``str.splitlines`` drops it) and starts the next sheet."""
    if "\f" not in text:
        yield from ((raw, 1) for raw in split_lines(text))
        return
    paper = 1
    if len(text) <= _WHOLE_SPLIT:
        for raw in text.splitlines(keepends=True):
            yield raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), paper
            paper += raw.endswith("\f")
        return
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        yield text[pos : m.start()], paper
        paper += m.group(0) == "\f"
        pos = m.end()
    if pos < len(text):
        yield text[pos:], paper


def iter_text_rows(text: str, path: str) -> Iterator[Row]:
    """``text_rows``, produced a chunk of lines at a time.

    The layout passes are local: spaced tables between two titles (``_mark_spaces``), and
    one-cell-per-line blocks within a run of single-cell lines (``_stream_blocks``). So the
    lines are cut only at a title line that no such run crosses (the last non-blank line
    before it is a tab, pipe or CSV row): each chunk then reads exactly as inside the whole.
    """
    lines: list[_Line] = []
    kinds: list[str] = []
    page = 1
    gap = False
    last_filled = ""  # the kind of the last line that is not blank
    for lineno, (raw, paper) in enumerate(_papers(text), start=1):
        if _PAGE_BREAK in raw:
            page += raw.count(_PAGE_BREAK)
            raw = raw.replace(_PAGE_BREAK, "")
        line = _Line(raw.rstrip("\r"), lineno, page, paper)
        kind = _kind(line.raw)
        if kind == "plain" and line.raw.count(" ") + line.raw.count("\u3000") >= MIN_TOKENS - 1:
            cut = flattened_lines(line.raw)
            if cut is not None:  # a form on one line: its lines, all at this line number
                lines.extend(_Line(text, lineno, page, paper) for text in cut[:-1])
                kinds.extend("plain" for _ in cut[:-1])
                line = _Line(cut[-1], lineno, page, paper)
        if (
            len(lines) >= _CHUNK_LINES
            and kind == "plain"
            and last_filled not in _RUN_KINDS
            and _is_title(clean_cell(line.raw))
        ):
            rows, gap = _chunk_rows(lines, kinds, path, gap)
            yield from rows
            lines, kinds = [], []
        lines.append(line)
        kinds.append(kind)
        if kind not in ("blank", "space"):
            last_filled = kind
    rows, gap = _chunk_rows(lines, kinds, path, gap)
    yield from rows


def _chunk_rows(lines: list[_Line], kinds: list[str], path: str, gap: bool) -> tuple[list[Row], bool]:
    """The rows of a chunk of lines, and whether it ended on a gap (blank line or block)."""
    if "csv" in kinds:
        mark_csv([ln.raw for ln in lines], kinds, lambda k, raw: setattr(lines[k], "raw", raw))
    _mark_positions(lines, kinds)
    _mark_glued(lines, kinds)
    _mark_spaces(lines, kinds)
    _mark_copied_tabs(lines, kinds)
    rows: list[Row] = []
    streams = _stream_blocks(lines, kinds)
    grid = _markdown_tables(lines, kinds)
    i = 0
    while i < len(lines):
        end = streams.get(i, i)
        if end > i:
            rows.extend(_stream_block(lines[i:end], kinds[i:end], path))
            i = end
            gap = True
            continue
        ln, kind = lines[i], kinds[i]
        i += 1
        if kind == "joined":  # a line of the CSV record above (a quoted cell over lines)
            continue
        if kind in ("blank", "space"):
            gap = True
            continue
        row = _line_row(ln, kind, path, gap, exact=i - 1 in grid)
        gap = False
        if row is not None:
            rows.append(row)
    return rows, gap


def _pipe_cells(raw: str) -> list[str]:
    body = raw.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return body.split("|")


def _markdown_tables(lines: list[_Line], kinds: list[str]) -> set[int]:
    """The lines of markdown (GFM) tables: a header line, the ``|---|`` rule under it, and rows
    of exactly the rule's number of cells. Such a table keeps every cell in its column (a
    merged cell's covered positions are printed empty), so its rows are exact, not sparse as
    a converter's pipe rows that drop covered cells."""
    out: set[int] = set()
    i = 1
    while i < len(lines):
        rule = _pipe_cells(lines[i].raw)
        if not (kinds[i] == "pipe" and kinds[i - 1] == "pipe" and all(is_rule_line(c.strip()) for c in rule)):
            i += 1
            continue
        n = len(rule)
        end = i + 1
        while end < len(lines) and kinds[end] == "pipe" and len(_pipe_cells(lines[end].raw)) == n:
            end += 1
        if len(_pipe_cells(lines[i - 1].raw)) == n:
            out.update(k for k in range(i - 1, end) if k != i)
        i = end
    return out


def _line_row(ln: _Line, kind: str, path: str, gap: bool, *, exact: bool = False) -> Row | None:
    raw = ln.raw
    if kind in ("tab", "tabs"):
        cells = [clean_cell(c) for c in raw.split("\t")]
        if not any(cells) or all(is_rule_line(c) for c in cells if c):
            return None
        filled = [c for c in cells if c]
        if kind == "tabs" and len(filled) == 1 and _is_title(filled[0]):
            return Row(cells=filled, source=ln.source(path), table=False, after_gap=gap)
        return Row(cells=cells, source=ln.source(path), table=True, after_gap=gap, sparse=kind == "tabs")
    if kind == "pipe":
        # a leading | is the table's border; a line that starts with a blank then | (" | x")
        # prints an empty first cell, as a row under a merged or blank first column does
        body = raw.rstrip()
        body = body[1:] if body.startswith("|") else body
        cells = [clean_cell(c) for c in body.split("|")]
        while cells and not cells[-1]:
            cells.pop()  # the padding run of | at the end
        if not any(cells) or all(is_rule_line(c) for c in cells if c):
            return None
        if len([c for c in cells if c]) == 1 and _is_title(next(c for c in cells if c)):
            title = next(c for c in cells if c)
            return Row(cells=[title], source=ln.source(path), table=False, after_gap=gap)
        return Row(
            cells=cells, source=ln.source(path), table=True, after_gap=gap, sparse=not exact, exact=exact
        )
    if kind == "spaces":
        cells = [clean_cell(t) for t in _tokens(raw)]
        return Row(cells=cells, source=ln.source(path), table=True, after_gap=gap, sparse=True)
    if kind == "csv":
        try:
            parsed = next(csv.reader([raw]))
        except (csv.Error, StopIteration):
            parsed = [raw]
        cells = [clean_cell(c) for c in parsed]
        while cells and not cells[-1]:
            cells.pop()
        if len([c for c in cells if c]) > 1:
            return Row(cells=cells, source=ln.source(path), table=True, after_gap=gap, exact=True)
        text = next((c for c in cells if c), "")
        return Row(cells=[text], source=ln.source(path), table=False, after_gap=gap) if text else None
    heading = bool(_HEADING.match(raw))
    line = _HEADING.sub("", raw) if heading else raw
    if kind == "bar":
        line = line.rstrip().rstrip("|")
    cell = clean_cell(line)
    if not cell or is_rule_line(cell):
        return None
    return Row(cells=[cell], source=ln.source(path), table=False, heading=heading, after_gap=gap)


# ------------------------------------------------------------------ one cell per line


def _cell_text(ln: _Line, kind: str) -> str:
    raw = ln.raw
    if kind == "bar":
        raw = raw.rstrip().removesuffix("|")
    return clean_cell(raw.strip())


def _stream_blocks(lines: list[_Line], kinds: list[str]) -> dict[int, int]:
    """The one-cell-per-line blocks, as start → end, found in one pass.

    Such a block is a run of single-cell lines (plain, `` |``-ended, blank or a lone space)
    holding at least three consecutive header labels of a table, one per line.
    """
    blocks: dict[int, int] = {}
    i = 0
    n = len(lines)
    while i < n:
        if kinds[i] not in ("plain", "bar"):
            i += 1
            continue
        j = i
        cells: list[str] = []
        while j < n and kinds[j] in ("plain", "bar", "blank", "space"):
            if kinds[j] in ("plain", "bar", "space"):
                cells.append(_cell_text(lines[j], kinds[j]))
            j += 1
        if len(cells) >= 8 and _has_header_run(cells):
            blocks[i] = j
        i = j
    return blocks


def _has_header_run(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    for k in range(len(filled) - 3):
        if (
            column_role(filled[k]) is None
            and budget_role(filled[k]) is None
            and not is_budget_label(filled[k])
        ):
            continue  # a header run starts at a label
        window = filled[k : k + 6]
        for width in range(len(window), 2, -1):
            if indicator_schema(window[:width]) is not None or budget_schema(window[:width]) is not None:
                return True
    return False


def _packed_header(block: list[_Line], kinds: list[str]) -> bool:
    """Whether a block's blank lines are empty cells, not gaps between cells: its header labels
    stand on consecutive lines (a text export writes each cell on a line, an empty one blank;
    a page that parts its cells by blank lines parts the labels too)."""
    texts = [_cell_text(ln, kind) if kind != "blank" else "" for ln, kind in zip(block, kinds, strict=True)]
    for k in range(len(texts) - 2):
        if all(texts[k + d] for d in range(3)) and _has_header_run(texts[k : k + 6]):
            return True
    return False


def _stream_block(block: list[_Line], kinds: list[str], path: str) -> list[Row]:
    cells: list[tuple[str, Source]] = []
    rows: list[Row] = []
    blank_separated = "blank" in kinds and "bar" not in kinds
    empty_cells = blank_separated and _packed_header(block, kinds)
    for ln, kind in zip(block, kinds, strict=True):
        if kind == "blank" and empty_cells:
            kind = "space"  # an empty cell, as LibreOffice's text of a table prints it
        if kind == "blank":
            continue
        text = "" if kind == "space" else _cell_text(ln, kind)
        if kind == "plain" and not blank_separated and ln.raw.strip() and "|" not in ln.raw:
            # a line without the cell marker among ` |` cells is running text (title, 单位 line)
            cells.append((text, ln.source(path)))
            cells.append(("\x00", ln.source(path)))  # marks the end of a text line
            continue
        cells.append((text, ln.source(path)))
    rows.extend(stream_rows(cells))
    return rows


# ------------------------------------------------------------------ glued cells


def _mark_glued(lines: list[_Line], kinds: list[str]) -> None:
    """Runs of plain lines whose cells are glued together become TAB rows (``_glued``)."""
    k = 0
    while k < len(lines):
        if kinds[k] != "plain":
            k += 1
            continue
        end = k
        while end < len(lines) and kinds[end] in ("plain", "blank", "space"):
            end += 1
        run = lines[k:end]  # the lines one flattened line was cut into are no reading-order dump
        cut = glued_rows([ln.raw for ln in run], dump=len({ln.lineno for ln in run}) == len(run))
        for i, cells in (cut or {}).items():
            lines[k + i].raw = "\t".join(cells)
            kinds[k + i] = "tab" if cells else "joined"  # a wrapped line joined onto the row above
        k = end


# ------------------------------------------------------------------ tables laid out by position


def _mark_positions(lines: list[_Line], kinds: list[str]) -> None:
    """Between two titles, tables laid out by character position (``pdftotext -layout``)
    become TAB rows; the lines their wrapped cells went on over are ``joined`` (``_positions``)."""
    if not any(kind == "plain" and _PADDING in ln.raw for ln, kind in zip(lines, kinds, strict=True)):
        return  # no table padded into columns (most documents: a quick scan)
    start = 0
    for k in range(len(lines) + 1):
        if k == len(lines) or (kinds[k] == "plain" and _is_title(clean_cell(lines[k].raw))):
            if not any(kinds[i] in ("tab", "pipe", "csv") for i in range(start, k)) and any(
                _PADDING in lines[i].raw for i in range(start, k)
            ):
                raws = [lines[i].raw if kinds[i] == "plain" else "" for i in range(start, k)]
                found = _positioned(raws, [lines[i].paper for i in range(start, k)])
                if found is not None:
                    rows, used = found
                    for i, row in rows.items():
                        lines[start + i].raw, kinds[start + i] = row, "tab"
                    for i in used:
                        kinds[start + i] = "joined"
                    for i in range(start, k):  # other lines of cells set apart by position
                        if kinds[i] == "plain" and "  " in lines[i].raw.strip():
                            cells = _CELL_GAP.split(lines[i].raw.strip())
                            j = i + 1
                            while j < k and kinds[j] == "plain":  # the rest its narrow cells wrap onto
                                rest = wrapped_rest(lines[i].raw, lines[j].raw)
                                if rest is None:
                                    break
                                if len(rest) != len(cells):
                                    break
                                cells = [c + r for c, r in zip(cells, rest, strict=True)]
                                kinds[j], j = "joined", j + 1
                            lines[i].raw, kinds[i] = "\t".join(cells), "tab"
            start = k + 1


def _positioned(raws: list[str], pages: list[int]) -> tuple[dict[int, str], set[int]] | None:
    """``positioned_rows`` of the lines, a wide sheet's strips printed on several pages joined
    back first (``_position_pages``); rows and used lines by index in ``raws``."""
    strips = join_strips(raws, pages)
    if strips is None:
        return positioned_rows(raws)
    flat, orig, consumed = strips
    found = positioned_rows(flat)
    if found is None:
        return None
    rows = {orig[i]: row for i, row in found[0].items()}
    used = ({orig[i] for i in found[1]} | consumed) - set(rows)
    return rows, used


# ------------------------------------------------------------------ TAB rows a browser copied


def _under_merged(raw: str) -> bool:
    """A row starting with an empty cell then two or more cells: a PDF conversion's row under a
    merged label (a browser's copy starts a line with a TAB only where a cell's paragraph broke
    its text, leaving the rest of that cell and the next)."""
    return raw.startswith("\t") and raw.count("\t") >= 2


def _mark_copied_tabs(lines: list[_Line], kinds: list[str]) -> None:
    """TAB rows as a browser copies an HTML table (innerText): the cells a row/colspan covers are
    left out, not left empty, so the rows of a table differ in width and none starts with an
    empty cell (as a PDF conversion leaves one under a merged label). Between two titles, such
    TAB rows are ``sparse``: only the cells' order is known, as for pipe rows."""
    if "tab" not in kinds:
        return
    start = 0
    for k in range(len(lines) + 1):
        if k == len(lines) or (kinds[k] == "plain" and _is_title(clean_cell(lines[k].raw))):
            tabs = [i for i in range(start, k) if kinds[i] == "tab"]
            widths = {lines[i].raw.count("\t") for i in tabs}
            if len(widths) > 1 and not any(_under_merged(lines[i].raw) for i in tabs):
                for i in tabs:
                    kinds[i] = "tabs"
            start = k + 1


# ------------------------------------------------------------------ space-separated rows


def _mark_spaces(lines: list[_Line], kinds: list[str]) -> None:
    """Lines of space-separated cells: between two titles, when a plain line split at its spaces
    is a table header, every plain line of that stretch with two or more cells is a row."""
    start = 0
    for k in range(len(lines) + 1):
        if k == len(lines) or (kinds[k] == "plain" and _is_title(clean_cell(lines[k].raw))):
            _spaces_in(lines, kinds, start, k)
            start = k + 1


def _spaces_in(lines: list[_Line], kinds: list[str], start: int, end: int) -> None:
    if any(kinds[k] in ("tab", "pipe", "csv") for k in range(start, end)):
        return
    split = {k: _tokens(lines[k].raw) for k in range(start, end) if kinds[k] == "plain"}
    headers = [
        t
        for t in split.values()
        if len(t) >= 3 and (indicator_schema(t) is not None or budget_schema(t) is not None)
    ]
    if not headers:
        return
    # the columns the stretch's header lines name (a second row 指标性质 指标值 度量单位 too)
    labels = [[column_role(c) for c in t] for t in split.values()]
    roles = {r for line in labels if all(line) for r in line}
    for k, tokens in split.items():
        if len(tokens) >= 2 and not head_line().search(simplified(lines[k].raw)):
            kinds[k] = "spaces"  # "单位：XX  填报日期：XX" stays a line of label：value pairs
            # a space inside a cell (≥ 350 万平方米, (3.5 分)) splits no cell (``join_cells``)
            lines[k].raw = " ".join(join_cells(close_brackets(tokens), roles))


_PADDING = " " * 5  # the gap that pads a cell to its column (``_positions._aligned``)
_CELL_GAP = re.compile(r"[ \u3000]{2,}")
_TOKEN_SPLIT = re.compile(r"[ \u3000\u00a0]+")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(text.strip()) if t]
