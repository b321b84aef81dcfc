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

import math
import re
from functools import lru_cache

from jixiao.read._align import unit_cell
from jixiao.read._clean import POINTS
from jixiao.read._glued_budget import NUM as _NUM
from jixiao.read._glued_budget import budget_row, numbers
from jixiao.read._headers import (
    INDICATOR_VALUE_ROLES,
    budget_role,
    budget_schema,
    column_role,
    indicator_schema,
    is_group_label,
    label_key,
    level_ranks,
    overall_role,
    simplified,
    vocabulary,
)
from jixiao.read._segment import form_title_kind, is_report_title
from jixiao.read._stream import TOTAL
from jixiao.read._vocab import GOAL_NUMBERED

__all__ = ["glued_rows"]

_REMARK = re.compile(r"[（(][^（）()]{0,12}[)）]|[①-⑳][①-⑳=＝+＋/／×*]*")  # （A）, ④=①+②+③
_SIGN = "≥≤=＝><＞＜≧≦"
_BARE = re.compile(rf"^{_NUM}$")
_VALUE = re.compile(rf"^([{_SIGN}]?)\s*({_NUM})([^\d.{_SIGN}]*)(?:{_NUM}[^\d.{_SIGN}]+)*$")  # 2023年10月底前
_TOTAL_POINTS = 50  # a total row's points are a whole table's (100, 90 …), never a few
_MAX_ROW = 240  # longest glued indicator row parsed (the parse is cubic in its length)
_TEXT_ROLES = ("deviation", "basis", "note", "value_note")
_DIGIT = re.compile(r"\d")
_REMARK_START = re.compile(r"[（(①-⑳]")  # where a _REMARK can start
_UNITS = re.compile(rf"{_NUM}([^\d.{_SIGN}]*)")
_NUMBER_ROLES = ("weight", "score", "converted_score", "share", "audit_score", "coefficient")
_NATURES = ("定性", "定量")  # a 指标性质 cell that is no sign
_MAX_CUTS = 16  # header cuts kept per position (a label line has few)
_MAX_UNIT = 8  # longest 度量单位 cell tried (万平方米/年)
_MAX_BLOCK = 24  # longest block label before a glued header's column labels


@lru_cache(maxsize=8)
def _labels(_: int) -> tuple[str, ...]:
    """Every column and block label of the vocabulary, longest first (a greedy cut)."""
    v = vocabulary()
    out: set[str] = set()
    for table in (v.indicator_columns, v.budget_columns):
        for labels in table.values():
            out.update(labels)
    # the columns of a score table (评分标准) head unknown columns of indicator tables too
    out.update(v.budget_labels, v.group_labels, v.overall_target, v.overall_actual, v.score_table_columns)
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=8)
def _field_labels(_: int) -> tuple[str, ...]:
    v = vocabulary()
    out = {x for table in (v.header_fields, v.text_fields) for labels in table.values() for x in labels}
    out.update(v.overall_target, v.overall_actual)  # 年度总体目标…年度目标完成情况…
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    """The unit words the scorer reads (``unit_cell`` also takes two run together: 台套)."""
    from jixiao.score._lexicon import lexicon  # the scorer: loaded on first use

    u = lexicon().units
    return frozenset((*u.money, *u.count, *u.periods, *u.column, "%"))


@lru_cache(maxsize=8)
def _goal_labels(_: int) -> tuple[str, ...]:
    return tuple(sorted(vocabulary().indicator_columns.get("goal", []), key=len, reverse=True))


@lru_cache(maxsize=32)
def _starts(labels: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of ``labels`` at a position: asked of every plain line of every
    text document, so one C-level match instead of a loop over the labels."""
    return re.compile("|".join(map(re.escape, labels)) or r"(?!)")


@lru_cache(maxsize=8)
def _label_starts(vocab: int) -> re.Pattern[str]:
    """``_starts`` of the column labels, by vocabulary: asked per line, where hashing the
    label tuple for ``_starts``'s cache cost more than the match."""
    return _starts(_labels(vocab))


@lru_cache(maxsize=8)
def _field_starts(vocab: int) -> re.Pattern[str]:
    return _starts(_field_labels(vocab))


@lru_cache(maxsize=32)
def _by_first(labels: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The labels by their first character, longest first: the cut tries only those."""
    out: dict[str, list[str]] = {}
    for x in labels:
        out.setdefault(x[0], []).append(x)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=8)
def _level_labels(_: int) -> tuple[str, ...]:
    v = vocabulary()
    return tuple(sorted({*v.level1_labels, *v.level2_labels}, key=len, reverse=True))


def _header_cells(line: str) -> list[str] | None:
    """The labels a line is made of, or ``None`` when some part of it is no label. The cut is
    made on the line as labels are compared (traditional characters simplified, bracketed
    remarks such as （A） or the （扣） of 评（扣）分标准 left out; a remark stays in its label's
    cell). The first cell may be the block label of the goal column, which the vocabulary
    names by a word it contains (项目年度绩效指标（60分）). Of the cuts, one whose columns'
    roles are all distinct (执行率（%）执行率权重 is 执行率（%） | 执行率权重, not … | 执行率 |
    权重 with the rate twice), then the one into the most labels (执行率得分 is 执行率 | 得分 in
    a glued header)."""
    vocab = id(vocabulary())
    labels, starts = _labels(vocab), _label_starts(vocab)
    # the test reads no further than the longest label or the block label's reach: the view of
    # that much of the line answers it (a long line of narrative is not converted whole)
    head, _ = _key_view(line, max(_MAX_BLOCK, len(labels[0]) if labels else 0))
    if not starts.match(head) and not starts.search(head, 1, _MAX_BLOCK):
        return None  # the common case, answered without the cut
    view, pos = _key_view(line)
    n = len(view)
    first = _by_first(labels)
    cuts: list[list[list[int]]] = [[] for _ in range(n + 1)]
    cuts[n] = [[]]
    for p in range(n - 1, -1, -1):
        found: list[list[int]] = []
        for x in first.get(view[p], ()):
            if view.startswith(x, p):
                found += ([p, *tail] for tail in cuts[p + len(x)])
        found.sort(key=len, reverse=True)  # the most labels first (a stable sort: longest label)
        cuts[p] = found[:_MAX_CUTS]
    found = cuts[0]
    if not found:
        block = next(
            (p for p in range(1, min(n, _MAX_BLOCK)) if cuts[p] and _block_label(line, pos, p, cuts[p])), None
        )
        if block is None:
            return None
        found = [[0, *c] for c in cuts[block]]
    options = [[line[pos[a] : pos[b]] for a, b in zip(c, [*c[1:], n], strict=True)] for c in found]
    cells = max(options, key=lambda c: (_distinct(c), len(c)))
    return cells if len(cells) >= 2 else None


def _block_label(line: str, pos: list[int], p: int, cuts: list[list[int]]) -> bool:
    """The text before a header's labels heads their block: the goal column's label (项目年度
    绩效指标（60分）, named by a word it contains), or the row label of an overall-goal header
    (项目绩效总目标（20分） before 年初设定目标全年实际完成情况)."""
    head = line[: pos[p]]
    if column_role(head) == "goal":
        return True
    if _DIGIT.search(_REMARK.sub("", head)):
        return False
    cells = [line[pos[a] : pos[b]] for a, b in zip(cuts[0], [*cuts[0][1:], len(pos) - 1], strict=True)]
    return any(overall_role(c) for c in cells) and all(
        overall_role(c) or column_role(c) == "score" for c in cells
    )


def _key_view(line: str, limit: int | None = None) -> tuple[str, list[int]]:
    """The line as labels are compared (simplified, remarks left out) and, for each of its
    characters, its place in the line (one more for the end); with ``limit``, only the first
    ``limit`` characters of that view (read left to right, the same as the whole view's).
    Read a stretch at a time: a remark can start only at a bracket or circled number."""
    simple = simplified(line)
    n = len(simple)
    stop = n if limit is None else limit
    view: list[str] = []
    pos: list[int] = []
    p = 0
    while p < n and len(view) < stop:
        m = _REMARK_START.search(simple, p)
        q = n if m is None else m.start()
        take = min(q, p + stop - len(view))
        view.extend(simple[p:take])
        pos.extend(range(p, take))
        p = take
        if p != q or p >= n or len(view) >= stop:
            continue  # the end of the line or of the view asked for
        r = _REMARK.match(simple, p) if view else None
        if r:  # a remark is never empty: skipped whole
            p = r.end()
            continue
        view.append(simple[p])
        pos.append(p)
        p += 1
    pos.append(len(line))
    return "".join(view), pos


def _distinct(cells: list[str]) -> bool:
    """No two columns of one role (a cut that splits a label into two makes one twice)."""
    roles = [budget_role(c) or column_role(c) for c in cells]
    named = [r for r in roles if r is not None]
    return len(named) == len(set(named))


def _field_cells(line: str) -> list[str] | None:
    """``项目名称XX主管部门YY`` cut at its header-field labels; ``None`` if it starts with none."""
    vocab = id(vocabulary())
    labels = _field_labels(vocab)
    key = simplified(line)  # same length: the printed (traditional) characters are kept
    if not _field_starts(vocab).match(key):
        return None
    cells: list[str] = []
    p = start = 0
    while p < len(line):
        hit = next((x for x in labels if key.startswith(x, p)), None)
        if hit is None:
            p += 1
            continue
        if p > start:
            cells.append(line[start:p].lstrip(":："))
        cells.append(line[p : p + len(hit)])
        p = start = p + len(hit)
    if start < len(line):
        cells.append(line[start:].lstrip(":："))
    return cells


def glued_rows(lines: list[str]) -> dict[int, list[str]] | None:
    """The cells of the glued lines of a run of plain lines, by index; ``None`` if none is.

    The run is glued when one of its lines is an indicator header made of glued labels."""
    headers = {
        k: _header_cells(ln.strip()) for k, ln in enumerate(lines) if ln.strip() and " " not in ln.strip()
    }
    if not any(c is not None and len(c) >= 3 and indicator_schema(c) is not None for c in headers.values()):
        return None
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
    fields = _field_cells(line)
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
        return _indicator_row(line, header)
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


# ------------------------------------------------------------------ indicator rows


def _indicator_row(line: str, header: list[str]) -> list[str] | None:
    roles = [column_role(c) for c in header]
    if "name" not in roles:
        return None
    cells = [""] * len(header)
    rest = line
    levels = _level_labels(id(vocabulary()))
    if "goal" in roles:
        hit = next((c for c in header if column_role(c) == "goal" and rest.startswith(c)), None)
        if hit is not None:  # the block label printed on a row in the middle of its merged cell
            cells[roles.index("goal")] = hit
            rest = rest[len(hit) :]
    else:
        hit = next((x for x in _goal_labels(id(vocabulary())) if simplified(rest).startswith(x)), None)
        if hit is not None and len(rest) > len(hit):
            rest = rest[len(hit) :]  # … of a merged cell whose column the glued header lost
    found: list[str] = []
    while len(found) < 2:
        key = simplified(rest)  # same length: the printed (traditional) characters are kept
        hit = next((x for x in levels if key.startswith(x)), None)
        if hit is None or len(rest) == len(hit):
            break
        m = POINTS.match(rest, len(hit))  # 产出指标（50分）: the label keeps its points
        end = m.end() if m else len(hit)
        found.append(rest[:end])
        rest = rest[end:]
    if (len(found) == 1 and level_ranks(found[0]) == {1}) or (
        len(found) == 1 and level_ranks(found[0]) == {0, 1} and "level2" in roles
    ):
        found = ["", found[0]]  # a lone 二级 label under the 一级 label of the row above
    for role, hit in zip(("level1", "level2"), found, strict=False):
        if hit and role in roles:
            cells[roles.index(role)] = hit
    start = roles.index("name")
    after = roles[start + 1 :]
    parsed = _indicator_cells(rest, after)
    if parsed is None:
        return None
    cells[start : start + 1 + len(after)] = parsed
    return cells


def _indicator_cells(text: str, roles: list[str | None]) -> list[str] | None:
    """Name then one cell per role: the parse that leaves the fewest value cells empty (of
    equal ones, a qualitative actual repeating its target exactly before a qualified one:
    服务站规范运行规范运行规范运行 is 服务站规范运行 | 规范运行 | 规范运行)."""
    best: tuple[tuple[float, float], list[str]] | None = None
    split = "unit" in roles  # bare values: the actual's cut is told by its size
    for cut in range(1, len(text) + 1):
        if text[cut - 1] in _SIGN or (
            cut < len(text) and _digit_or_point(text[cut - 1]) and _digit_or_point(text[cut])
        ):
            continue
        for cells, empty in _parse(text, cut, roles, 0, None):
            named = dict(zip(roles, cells, strict=False))
            key = (empty, _shapes(named) + (_size_gap(named) if split else _misfit(named)))
            if best is None or key < best[0]:
                best = (key, [text[:cut], *cells])
    return best[1] if best is not None else None


def _digit_or_point(ch: str) -> bool:
    return ch.isdigit() or ch == "."


def _shapes(cells: dict[str | None, str]) -> float:
    """A cut whose cells disagree with each other's roles: an adjusted target printed without
    the sign its target has (≥32 | 35 is target and actual, not target and adjusted target), a
    得分系数 that is not the score's share of the points (100 | 11 | 11; 89.8 | 10 | 8.98)."""
    bad = 0.0
    adjusted, target = cells.get("adjusted_target") or "", cells.get("target") or ""
    if adjusted and target[:1] in _SIGN and adjusted[:1] not in _SIGN:
        bad += 100
    unit = cells.get("unit") or ""
    if unit:  # one unit word, the longest (批次, not 次, 批次批次 or 站个)
        bad += (0.0 if unit.lstrip("万亿千百") in _unit_words() else 0.02) - 0.001 * len(unit)
    coef, weight, score = cells.get("coefficient") or "", cells.get("weight") or "", cells.get("score") or ""
    if _BARE.match(coef) and _BARE.match(weight) and _BARE.match(score):
        bad += 0 if abs(float(weight) * float(coef) / 100 - float(score)) <= 0.011 else 100
    return bad


def _misfit(cells: dict[str | None, str]) -> float:
    """How badly a cut's values fit each other, when it names a unit with its figures: an
    actual of more figures than its target (48.3公里20% is 48.3公里 | 20%), a score that
    disagrees with its points and the actual's ratio to the target (1936人33人17.42 is 19 |
    36人 | 33人 | 17.42: 19 × 33/36 = 17.42)."""
    target, actual = cells.get("target") or "", cells.get("actual") or ""
    t, a = _UNITS.findall(target), _UNITS.findall(actual)
    if len(t) != 1 or not a:
        return 0.0
    if len(a) > 1 or a[0] not in ("", t[0]):
        return 1.0
    weight, score = (cells.get("weight") or "").rstrip("%"), cells.get("score", "")
    if not (_BARE.match(weight) and _BARE.match(score)):
        return 0.0
    tm, am = re.search(_NUM, target), re.search(_NUM, actual)
    if tm is None or am is None:
        return 0.0
    return 0.0 if _agrees(target, float(tm.group()), float(am.group()), float(weight), float(score)) else 1.0


def _agrees(sign: str, t: float, a: float, w: float, sc: float) -> bool:
    """Full points when the target is met, else the points times the actual's ratio to it."""
    lower = any(x in sign for x in "≤<＜≦")  # a ceiling: met at or below it
    met = a <= t if lower else a >= t
    ratio = (t / a if a else 0.0) if lower else (a / t if t else 0.0)
    return abs(sc - w) <= 1e-9 if met else abs(w * ratio - sc) <= 0.06


def _gap(actual: str, target: str) -> float:
    """How far an actual's size is from its target's: by ratio (100 is as near 98 as 98100 is
    far from it), by digits when either is 0."""
    if not _BARE.match(target):
        return 0.0
    a, t = float(actual), float(target)
    if a > 0 and t > 0:
        return abs(math.log10(a / t))
    return abs(len(actual.partition(".")[0]) - len(target.partition(".")[0]))


def _size_gap(cells: dict[str | None, str]) -> float:
    """How badly a bare actual's cut fits: its score disagreeing with its target (full points
    when met, weight × the ratio when not), then its distance from the target's size, then its
    decimals (46 | 13 | 13, not 461 | 31 | 3; 3.65 | 6 | 6, not 3.6 | 56 | 6)."""
    printed = cells.get("actual", "")
    actual = printed.lstrip(_SIGN)
    if not _BARE.match(actual):
        return 0.0
    decimals = 0.01 * len(actual.partition(".")[2]) + (1 if actual != printed else 0)  # an actual has no sign
    raw = cells.get("adjusted_target") or cells.get("target") or ""  # an adjusted target replaces it
    target = raw.lstrip(_SIGN)
    if not _BARE.match(target):
        return decimals
    gap = decimals + sum(_gap(actual, t.lstrip(_SIGN)) for t in {raw, cells.get("target") or raw})
    weight, score = cells.get("weight", ""), cells.get("score", "")
    if not (_BARE.match(weight) and _BARE.match(score)):
        return gap
    sign = (cells.get("comparator") or "") + raw[: len(raw) - len(target)]
    agrees = _agrees(sign, float(target), float(actual), float(weight), float(score))
    return gap + (0 if agrees else 100)


def _parse(text: str, p: int, roles: list[str | None], r: int, unit: str | None, points: float | None = None):  # type: ignore[no-untyped-def]
    """Every way ``text[p:]`` fills ``roles[r:]``, with the number of empty value cells."""
    if r == len(roles):
        if p == len(text):
            yield [], 0
        return
    role = roles[r]
    if role in _TEXT_ROLES or role is None:
        if all(x in _TEXT_ROLES or x is None for x in roles[r:]):
            tail = text[p:]
            if tail and (tail[0].isdigit() or tail[0] in ".%"):
                return
            yield [tail] + [""] * (len(roles) - r - 1), 0
        return
    if role in _NUMBER_ROLES:
        for q in range(p + 1, min(len(text), p + 8) + 1):
            cell = text[p:q]
            if not _BARE.match(cell) or float(cell) > 100:
                continue
            if q < len(text) and text[q] == ".":
                continue
            if role == "weight" and q < len(text) and text[q] == "%":
                cell, q = text[p : q + 1], q + 1  # 20%: a weight printed as its share of 100
            elif q < len(text) and text[q] == "%":
                continue
            if role == "score" and points is not None and float(cell) > points:
                continue
            got = float(cell.rstrip("%")) if role == "weight" else points
            for cells, empty in _parse(text, q, roles, r + 1, unit, got):
                yield [cell, *cells], empty
        skip = 0.5 if role == "share" else 1  # a 权重占比 is printed once, in a merged cell
        for cells, empty in _parse(text, p, roles, r + 1, unit, points):
            yield ["", *cells], empty + skip
        return
    if role == "comparator":  # 指标性质: a sign, 定性/定量 or nothing
        for cell in _comparators(text, p):
            for cells, empty in _parse(text, p + len(cell), roles, r + 1, unit, points):
                yield [cell, *cells], empty
        for cells, empty in _parse(text, p, roles, r + 1, unit, points):
            yield ["", *cells], empty + 1
        return
    if role == "core":  # 是否核心指标
        for cell in ("是", "否", "★", ""):
            if text.startswith(cell, p):
                for cells, empty in _parse(text, p + len(cell), roles, r + 1, unit, points):
                    yield [cell, *cells], empty
        return
    if role == "unit" and unit is None and "target" in roles[r:]:  # 计量单位 before the values
        for q in range(min(len(text), p + _MAX_UNIT), p, -1):
            if unit_cell(text[p:q]):
                for cells, empty in _parse(text, q, roles, r + 1, "", points):
                    yield [text[p:q], *cells], empty  # the values are then bare
        for cells, empty in _parse(text, p, roles, r + 1, None, points):
            yield ["", *cells], empty + 0.5  # a qualitative row prints none
        return
    if role == "unit":  # 度量单位 after a bare 指标值: the actual is then bare too
        if unit == "":
            for q in range(min(len(text), p + _MAX_UNIT), p, -1):
                if unit_cell(text[p:q]):
                    for cells, empty in _parse(text, q, roles, r + 1, "", points):
                        yield [text[p:q], *cells], empty
        for cells, empty in _parse(text, p, roles, r + 1, unit, points):
            yield ["", *cells], empty + (1 if unit == "" else 0)
        return
    if role in ("target", "actual", "adjusted_target"):
        for q in range(len(text), p, -1):  # the longest value first (2023年10月10日, not 2023年)
            cell = text[p:q]
            m = _VALUE.match(cell)
            if m and _one_value(cell):
                touches = q < len(text) and (text[q].isdigit() or text[q] == ".") and not m.group(3)
                # … except a bare actual under a 度量单位 column, which touches the points, and
                # bare values after their unit's column (≥3235: ≥32 | 35)
                bare = unit == "" and "unit" in roles[:r]
                if touches and (text[q] == "." or ((role != "actual" or "unit" not in roles) and not bare)):
                    continue
                if unit is not None and m.group(3) != unit:
                    continue
                next_unit = m.group(3) if role != "actual" else None
                for cells, empty in _parse(text, q, roles, r + 1, next_unit, points):
                    yield [cell, *cells], empty
            elif (
                not re.search(r"\d", cell)
                and cell[0] not in _SIGN
                and (role == "actual" or _repeats(text, p, q))
            ):
                # a qualified repeat (基本健全 after 健全) is read only when no exact one is
                extra = 0.5 if role == "target" and _actual_after(text, q) != cell else 0.0
                for cells, empty in _parse(text, q, roles, r + 1, None, points):
                    yield [cell, *cells], empty + extra + (1 if role == "actual" and unit is not None else 0)
        skip = 0 if role == "adjusted_target" else 2  # a target is seldom adjusted
        for cells, empty in _parse(text, p, roles, r + 1, unit, points):
            yield ["", *cells], empty + skip
        return
    yield from ()


def _comparators(text: str, p: int) -> list[str]:
    """The 指标性质 cells ``text`` may start with at ``p``: a sign (≥, ≥=) or 定性/定量."""
    m = re.compile(rf"[{_SIGN}]{{1,2}}").match(text, p)
    signs = [m.group()[:k] for k in range(len(m.group()), 0, -1)] if m else []
    return [*signs, *(x for x in _NATURES if text.startswith(x, p))]


def _one_value(cell: str) -> bool:
    """A value of several number-unit groups names each unit once (2023年10月底前); a unit
    seen again starts the next cell (820公里845公里)."""
    units = _UNITS.findall(cell)
    return len(units) == len(set(units))


def _actual_after(text: str, q: int) -> str:
    """The text after a qualitative target up to the row's points: its actual."""
    m = _DIGIT.search(text, q)
    return text[q : m.start() if m else len(text)]


def _repeats(text: str, p: int, q: int) -> bool:
    """A qualitative target printed again, maybe qualified (基本…), as its actual after it."""
    actual = _actual_after(text, q)
    target = text[p:q]
    return actual == target or (len(actual) > len(target) and actual.endswith(target))
