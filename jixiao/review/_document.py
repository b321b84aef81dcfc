"""Reviewing a document: score each form by its rule set and run every check (``review_document``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from jixiao.model import Document, Finding, Scorecard
from jixiao.review.checks import Check
from jixiao.review.checks.read import mark_uncertain, temper
from jixiao.review.runner import run_checks
from jixiao.score.rules import choose_rule_set, load_rule_set
from jixiao.score.scorecard import score_form

__all__ = ["ReviewResult", "review_document", "review_forms"]


@dataclass
class ReviewResult:
    """Scorecards (one per form, same order as ``doc.forms``) and findings in document order.

    ``rule_set`` names the rule set used; when forms of one document were scored under
    different rule sets (chosen per form), the names are joined with "+" (each scorecard
    carries its own ``rule_set``).
    """

    rule_set: str
    rule_set_version: str
    scorecards: list[Scorecard] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def review_document(
    doc: Document,
    rules: str | None = None,
    checks: Sequence[Check] | None = None,
    *,
    by_year: Mapping[int, str] | None = None,
) -> ReviewResult:
    """Score every form of ``doc`` and run every check on it.

    ``rules`` forces a rule set by name (``jixiao.score.rule_set_names()``); else ``by_year``
    names the rule set of a form's year (a store's 评分规则 per fiscal year); else each form's
    rule set is chosen from what it prints. ``RuleSetError`` for an unknown name.
    ``checks`` replaces the built-in checks (``all_checks()``), e.g. to add one's own: every
    check has the signature ``check(form, index, scorecard, rule_set, doc) -> Iterable[Finding]``.
    """
    used: dict[str, str] = {}
    scorecards: list[Scorecard] = []
    findings: list[Finding] = []
    for card, found in review_forms(doc, rules, checks, used, by_year=by_year):
        scorecards.append(card)
        findings.extend(found)
    return ReviewResult(
        rule_set="+".join(used),
        rule_set_version="+".join(used.values()),
        scorecards=scorecards,
        findings=findings,
    )


def review_forms(
    doc: Document,
    rules: str | None = None,
    checks: Sequence[Check] | None = None,
    used: dict[str, str] | None = None,
    *,
    by_year: Mapping[int, str] | None = None,
) -> Iterator[tuple[Scorecard, list[Finding]]]:
    """``review_document`` form by form: each form's scorecard and findings as it is reviewed,
    so a command can write them out and let them go (a document of 10^4 forms). ``used``
    receives the rule sets' names and versions (the shipped default when there is no form)."""
    forced = load_rule_set(rules) if rules else None
    used = {} if used is None else used
    for index, form in enumerate(doc.forms):
        year_rules = by_year.get(form.year) if by_year and form.year is not None else None
        rule_set = forced or load_rule_set(year_rules or choose_rule_set(form))
        used.setdefault(rule_set.name, rule_set.version)
        card = score_form(form, index, rule_set)
        mark_uncertain(card, form, index, doc)  # scores from low-confidence scanned cells
        yield card, temper(run_checks(form, index, card, rule_set, doc, checks), form, index, doc)
    if not used:
        rs = forced or load_rule_set("wuhan")
        used[rs.name] = rs.version
