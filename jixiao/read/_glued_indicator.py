"""Indicator rows of a glued table (``_glued``): its 一级/二级 labels (vocabulary), a name,
and values in the header's order. A target or actual is an optional ≥/≤/= sign, a number and
its unit (the actual repeats the target's unit) or a text (a qualitative target printed twice,
target then actual); points and score are bare numbers, score ≤ points ≤ 100; the rest is the
row's reason text. Of the parses, the one leaving the fewest value cells empty whose values
agree with each other (score = points × the actual's ratio to the target).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from jixiao.read._align import unit_cell
from jixiao.read._clean import POINTS
from jixiao.read._glued_budget import NUM as _NUM
from jixiao.read._headers import column_role, level_ranks, simplified, vocabulary

__all__ = ["indicator_row", "open_brackets", "starts_level", "unit_words"]

_SIGN = "≥≤=＝><＞＜≧≦"
_BARE = re.compile(rf"^{_NUM}$")
_VALUE = re.compile(rf"^([{_SIGN}]?)\s*({_NUM})([^\d.{_SIGN}]*)(?:{_NUM}[^\d.{_SIGN}]+)*$")  # 2023年10月底前
_MASKED = re.compile(rf"^([{_SIGN}]?)\s*([*＊]{{2,}})([^\d.{_SIGN}*＊]*)$")  # ≥**%: a figure masked
_TEXT_ROLES = ("deviation", "basis", "note", "value_note")
_DIGIT = re.compile(r"\d")
_UNITS = re.compile(rf"{_NUM}([^\d.{_SIGN}]*)")
_NUMBER_ROLES = ("weight", "score", "converted_score", "share", "audit_score", "coefficient")
_NATURES = ("定性", "定量")  # a 指标性质 cell that is no sign
_OPEN, _CLOSE = "(（", ")）"
_MAX_UNIT = 8  # longest 度量单位 cell tried (万平方米/年)


@lru_cache(maxsize=1)
def unit_words() -> frozenset[str]:
    """The unit words the scorer reads (``unit_cell`` also takes two run together: 台套)."""
    from jixiao.score._lexicon import lexicon  # the scorer: loaded on first use

    u = lexicon().units
    return frozenset((*u.money, *u.count, *u.periods, *u.column, "%"))


@lru_cache(maxsize=8)
def _goal_labels(_: int) -> tuple[str, ...]:
    return tuple(sorted(vocabulary().indicator_columns.get("goal", []), key=len, reverse=True))


@lru_cache(maxsize=8)
def _level_labels(_: int) -> tuple[str, ...]:
    v = vocabulary()
    return tuple(sorted({*v.level1_labels, *v.level2_labels}, key=len, reverse=True))


def indicator_row(line: str, header: list[str]) -> list[str] | None:
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
    depth = 0
    for cut in range(1, len(text) + 1):
        depth += (text[cut - 1] in _OPEN) - (text[cut - 1] in _CLOSE)
        if depth > 0:
            continue  # a name ends after its bracketed points (开展主题党日活动次数(2分))
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
        bad += (0.0 if unit.lstrip("万亿千百") in unit_words() else 0.02) - 0.001 * len(unit)
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
            m = _VALUE.match(cell) or _MASKED.match(cell)
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


def starts_level(line: str) -> bool:
    """The line opens with a 一级/二级 label: a row's start, never a wrapped cell's rest."""
    key = simplified(line)
    return any(key.startswith(x) and len(key) > len(x) for x in _level_labels(id(vocabulary())))


def open_brackets(text: str) -> bool:
    """``text`` leaves a bracket open: a cell that wrapped (部门职能履行情况(3.5 / 分))."""
    return sum(ch in _OPEN for ch in text) > sum(ch in _CLOSE for ch in text)
