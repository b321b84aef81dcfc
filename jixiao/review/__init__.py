"""Review: re-score each form by a rule set and raise findings a reviewer can act on.

Public surface (stable; storage and the CLI rely on it):

- ``review_document(doc, rules=None) -> ReviewResult``
- ``CATALOGUE``: the finding types (code, severity, title, rule, message template, 整改建议 ``advice``)
- ``all_checks()`` and ``Check``: the built-in checks and their one signature
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jixiao.review._document import ReviewResult, review_document, review_forms
    from jixiao.review.catalogue import CATALOGUE, FindingType
    from jixiao.review.checks import Check
    from jixiao.review.runner import all_checks

__all__ = [
    "CATALOGUE",
    "Check",
    "FindingType",
    "ReviewResult",
    "all_checks",
    "review_document",
    "review_forms",
]

# Where each public name lives: loaded on first use, so that the catalogue's titles (what a
# query command prints) come without the checks, the rule sets and the data model.
_HOME = {
    "CATALOGUE": "catalogue",
    "FindingType": "catalogue",
    "Check": "checks",
    "all_checks": "runner",
    "ReviewResult": "_document",
    "review_document": "_document",
    "review_forms": "_document",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'jixiao.review' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"jixiao.review.{home}"), name)
    globals()[name] = value
    return value
