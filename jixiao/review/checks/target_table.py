"""The yearly cycle in the review: 目标审核 of target tables (``jixiao.cycle.target_review``) and
the drift of a self-evaluation from the target table filed in the same document (``jixiao.cycle.link``).

Imported lazily, since ``jixiao.cycle`` itself builds on the review's catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.model import Document, Finding, Form, Scorecard
from jixiao.score.rules import RuleSet


def check_target_table(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterable[Finding]:
    if not form.kind.is_target:
        return []
    from jixiao.cycle.target_review import CHECKS as TARGET_CHECKS

    return [f for check in TARGET_CHECKS for f in check(form, index, card, rules, doc)]


def check_drift(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterable[Finding]:
    """A self-evaluation filed with its target table in one document: what drifted from it.

    Only a confident match speaks here; ``jixiao link`` shows the others with their confidence.
    """
    if form.kind.is_target:
        return []
    from jixiao.cycle.link import has_targets, link_evaluation

    if not has_targets(doc.forms):
        return []

    linkage = link_evaluation(form, index, doc.forms)
    if linkage is None or not linkage.match.confident:
        return []
    return linkage.findings


CHECKS = [check_target_table, check_drift]
