"""Text dumped in reading order with one space between runs (``pdftotext -raw`` of a PDF a word
processor printed): read as glued cells (``_glued``) once its spaces are taken out.

Such a dump prints a figure apart from its unit (``≥3000 件``, ``2025 年 4 月 16 日``), one
space between cells, and a cell whose text wraps on lines of its own, the row's next cells on
the line after (``单处避难场所建设`` / ``成本`` / ``≤80 万元 72 万元 9 9``). The spaces tell
no cell from the next, so they are dropped and the cuts made as for glued cells; a wrapped
row is joined only where the joined line reads as one row whose points and score are
printed (``_glued`` decides), never by a phrase.
"""

from __future__ import annotations

import re

from jixiao.read._glued_budget import budget_row
from jixiao.read._glued_header import field_cells, header_cells
from jixiao.read._glued_indicator import open_brackets, starts_level, unit_words
from jixiao.read._glued_rows import header_kind, is_indicator_header, row_cells, total_row, two_rows
from jixiao.read._headers import column_role, is_group_label
from jixiao.read._segment import form_title_kind, is_report_title

__all__ = ["is_raw_dump", "raw_rows"]

_FIGURE_THEN_WORD = re.compile(r"(?:^|[ ≥≤<>＞＜=＝])\d+(?:\.\d+)? ([^\s\d]{1,4})")
_MIN_SPLIT_UNITS = 3  # figures printed apart from their unit before a run counts as a dump
_YEAR_APART = re.compile(r"(?<![\d.])(?:19|20)\d\d 年")  # 2024 年度, 2025 年 4 月: no cell ends in a year
_PERIODS = ("年", "月", "日")


def is_raw_dump(lines: list[str]) -> bool:
    """One space between every run, never two, and figures printed apart from their units."""
    if any("  " in ln.strip() or "\t" in ln for ln in lines):
        return False
    units = unit_words()
    split = 0
    for ln in lines:
        for m in _FIGURE_THEN_WORD.finditer(ln):
            word = m.group(1)
            split += word.startswith(_PERIODS) or any(word.startswith(u) for u in units if u != "%")
            if split >= _MIN_SPLIT_UNITS:
                return True
    return False


def year_apart(lines: list[str]) -> bool:
    """A year printed apart from its 年 (2024 年度): a dump, never cells of a table whose
    度量单位 column prints ``≥ 14 处`` as three cells."""
    return any(_YEAR_APART.search(ln) for ln in lines)


def unspaced(line: str) -> str:
    """The line as its cells print glued: the spaces of the dump taken out."""
    return line.strip().replace(" ", "")


_BETWEEN_FIGURES = re.compile(r"(?<=[\d%]) (?=[\d—－/-])")


def figures_apart(line: str) -> str:
    """The line glued but for the spaces between two figures: a dump never prints one figure
    in two runs, so a budget row's cells are given (91.01 95.8 78.08 10 81.5%)."""
    return unspaced(_BETWEEN_FIGURES.sub("\x00", line.strip())).replace("\x00", " ")


def raw_rows(lines: list[str]) -> dict[int, list[str]] | None:
    """A reading-order dump (``_glued_raw``) read as glued lines with its wrapped rows and
    headers joined; a line joined onto the one above gets no cells (``[]``)."""
    text = [unspaced(ln) for ln in lines]
    idx = [k for k, t in enumerate(text) if t]
    found = [_raw_header(text, idx, i) for i in range(len(idx))]
    if not any(is_indicator_header(c) for _, c in found):
        return None
    if not year_apart(lines) and any("unit" in map(column_role, c) for _, c in found if c):
        return None  # a figure apart from its unit may be the cells of a 度量单位 column
    out: dict[int, list[str]] = {}
    header: list[str] | None = None
    kind = ""
    above = 0
    reason: int | None = None  # the row whose reason text has not ended yet
    i = 0
    while i < len(idx):
        k, line = idx[i], text[idx[i]]
        n, cells = found[i]
        if cells is not None:
            for j in range(i + 1, i + n):
                out[idx[j]] = []
            i += n
            reason = None
            two = two_rows(header, cells) if kind == "indicator" and header is not None else None
            if two is not None:
                out[above], out[k], header = two
                continue
            header, kind, above = cells, header_kind(cells), k
            out[k] = cells
            continue
        if form_title_kind(line) is not None or is_report_title(line):
            header, kind, reason = None, "", None
            i += 1
            continue
        if reason is not None and not _complete(row_cells(line, header, kind), header, kind):
            out[reason][-1] += line  # the reason text wrapped onto this line
            reason = reason if not _ENDED.search(line) else None
            out[k] = []
            i += 1
            continue
        n, row = _raw_row(lines, text, idx, i, found, header, kind)
        reason = None
        if row is None:
            i += 1
            continue
        out[k] = row
        for j in range(i + 1, i + n):
            out[idx[j]] = []
        if (
            kind in ("indicator", "goal")
            and row[-1]
            and not _ENDED.search(row[-1])
            and not _DIGIT_END.search(row[-1])
        ):
            reason = k
        i += n
    return out


_ENDED = re.compile(r"[。！；;.]$")
_SENTENCE = re.compile(r"[。！；;]")
_DIGIT_END = re.compile(r"[\d%]$")
_MAX_WRAP = 10  # lines one wrapped row of a dump is joined from
_MAX_HEADER_LINES = 14  # lines one header of a dump is joined from (labels wrap in narrow columns)
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
_DIGIT = re.compile(r"\d")
_FIGURE_START = re.compile(r"[≥≤<>＞＜=＝]?[-+]?\d")  # no header opens with a figure


def _raw_header(text: list[str], idx: list[int], i: int) -> tuple[int, list[str] | None]:
    """The header starting at line ``idx[i]`` and the lines it takes: the most lines whose
    joined text is one header, for a label wraps in a narrow column (年初预算 / 数, 偏差原因 /
    分析及改 / 进措施) and a remark goes on a line of its own (（A）). It never takes a line of
    figures, a title, or the labels of another table (a goal header after a budget one, the
    second header row under 年度指标值, which ``_two_rows`` lays out)."""
    best: tuple[int, list[str] | None] = (1, None)
    if _FIGURE_START.match(text[idx[i]]):
        return best  # a row's figures (≥100% 100% 12 12) before a header repeated on the next page
    joined = ""
    for m in range(i, min(len(idx), i + _MAX_HEADER_LINES)):
        nxt = text[idx[m]]
        if m > i and (_ends_header(nxt, best[1]) or _under(best[1], text, idx, m)):
            break
        joined += nxt
        cells = header_cells(joined)
        if cells is not None and not _SENTENCE.search(cells[0]):  # a label ends no sentence
            best = (m - i + 1, cells)
    return best


def _under(got: list[str] | None, text: list[str], idx: list[int], m: int) -> bool:
    """The lines from ``idx[m]`` are the second header row under ``got``'s group labels: the
    line before them is labels of its own (not 值, the rest of 年度指标 that wrapped), and
    they read as the sub-labels ``_two_rows`` lays out."""
    if got is None or not any(is_group_label(c) for c in got) or header_kind(got) != "indicator":
        return False
    if header_cells(text[idx[m - 1]]) is None:
        return False
    _, cells = _raw_header(text, idx, m)
    return cells is not None and two_rows(got, cells) is not None


def _ends_header(line: str, got: list[str] | None) -> bool:
    """``line`` is no more of the header ``got`` read so far: figures, a title, or the labels
    of another table (a goal header after a budget one; the second row under 年度指标值 is
    ``_under``'s)."""
    if _DIGIT.search(_BRACKETED.sub("", line)) or form_title_kind(line) is not None or is_report_title(line):
        return True
    own = header_cells(line)
    if own is None or got is None or line[0] in "（(" or not header_kind(got):
        return False
    return header_kind(own) not in ("", header_kind(got))


def _raw_row(
    lines: list[str],
    text: list[str],
    idx: list[int],
    i: int,
    found: list[tuple[int, list[str] | None]],
    header: list[str] | None,
    kind: str,
) -> tuple[int, list[str] | None]:
    """The fewest lines from ``idx[i]`` that read as one complete row (a wrapped cell's lines,
    then the row's next cells); a line opening with a level label or header starts a row."""
    joined = spaced = ""
    for m in range(i, min(len(idx), i + _MAX_WRAP)):
        nxt = text[idx[m]]
        if m > i and (found[m][1] is not None or _starts_row(nxt)):
            break
        joined += nxt
        spaced += " " + lines[idx[m]].strip()
        got = budget_row(figures_apart(spaced), header) if kind == "budget" and header is not None else None
        row = got or row_cells(joined, header, kind)
        if not open_brackets(joined) and _complete(row, header, kind):
            return m - i + 1, row
    row = row_cells(text[idx[i]], header, kind)
    return 1, row if kind != "indicator" or _complete(row, header, kind) else None


def _starts_row(line: str) -> bool:
    return total_row(line) is not None or field_cells(line) is not None or starts_level(line)


def _complete(row: list[str] | None, header: list[str] | None, kind: str) -> bool:
    """A row whose points and score (else its target) are printed: nothing of it is left."""
    if row is None:
        return False
    if kind != "indicator" or header is None or len(row) != len(header):
        return True
    roles = [column_role(c) for c in header]
    need = [r for r in ("weight", "score") if r in roles] or [r for r in ("target",) if r in roles]
    return all(row[roles.index(r)] for r in need) and ("name" not in roles or bool(row[roles.index("name")]))
