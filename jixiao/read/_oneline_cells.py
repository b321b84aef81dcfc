"""The cells of a form flattened onto one line: tokens a space inside a cell split, joined.

A copy that lost its line breaks also loses which spaces separated cells and which were
inside one (``年度 绩效 指标``, ``≥ 90%``, ``(16 分)``). The joins are structural — brackets,
signs, units, vocabulary labels — never a phrase of one form (``_oneline.py`` cuts the lines).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.read._align import level_sets, unit_cell
from jixiao.read._clean import strip_points
from jixiao.read._headers import column_role, label_key, overall_role, vocabulary
from jixiao.read._segment import form_title_kind, is_report_title
from jixiao.read._stream_head import GOAL
from jixiao.read._vocab import GOAL_GENERIC, GOAL_NUMBERED

__all__ = ["NUMBER", "TERM_GOAL", "close_brackets", "is_goal_column", "is_goal_label", "join_cells"]

NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*[%％分]?$")
TERM_GOAL = re.compile(r"^(年度|中期|长期|项目|部门)?(绩效)?(总体|总)?目标$")
_SIGN = re.compile(r"^[≥≤><=＞＜＝≧≦]+$")
_REMARK = re.compile(r"^[（(][^()（）]*[)）]$")
_FIGURE = re.compile(r"^[≥≤><=＞＜＝≧≦]*[-+]?\d+(?:[.,]\d+)*$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_GOAL_NAME = re.compile(r"^(年度|中期|长期|项目|部门)?(绩效)?(总体|总)?目标\d*$")
_WORD = re.compile(r"^[\u4e00-\u9fff]+([（(][^()（）]*[)）])*$")
_ORDINAL = re.compile(r"^[0-9一二三四五六七八九十]+[:：]?$")


def _is_level(t: str) -> bool:
    """A 一级/二级 label, points and remarks aside."""
    key = label_key(strip_points(t))
    l1, l2 = level_sets()
    return key in l1 or key in l2


def join_cells(tokens: list[str], roles: set[str | None]) -> list[str]:
    """The cells of ``tokens``: a space inside a cell made two tokens of it.

    Structural joins only (brackets closed first, ``close_brackets``): a bare
    comparison sign belongs to the figure after it (``≥ 90%``) and a bare unit to the figure
    before it (``350 万平方米``) unless the form has a 指标性质 or 度量单位 column for them; a
    bracketed remark alone belongs to the label before it (``得分 (20分*执行率)``), a year to the
    年… word after it (``2022 年度…表``), and words that make a level label (``产出 指标(15分)``)
    or a goal's name (``年度 绩效 目标 1(80分)``, ``长期目标 1:``) or a column label (``一级 指标``)
    together when the last of them names none alone. Joined without the space, as the spaced
    rows re-split at spaces.
    """
    signs, units = "comparator" not in roles, "unit" not in roles
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if signs and _SIGN.match(t) and i + 1 < n:
            out.append(t + tokens[i + 1])
            i += 2
            continue
        if out and (
            (_REMARK.match(t) and _is_label_word(out[-1]))
            or (units and _FIGURE.match(out[-1]) and unit_cell(t))
            or (_YEAR.match(out[-1]) and t.startswith("年"))
        ):
            out[-1] += t
            i += 1
            continue
        for k in (4, 3, 2):
            part = tokens[i : i + k]
            if len(part) == k and _names_cell(part):
                out.append("".join(part))
                i += k
                break
        else:
            out.append(t)
            i += 1
    return out


def close_brackets(tokens: list[str], reach: int = 3) -> list[str]:
    """A bracket opened in a token closes in one of the next ``reach`` ones: one cell
    (``预算调整率(3 分)``, ``(16 分)``)."""
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        t, j = tokens[i], i + 1
        if _open(t) > 0:
            k = next(
                (k for k in range(i + 1, min(n, i + 1 + reach)) if _open("".join(tokens[i : k + 1])) == 0),
                None,
            )
            if k is not None:
                t, j = "".join(tokens[i : k + 1]), k + 1
        out.append(t)
        i = j
    return out


def _open(t: str) -> int:
    return t.count("(") + t.count("（") - t.count(")") - t.count("）")


def _names_cell(part: list[str]) -> bool:
    """Words that make one level label or goal name, the last (for a goal, the first too)
    naming none alone; or a goal's name and its bare number (长期目标 1:, 年度绩效目标 2): one
    cell, as the goal column prints it."""
    if not all(_WORD.match(w) for w in part[:-1]):
        return False
    whole, last = "".join(part), part[-1]
    if len(part) == 2 and _ORDINAL.match(last) and _is_goal_name(part[0]):
        numbered = GOAL_NUMBERED.match(label_key(whole))
        return numbered is not None and not numbered.group("rest")
    if _WORD.match(last) and _is_level(whole) and not _is_level(last):
        return True
    if _WORD.match(last) and is_goal_column(whole) and not any(column_role(w) for w in part):
        return True  # 年度 绩效 指标
    if len(part) == 2 and _WORD.match(last) and _split_column_label(part[0], last):
        return True
    if len(part) == 2 and _split_goal_column(part[0], last):
        return True
    return _is_goal_name(whole) and not _is_goal_name(part[0]) and not _is_goal_name(last)


def _split_column_label(first: str, last: str) -> bool:
    """Two words making one column label of the vocabulary exactly, the last naming none alone:
    a space inside a header cell (一级 指标, 指标值确定 依据, 预期当年 实现值)."""
    whole = label_key(first + last)
    if whole not in _column_labels() or column_role(last) is not None:
        return False
    return column_role(first + last) != column_role(first)


def _split_goal_column(first: str, last: str) -> bool:
    """A goal column's label printed over two lines, its scope apart (项目年度 | 绩效指标（60分）):
    the scope names nothing alone, the label with its points after it."""
    whole = label_key(strip_points(first + last))
    return (
        column_role(last) == "goal"
        and column_role(first) is None
        and bool(GOAL_GENERIC.match(whole))
        and not GOAL_GENERIC.match(label_key(first))
    )


def _column_labels() -> frozenset[str]:
    return _column_labels_of(id(vocabulary()))


@lru_cache(maxsize=8)
def _column_labels_of(_: int) -> frozenset[str]:
    """The indicator column labels of the vocabulary in force, as compared (``label_key``)."""
    columns = vocabulary().indicator_columns
    return frozenset(label_key(x) for labels in columns.values() for x in labels)


def _is_goal_name(t: str) -> bool:
    return bool(_GOAL_NAME.match(label_key(strip_points(t))))


def _is_label_word(t: str) -> bool:
    """A label a remark may follow: CJK words, no figure outside brackets, no form title (a
    title's （2023年度） is a line of its own, as the TAB form prints it)."""
    return (
        bool(_WORD.match(t)) and not NUMBER.match(t) and form_title_kind(t) is None and not is_report_title(t)
    )


def is_goal_label(t: str) -> bool:
    """A goal block's label: 年度总体目标, 长期目标, or a numbered goal (长期目标1:) alone."""
    key = label_key(t)
    numbered = GOAL_NUMBERED.match(key)
    alone = numbered is not None and not numbered.group("rest")
    return bool(overall_role(t) or GOAL.match(key) or TERM_GOAL.match(key) or alone)


def is_goal_column(t: str) -> bool:
    """The goal column's label itself (年度绩效指标), not a goal's name (年度目标1)."""
    labels = {label_key(x) for x in vocabulary().indicator_columns.get("goal", [])}
    return bool(_WORD.match(t)) and label_key(t) in labels and not is_goal_label(t)
