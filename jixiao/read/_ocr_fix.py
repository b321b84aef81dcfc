"""Repairs of OCR confusions, only where the cell's role makes them certain.

A role comes from the table's header row, named by the same header vocabulary the form builder
uses (``vocabulary.yaml`` through ``_headers``): a score, weight or amount cell holds a number,
so letters inside it are misread digits ("IO" → 10) and a full stop between digits is the
decimal point; a 指标值 cell of a 正向 indicator (the row's 指标性质 or the header says so), or
a rate target above 100 %, that starts with "2" had a "≥" the recogniser read as 2 (templates
README §6). Everything else stays as read. Each repair returns its reason, and the reader
records it beside the cell.
"""

from __future__ import annotations

import re
import unicodedata

from jixiao.read._headers import (
    budget_role,
    budget_schema,
    column_role,
    indicator_schema,
    label_key,
    label_keys,
)

__all__ = [
    "Role",
    "comparator_repair",
    "header_roles",
    "is_positive",
    "label_repairs",
    "printed_marks",
    "repair",
    "sign_doubt",
    "sign_repair",
    "sub_header_roles",
]

Role = str  # score | weight | initial | planned | received | executed | rate | target | actual | comparator

# vocabulary roles → what a repair needs to know of the cell
_INDICATOR = {
    "weight": "weight",
    "score": "score",
    "audit_score": "score",
    "converted_score": "score",
    "target": "target",
    "adjusted_target": "target",
    "actual": "actual",
    "comparator": "comparator",
}
_BUDGET = {
    "initial": "initial",
    "planned": "planned",
    "received": "received",
    "executed": "executed",
    "weight": "weight",
    "score": "score",
    "rate": "rate",
}
_POINTS = ("score", "weight")  # cells of points: a number of at most 100
_AMOUNTS = ("initial", "planned", "received", "executed")  # the budget's 万元 / 元 figures
_NUMBER_ROLES = (*_POINTS, *_AMOUNTS)

_POSITIVE = re.compile(r"正向|≥|不低于|不少于|大于等于")

_LETTER_DIGITS = str.maketrans(
    {"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "D": "0", "Z": "2", "S": "5"}
)
_NUMBERISH = re.compile(r"^[0-9IlO|oDZS]+(?:\.[0-9IlO|oDZS]+)?$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_STOP_BETWEEN_DIGITS = re.compile(r"(?<=\d)[。．·,，](?=\d{1,2}$)|(?<=\d)[。．·](?=\d)")
_LEADING_TWO = re.compile(r"^2(\d+(?:\.\d+)?)(%|％)$")
_TWO_BEFORE = re.compile(r"^2(\d+(?:\.\d+)?)(\D.*)?$")
_W_BEFORE = re.compile(r"^W(\d)")


_CORNER = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
_CJK = re.compile(r"[\u4e00-\u9fff]")


def printed_marks(text: str) -> str:
    """Quotation marks as simplified-Chinese forms print them: the model writes “…” as "…" or
    「…」 at times. A mark of the model's alphabet, not of the form: not a repair, not reported."""
    if not _CJK.search(text):
        return text
    text = text.translate(_CORNER)
    if '"' not in text:
        return text
    out: list[str] = []
    opened = False  # a straight mark closes an open “ and opens one otherwise (“三公"经费 → “三公”)
    for ch in text:
        if ch == '"':
            ch = "”" if opened else "“"
        if ch in "“”":
            opened = ch == "“"
        out.append(ch)
    return text if opened else "".join(out)  # left open: the marks do not pair, keep them


def header_roles(texts: list[str]) -> list[Role] | None:
    """The role of each column if ``texts`` is a header row (indicator or budget), else ``None``.

    A header row is what the form builder takes for one (``indicator_schema`` /
    ``budget_schema``): a row of values that happens to hold one label word is not.
    """
    schema = indicator_schema(texts)
    table = _INDICATOR
    if schema is None:
        schema, table = budget_schema(texts), _BUDGET
    if schema is None:
        return None
    return [table.get(r or "", "") for r in schema.roles] + [""] * (len(texts) - len(schema.roles))


_UNSURE = 0.95  # a header cell read below this may hold a misread character (labels read whole: ≥ 0.95)
_LABEL_MIN = 4  # characters of a label a one-character misread is told from (three or more agree)


def _is_label(text: str) -> bool:
    return bool(column_role(text) or budget_role(text))


def label_repairs(texts: list[str], confs: list[float]) -> dict[int, tuple[str, str]]:
    """Header cells one character off a column label, as that label, with the reason, by column.

    Only in a row that names two columns or more (a header row), only a cell that is no label
    and was read unsure, and only when exactly one label of the vocabulary's column tables has
    its length and differs from it in one character ("实际究成值" → 实际完成值): a misread
    character in a header loses its column's role, and every value under it with it.
    """
    if sum(1 for t in texts if t and _is_label(t)) < 2:
        return {}
    out: dict[int, tuple[str, str]] = {}
    for col, (text, conf) in enumerate(zip(texts, confs, strict=False)):
        if not text or conf >= _UNSURE or _is_label(text):
            continue
        key = label_key(text)
        if len(key) < _LABEL_MIN:
            continue
        near = {
            label
            for label in label_keys(("indicator_columns", "budget_columns"))
            if len(label) == len(key) and sum(a != b for a, b in zip(label, key, strict=True)) == 1
        }
        if len(near) != 1:
            continue
        label = near.pop()
        fixed = text.replace(key, label, 1) if key in text else label
        out[col] = (fixed, f"表头单元格“{text}”与列标题“{label}”只差一个字，是误识的字：改为“{fixed}”")
    return out


def sub_header_roles(texts: list[str]) -> list[Role] | None:
    """A second header row (指标性质 | 指标值 | 度量单位 under 年度指标值): every filled cell a
    vocabulary label, two at least; the roles it gives its columns."""
    filled = [t for t in texts if t]
    if len(filled) < 2:
        return None
    roles = [column_role(t) if t else None for t in texts]
    if any(t and r is None for t, r in zip(texts, roles, strict=True)):
        return None
    return [_INDICATOR.get(r or "", "") for r in roles]


def _leading_zero(digits: str) -> bool:
    return digits.startswith("0") and not digits.startswith("0.")


def _number_cell(text: str, role: Role) -> tuple[str, str | None]:
    fixed = _STOP_BETWEEN_DIGITS.sub(".", text)
    if fixed != text and _AMOUNT.match(fixed):
        stop = next(a for a, b in zip(text, fixed, strict=True) if a != b)
        return fixed, f"数字单元格中数字之间的“{stop}”是小数点：“{text}”改为 {fixed}"
    if _NUMBERISH.match(text) and not _NUMBER.match(text) and any(ch.isdigit() for ch in text + "0"):
        fixed = text.translate(_LETTER_DIGITS)
        if _NUMBER.match(fixed) and (role not in _POINTS or float(fixed) <= 100):
            return fixed, f"数字单元格只能是数字：“{text}”中的字母是误识的数字，改为 {fixed}"
    return text, None


def repair(
    text: str, role: Role, positive: bool = False, actual: float | None = None
) -> tuple[str, str | None]:
    """``text`` repaired for its role, and the reason (``None`` when nothing was changed).

    A count target is repaired only with its evidence: the row says 正向 and the value without
    the "2" fits the actual while the value with it is far above (2350 against 360).
    """
    if not text:
        return text, None
    if role in _NUMBER_ROLES:
        return _number_cell(text, role)
    if role == "target":
        if _W_BEFORE.match(text):
            fixed = "≤" + text[1:]
            return fixed, f"指标值以拉丁字母 W 开头，是误识的“≤”：“{text}”改为“{fixed}”"
        m = _LEADING_TWO.match(text)
        if m and not _leading_zero(m[1]) and float("2" + m[1]) > 100 >= float(m[1]):
            fixed = "≥" + m[1] + m[2]
            return fixed, f"比率目标“{text}”超过 100%，首位“2”是误识的“≥”，改为“{fixed}”"
        m = _TWO_BEFORE.match(text)
        if (
            m
            and positive
            and actual
            and not _leading_zero(m[1])
            and float("2" + m[1]) > 3 * actual
            and float(m[1]) <= 1.5 * actual
        ):
            fixed = "≥" + text[1:]
            return fixed, f"正向指标的目标值“{text}”首位“2”是误识的“≥”，改为“{fixed}”"
    return text, None


# what the recogniser makes of a comparison sign (≥ drawn with a slanted bar, in a photo: > or <)
_SIGN_READINGS = "≥≤≧≦═=＝一-—－_二><＞＜"
_READABLE_SIGNS = ("≥", "≤", "=", "＝")  # signs in the recogniser's alphabet
_STARTS_FIGURE = re.compile(r"^\d")


def sign_repair(text: str, sign: str | None, rest: str | None = None) -> tuple[str, str | None]:
    """A 指标值's leading sign as its ink shows it (``_ocr_sign.leading_sign``), and the reason.

    Only a sign is replaced (what the recogniser read as a sign or a dash). Before a text that
    starts with a figure, ``rest`` — the line read again from the glyph after the sign — tells
    the two cases apart: the same text means the sign was dropped (put back before it); the text
    without its first figure means the sign was read as that figure (≧ as "2": replaced); any
    other reading, or none, changes nothing (``sign_doubt`` sends a person to it).
    """
    if not text or sign is None:
        return text, None
    head = text[0]
    cause = "读成了" if sign in _READABLE_SIGNS else "识别模型的字库里没有，读成了"
    if head in _SIGN_READINGS and len(text) > 1:
        if unicodedata.normalize("NFKC", head) == unicodedata.normalize("NFKC", sign):
            return text, None
        fixed = sign + text[1:]
        return fixed, f"指标值开头的符号按字形是“{sign}”（{cause}“{head}”）：“{text}”改为“{fixed}”"
    if _STARTS_FIGURE.match(text) and rest is not None:
        if rest == text:
            fixed = sign + text
            dropped = "" if sign in _READABLE_SIGNS else "（识别模型的字库里没有）"
            return fixed, f"指标值开头的符号“{sign}”未被识别{dropped}：“{text}”改为“{fixed}”"
        if len(text) > 1 and rest == text[1:]:
            fixed = sign + text[1:]
            return fixed, (
                f"指标值开头的符号按字形是“{sign}”（{cause}“{head}”，去掉这个字形后重新识别为“{rest}”）："
                f"“{text}”改为“{fixed}”"
            )
    return text, None


def sign_doubt(text: str, sign: str | None) -> str | None:
    """Why a 指标值 whose first glyph is a sign by its strokes, read as a figure that neither a
    dropped sign nor a sign read as that figure explains, is in doubt; else None."""
    if sign is None or not _STARTS_FIGURE.match(text):
        return None
    return f"指标值开头的字形按笔画是比较符号“{sign}”，识别为“{text}”，重新识别也不能确定，请核对"


def comparator_repair(text: str, sign: str | None) -> tuple[str, str | None]:
    """A 指标性质 cell that is one glyph, a sign by its strokes: that sign, and the reason. A
    lone symbol is what the recogniser reads worst (≥ as "N", ≤ as "W", = as nothing)."""
    if sign is None or unicodedata.normalize("NFKC", text) == unicodedata.normalize("NFKC", sign):
        return text, None
    if text in _READABLE_SIGNS and sign in _READABLE_SIGNS:  # read as a sign it can read: kept
        return text, None
    return sign, f"指标性质单元格只有一个符号，按字形是“{sign}”：识别为“{text or '（空）'}”，改为“{sign}”"


def is_positive(cells: list[str]) -> bool:
    """Whether a row (or its header) says the indicator is 正向 (higher is better)."""
    return any(_POSITIVE.search(c) for c in cells if c and len(c) <= 12)
