"""Names as the cycle compares them: one key per indicator, project or unit however printed.

A key is the NFKC text without whitespace, punctuation, bracketed weights ("(0.5分)") and
filler words, with synonyms folded (``vocab.yaml``), so "服务对象满意率" and "服务对象 满意度"
are the same indicator. ``similarity`` says how alike two keys are when they are not equal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["Vocabulary", "name_key", "similarity", "text_key", "vocabulary"]

_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
_PUNCT = re.compile(r"[\s\u3000、，,。.．：:；;！!？?“”\"'‘’《》<>〈〉【】\[\]{}「」·\-—_/\\|]+")


@dataclass(frozen=True)
class Vocabulary:
    """The data of ``vocab.yaml``, validated once."""

    synonyms: tuple[tuple[str, str], ...]  # longest spelling first
    filler: tuple[str, ...]
    similar: float
    target_review: dict[str, Any]
    peers: dict[str, Any]
    target_budget_fields: tuple[str, ...]


@cache
def vocabulary() -> Vocabulary:
    data = yaml.safe_load((resources.files("jixiao.cycle") / "vocab.yaml").read_text(encoding="utf-8"))
    synonyms = sorted(((str(k), str(v)) for k, v in data["synonyms"].items()), key=lambda kv: -len(kv[0]))
    return Vocabulary(
        synonyms=tuple(synonyms),
        filler=tuple(sorted(data["filler"], key=len, reverse=True)),
        similar=float(data["similar"]),
        target_review=dict(data["target_review"]),
        peers=dict(data["peers"]),
        target_budget_fields=tuple(data["target_budget_fields"]),
    )


def text_key(text: str | None) -> str:
    """NFKC, no whitespace or punctuation, case-folded: how printed text is compared."""
    if not text:
        return ""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text)).casefold()


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str:
    """The matching key of an indicator (or project) name."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKC", name)
    s = re.sub(r"[（(]\s*[\d.]+\s*分\s*[)）]", "", s)  # a printed weight
    s = _BRACKETED.sub(lambda m: m.group(0) if len(m.group(0)) > 12 else "", s)
    s = text_key(s)
    vocab = vocabulary()
    for word in vocab.filler:
        if len(s) > len(word) + 1:
            s = s.replace(word, "")
    for spelling, canonical in vocab.synonyms:
        s = s.replace(spelling, canonical)
    return s


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """How alike two keys are, 0–1: 1 for equal keys, 0 where a character is replaced, else the
    difflib ratio (containment counts as close: one name elaborates the other).

    ``at_least``: a caller that drops anything less alike gets 0 for such a pair without the
    costly comparison, when the keys' lengths or characters already bound the ratio below it.
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    short, long_ = sorted((a, b), key=len)
    contained = len(short) >= 4 and short in long_
    if at_least > 0 and not contained:
        total = len(a) + len(b)
        if 2.0 * len(short) / total < at_least:
            return 0.0
        ca, cb = _counts(a), _counts(b)
        shared = sum(min(n, cb.get(ch, 0)) for ch, n in ca.items())  # difflib's quick_ratio
        if 2.0 * shared / total < at_least:
            return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if any(op == "replace" for op, *_ in matcher.get_opcodes()):
        return 0.0  # a word replaced (复工率 / 复产率) names another indicator
    ratio = matcher.ratio()
    if contained:
        ratio = max(ratio, 0.75 + 0.25 * len(short) / len(long_))
    return ratio


@lru_cache(maxsize=65536)
def _counts(key: str) -> dict[str, int]:
    """How often each character occurs in ``key``."""
    counts: dict[str, int] = {}
    for ch in key:
        counts[ch] = counts.get(ch, 0) + 1
    return counts
