"""Printed target and actual values (年初目标值 / 实际完成值) as typed values, and their comparison.

A form prints "≥95%", "2-4个", "约30项", "2021.11.30前", "达成上级确定的任务量" or a whole
sentence. ``parse_value`` turns such a cell into a ``Value``; ``jixiao.score.compare`` says
whether an actual meets its target. The words (comparators, units, 达成/未达成, 反向 names) are
data in ``lexicon.yaml``; this module is the grammar.

Precision over recall: text that is not clearly a value (a sentence with a number inside,
a description of the indicator) parses as ``text`` and compares as ``unknown``, so the review
says nothing rather than guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from jixiao.score._lexicon import alternation, lexicon

__all__ = [
    "Comparison",
    "Direction",
    "Outcome",
    "Value",
    "ValueKind",
    "direction_from_name",
    "normalise",
    "parse_number",
    "parse_value",
]


class ValueKind(StrEnum):
    EMPTY = "empty"
    NUMBER = "number"  # a number with an optional comparator and unit
    RANGE = "range"  # "2-4个"
    DATE = "date"  # "2020年6月", "2021.11.30前"
    LEVEL = "level"  # qualitative: 达成 / 未达成 / 部分达成 / 良好 …
    REFERENCE = "reference"  # "2020年工作日天数": a quantity named, not stated
    TEXT = "text"  # anything else: compared only for equality


class Outcome(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class Direction(StrEnum):
    POSITIVE = "positive"  # 正向指标: more is better, score = weight × B/A
    NEGATIVE = "negative"  # 反向指标: less is better, score = weight × A/B


@dataclass(frozen=True, slots=True)
class Value:
    """One printed value. ``number`` is in the unit's base (万 and 亿 multiplied out, % as a fraction)."""

    text: str
    kind: ValueKind
    comparator: str | None = None  # ">=", ">", "<=", "<", "=", "~"
    number: float | None = None
    high: float | None = None  # upper end of a range
    unit: str = ""  # normalised unit: "%", "‰", "元", "美元", "个", "次", "名次", "星" …
    level: Outcome | None = None  # for LEVEL values
    date: tuple[int, int, int] | None = None  # (year, month, day); 0 for an unknown month/day

    @property
    def family(self) -> str:
        """What the unit measures: rate, permille, money, count, rank, or "" for a bare number."""
        if self.unit == "%":
            return "rate"
        if self.unit == "‰":
            return "permille"
        if self.unit in _MONEY_UNITS:
            return "money:" + self.unit
        if self.unit in ("名次", "星"):
            return self.unit
        return "count" if self.unit else ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Actual against target: the outcome, the ratio the formula uses (None if none), and why."""

    outcome: Outcome
    ratio: float | None
    reason: str
    direction: Direction | None = None
    direction_certain: bool = False  # from a comparator or the indicator's meaning, not a default
    quantitative: bool = False
    incomparable: bool = False  # target and actual measure different things (‰ vs %, rate vs count)


# --- lexicon (the words are data: lexicon.yaml) --------------------------------------------

_LEX = lexicon()
_Q = _LEX.qualitative
_MONEY_UNITS = _LEX.units.money
_COUNT_UNITS = frozenset(_LEX.count_units())
_SAME_UNIT = _LEX.units.same_as
_CN_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

_PREFIX_COMPARATORS = _LEX.comparators.prefix
_SUFFIX_COMPARATORS = _LEX.comparators.suffix
_NOISE_PREFIXES = _LEX.noise_prefixes
_PER_SUFFIX = re.compile(rf"(?:/|每)(?:{alternation(_LEX.units.periods)})(?:[·・.][\u4e00-\u9fff]+)?$")

_HAS_DIGIT = re.compile(r"\d")
_TAGS_AND_SPACE = re.compile(r"<[^>]+>|\s+")
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
_SIGNED = rf"-?(?:{_NUM})"
_SIGNED_RE = re.compile(_SIGNED)
_CN_NUM = r"[零〇一二两三四五六七八九十百千]+"

# Negations are checked first: "未达成" contains "达成".
_NEGATED_START = re.compile(
    rf"^(?:{alternation(_Q.negators)})(?:{alternation(_Q.auxiliaries)})?(?:{alternation(_Q.adverbs)})?"
    rf"(?:{alternation(_Q.verbs)})"
)
_NEGATED_INSIDE = re.compile(alternation(_Q.failing))
_PARTLY = re.compile(rf"部分(?:{alternation(_Q.partly_verbs)})")
_MET_PHRASE = re.compile(
    rf"(?:{alternation(_Q.met_adverbs)})?(?:{alternation(_Q.met_verbs)})"
    rf"(?:{alternation(_Q.met_qualifiers)})?(?:{alternation(_Q.met_objects)})?"
)
_DATE_END = re.compile(r"^(\d{4})\s*年\s*(?:(\d{1,2})\s*月)?\s*(?:底|末|月底|月末)$")
_DATE_FULL = re.compile(r"^(\d{4})\s*[.．/\-年]\s*(\d{1,2})(?:\s*[.．/\-月]\s*(\d{1,2})\s*日?)?\s*月?$")
_REFERENCE = re.compile(
    rf"^\d{{4}}\s*年(?:度)?.*(?:{alternation(_LEX.reference_quantities)})$|^(?:法定)?工作日(?:天数)?$"
)

# Strong: the name measures something bad. Weak: a bad word that an activity (演练, 排查) may turn round.
_D = _LEX.direction
_NEGATIVE_STRONG = re.compile(alternation(_D.negative))
_UNLESS = _D.weakly_negative_unless_followed_by
_NEGATIVE_NAME = re.compile(
    "|".join(
        re.escape(w) + (f"(?!{alternation(_UNLESS[w])})" if w in _UNLESS else "")
        for w in sorted(_D.weakly_negative, key=len, reverse=True)
    )
)
_POSITIVE_OVERRIDE = re.compile(alternation(_D.positive))


# --- parsing -------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """The cell as compared: NFKC, no tags or spaces, no trailing full stop."""
    s = unicodedata.normalize("NFKC", text)
    s = _TAGS_AND_SPACE.sub("", s)
    return s.replace("，", ",").strip("。.;；")


def _cn_number(s: str) -> float | None:
    """Small Chinese numerals: 三 → 3, 十二 → 12, 二十 → 20, 一百 → 100."""
    if not s or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in s):
        return None
    total, digit = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    return float(total + digit)


def parse_number(text: str) -> float | None:
    """A plain number as printed: "12,517.42" → 12517.42, "三" → 3.0; None if not a number."""
    s = normalise(text)
    if _SIGNED_RE.fullmatch(s):
        return float(s.replace(",", ""))
    return _cn_number(s)


_RANK_RE = re.compile(rf"(?:{alternation(_LEX.rank_scopes)})?(?:排名)?(前|第)({_NUM}|{_CN_NUM})名?")
_STAR_RE = re.compile(rf"({_NUM}|{_CN_NUM})星(?:级)?")
_VALUE_RE = re.compile(
    rf"^(?P<num>{_SIGNED}|{_CN_NUM})(?:(?:-|~|至|到|—|–)(?P<high>{_NUM}|{_CN_NUM}))?"
    r"(?P<mult>万亿|亿|万|千)?(?P<unit>.*)$"
)


_PREFIX_FIRST = frozenset(w[0] for w in _NOISE_PREFIXES) | frozenset(w[0] for w, _ in _PREFIX_COMPARATORS)


def _strip_comparators(s: str) -> tuple[str, str | None]:
    comparator = None
    changed = bool(s) and s[0] in _PREFIX_FIRST
    while changed:
        changed = False
        for word in _NOISE_PREFIXES:
            if s.startswith(word) and len(s) > len(word):
                s, changed = s[len(word) :], True
        for word, comp in _PREFIX_COMPARATORS:
            if s.startswith(word):
                s, changed = s[len(word) :], True
                if comparator is None or comparator == "~":
                    comparator = comp
                break
        changed = changed and bool(s) and s[0] in _PREFIX_FIRST
    for word, comp in _SUFFIX_COMPARATORS:
        if s.endswith(word) and len(s) > len(word):
            s = s[: -len(word)]
            if comparator is None or comparator == "~":
                comparator = comp
            break
    return s, comparator


def _parse_unit(rest: str) -> str | None:
    """The unit after a number, normalised; None if ``rest`` is more than a unit."""
    rest = _PER_SUFFIX.sub("", rest)
    if rest in ("", "分"):  # "5" or "(5)" — bare
        return ""
    if rest in ("%", "％"):
        return "%"
    if rest == "‰":
        return "‰"
    for money in ("万元", "亿元", "元", "万美元", "亿美元", "美元"):
        if rest == money:
            return "美元" if "美元" in money else "元"
    if rest.startswith("元/") or rest.startswith("万元/"):
        return "元"
    if rest in _COUNT_UNITS:
        return _SAME_UNIT.get(rest, rest)
    if rest.endswith("次") and rest[:-1] in _COUNT_UNITS and rest != "名次":
        return rest  # a count unit + 次 counts its occurrences (册次, 户次 like 人次): one unit
    return None


def _money_multiplier(mult: str | None, unit_text: str) -> float:
    m = {"万": 1e4, "亿": 1e8, "万亿": 1e12, "千": 1e3}.get(mult or "", 1.0)
    if unit_text.startswith("万"):
        m *= 1e4
    elif unit_text.startswith("亿"):
        m *= 1e8
    return m


def _parse_core(s: str) -> Value | None:
    """A value expression without surrounding text; None if ``s`` is not one."""
    core, comparator = _strip_comparators(s)
    if not core:
        return None
    # Ranks: "前三" / "前5名" (a bound) and "第二" / "第8名" (a position).
    m = _RANK_RE.fullmatch(core)
    if m:
        n = parse_number(m.group(2))
        if n is None:
            return None
        comp = "<=" if m.group(1) == "前" else (comparator or "=")
        return Value(s, ValueKind.NUMBER, comp, n, unit="名次")
    m = _STAR_RE.fullmatch(core)
    if m:
        n = parse_number(m.group(1))
        return Value(s, ValueKind.NUMBER, comparator, n, unit="星") if n is not None else None
    # Dates: "2021.11.30", "2020年6月", "2021年11月1日".
    m = _DATE_FULL.fullmatch(core)
    if m and 1990 <= int(m.group(1)) <= 2100 and 1 <= int(m.group(2)) <= 12:
        day = int(m.group(3) or 0)
        return Value(s, ValueKind.DATE, comparator, date=(int(m.group(1)), int(m.group(2)), day))
    # Month or year ends: "2023年11月底(前)", "2023年底", "2023年末" — met by any date up to that end.
    m = _DATE_END.fullmatch(core)
    if m and 1990 <= int(m.group(1)) <= 2100 and 1 <= int(m.group(2) or 12) <= 12:
        return Value(s, ValueKind.DATE, comparator or "<=", date=(int(m.group(1)), int(m.group(2) or 12), 0))
    m = _VALUE_RE.fullmatch(core)
    if not m:
        return None
    unit_text = m.group("unit")
    unit = _parse_unit(unit_text)
    if unit is None:
        return None
    num = parse_number(m.group("num"))
    high = parse_number(m.group("high")) if m.group("high") else None
    if num is None:
        return None
    if unit == "%":
        num, high = num / 100, (high / 100 if high is not None else None)
    elif unit == "‰":
        num, high = num / 1000, (high / 1000 if high is not None else None)
    else:
        mult = (
            _money_multiplier(m.group("mult"), unit_text)
            if unit in _MONEY_UNITS
            else ({"万": 1e4, "亿": 1e8, "万亿": 1e12, "千": 1e3}.get(m.group("mult") or "", 1.0))
        )
        num, high = num * mult, (high * mult if high is not None else None)
    if high is not None:
        if high < num:
            return None
        return Value(s, ValueKind.RANGE, comparator, num, high, unit)
    return Value(s, ValueKind.NUMBER, comparator, num, unit=unit)


_DECREASE = frozenset(_LEX.change.decrease)
_CHANGE = re.compile(
    rf"({alternation(_LEX.change.increase + _LEX.change.decrease)})了?(\d+(?:\.\d+)?)%(以上|以下|以内)?"
)


def _negated(s: str) -> bool:
    if s == "差" or _NEGATED_START.match(s):
        return True
    if _HAS_DIGIT.search(s):
        return False
    for m in _NEGATED_INSIDE.finditer(s):
        before, after = s[: m.start()], s[m.end() :]
        if before.endswith(_Q.failing_cancelled_by) or after.startswith(_Q.failing_measured_by):
            continue
        return True
    return False


def _level_of(s: str) -> Outcome | None:
    if _negated(s):
        return Outcome.NOT_MET
    if _PARTLY.search(s):
        return Outcome.PARTLY
    bare = s.removeprefix("已")
    if s in _Q.met or bare in _Q.met or _MET_PHRASE.fullmatch(s):
        return Outcome.MET
    return None


@lru_cache(maxsize=16384)
def parse_value(text: str | None) -> Value:
    """Parse one printed target or actual cell (memoised: forms repeat the same cells)."""
    if text is None:
        return Value("", ValueKind.EMPTY)
    s = normalise(text)
    if not s or s in _LEX.empty:
        return Value(text, ValueKind.EMPTY)
    if _REFERENCE.fullmatch(s):
        return Value(text, ValueKind.REFERENCE)
    numeric = len(s) <= 30 or _HAS_DIGIT.search(s) is not None
    v = _parse_core(s) if numeric else None
    if v is None and numeric:
        # "100%,0投诉", "24981家(其中企业17556家)": a value followed by a remark.
        head = re.split(r"[,;(（、]", s, maxsplit=1)[0]
        if head != s:
            v = _parse_core(head)
    if v is None and numeric:
        # "办件量同比增长10%以上" / "线下办件量同比下降45%": a change stated in words, signed.
        changes = _CHANGE.findall(s)
        if len(changes) == 1:
            verb, num, bound = changes[0]
            n = parse_number(num)
            if n is not None:
                sign = -1.0 if verb in _DECREASE else 1.0
                comp = {"以上": ">=", "以下": "<=", "以内": "<="}.get(bound)
                if comp is not None and sign < 0:
                    comp = "<=" if comp == ">=" else ">="  # "下降10%以上" is a change of at most -10%
                v = Value(s, ValueKind.NUMBER, comp, sign * n / 100, unit="%")
    if v is None and numeric:
        # "……。目标值100%。" — a description ending in its measurable value.
        m = re.search(r"目标值(?:为)?[:：]?([^,。;]+)$", s)
        if m:
            v = _parse_core(m.group(1))
    if v is not None:
        return Value(text, v.kind, v.comparator, v.number, v.high, v.unit, v.level, v.date)
    level = _level_of(s)
    if level is not None:
        return Value(text, ValueKind.LEVEL, level=level)
    return Value(text, ValueKind.TEXT)


# --- direction -----------------------------------------------------------------------------


def direction_from_name(name: str | None) -> Direction | None:
    """反向指标 by meaning (发生率, 投诉率, 事故, 偏差率, 成本, 耗时 …); None if the name says nothing."""
    if not name:
        return None
    n = normalise(name)
    if _NEGATIVE_STRONG.search(n):
        return Direction.NEGATIVE
    if _POSITIVE_OVERRIDE.search(n):
        return Direction.POSITIVE
    if _NEGATIVE_NAME.search(n):
        return Direction.NEGATIVE
    return None
