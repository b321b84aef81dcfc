"""Column roles from header text, as data: the vocabulary in ``vocabulary.yaml``.

A header cell's role is found by one mechanism for every template: its text is normalised
(NFKC, traditional → simplified, no whitespace, no bracketed remark such as （%） or (A)) and
takes the role of the longest vocabulary label it equals or contains. Users extend the
vocabulary with their own YAML file (``--templates``), read through ``use_templates``; nothing
here names a unit, a region's form or a line of any file.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Hashable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from jixiao.read._clean import strip_points
from jixiao.read._errors import ReadError

__all__ = [
    "INDICATOR_VALUE_ROLES",
    "Bound",
    "Schema",
    "Vocabulary",
    "budget_role",
    "budget_schema",
    "field_of",
    "indicator_schema",
    "label_key",
    "label_keys",
    "simplified",
    "use_templates",
    "vocabulary",
]


class Vocabulary(BaseModel):
    """The header vocabulary; unknown keys are an error so a typo in a user file is caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    indicator_columns: dict[str, list[str]]
    group_labels: list[str] = []
    budget_columns: dict[str, list[str]]
    budget_labels: list[str] = []
    budget_total_rows: list[str] = []
    header_fields: dict[str, list[str]] = {}
    overall_target: list[str] = []
    overall_actual: list[str] = []
    text_fields: dict[str, list[str]] = {}
    level1_labels: list[str] = []
    level2_labels: list[str] = []
    unit_from_implementer: list[str] = []
    score_table_columns: list[str] = []

    def merged(self, other: dict[str, object]) -> Vocabulary:
        """This vocabulary with a user file's labels added (lists appended, roles checked)."""
        data = self.model_dump()
        for key, value in other.items():
            if key not in data:
                raise ValueError(f"未知的词表项“{key}”")
            if isinstance(data[key], dict):
                if not isinstance(value, dict):
                    raise ValueError(f"词表项“{key}”应为“角色: [标签…]”")
                for role, labels in value.items():
                    if role not in data[key] and key in ("indicator_columns", "budget_columns"):
                        raise ValueError(f"词表项“{key}”没有角色“{role}”")
                    data[key].setdefault(role, [])
                    data[key][role] = [*data[key][role], *_labels(labels, f"{key}.{role}")]
            else:
                data[key] = [*data[key], *_labels(value, key)]
        return Vocabulary.model_validate(data)


def _labels(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"词表项“{where}”应为文字列表")
    return list(value)


@lru_cache(maxsize=1)
def _builtin() -> Vocabulary:
    text = resources.files("jixiao.read").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    return Vocabulary.model_validate(yaml.safe_load(text))


_ACTIVE: ContextVar[Vocabulary | None] = ContextVar("jixiao_vocabulary", default=None)


TEMPLATES_ENV = "JIXIAO_TEMPLATES"
_env_files: list[str | None] = [os.environ.get(TEMPLATES_ENV)]  # read once: vocabulary() is hot


def set_template_files(paths: list[str]) -> None:
    """Put user vocabulary files in force for this process and the workers it starts."""
    value = os.pathsep.join(paths)
    os.environ[TEMPLATES_ENV] = value
    _env_files[0] = value or None


def vocabulary() -> Vocabulary:
    """The vocabulary in force: ``use_templates`` files, else the files named by
    ``$JIXIAO_TEMPLATES`` (so worker processes read alike), else the built-in one."""
    active = _ACTIVE.get()
    if active is not None:
        return active
    files = _env_files[0]
    return _from_env(files) if files else _builtin()


@lru_cache(maxsize=4)
def _from_env(files: str) -> Vocabulary:
    vocab = _builtin()
    for p in files.split(os.pathsep):
        if p:
            extended = load_templates(p)
            vocab = extended if vocab is _builtin() else vocab.merged(_user_data(extended))
    return vocab


def load_templates(path: str | Path) -> Vocabulary:
    """The built-in vocabulary extended by a user's YAML file; ``ReadError`` names the problem."""
    p = Path(path)
    if not p.is_file():
        raise ReadError(str(p), "模板词表文件不存在")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise ReadError(str(p), f"无法打开模板词表文件（{e.strerror or e}）") from e
    except yaml.YAMLError as e:
        raise ReadError(str(p), f"模板词表文件不是有效的 YAML（{e}）") from e
    if not isinstance(data, dict):
        raise ReadError(str(p), "模板词表文件应为“词表项: …”的映射")
    try:
        return _builtin().merged(data)
    except (ValueError, ValidationError) as e:
        raise ReadError(str(p), f"模板词表文件有误：{e}") from e


@contextlib.contextmanager
def use_templates(*paths: str | Path) -> Iterator[Vocabulary]:
    """Read with the built-in vocabulary extended by the files ``paths`` inside the block."""
    vocab = _builtin()
    for p in paths:
        extended = load_templates(p)
        vocab = extended if vocab is _builtin() else vocab.merged(_user_data(extended))
    token = _ACTIVE.set(vocab)
    try:
        yield vocab
    finally:
        _ACTIVE.reset(token)


def _user_data(extended: Vocabulary) -> dict[str, object]:
    """What a user file added to the built-in vocabulary (to stack several files)."""
    base = _builtin().model_dump()
    out: dict[str, object] = {}
    for key, value in extended.model_dump().items():
        if isinstance(value, dict):
            added = {r: v[len(base[key].get(r, [])) :] for r, v in value.items()}
            out[key] = {r: v for r, v in added.items() if v}
        else:
            out[key] = value[len(base[key]) :]
    return out


# ------------------------------------------------------------------ normalising labels


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return None
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t():  # type: ignore[no-untyped-def]
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return None
    return opencc.OpenCC("s2t")


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """Traditional characters converted to simplified, character for character (same length)."""
    if not text or text.isascii():
        return text
    conv = _t2s()
    if conv is None:
        return text
    out = conv.convert(text)
    if len(out) != len(text):  # a phrase conversion changed the length: convert char by char
        out = "".join(conv.convert(ch) for ch in text)
    return out


_REMARK = re.compile(r"[（(][^()（）]{0,12}[)）]")
_WS = re.compile(r"\s+")
# A column reference printed after a label (年初预算数①, 全年预算数④=①+②+③, 支出实现率⑥=⑤/④):
# circled digits and the formula joining them are a remark, not part of the label.
_CIRCLED = "\u2460-\u2473\u2474-\u2487\u2776-\u2793"
_COLUMN_REF = re.compile(rf"[{_CIRCLED}](?:[\s=＝+＋\-－/／×*÷()（）]*[{_CIRCLED}])*")
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """A header label as compared: NFKC, simplified, no spaces, no remarks, no colon or ★."""
    t = _WS.sub("", unicodedata.normalize("NFKC", _COLUMN_REF.sub("", simplified(text))))
    t = _PINYIN.sub("", t)
    t = _REMARK.sub("", t)
    return t.strip(":：★*").replace("（", "").replace("）", "")


def _index(table: str) -> tuple[tuple[str, str], ...]:
    """(label, role) pairs of one vocabulary table, longest label first."""
    return _index_of(id(vocabulary()), table)


@lru_cache(maxsize=32)
def _index_of(_: int, table: str) -> tuple[tuple[str, str], ...]:
    v = vocabulary()
    src: dict[str, list[str]] = getattr(v, table)
    pairs = [(label_key(lab), role) for role, labels in src.items() for lab in labels]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def label_keys(tables: tuple[str, ...]) -> frozenset[str]:
    """Every label key of some role tables of the vocabulary in force (for near matches)."""
    return frozenset(label for table in tables for label, _role in _index(table))


def _keys(table: str) -> frozenset[str]:
    """The label keys of one vocabulary list (computed once per vocabulary)."""
    return _keys_of(id(vocabulary()), table)


@lru_cache(maxsize=32)
def _keys_of(_: int, table: str) -> frozenset[str]:
    return frozenset(label_key(x) for x in getattr(vocabulary(), table))


MEMO_LIMIT = 65536  # distinct cell texts remembered per table; then the memo starts again
_MEMOS: dict[int, tuple[Vocabulary, dict[Hashable, dict[Any, Any]]]] = {}


def vocab_memo(name: Hashable) -> dict[Any, Any]:
    """A memo named ``name`` for answers that depend on the vocabulary in force (one per
    vocabulary, so a user file never sees the built-in answers); cleared at ``MEMO_LIMIT``."""
    v = vocabulary()
    entry = _MEMOS.get(id(v))
    if entry is None or entry[0] is not v:
        entry = _MEMOS[id(v)] = (v, {})
    memo = entry[1].get(name)
    if memo is None:
        memo = entry[1][name] = {}
    elif len(memo) >= MEMO_LIMIT:
        memo.clear()
    return memo


def role_memo(table: str, exact: bool = False) -> dict[str, str | None]:
    """The roles already found for cell texts in one table of the vocabulary in force.

    Rows are classified many times over (is it a budget header, an indicator header, a
    second header row …) and most cell texts recur (labels, 是/否, ≥95%), so each distinct
    text is looked up in the vocabulary once; row-level callers fetch this dict once and
    read it per cell (``role_in``). Bounded: cleared when it holds ``MEMO_LIMIT`` texts.
    """
    return vocab_memo((table, exact))


_MISSING = object()


def role_in(memo: dict[str, str | None], table: str, text: str, exact: bool = False) -> str | None:
    """``text``'s role read from ``memo`` (from ``role_memo(table, exact)``), found once."""
    try:
        return memo[text]
    except KeyError:
        role = memo[text] = _find_role(_index(table), text, exact)
        return role


def _role(table: str, text: str, exact: bool = False) -> str | None:
    return _role_of(id(vocabulary()), table, text, exact)  # one cell: the C-level cache is quicker


@lru_cache(maxsize=131072)
def _role_of(_: int, table: str, text: str, exact: bool) -> str | None:
    return _find_role(_index(table), text, exact)


def _find_role(index: tuple[tuple[str, str], ...], text: str, exact: bool) -> str | None:
    """The role of the first label (longest first) that is ``text``'s key or, unless ``exact``,
    is held in it. A label as long as the key is held in it only by being it, and a longer one
    never: so a label equal to the key is looked up, and only shorter ones are scanned."""
    key = label_key(text)
    if not key or len(key) > 24:
        return None
    first, shorter = _lookup(index)
    role = first.get(key)
    if role is not None or exact:
        return role
    for i in range(shorter.get(len(key), len(index)), len(index)):
        label, role = index[i]
        if len(label) >= 2 and label in key:
            return role
    return None


_LOOKUPS: dict[int, tuple[tuple[tuple[str, str], ...], dict[str, str], dict[int, int]]] = {}


def _lookup(index: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], dict[int, int]]:
    """For a label index: each label's first role, and for each key length the place where the
    labels shorter than it start (the index is sorted longest first). Made once per index."""
    entry = _LOOKUPS.get(id(index))
    if entry is None or entry[0] is not index:
        first: dict[str, str] = {}
        for label, role in index:
            first.setdefault(label, role)
        shorter = {
            n: next((i for i, (lab, _) in enumerate(index) if len(lab) < n), len(index)) for n in range(26)
        }
        if len(_LOOKUPS) >= 64:
            _LOOKUPS.clear()  # the indexes of vocabularies no longer in force
        entry = _LOOKUPS[id(index)] = (index, first, shorter)
    return entry[1], entry[2]


def column_role(text: str) -> str | None:
    """The indicator-table role a header cell names, or ``None``."""
    return _role("indicator_columns", text)


def budget_role(text: str) -> str | None:
    """The budget-block role a header cell names, or ``None``."""
    return _role("budget_columns", text)


def field_of(text: str) -> str | None:
    """The header field a label cell names (unit, project, supervisor …), exactly."""
    return _role("header_fields", text, exact=True)


def text_field_of(text: str) -> str | None:
    return _role("text_fields", text, exact=True)


def level_ranks(text: str) -> set[int]:
    """The levels a label can be: {0} 一级, {1} 二级, {0, 1} either (成本指标, 满意度指标)."""
    key = label_key(strip_points(text))
    out = set()
    if key in _keys("level1_labels"):
        out.add(0)
    if key in _keys("level2_labels"):
        out.add(1)
    return out


def is_group_label(text: str) -> bool:
    return label_key(text) in _groups(id(vocabulary()))


@lru_cache(maxsize=8)
def _groups(_: int) -> frozenset[str]:
    return frozenset(label_key(x) for x in vocabulary().group_labels)


def is_budget_label(text: str) -> bool:
    key = label_key(text)
    return key.startswith(_budget_label_keys(id(vocabulary())))  # one C-level test of them all


@lru_cache(maxsize=8)
def _budget_label_keys(_: int) -> tuple[str, ...]:
    return tuple(label_key(x) for x in vocabulary().budget_labels)


def is_score_table_column(text: str) -> bool:
    """A column of an evaluation score table (评分标准 …): such a table is not a form."""
    return label_key(text) in _score_table_keys(id(vocabulary()))


@lru_cache(maxsize=8)
def _score_table_keys(_: int) -> frozenset[str]:
    return frozenset(label_key(t) for t in vocabulary().score_table_columns)


def is_budget_total(text: str) -> bool:
    key = label_key(text)
    return key in _keys("budget_total_rows")


def is_unit_implementer(label: str) -> bool:
    """A header label naming the implementer that is the unit when no unit is printed."""
    return label_key(label) in _keys("unit_from_implementer")


def overall_role(text: str) -> str | None:
    return _overall_role(id(vocabulary()), text)


@lru_cache(maxsize=65536)
def _overall_role(_: int, text: str) -> str | None:
    key = label_key(text)
    if key in _keys("overall_actual"):
        return "actual"
    if key in _keys("overall_target"):
        return "target"
    return None


# ------------------------------------------------------------------ schemas

INDICATOR_VALUE_ROLES = frozenset(
    {
        "weight",
        "comparator",
        "target",
        "adjusted_target",
        "unit",
        "actual",
        "score",
        "coefficient",
        "audit_score",
        "deviation",
        "core",
        "basis",
        "value_note",
        "share",
        "converted_score",
        "prev2",
        "prev1",
        "note",
    }
)
LABEL_ROLES = ("goal", "level1", "level2", "name")


@dataclass
class Schema:
    """The role of every column of a table, by position (``None`` for an unnamed column)."""

    roles: list[str | None]
    labels: list[str] = field(default_factory=list)  # the header cells as printed

    def expand(self, cells: list[str], bound: Bound | None = None) -> bool:
        """A sparse second header row (``指标性质 | 指标值 | 度量单位`` with the covered cells
        dropped): the group column above (年度指标值) becomes one column per sub-label."""
        memo = role_memo("indicator_columns") if bound is None else bound.indicator
        sub: list[str] = []
        for c in cells:
            if c:
                r = role_in(memo, "indicator_columns", c)
                if r is None:
                    return False  # a data row: most end at their first cell
                sub.append(r)
        if len(sub) < 2 or {"name", "level1", "level2"} & set(sub):
            return False
        groups = [i for i, lab in enumerate(self.labels) if lab and is_group_label(lab)]
        if not groups:
            return False
        texts = [c for c in cells if c]
        # several groups (指标值 | 得分情况): each later one starts at the first sub-label of its
        # own role (得分情况 → 单项指标得分); else the first group takes them all
        starts = [0]
        for g in groups[1:]:
            nxt = next((j for j in range(starts[-1] + 1, len(sub)) if sub[j] == self.roles[g]), None)
            if nxt is None:
                break
            starts.append(nxt)
        ends = [*starts[1:], len(sub)]
        for g, a, b in reversed(list(zip(groups, starts, ends, strict=False))):
            self.roles[g : g + 1] = sub[a:b]
            self.labels[g : g + 1] = texts[a:b]
        return True

    def position(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    @property
    def value_positions(self) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r in INDICATOR_VALUE_ROLES]

    @property
    def first_value(self) -> int:
        vp = self.value_positions
        return vp[0] if vp else len(self.roles)

    def refine(self, cells: list[str], bound: Bound | None = None) -> bool:
        """Merge a second header row (指标性质 | 指标值 | 度量单位 under 年度指标值): the lower
        label names its column. True if the row was a header row."""
        if bound is None:
            memo, groups = role_memo("indicator_columns"), _groups(id(vocabulary()))
        else:
            memo, groups = bound.indicator, bound.groups
        lower: list[str | None] = []
        for c in cells:
            r = memo.get(c, _MISSING) if c else None
            if r is _MISSING:
                r = role_in(memo, "indicator_columns", c)
            if c and r is None and label_key(c) not in groups:
                return False  # a data row: most rows end at their first cell
            lower.append(r)
        if not any(lower):
            return False
        width = max(len(self.roles), len(cells))
        roles = [*self.roles, *[None] * (width - len(self.roles))]
        for i, r in enumerate(lower):
            if r:
                roles[i] = r
        # a group label spanning columns left unnamed: the covered columns take the sub-labels
        self.roles = roles
        return True


class Bound:
    """The vocabulary in force and the memos a row's tests read, fetched once (per form
    builder) instead of once per call: a row is asked many questions, each used to look the
    vocabulary and its memos up again."""

    __slots__ = ("budget", "fits", "groups", "indicator", "memo", "vocab")

    def __init__(self) -> None:
        self.vocab = vocabulary()
        self.indicator = role_memo("indicator_columns")
        self.budget = role_memo("budget_columns")
        self.groups = _groups(id(self.vocab))
        self.fits: dict[tuple[str | None, str], float] = vocab_memo("fit")
        self.memo = vocab_memo  # further memos of the same vocabulary, by name


_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
_RELATIVE = {0: "当年", 1: "上年", 2: "前年"}


def relative_years(cells: list[str]) -> list[str]:
    """Header cells that name their column by a year (2023年实现值 | 2024年实现值 | 预计2025年实现值)
    with the year said relative to the header's latest one, as the vocabulary names such columns
    (前年实现值 | 上年实现值 | 预计当年实现值). A cell is rewritten only when it names no role as
    printed and names one so: the role comes from the label, the year only says which."""
    years = [int(m.group(1)) for c in cells if c and (m := _YEAR.search(c)) and column_role(c) is None]
    if not years:
        return cells
    top = max(years)
    out = []
    for c in cells:
        m = _YEAR.search(c) if c else None
        rel = _RELATIVE.get(top - int(m.group(1))) if m else None
        if m and rel and column_role(c) is None:
            new = c[: m.start()] + rel + c[m.end() :]
            if column_role(new) is not None:
                out.append(new)
                continue
        out.append(c)
    return out


def names_by_year(cell: str) -> bool:
    """A header cell naming its column by a year (``relative_years`` gives it a role)."""
    m = _YEAR.search(cell)
    return m is not None and any(
        column_role(cell[: m.start()] + rel + cell[m.end() :]) is not None for rel in _RELATIVE.values()
    )


def indicator_schema(cells: list[str], bound: Bound | None = None) -> Schema | None:
    """The schema of an indicator table header row, or ``None`` if the row is not one.

    A header names an indicator (一级/二级/三级 or 指标名称) and at least one value column
    (指标值, 实际完成值, 得分 …); every other non-empty cell must be a vocabulary label too
    (a data row carrying one label-like word is not a header). Columns named by a year are read
    as the vocabulary's relative ones (``relative_years``). ``bound``: the memos to read.
    """
    schema = _indicator_schema(cells, bound)
    if not any(c and "年" in c and _YEAR.search(c) for c in cells):  # 年 first: a C-level test
        return schema
    if schema is None or None in schema.roles:
        named = relative_years(cells)
        if named != cells:
            again = _indicator_schema(named, bound)
            if again is not None:
                schema = Schema(again.roles, list(cells))
    if schema is not None:
        _past_years(cells, schema.roles)
    return schema


def _past_years(cells: list[str], roles: list[str | None]) -> None:
    """A target or actual column of a year before the header's latest is that year's history
    (2022年实际值 | 2023年实际值 | 2024年目标值: 前年, 上年, then the target)."""
    years = {i: int(m.group(1)) for i, c in enumerate(cells) if c and (m := _YEAR.search(c))}
    if len(set(years.values())) < 2:
        return
    top = max(years.values())
    for i, year in years.items():
        if roles[i] in ("target", "actual") and top - year in (1, 2):
            roles[i] = "prev1" if top - year == 1 else "prev2"


def _indicator_schema(cells: list[str], bound: Bound | None = None) -> Schema | None:
    if bound is None:
        groups, memo = _groups(id(vocabulary())), role_memo("indicator_columns")
    else:
        groups, memo = bound.groups, bound.indicator
    roles: list[str | None] = []
    unknown = 0
    for c in cells:
        r = memo.get(c, _MISSING) if c else None
        if r is _MISSING:
            r = role_in(memo, "indicator_columns", c)
        if c and r is None:
            unknown += label_key(c) not in groups
            if unknown > 1:
                return None  # a data row, not a header: most rows end here
        roles.append(r)
    names = {"level1", "level2", "name"} & set(roles)
    values = INDICATOR_VALUE_ROLES & set(roles)
    if not names or not values or unknown > 1:
        return None
    if "name" not in names and not ({"level1", "level2"} <= names or "level2" in names):
        return None
    # a group label (年度指标值 over three sub-columns) keeps the target role until refined
    for i, c in enumerate(cells):
        if roles[i] is None and c and is_group_label(c):
            roles[i] = column_role(c)
    return Schema(roles, list(cells))


def budget_schema(cells: list[str], bound: Bound | None = None) -> Schema | None:
    """The schema of a budget header row: at least a budget and an executed column."""
    memo = role_memo("budget_columns") if bound is None else bound.budget
    roles: list[str | None] = []
    for c in cells:
        r = memo.get(c, _MISSING) if c else None
        roles.append(role_in(memo, "budget_columns", c) if r is _MISSING else r)  # type: ignore[arg-type]
    found = set(roles)
    if not (
        {"planned", "executed"} <= found or {"planned", "rate"} <= found or {"executed", "rate"} <= found
    ):
        return None
    return Schema(roles)
