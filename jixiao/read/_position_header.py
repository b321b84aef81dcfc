"""The header of a table laid out by character position (``pdftotext -layout``): its labels
and their columns, labels wrapped onto the lines below read whole (年度指 / 标值, 预算执 / 行情况 /
（万), a header of two rows (年度指标值 over 指标性质 | 指标值 | 度量单位), and the rest a narrow
field label wraps onto the next line (项目名 / 称)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from jixiao.read._clean import clean_cell
from jixiao.read._headers import (
    INDICATOR_VALUE_ROLES,
    budget_role,
    budget_schema,
    column_role,
    indicator_schema,
    is_score_table_column,
)

__all__ = [
    "DIGIT",
    "DRIFT",
    "WORD",
    "Col",
    "header_columns",
    "segments",
    "two_row_columns",
    "width",
    "wrapped_rest",
]

_GAP = re.compile(r"\S+(?: \S+)*")  # a segment: text whose words are one space apart
WORD = re.compile(r"\S+")
_BUDGET_VALUES = frozenset({"initial", "planned", "received", "executed", "weight", "rate", "score"})
_FIGURES = frozenset({"weight", "score"})  # an indicator row prints its points in one of them
DRIFT = 3  # a label set in a wider cell (centred) may start this many characters left of it
DIGIT = re.compile(r"\d")
_HALVES = 8  # the widest label (four characters) split into two lines of the same width: 实施 / 单位
_COLON = re.compile(r"[：:]")
_REMARK = re.compile(r"[（(][^）)]*[）)]?")  # a bracketed remark, maybe cut by its segment's end: （90


@dataclass(slots=True)
class Col:
    start: int
    end: int
    value: bool  # a value column: a line printing under it is a row
    wrapped: bool = False  # named by a header label wrapped onto the line above or below
    figure: bool = False  # a column of figures, set from the right (分值, 得分, the budget amounts)
    points: bool = False  # an indicator table's 分值 or 得分: every row prints its points there
    unit: bool = False  # an indicator table's 度量单位: a target's unit printed beside its figure
    label: str = ""  # the header's label, whole when it wraps onto the lines below
    below: int = 0  # the first column's: lines below the header that print only its wrapped labels


@lru_cache(maxsize=4096)
def segments(raw: str) -> tuple[tuple[int, int, str], ...]:
    """A line's segments with their places (cached: each line is cut for the header, the columns
    and its cells)."""
    return tuple((m.start(), m.end(), m.group(0)) for m in _GAP.finditer(raw))


def _is_label(word: str) -> bool:
    return bool(column_role(clean_cell(word)) or budget_role(clean_cell(word)))


def _header_segments(raw: str, more: dict[int, str] | None = None) -> list[tuple[int, int, str]]:
    """A header line's labels: its segments, one cut at its spaces when every word is a label
    (``全年预算数（A） 全年执行数（B） 分值`` set one space apart), not ``得分（20 分*执行率）``,
    or when a word names a score table's column (``指标解释 评分标准 得分``: the 评分标准 column
    must stand alone for the table to be known as a score sheet, not a form).
    ``more`` is the wrapped rest of the word starting at each place (``年度指标`` + ``值``)."""
    more = more or {}
    out = []
    for a, b, text in segments(raw):
        words = [
            (m.start() + a, m.end() + a, m.group(0) + more.get(m.start() + a, ""))
            for m in WORD.finditer(text)
        ]
        texts = [w for *_, w in words]
        if len(words) > 1 and (
            all(map(_is_label, texts)) or any(is_score_table_column(clean_cell(w)) for w in texts)
        ):
            out += words
        else:
            out.append((a, b, " ".join(w for *_, w in words)))
    return out


def header_columns(raw: str, below: tuple[str, ...] = ()) -> list[Col] | None:
    """The columns of a header line, or ``None`` when the line is no table header. Labels wrapped
    onto the lines ``below`` (``年度指标`` over ``值``) are read whole: each piece of such a line
    (no figure in it) stands under a word of the header and completes it."""
    segs = _header_segments(raw)
    if len(segs) < 3:
        return None
    found = _schema([clean_cell(s[2]) for s in segs])
    if found is None and sum(_is_label(s[2]) for s in segs) < 2:
        return None  # no header, however its labels wrap
    words = [(m.start(), m.end()) for m in WORD.finditer(raw)]
    more: dict[int, str] = {}
    taken = 0  # the lines below whose pieces complete the labels
    named = _named(found)
    for n, line in enumerate(below, start=1):
        if not line.strip() or any(DIGIT.search(_REMARK.sub("", t)) for *_, t in segments(line)):
            break  # a row of figures (the points of a merged label's remark are no figure)
        for a, _b, text in segments(line):
            w = next((x for x, y in reversed(words) if x <= a + DRIFT), None)
            if w is None or a >= dict(words)[w] + DRIFT or width(text) > width(raw[w : dict(words)[w]]) + 1:
                break  # text beside the labels (or wider than the label it would go on): no wrapped label
            more[w] = more.get(w, "") + text.replace(" ", "")
        else:
            wrapped = _header_segments(raw, more)
            again = _schema([clean_cell(s[2]) for s in wrapped])
            if again is not None and _named(again) >= named:
                segs, found, named, taken = wrapped, again, _named(again), n
            continue
        break
    if found is None:
        return None
    roles, values = found
    points = _FIGURES if values is INDICATOR_VALUE_ROLES else frozenset()
    figures = _FIGURES if values is INDICATOR_VALUE_ROLES else _BUDGET_VALUES
    cols = [
        Col(
            a,
            b,
            r in values,
            figure=r in figures,
            points=r in points,
            unit=r == "unit",
            label=clean_cell(text),
        )
        for (a, b, text), r in zip(segs, roles, strict=True)
    ]
    cols[0].below = taken
    return cols


def two_row_columns(raw: str, below: tuple[str, ...]) -> list[Col] | None:
    """The columns of a header of two rows (年度指标值 over 指标性质 | 指标值 | 度量单位): the
    first line below sets two or more pieces under one label of ``raw`` and nothing else there;
    they take that label's place, the rest of that line and the lines below complete the labels."""
    if not below or not below[0].strip() or DIGIT.search(below[0]):
        return None
    words = [(m.start(), m.end()) for m in WORD.finditer(raw)]
    labels = sum(_is_label(raw[x:y]) for x, y in words)
    if labels < 3 or 2 * labels < len(words):
        return None  # a line of fields and their values (主管部门 XX 实施单位 XX), no header
    line = below[0]
    head, rest = list(raw), list(line)
    split = False
    for n, (x, y) in enumerate(words):
        lo = words[n - 1][1] + 1 if n else 0
        hi = words[n + 1][0] if n + 1 < len(words) else len(line)
        subs = [(a, b) for a, b, _ in segments(line) if max(lo, x - DRIFT) <= a and b <= hi]
        if len(subs) < 2 or not _is_label(raw[x:y]):
            continue
        split = True
        head[x:y] = " " * (y - x)
        for a, b in subs:
            head[a:b], rest[a:b] = line[a:b], " " * (b - a)
    if not split:
        return None
    cols = header_columns("".join(head).rstrip(), ("".join(rest), *below[1:]))
    if cols is not None:
        cols[0].below = max(cols[0].below, 1)
    return cols


def width(text: str) -> int:
    """The printed width of a text: a CJK character or full-width sign two, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrapped_rest(above: str, line: str) -> list[str] | None:
    """The rest each cell of a line of padded cells wraps onto a line below, by cell (项目名 / 称,
    主管部 / 门 … 预算单 / 位 in very narrow columns): every piece of ``line`` starts where a cell
    of ``above`` starts and is no wider, no figure; ``None`` when ``line`` is no such rest."""
    cells = segments(above)
    rest = segments(line)
    if len(cells) < 2 or not rest or len(rest) >= len(cells):
        return None  # a line filling every cell is a row of its own
    out = ["" for _ in cells]
    for a, _b, text in rest:
        k = next((k for k, (x, _, _) in enumerate(cells) if abs(x - a) <= 1), None)
        if k is None:
            return None
        full = width(cells[k][2])
        if DIGIT.search(text) or width(text) > full or width(text) == full > _HALVES:
            return None  # a wrapped cell's first line is full: its rest is shorter, or a short label's half
        if _COLON.search(text + cells[k][2]):
            return None  # 填报单位：XX over 备注：, label：value pairs, not wrapped labels
        out[k] += text
    return out


def _named(found: tuple[list[str | None], frozenset[str]] | None) -> int:
    """How many of a header's labels have a role (a line completes wrapped labels when it names
    more of them: 指标性 + 质; text beside whole labels is the first row's wrapped cell)."""
    return 0 if found is None else sum(r is not None for r in found[0])


def _schema(cells: list[str]) -> tuple[list[str | None], frozenset[str]] | None:
    """The roles of a header's cells and the roles of its value columns."""
    schema = indicator_schema(cells)
    if schema is not None:
        return schema.roles, INDICATOR_VALUE_ROLES
    schema = budget_schema(cells)
    return (schema.roles, _BUDGET_VALUES) if schema is not None else None
