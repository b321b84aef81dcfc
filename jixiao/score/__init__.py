"""Scoring (评分): printed values as typed values, rule sets as data, and re-scored forms.

- ``parse_value`` / ``compare``: a target or actual cell, and whether the actual meets the target.
- ``load_rule_set`` / ``choose_rule_set`` / ``rule_set_names``: the shipped rule sets (``rulesets/*.yaml``).
- ``score_form``: one form's ``Scorecard`` under a rule set.
"""

from __future__ import annotations

from jixiao.score.compare import compare
from jixiao.score.rules import (
    RuleSet,
    RuleSetError,
    agrees,
    choose_rule_set,
    load_rule_set,
    parse_rule_set,
    rule_set_names,
)
from jixiao.score.scorecard import score_form
from jixiao.score.values import Comparison, Direction, Outcome, Value, ValueKind, parse_value

__all__ = [
    "Comparison",
    "Direction",
    "Outcome",
    "RuleSet",
    "RuleSetError",
    "Value",
    "ValueKind",
    "agrees",
    "choose_rule_set",
    "compare",
    "load_rule_set",
    "parse_rule_set",
    "parse_value",
    "rule_set_names",
    "score_form",
]
