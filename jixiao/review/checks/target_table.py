"""目标审核 in the review: the target-table checks of ``jixiao.cycle.target_review``.

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


CHECKS = [check_target_table]
