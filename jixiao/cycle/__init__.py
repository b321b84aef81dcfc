"""The yearly cycle: targets ↔ self-evaluations, 汇总, 目标审核, 指标库, history, 摘要版 facts.

Pure functions over the model (``jixiao.model``); the store, CLI and web call them.

- ``match_targets`` / ``link_evaluation`` / ``pair_indicators`` / ``drift_findings``
- ``rollup`` → ``Rollup`` (combined form, scorecard, working, unaligned indicators)
- ``review_target_table``: every 目标审核 finding for one target table
- ``build_library`` / ``suggest`` / ``peer_findings``: the 指标库
- ``unit_history`` / ``project_history``: year over year and across units
"""

from __future__ import annotations

from jixiao.cycle.history import (
    FormRecord,
    ProjectHistory,
    UnitRow,
    YearRow,
    compare_units,
    project_history,
    record_of,
    unit_history,
)
from jixiao.cycle.library import (
    IndicatorGroup,
    IndicatorLibrary,
    Suggestion,
    build_library,
    peer_findings,
    suggest,
)
from jixiao.cycle.link import (
    IndicatorLink,
    Linkage,
    TargetMatch,
    drift_findings,
    link_evaluation,
    match_targets,
    pair_indicators,
)
from jixiao.cycle.rollup import CombinedValue, Rollup, RollupError, SubForm, Unaligned, rollup
from jixiao.cycle.target_review import review_target_table

__all__ = [
    "CombinedValue",
    "FormRecord",
    "IndicatorGroup",
    "IndicatorLibrary",
    "IndicatorLink",
    "Linkage",
    "ProjectHistory",
    "Rollup",
    "RollupError",
    "SubForm",
    "Suggestion",
    "TargetMatch",
    "Unaligned",
    "UnitRow",
    "YearRow",
    "build_library",
    "compare_units",
    "drift_findings",
    "link_evaluation",
    "match_targets",
    "pair_indicators",
    "peer_findings",
    "project_history",
    "record_of",
    "review_target_table",
    "rollup",
    "suggest",
    "unit_history",
]
