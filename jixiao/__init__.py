"""jixiao (绩效): read, score and review China's budget performance forms.

The pipeline, one package per stage: ``read`` → ``model`` → ``score`` → ``review`` →
``store`` / ``write``, with ``cli`` at the edge.
"""

from __future__ import annotations

from jixiao.contract import findings_to_json, form_from_contract, form_to_contract
from jixiao.model import (
    Budget,
    Document,
    Finding,
    Form,
    FormKind,
    Goal,
    Indicator,
    NarrativeReport,
    OverallGoal,
    Scorecard,
    Source,
)
from jixiao.read import ReadError, read
from jixiao.review import ReviewResult, review_document

__version__ = "0.1.0"

__all__ = [
    "Budget",
    "Document",
    "Finding",
    "Form",
    "FormKind",
    "Goal",
    "Indicator",
    "NarrativeReport",
    "OverallGoal",
    "ReadError",
    "ReviewResult",
    "Scorecard",
    "Source",
    "__version__",
    "findings_to_json",
    "form_from_contract",
    "form_to_contract",
    "read",
    "review_document",
]
