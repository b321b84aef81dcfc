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

The lines are then handed on as TAB rows in the header's columns (``_layouts``).
"""

from __future__ import annotations

import re

from jixiao.read._glued_budget import NUM as _NUM
from jixiao.read._glued_budget import budget_row, numbers
from jixiao.read._glued_header import field_cells, header_cells
from jixiao.read._glued_indicator import indicator_row, open_brackets, starts_level
from jixiao.read._glued_raw import figures_apart, is_raw_dump, unspaced, year_apart
from jixiao.read._headers import (
    INDICATOR_VALUE_ROLES,
    budget_schema,
    column_role,
    indicator_schema,
    is_group_label,
    label_key,
    overall_role,
    simplified,
)
from jixiao.read._segment import form_title_kind, is_report_title
from jixiao.read._stream import TOTAL
from jixiao.read._vocab import GOAL_NUMBERED

__all__ = ["glued_rows"]

_BARE = re.compile(rf"^{_NUM}$")
_TOTAL_POINTS = 50  # a total row's points are a whole table's (100, 90 …), never a few
_MAX_ROW = 240  # longest glued indicator row parsed (the parse is cubic in its length)


def glued_rows(lines: list[str]) -> dict[int, list[str]] | None:
    """The cells of the glued lines of a run of plain lines, by index; ``None`` if none is.

    The run is glued when one of its lines is an indicator header made of glued labels."""
    headers = {
        k: header_cells(ln.strip()) for k, ln in enumerate(lines) if ln.strip() and " " not in ln.strip()
    }
    if not any(_is_indicator_header(c) for c in headers.values()):
        return _raw_rows(lines) if is_raw_dump(lines) else None
    out: dict[int, list[str]] = {}
    header: list[str] | None = None
    kind = ""
    above = 0
    for k, raw in enumerate(lines):
        line = raw.strip()
        cells = headers.get(k)
        if cells is not None:
            two = _two_rows(header, cells) if kind == "indicator" and header is not None else None
            if two is not None:  # the two rows as a TAB table prints them
                out[above], out[k], header = two
                continue
            header, kind, above = cells, _header_kind(cells), k
            out[k] = cells
            continue
        if not line:
            continue
        if form_title_kind(line) is not None or is_report_title(line):
            header, kind = None, ""  # the next form of the file: its title is no row
            continue
        row = _row(line, header, kind)
        if row is not None:
            out[k] = row
    return out


def _is_indicator_header(cells: list[str] | None) -> bool:
    return cells is not None and len(cells) >= 3 and indicator_schema(cells) is not None


def _raw_rows(lines: list[str]) -> dict[int, list[str]] | None:
    """A reading-order dump (``_glued_raw``) read as glued lines with its wrapped rows and
    headers joined; a line joined onto the one above gets no cells (``[]``)."""
    text = [unspaced(ln) for ln in lines]
    idx = [k for k, t in enumerate(text) if t]
    found = [_raw_header(text, idx, i) for i in range(len(idx))]
    if not any(_is_indicator_header(c) for _, c in found):
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
            two = _two_rows(header, cells) if kind == "indicator" and header is not None else None
            if two is not None:
                out[above], out[k], header = two
                continue
            header, kind, above = cells, _header_kind(cells), k
            out[k] = cells
            continue
        if form_title_kind(line) is not None or is_report_title(line):
            header, kind, reason = None, "", None
            i += 1
            continue
        if reason is not None and not _complete(_row(line, header, kind), header, kind):
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
_MAX_WRAP = 6  # lines one wrapped row of a dump is joined from
_MAX_HEADER_LINES = 14  # lines one header of a dump is joined from (labels wrap in narrow columns)
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
_DIGIT = re.compile(r"\d")


def _raw_header(text: list[str], idx: list[int], i: int) -> tuple[int, list[str] | None]:
    """The header starting at line ``idx[i]`` and the lines it takes: the most lines whose
    joined text is one header, for a label wraps in a narrow column (年初预算 / 数, 偏差原因 /
    分析及改 / 进措施) and a remark goes on a line of its own (（A）). It never takes a line of
    figures, a title, or the labels of another table (a goal header after a budget one, the
    second header row under 年度指标值, which ``_two_rows`` lays out)."""
    best: tuple[int, list[str] | None] = (1, None)
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
    if got is None or not any(is_group_label(c) for c in got) or _header_kind(got) != "indicator":
        return False
    if header_cells(text[idx[m - 1]]) is None:
        return False
    _, cells = _raw_header(text, idx, m)
    return cells is not None and _two_rows(got, cells) is not None


def _ends_header(line: str, got: list[str] | None) -> bool:
    """``line`` is no more of the header ``got`` read so far: figures, a title, or the labels
    of another table (a goal header after a budget one; the second row under 年度指标值 is
    ``_under``'s)."""
    if _DIGIT.search(_BRACKETED.sub("", line)) or form_title_kind(line) is not None or is_report_title(line):
        return True
    own = header_cells(line)
    if own is None or got is None or line[0] in "（(" or not _header_kind(got):
        return False
    return _header_kind(own) not in ("", _header_kind(got))


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
        row = got or _row(joined, header, kind)
        if not open_brackets(joined) and _complete(row, header, kind):
            return m - i + 1, row
    row = _row(text[idx[i]], header, kind)
    return 1, row if kind != "indicator" or _complete(row, header, kind) else None


def _starts_row(line: str) -> bool:
    return _total(line) is not None or field_cells(line) is not None or starts_level(line)


def _complete(row: list[str] | None, header: list[str] | None, kind: str) -> bool:
    """A row whose points and score (else its target) are printed: nothing of it is left."""
    if row is None:
        return False
    if kind != "indicator" or header is None or len(row) != len(header):
        return True
    roles = [column_role(c) for c in header]
    need = [r for r in ("weight", "score") if r in roles] or [r for r in ("target",) if r in roles]
    return all(row[roles.index(r)] for r in need) and ("name" not in roles or bool(row[roles.index("name")]))


def _two_rows(header: list[str], cells: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """A second header line (指标性质指标值度量单位 under 年度指标值) split among the group
    labels above as ``Schema.expand`` does: the upper and lower rows laid out in columns, and
    the one header row, each group label replaced by its sub-labels; ``None`` if it is none."""
    sub = [column_role(c) for c in cells]
    groups = [i for i, c in enumerate(header) if is_group_label(c)]
    if len(sub) < 2 or not groups or any(r not in INDICATOR_VALUE_ROLES for r in sub):
        return None
    starts = [0]
    for g in groups[1:]:  # a later group starts at the first sub-label of its own role
        nxt = next((j for j in range(starts[-1] + 1, len(sub)) if sub[j] == column_role(header[g])), None)
        if nxt is None:
            break
        starts.append(nxt)
    spans = dict(zip(groups, zip(starts, [*starts[1:], len(sub)], strict=False), strict=False))
    upper: list[str] = []
    lower: list[str] = []
    one: list[str] = []
    for j, label in enumerate(header):
        a, b = spans.get(j, (0, 0))
        if b > a:
            upper += [label, *[""] * (b - a - 1)]
            lower += cells[a:b]
            one += cells[a:b]
        else:
            upper.append(label)
            lower.append("")
            one.append(label)
    return upper, lower, one


def _header_kind(cells: list[str]) -> str:
    if len(cells) >= 3 and indicator_schema(cells) is not None:
        return "indicator"
    if budget_schema(cells[1:]) is not None or budget_schema(cells) is not None:
        return "budget"
    if any(overall_role(c) for c in cells):
        return "goal"
    return ""


def _row(line: str, header: list[str] | None, kind: str) -> list[str] | None:
    total = _total(line)
    if total is not None:
        return total
    if kind == "budget" and header is not None:
        row = budget_row(line, header)  # a row label may start with a field label (部门…)
        if row is not None:
            return row
    fields = field_cells(line)
    if fields is not None and len(fields) >= 2:
        return fields
    goal = _goal_name_row(line)
    if goal is not None:
        return goal
    if header is None or kind == "budget":
        return None
    if kind == "goal":
        return _goal_row(line, header)
    if kind == "indicator" and len(line) <= _MAX_ROW:
        return indicator_row(line, header)
    return None


_GRADE = re.compile(r"(优秀|良好|不合格|合格|较差|优|良|中|差)$")  # a total row's grade, last


def _total(line: str) -> list[str] | None:
    for n in range(2, 5):
        if TOTAL.match(label_key(line[:n])):
            rest = line[n:]
            grade = _GRADE.search(rest) if rest[:1].isdigit() else None
            if grade is not None:  # 自评总分10097.57优: the grade cell after the points
                got = _total(line[: n + grade.start()])
                return [*got, grade.group()] if got is not None and len(got) > 1 else None
            pair = numbers(rest, ["weight", "score"]) if rest else None
            if pair and pair[1] and float(pair[0]) < _TOTAL_POINTS:
                pair = [rest, ""] if _BARE.match(rest) else None  # 总分97.46: the score alone
            return [line[:n], *[c for c in pair if c]] if pair else None
    return None


_GOAL_POINTS = re.compile(r"^(.*[^\d.])(\d{1,3}(?:\.\d{1,2})?)$")


def _goal_name_row(line: str) -> list[str] | None:
    """``年度目标1完成调查项目32项26``: a numbered goal, its text, then its points (a figure
    after the text's last word; a text's own figures carry their unit)."""
    m = GOAL_NUMBERED.match(simplified(line))
    if m is None:
        return None
    tail = _GOAL_POINTS.match(line[m.start("rest") :])
    if tail is None or float(tail.group(2)) > 100:
        return None
    return [line[: m.end("label")], tail.group(1).lstrip(":："), tail.group(2)]


def _goal_row(line: str, header: list[str]) -> list[str] | None:
    """Two sentences, target then actual; under a header whose last column is a score, the
    figure after the second sentence is that score (…等任务。18)."""
    score = ""
    if len(header) >= 4 and column_role(header[-1]) == "score" and overall_role(header[-2]):
        m = re.search(rf"(?<=[^\d.]){_NUM}$", line)
        if m is None or float(m.group()) > 100:
            return None
        line, score = line[: m.start()], m.group()
        header = header[:-1]
    ends = [m.end() for m in re.finditer(r"[。！；;]", line) if m.end() < len(line)]
    if not ends:
        return None
    cut = min(ends, key=lambda e: abs(2 * e - len(line)))
    cells = [""] * max(len(header), 3)
    cells[-2], cells[-1] = line[:cut], line[cut:]
    cells = cells[: len(header)] if len(header) >= 3 else [line[:cut], line[cut:]]
    return [*cells, score] if score else cells
