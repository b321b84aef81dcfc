"""The words of printed values (``lexicon.yaml``), validated once and compiled into matchers.

The value grammar in ``values`` is code; which words mean "at least", "met" or "less is
better" is data, so a region's wording is added to the YAML, never to an ``if``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

__all__ = ["Lexicon", "lexicon"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Units(_Strict):
    money: tuple[str, ...]
    count: tuple[str, ...]
    same_as: dict[str, str]
    periods: tuple[str, ...]
    column: tuple[str, ...] = ()


class _Comparators(_Strict):
    prefix: tuple[tuple[str, str], ...]
    suffix: tuple[tuple[str, str], ...]


class _Change(_Strict):
    increase: tuple[str, ...]
    decrease: tuple[str, ...]


class _Qualitative(_Strict):
    negators: tuple[str, ...]
    auxiliaries: tuple[str, ...]
    adverbs: tuple[str, ...]
    verbs: tuple[str, ...]
    failing: tuple[str, ...]
    failing_cancelled_by: tuple[str, ...]
    failing_measured_by: tuple[str, ...]
    partly_verbs: tuple[str, ...]
    partly_prefixes: tuple[str, ...]
    met: frozenset[str]
    met_adverbs: tuple[str, ...]
    met_verbs: tuple[str, ...]
    met_qualifiers: tuple[str, ...]
    met_objects: tuple[str, ...]


class _Direction(_Strict):
    negative: tuple[str, ...]
    positive: tuple[str, ...]
    weakly_negative: tuple[str, ...]
    weakly_negative_unless_followed_by: dict[str, tuple[str, ...]]


class Lexicon(_Strict):
    units: _Units
    empty: frozenset[str]
    comparators: _Comparators
    noise_prefixes: tuple[str, ...]
    rank_scopes: tuple[str, ...]
    reference_quantities: tuple[str, ...]
    change: _Change
    qualitative: _Qualitative
    direction: _Direction

    def count_units(self) -> tuple[str, ...]:
        """Count units longest first, so "人次" wins over "人"."""
        return tuple(sorted(self.units.count, key=len, reverse=True))


def alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternative of literal words, longest first (the regex takes the first that fits)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def lexicon() -> Lexicon:
    text = resources.files("jixiao.score").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return Lexicon.model_validate(yaml.safe_load(text))
