"""Review: re-score each form by a rule set and raise findings a reviewer can act on.

Public surface (stable; storage and the CLI rely on it):

- ``review_document(doc, rules=None) -> ReviewResult``
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.model import Document, Finding, Scorecard

__all__ = ["ReviewResult", "review_document"]


@dataclass
class ReviewResult:
    """Scorecards (one per form, same order as ``doc.forms``) and findings in document order."""

    rule_set: str
    rule_set_version: str
    scorecards: list[Scorecard] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def review_document(doc: Document, rules: str | None = None) -> ReviewResult:
    """Placeholder until the scoring and checks land: no scorecards, no findings."""
    return ReviewResult(rule_set=rules or "auto", rule_set_version="0")
