"""jixiao (绩效): read, score and review China's budget performance forms.

The pipeline, one package per stage: ``read`` → ``model`` → ``score`` → ``review`` →
``store`` / ``write``, with ``cli`` at the edge.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Names are imported on first use (PEP 562), so that ``jixiao --help`` and the database
# commands do not pay for pydantic models and the reader they never touch.
_WHERE = {
    **dict.fromkeys(("findings_to_json", "form_from_contract", "form_to_contract"), "jixiao.contract"),
    **dict.fromkeys(
        (
            "Budget",
            "Document",
            "Finding",
            "Form",
            "FormKind",
            "Goal",
            "Indicator",
            "NarrativeReport",
            "OverallGoal",
            "Scorecard",
            "Source",
        ),
        "jixiao.model",
    ),
    **dict.fromkeys(("ReadError", "read"), "jixiao.read"),
    **dict.fromkeys(("ReviewResult", "review_document"), "jixiao.review"),
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'jixiao' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


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
