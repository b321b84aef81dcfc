"""The vocabulary of performance forms' header cells and labels.

Structural words every template prints (一级指标, 年初目标值, 得分, 单位名称 …) and the
closed national vocabulary of 一级 indicators; never the names of units or projects.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.read._clean import compact, split_weight
from jixiao.read._grid import Row
from jixiao.read._headers import column_role, field_of, simplified, vocabulary

LEVEL1 = re.compile(r"^(产出|效益|满意度?|成本)(指标?|度指标)?$")

LEVELISH = re.compile(r"(指标|效益|满意度|指)\d*$")

GOAL_NUMBERED = re.compile(
    r"^(?P<label>(?:项目)?(?:年度|长期|中期)(?:绩效)?(?:总体)?目标[0-9一二三四五六七八九十]+)[:：]?(?P<rest>.*)$"
)

GOAL_GENERIC = re.compile(r"^(?:项目|部门|整体)?(?:年度|长期|中期)?(?:绩效)?(?:目标|指标)$")

FIELD_DEVIATION = re.compile(r"^偏差")

FIELD_IMPROVEMENT = re.compile(r"^(改进措施|结果应用)")

TOTAL = re.compile(r"^(总分|合计|总计|自评得分|综合得分|自评总分)[:：]?")

NOTES = re.compile(r"^(?:备注[:：]?|注[:：]|填报说明[:：]?)")  # notes under a table, never a row of it


def notes_rest(text: str) -> str | None:
    """The text after a notes label (备注：, 備註, 注：) as printed, or ``None`` if ``text`` opens
    no notes; the label is looked for in simplified characters (same length: positions hold)."""
    t = text.strip()
    m = NOTES.match(simplified(t))
    return t[m.end() :].strip() if m else None

DOTS = re.compile(r"^[.·…。\s]+$")

EMPTY_MARKS = {"无", "/", "-", "—", "——", "／", "…", "......", "……"}

# header cell → value role of indicator tables
ROLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("basis", re.compile(r"确定依据|依据$")),
    ("deviation", re.compile(r"偏差原因|原因分析")),
    ("actual", re.compile(r"实际完成|实际值|完成值|实际")),
    ("weight", re.compile(r"^分值|^权重|^指标分值")),
    ("score", re.compile(r"得分$|^得分")),
    ("prev2", re.compile(r"^前年")),
    ("prev1", re.compile(r"^上年")),
    ("history", re.compile(r"^近[两二三]年")),
    ("target", re.compile(r"目标值|指标值|预期当年|预计当年|当年实现|预期目标|计划值|年度指标")),
    ("note", re.compile(r"^备注$")),
]

NAME_HEADER = re.compile(r"^(三级指|指标名称|指标内容|绩效指标名称|三级)")

HEADER_WORD = re.compile(
    r"^(一级指|二级指|三级指|指标名称|指标内容|目标名称|名称$|年初目标值|年初指标值|年度指标值|预期当年|预计当年|实际完成值|"
    r"得分$|分值$|权重$|前年$|上年$|近[两二三]年|指标值|目标值|确定依据|指标值确定|依据$|备注$|完成值$|\(A\)|\(B\))"
)

HEAD_KEYS = (
    "部门（单位）名称",
    "部门(单位)名称",
    "单位名称",
    "部门名称",
    "填报日期",
    "自评得分",
    "总分",
    "项目名称",
    "主管部门",
    "项目主管部门",
    "项目实施单位",
    "项目执行单位",
    "实施单位",
    "填报人",
    "联系电话",
    "填报单位",
)


def head_line() -> re.Pattern[str]:
    """ "label：value" pairs on a line, for every header-field label of the vocabulary."""
    return _head_line(id(vocabulary()))


@lru_cache(maxsize=8)
def _head_line(_: int) -> re.Pattern[str]:
    labels = sorted({x for xs in vocabulary().header_fields.values() for x in xs}, key=len, reverse=True)
    alts = "|".join(re.escape(x).replace("（", "[（(]").replace("）", "[)）]") for x in labels)
    return re.compile(rf"(?P<key>{alts})\s*(?:[（(][^)）]{{0,6}}[)）])?\s*[:：]")


def head_key(text: str) -> str | None:
    """The header field a label cell names: exact, without a bracketed remark, or a known
    label followed by a qualifier (主管部门及代码 → 主管部门)."""
    return _head_key(id(vocabulary()), text)


@lru_cache(maxsize=65536)
def _head_key(_: int, text: str) -> str | None:
    c = compact(simplified(text)).rstrip(":：")
    if field_of(c) is not None:
        return c
    if c in HEAD_KEYS:
        return c
    bare = re.sub(r"[（(][^()（）]*[)）]", "", c)  # bounded: linear on a run of brackets
    if bare in HEAD_KEYS:
        return bare
    if len(c) <= 12:
        for key in HEAD_KEYS:
            if c.startswith(key) and re.fullmatch(
                r"(及|和)?(代码|编码|名称|全称)?(（盖章）|\(盖章\))?", c[len(key) :]
            ):
                return key
    return None


def is_head_key(text: str) -> bool:
    return head_key(text) is not None


def role_of(c: str) -> str | None:
    if NAME_HEADER.match(c) or c.startswith(("一级指", "二级指")):
        return None
    role = column_role(c)
    if role in ("goal", "level1", "level2", "name"):
        return None
    if role is not None:
        return {"converted_score": "score", "audit_score": "note"}.get(role, role)
    for role, pattern in ROLE_PATTERNS:
        if pattern.search(c):
            return role
    return None


def is_indicator_header(row: Row) -> bool:
    raw = "".join(row.cells)
    if "级" not in raw and "級" not in raw and "指" not in raw:
        return False  # a data row: spared the traditional → simplified conversion of its text
    joined = simplified(raw)
    if "级" not in joined and "指标名称" not in joined and "指标内容" not in joined:
        return False
    cs = [compact(simplified(split_weight(t)[0])) for t in row.texts]
    has1 = any(c.startswith("一级指") for c in cs)
    has2 = any(c.startswith("二级指") for c in cs)
    has3 = any(NAME_HEADER.match(c) for c in cs)
    return (has1 and (has2 or has3)) or (has2 and has3)


@lru_cache(maxsize=65536)
def is_level1(text: str) -> bool:
    return bool(LEVEL1.match(compact(split_weight(text)[0])))


@lru_cache(maxsize=65536)
def is_level1_strict(text: str) -> bool:
    c = compact(split_weight(text)[0])
    return c in ("产出指标", "效益指标", "满意度指标", "成本指标")


@lru_cache(maxsize=65536)
def looks_level(text: str) -> bool:
    c = compact(split_weight(text)[0])
    return bool(LEVEL1.match(c) or (LEVELISH.search(c) and len(c) <= 16))


VALUE_LIKE = re.compile(r"[\d%‰≥≤<>=＞＜]")

VALUE_NAME = re.compile(r"^([≥≤<>=＞＜].*|\d+(\.\d+)?[%‰]?[个次人家天份项件场卷期批条篇辆台户名]?)$")


def value_like(text: str) -> bool:
    return bool(VALUE_LIKE.search(text))


@lru_cache(maxsize=65536)
def label_of(text: str) -> str:
    """A label cell without its printed weight, compacted: ``"产出 指标 (7分)"`` → ``"产出指标"``."""
    return compact(split_weight(text)[0])


# The period a generic goal label may print after itself: 中期目标（2024年—2026年）.
_GOAL_PERIOD = re.compile(r"[（(]\d{4}年?[—―\-－~～至到]+\d{4}年?[)）]$")

_GOAL_TERM = re.compile(r"^(?:项目|部门|整体)?(年度|长期|中期)")


@lru_cache(maxsize=65536)
def goal_key(text: str) -> str:
    """A goal label as compared: without its weight, in simplified characters (目標 → 目标),
    and a generic label without the period it prints (中期目标（2024年—2026年） → 中期目标)."""
    c = simplified(label_of(text))
    bare = _GOAL_PERIOD.sub("", c)
    return bare if bare != c and GOAL_GENERIC.match(bare) else c


def goal_term(text: str) -> str | None:
    """The term word a goal label starts with (年度, 长期, 中期), in simplified characters."""
    m = _GOAL_TERM.match(goal_key(text))
    return m.group(1) if m else None


@lru_cache(maxsize=65536)
def is_goal_label(text: str) -> bool:
    """A goal's label in the goal column: 年度目标1, 长期绩效目标 2, or a generic 年度绩效指标,
    in either script."""
    c = goal_key(text)
    return bool(GOAL_NUMBERED.match(c)) or (bool(GOAL_GENERIC.match(c)) and not is_level1(c))
