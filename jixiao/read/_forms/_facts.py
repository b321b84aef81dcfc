"""A table row classified once: the record the row dispatcher's tests read.

The dispatcher asks every row a dozen structural questions in order (narrative field label,
total row, budget header, overall header, indicator header, goal row …). Most of them are
questions about the row's first text cell, whose answers depend only on that text and the
vocabulary in force; so they are found once per distinct text (a memo of the vocabulary) and
the row carries them as one record, with its text cells, instead of each test normalising
the text and asking the vocabulary again.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.read._clean import compact, split_weight
from jixiao.read._forms._common import label_rest
from jixiao.read._grid import Row
from jixiao.read._headers import overall_role, simplified, text_field_of
from jixiao.read._segment import SUBTABLE_TITLE
from jixiao.read._vocab import (
    DOTS,
    FIELD_DEVIATION,
    GOAL_GENERIC,
    GOAL_NUMBERED,
    NOTES,
    TOTAL,
    goal_key,
    head_key,
    label_of,
)

__all__ = ["Lead", "RowFacts", "field_label", "lead_of", "row_facts"]


def field_label(c: str) -> str | None:
    """The narrative field a compacted label cell names (偏差原因 / 改进措施 …), or ``None``."""
    if len(c) > 40:
        return None
    role = text_field_of(c)
    if role is not None:
        return role
    if FIELD_DEVIATION.match(c) and "原因" in c:
        return "deviation_reason"
    if c.startswith("改进措施及") or c.startswith("结果应用方案") or c == "改进措施":
        return "improvement"
    # the start of a label wrapped onto the next line (偏差大或目标未完 / 成原因分析): four
    # characters at least
    rest = label_rest(c, least=4)
    return field_label(c + rest) if rest else None


@dataclass(frozen=True, slots=True)
class Lead:
    """What a row's first text cell is, as every test of the dispatcher reads it."""

    c: str  # the text compacted
    subtable: bool  # 长期/年度绩效目标表 printed in a table cell
    notes: bool  # 备注 / 注：
    field: str | None  # the narrative field it labels
    total: bool  # 总分 / 合计 / 自评得分 … (in any spelling)
    total_as_printed: bool  # the same, in simplified characters as printed
    head: str | None  # the title-block field it labels (单位名称, 项目名称 …)
    overall: str | None  # the overall-goal role it names (target / actual)
    generic: str | None  # a generic goal label (绩效指标, 年度目标) as printed without points
    goal: bool  # starts with a numbered goal label (年度目标1 …)


def _lead(text: str) -> Lead:
    c = compact(text)
    label = label_of(text)
    key = simplified(c)  # labels compared in one script: 備註 is 备注, 年度績效目標表 年度绩效目标表
    return Lead(
        c=c,
        subtable=bool(SUBTABLE_TITLE.match(key)),
        notes=bool(NOTES.match(key)),
        field=field_label(c),
        total=bool(TOTAL.match(compact(simplified(text)))),
        total_as_printed=bool(TOTAL.match(c)),
        head=head_key(text),
        overall=overall_role(text),
        generic=label if GOAL_GENERIC.match(goal_key(text)) else None,
        goal=bool(GOAL_NUMBERED.match(simplified(compact(split_weight(text)[0])))),
    )


def lead_of(memo: dict[str, Lead], text: str) -> Lead:
    """``text``'s record read from ``memo`` (``Bound.memo("lead")``), made once."""
    try:
        return memo[text]
    except KeyError:
        lead = memo[text] = _lead(text)
        return lead


@dataclass(slots=True)
class RowFacts:
    """One table row as the dispatcher reads it: its text cells with dot leaders dropped and
    the first one's record (``lead``, ``None`` for a row without text), and the record of the
    first text cell as printed (``raw``: the same unless a dot leader came first), which the
    tests reading ``row.texts`` ask about."""

    texts: list[str]
    lead: Lead | None
    raw: Lead | None


def row_facts(row: Row, leads: dict[str, Lead]) -> RowFacts:
    """``row``'s record, its first texts' answers read from ``leads`` (``Bound.memo("lead")``)."""
    printed = row.texts
    # a dot leader starts with no letter or digit (CJK included): most cells skip the pattern
    texts = [t for t in printed if t[0].isalnum() or not DOTS.match(t)]
    lead = lead_of(leads, texts[0]) if texts else None
    if texts and printed[0] is texts[0]:
        return RowFacts(texts, lead, lead)
    return RowFacts(texts, lead, lead_of(leads, printed[0]) if printed else None)
