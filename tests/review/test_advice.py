"""Every finding type says what to do about it (整改建议): in Chinese, and its own words."""

from __future__ import annotations

import re

from jixiao.review.catalogue import CATALOGUE
from jixiao.vocabulary import finding_advice

_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_finding_type_has_advice() -> None:
    missing = [code for code, kind in CATALOGUE.items() if not kind.advice.strip()]
    assert missing == []


def test_advice_is_chinese_without_english_words() -> None:
    for code, kind in CATALOGUE.items():
        assert not _LATIN.search(kind.advice), (code, kind.advice)
        assert len(_HAN.findall(kind.advice)) >= 15, (code, kind.advice)


def test_no_two_types_share_advice() -> None:
    seen: dict[str, str] = {}
    for code, kind in CATALOGUE.items():
        # the whole text, and each clause: a sentence copied across types is what this forbids
        assert kind.advice not in seen, (code, seen.get(kind.advice))
        seen[kind.advice] = code
    clauses: dict[str, str] = {}
    for code, kind in CATALOGUE.items():
        for clause in re.split(r"[；。]", kind.advice):
            clause = clause.strip()
            if len(clause) >= 12:
                assert clauses.setdefault(clause, code) == code, (clause, code, clauses[clause])


def test_advice_says_who_does_what() -> None:
    for code, kind in CATALOGUE.items():
        assert "填报单位" in kind.advice or "审核人员" in kind.advice, code


def test_advice_by_code() -> None:
    assert finding_advice("budget.rate_mismatch") == CATALOGUE["budget.rate_mismatch"].advice
    assert "执行率" in finding_advice("budget.rate_mismatch")
    assert finding_advice("not.catalogued") == ""
