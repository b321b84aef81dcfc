"""Review checks, one module per family. Every check has the same signature::

    check(form, index, scorecard, rule_set, doc) -> Iterable[Finding]

and is pure: it reads the form, its scorecard and the rule set and yields findings.
Each module lists its checks in ``CHECKS``; the runner runs them all the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from jixiao.model import Document, Finding, Form, Scorecard
from jixiao.score.rules import RuleSet

Check = Callable[[Form, int, Scorecard, RuleSet, Document], Iterable[Finding]]

__all__ = ["Check"]
