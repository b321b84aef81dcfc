"""Re-scoring a stored form under a year's rule set: one form's review from what a store keeps.

A store keeps every form, its document's other forms and its read issues, but not the scanned
cells behind a reading (``Document.cells``) nor every figure of a narrative report's sentences.
The findings resting on those — the reading's (``read.*``) and the report's (``report.*``) — are
passed in from the earlier review and kept in their place; every other check runs again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jixiao.model import Document, Finding, Form, Scorecard
from jixiao.review.checks import Check, read, report
from jixiao.review.runner import CHECK_MODULES, run_checks
from jixiao.score.rules import RuleSet, choose_rule_set, load_rule_set
from jixiao.score.scorecard import score_form

__all__ = ["KEPT_PREFIXES", "rescore_form"]

# findings whose inputs a store does not keep: carried from the earlier review, never recomputed
KEPT_PREFIXES = ("read.", "report.")


def _carried(found: Sequence[Finding], prefix: str) -> Check:
    kept = [f for f in found if f.code.startswith(prefix)]

    def carried(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterable[Finding]:
        return [f.model_copy(update={"form": index}) for f in kept]

    return carried


def rescore_form(
    doc: Document, index: int, rules: str | None, kept: Sequence[Finding] = ()
) -> tuple[Scorecard, list[Finding], RuleSet]:
    """Score form ``index`` of ``doc`` under ``rules`` (None: chosen from what the form prints)
    and run the checks again, in the review's own order; ``kept``: the earlier review's findings,
    of which those of ``KEPT_PREFIXES`` are carried. ``RuleSetError`` for an unknown name."""
    form = doc.forms[index]
    rule_set = load_rule_set(rules or choose_rule_set(form))
    card = score_form(form, index, rule_set)
    checks: list[Check] = []
    for module in CHECK_MODULES:
        if module is read:
            checks.append(_carried(kept, "read."))
        elif module is report:
            checks.append(_carried(kept, "report."))
        else:
            checks.extend(module.CHECKS)
    return card, run_checks(form, index, card, rule_set, doc, checks), rule_set
