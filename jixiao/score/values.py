"""Printed target and actual values (年初目标值 / 实际完成值) as typed values, and their comparison.

A form prints "≥95%", "2-4个", "约30项", "2021.11.30前", "达成上级确定的任务量" or a whole
sentence. ``parse_value`` turns such a cell into a ``Value``; ``compare`` says whether the
actual meets the target (met / partly / not_met / unknown) with the ratio the scoring
formulas use (B/A for positive, A/B for negative indicators) and a Chinese reason.

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

__all__ = [
    "Comparison",
    "Direction",
    "Outcome",
    "Value",
    "ValueKind",
    "compare",
    "compare_texts",
    "direction_from_name",
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


# --- lexicon -------------------------------------------------------------------------------

_MONEY_UNITS = ("元", "美元")
# Count units, longest first so "人次" wins over "人".
_COUNT_UNITS = sorted(
    [
        "个",
        "次",
        "家",
        "人",
        "天",
        "小时",
        "月",
        "份",
        "场",
        "项",
        "批",
        "卷",
        "笔",
        "条",
        "篇",
        "辆",
        "人次",
        "家次",
        "户",
        "名",
        "支",
        "处",
        "起",
        "期",
        "台",
        "件",
        "张",
        "种",
        "场次",
        "套",
        "本",
        "所",
        "位",
        "岗",
        "间",
        "栋",
        "座",
        "亩",
        "册",
        "吨",
        "公里",
        "千米",
        "米",
        "平方米",
        "m²",
        "㎡",
        "万人次",
        "课时",
        "学时",
        "周",
        "年",
        "分钟",
        "秒",
        "例",
        "宗",
        "单",
        "轮",
        "家/次",
        "个月",
        "个工作日",
        "工作日",
        "版",
        "组",
        "门",
        "颗",
        "株",
        "棵",
        "头",
        "只",
        "块",
        "项次",
        "批次",
        "人/次",
        "页",
        "字",
        "部",
        "集",
        "点",
        "站",
        "村",
        "街",
        "校",
        "辆次",
        "车次",
        "趟",
        "架次",
        "班",
        "季度",
    ],
    key=len,
    reverse=True,
)
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

_PREFIX_COMPARATORS = [
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("大于等于", ">="),
    ("至少", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    ("不大于", "<="),
    ("小于等于", "<="),
    ("最多", "<="),
    ("低于", "<"),
    ("小于", "<"),
    ("少于", "<"),
    ("高于", ">"),
    ("大于", ">"),
    ("超过", ">"),
    ("多于", ">"),
    ("≥", ">="),
    (">=", ">="),
    ("≧", ">="),
    ("≤", "<="),
    ("<=", "<="),
    ("≦", "<="),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
    ("约", "~"),
    ("大约", "~"),
]
_SUFFIX_COMPARATORS = [
    ("及以上", ">="),
    ("以上", ">="),
    ("或以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
    ("或以下", "<="),
    ("以内", "<="),
    ("之内", "<="),
    ("内", "<="),
    ("左右", "~"),
    ("前", "<="),
]
# Noise around a value: "目标值100%", "100%/年", "≥4 次/年·辆".
_NOISE_PREFIXES = ("目标值为", "目标值", "目标为", "达到", "实现", "完成", "累计", "全年", "年度", "共")
_PER_SUFFIX = re.compile(r"(?:/|每)(?:年|月|季|季度|周|日|天|次)(?:[·・.][\u4e00-\u9fff]+)?$")

_HAS_DIGIT = re.compile(r"\d")
_TAGS_AND_SPACE = re.compile(r"<[^>]+>|\s+")
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
_SIGNED = rf"-?(?:{_NUM})"
_SIGNED_RE = re.compile(_SIGNED)
_CN_NUM = r"[零〇一二两三四五六七八九十百千]+"

# Qualitative vocabulary. Negations are checked first: "未达成" contains "达成".
# A negated actual: "未达成…" at the start, or a failing word inside ("任务未完成") that is not
# itself negated ("无不合格产品") nor names a measure ("不合格率").
_NEGATED_START = re.compile(
    r"^(?:未|没有|没|无法|不能|尚未)(?:能|有)?(?:全面|完全|按时|如期|按期)?"
    r"(?:达成|完成|达到|实现|开展|建立|成立|落实|执行|通过|获得|取得|合格|达标|到位|提升|提高)"
)
_NEGATED_INSIDE = re.compile(
    r"未达成|未完成|未达到|未实现|不合格|不达标|未达标|未通过|未开展|未落实|较差|很差|不及时|无效|不具有|不可持续"
)
_NEGATION_CANCELLED_BEFORE = (
    "无",
    "没有",
    "零",
    "杜绝",
    "避免",
    "防止",
    "减少",
    "不存在",
    "未出现",
    "未发生",
)
_NEGATION_MEASURE_AFTER = ("率", "数", "次", "件", "起", "的情况", "现象", "问题")
_PARTLY = re.compile(r"部分(?:达成|完成|实现|达到|落实|开展)")
_MET_WORDS = {
    "达成",
    "已达成",
    "完成",
    "已完成",
    "全部完成",
    "全面完成",
    "按时完成",
    "圆满完成",
    "超额完成",
    "达到",
    "已达到",
    "达到预期",
    "达到预期目标",
    "达到预期效果",
    "达成预期",
    "达成预期目标",
    "达成预期指标",
    "达到预期指标",
    "实现",
    "已实现",
    "实现预期目标",
    "良好",
    "优秀",
    "优",
    "好",
    "及时",
    "有效",
    "具有",
    "可持续",
    "合格",
    "质量合格",
    "达标",
    "是",
    "稳定",
    "正常",
    "正常开展",
    "开展",
    "已开展",
    "建立",
    "已建立",
    "成立",
    "已成立",
    "实行",
    "已实行",
    "落实",
    "已落实",
    "提高",
    "提升",
    "明显提升",
    "显著提升",
    "加强",
    "优化",
    "降低",
    "有效化解",
    "满意",
    "符合",
    "符合要求",
    "到位",
}
_DATE_END = re.compile(r"^(\d{4})\s*年\s*(?:(\d{1,2})\s*月)?\s*(?:底|末|月底|月末)$")
_DATE_FULL = re.compile(r"^(\d{4})\s*[.．/\-年]\s*(\d{1,2})(?:\s*[.．/\-月]\s*(\d{1,2})\s*日?)?\s*月?$")
_REFERENCE = re.compile(r"^\d{4}\s*年(?:度)?.*(?:天数|工作日|值班天数|日数)$|^(?:法定)?工作日(?:天数)?$")

# Strong: the name measures something bad. Weak: a bad word that an activity (演练, 排查) may turn round.
_NEGATIVE_STRONG = re.compile(
    r"发生率|发生次数|发生数|发生起数|投诉率|投诉量|投诉数|投诉件|偏差率|偏离度|缺漏率|差错率|错误率|失误率|故障率|返工率|"
    r"耗时|用时|时长|处理时间|响应时间|平均时效|超支率|超标率|不合格率|失败率|空置率|流失率|死亡率|感染率|发病率|"
    r"漏报率|误报率|闲置率|损耗率|新发案件"
)
_NEGATIVE_NAME = re.compile(r"事故|违规|违纪|案件数|逾期|延误|拖欠|成本(?!节约|节省|降低)")
_POSITIVE_OVERRIDE = re.compile(
    r"节约|节省|下降率|降低率|减少率|压减率|化解率|办结率|处理率|整改率|结案率|及时率|完成率|"
    r"演练|培训|宣传|检查|排查|督查|巡查|处置|救援|预案|防范"
)


# --- parsing -------------------------------------------------------------------------------


def _normalise(text: str) -> str:
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
    s = _normalise(text)
    if _SIGNED_RE.fullmatch(s):
        return float(s.replace(",", ""))
    return _cn_number(s)


_RANK_RE = re.compile(rf"(?:全市|全省|全区|全国)?(?:排名)?(前|第)({_NUM}|{_CN_NUM})名?")
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
        return {"名": "人", "人/次": "人次", "家/次": "家次", "个工作日": "天", "工作日": "天"}.get(
            rest, rest
        )
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


_DECREASE = ("下降", "减少", "降低", "减幅", "下滑")
_CHANGE = re.compile(
    r"(增长|增加|提高|上升|增幅|下降|减少|降低|减幅|下滑)了?(\d+(?:\.\d+)?)%(以上|以下|以内)?"
)


def _negated(s: str) -> bool:
    if s == "差" or _NEGATED_START.match(s):
        return True
    if _HAS_DIGIT.search(s):
        return False
    for m in _NEGATED_INSIDE.finditer(s):
        before, after = s[: m.start()], s[m.end() :]
        if before.endswith(_NEGATION_CANCELLED_BEFORE) or after.startswith(_NEGATION_MEASURE_AFTER):
            continue
        return True
    return False


def _level_of(s: str) -> Outcome | None:
    if _negated(s):
        return Outcome.NOT_MET
    if _PARTLY.search(s):
        return Outcome.PARTLY
    bare = s.removeprefix("已")
    if s in _MET_WORDS or bare in _MET_WORDS:
        return Outcome.MET
    if re.fullmatch(
        r"(?:已|均已|全部|已全部|按时|按期|如期)?(?:达成|完成|达到|实现)(?:预期|预定|既定|年度)?(?:目标|指标|效果|任务)?",
        s,
    ):
        return Outcome.MET
    return None


@lru_cache(maxsize=16384)
def parse_value(text: str | None) -> Value:
    """Parse one printed target or actual cell (memoised: forms repeat the same cells)."""
    if text is None:
        return Value("", ValueKind.EMPTY)
    s = _normalise(text)
    if s in ("", "/", "-", "—", "无", "——", "空"):
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
    n = _normalise(name)
    if _NEGATIVE_STRONG.search(n):
        return Direction.NEGATIVE
    if _POSITIVE_OVERRIDE.search(n):
        return Direction.POSITIVE
    if _NEGATIVE_NAME.search(n):
        return Direction.NEGATIVE
    return None


# --- comparison ----------------------------------------------------------------------------


def _fmt(v: Value) -> str:
    return _normalise(v.text)


def _same_text(a: str, b: str) -> bool:
    na, nb = _normalise(a), _normalise(b)
    return na == nb or na.removeprefix("已") == nb.removeprefix("已")


def _units_agree(t: Value, a: Value) -> tuple[bool, bool]:
    """(comparable, clearly_incomparable)."""
    ft, fa = t.family, a.family
    if ft == fa:
        if ft == "count" and t.unit != a.unit:
            return False, False  # 户 vs 人: different things, but say nothing
        return True, False
    pair = {ft, fa}
    if pair == {"rate", "permille"}:
        return False, True
    if "rate" in pair and ("count" in pair or any(f.startswith("money") for f in pair)):
        return False, True
    if "" in pair and not ({"rate", "permille"} & pair):
        return True, False  # "90家/年" vs "92": the unit is left off the actual
    return False, False


def compare(
    target: Value | str | None, actual: Value | str | None, indicator_name: str | None = None
) -> Comparison:
    """Does the actual meet the target? Direction from the comparator, else from the indicator's name."""
    t = target if isinstance(target, Value) else parse_value(target)
    a = actual if isinstance(actual, Value) else parse_value(actual)
    if a.kind is ValueKind.EMPTY:
        return Comparison(Outcome.UNKNOWN, None, "未填写实际完成值")
    if t.kind is ValueKind.EMPTY:
        return Comparison(Outcome.UNKNOWN, None, "未填写目标值")
    # Qualitative: a negated or partial actual speaks for itself.
    if a.kind is ValueKind.LEVEL and a.level in (Outcome.NOT_MET, Outcome.PARTLY):
        word = "未达成" if a.level is Outcome.NOT_MET else "部分达成"
        return Comparison(a.level, None, f"实际“{_fmt(a)}”为{word}")
    if t.kind in (ValueKind.NUMBER, ValueKind.RANGE) and a.kind in (ValueKind.NUMBER, ValueKind.RANGE):
        return _compare_numbers(t, a, indicator_name)
    if t.kind is ValueKind.DATE and a.kind is ValueKind.DATE:
        return _compare_dates(t, a)
    if _same_text(t.text, a.text):
        return Comparison(Outcome.MET, 1.0, "实际与目标一致")
    partly = _partly_prefix(t, a)
    if partly:
        return Comparison(Outcome.PARTLY, None, f"实际“{_fmt(a)}”为部分达成（“{partly}”）")
    if a.kind is ValueKind.LEVEL and a.level is Outcome.MET and t.kind in (ValueKind.LEVEL, ValueKind.TEXT):
        return Comparison(Outcome.MET, 1.0, f"实际“{_fmt(a)}”表明目标已达成")
    if t.kind is ValueKind.REFERENCE:
        return Comparison(Outcome.UNKNOWN, None, f"目标“{_fmt(t)}”未给出具体数值，无法比较")
    return Comparison(Outcome.UNKNOWN, None, "目标与实际无法直接比较")


_PARTLY_PREFIXES = ("基本", "部分")


def _partly_prefix(t: Value, a: Value) -> str | None:
    """A qualitative actual that qualifies its target with 基本/部分 (健全 → 基本健全) is 部分达成."""
    if t.kind not in (ValueKind.LEVEL, ValueKind.TEXT) or a.kind not in (ValueKind.LEVEL, ValueKind.TEXT):
        return None
    actual = _normalise(a.text)
    for prefix in _PARTLY_PREFIXES:
        if (
            actual.startswith(prefix)
            and not _normalise(t.text).startswith(prefix)
            and len(actual) > len(prefix)
        ):
            return prefix
    return None


def _compare_dates(t: Value, a: Value) -> Comparison:
    assert t.date is not None and a.date is not None
    tk = (t.date[0], t.date[1], t.date[2] or 31)
    ak = (a.date[0], a.date[1], a.date[2] or 1) if t.date[2] else (a.date[0], a.date[1], a.date[2] or 31)
    if t.comparator in (None, "=", "~") and t.date[2] == 0:
        ok = (a.date[0], a.date[1]) <= (t.date[0], t.date[1])
    else:
        ok = ak <= tk
    if ok:
        return Comparison(Outcome.MET, 1.0, "按期完成", quantitative=False)
    return Comparison(Outcome.NOT_MET, None, f"实际完成时间“{_fmt(a)}”晚于目标“{_fmt(t)}”")


def _compare_numbers(t: Value, a: Value, name: str | None) -> Comparison:
    comparable, incomparable = _units_agree(t, a)
    if not comparable:
        if incomparable:
            return Comparison(
                Outcome.UNKNOWN,
                None,
                f"目标“{_fmt(t)}”与实际“{_fmt(a)}”计量单位不同，无法比较",
                incomparable=True,
            )
        return Comparison(Outcome.UNKNOWN, None, f"目标“{_fmt(t)}”与实际“{_fmt(a)}”单位不一致")
    assert t.number is not None and a.number is not None
    # Direction: comparator first, then the indicator's meaning, then positive by default.
    certain = True
    if t.comparator in (">=", ">"):
        direction = Direction.POSITIVE
    elif t.comparator in ("<=", "<"):
        direction = Direction.NEGATIVE
    else:
        by_name = direction_from_name(name)
        if by_name is not None:
            direction = by_name
        else:
            direction = Direction.POSITIVE
            # Counts, rates, ranks and ranges read positively; a bare amount of money may be a cost.
            certain = not t.family.startswith("money")
    if t.unit == "名次":
        direction, certain = Direction.NEGATIVE, True
    actual = a.number
    if a.kind is ValueKind.RANGE and a.high is not None:
        actual = a.number if direction is Direction.POSITIVE else a.high
    if t.kind is ValueKind.RANGE and t.high is not None:
        lo, hi = t.number, t.high
        if direction is Direction.POSITIVE:
            return _ratio_outcome(actual / lo if lo > 0 else 1.0, direction, certain, t, a)
        return _ratio_outcome(hi / actual if actual > 0 else 1.0, direction, certain, t, a)
    target = t.number
    if direction is Direction.POSITIVE:
        ratio = (1.0 if actual >= target else 0.0) if target <= 0 else actual / target
    else:
        if actual <= 0:
            ratio = 1.0
        elif target <= 0:
            ratio = 0.0
        else:
            ratio = target / actual
    return _ratio_outcome(ratio, direction, certain, t, a)


def _ratio_outcome(ratio: float, direction: Direction, certain: bool, t: Value, a: Value) -> Comparison:
    ratio = max(round(ratio, 12), 0.0)
    if t.comparator == "~" and ratio >= 0.9:
        ratio = 1.0  # "约30项": within a tenth of an approximate target counts as met
    sense = "正向" if direction is Direction.POSITIVE else "反向"
    formula = "B/A" if direction is Direction.POSITIVE else "A/B"
    if ratio >= 1:
        return Comparison(
            Outcome.MET, ratio, f"{sense}指标，实际“{_fmt(a)}”达到目标“{_fmt(t)}”", direction, certain, True
        )
    outcome = Outcome.NOT_MET if ratio <= 0 else Outcome.PARTLY
    reason = f"{sense}指标，实际“{_fmt(a)}”未达到目标“{_fmt(t)}”，{formula}={ratio:.2%}"
    return Comparison(outcome, ratio, reason, direction, certain, True)


@lru_cache(maxsize=8192)
def compare_texts(target: str | None, actual: str | None, indicator_name: str | None = None) -> Comparison:
    """``compare`` on printed strings, memoised: forms repeat the same cells many times."""
    return compare(target, actual, indicator_name)
