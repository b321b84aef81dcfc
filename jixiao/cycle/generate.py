"""A self-evaluation made from its target table: what a unit fills in at the end of the year."""

from __future__ import annotations

from jixiao.cycle.history import budget_of
from jixiao.cycle.link import target_goals
from jixiao.model import Budget, Form, FormKind, Goal, Indicator

__all__ = ["SELF_EVALUATION_OF", "self_evaluation_from"]

SELF_EVALUATION_OF = {
    FormKind.PROJECT_TARGET: FormKind.PROJECT_SELF_EVALUATION,
    FormKind.DEPARTMENT_TARGET: FormKind.DEPARTMENT_SELF_EVALUATION,
}


def _budget(target: Form) -> Budget | None:
    """The 预算执行 row to fill: a target table prints its year's budget in a header field
    (项目当年预算 …, ``vocab.yaml``), which becomes the row's 预算数; 执行数 is the unit's to fill."""
    planned = budget_of(target)
    if target.budget is not None:
        return target.budget.model_copy(
            update={"planned": planned, "executed": None, "rate": None, "score": None}
        )
    return Budget(planned=planned) if planned is not None else None


def self_evaluation_from(target: Form, extra: dict[str, object] | None = None) -> Form:
    """The self-evaluation answering ``target``: its annual goals' indicators, weights and targets
    (``link.target_goals``), its budget as 预算数, nothing the unit reports yet. ``ValueError`` for
    a form that is not a target table."""
    kind = SELF_EVALUATION_OF.get(target.kind)
    if kind is None:
        raise ValueError("只能从绩效目标表生成自评表")
    title = target.title.replace("目标表", "自评表")
    if "自评" not in title:
        title = kind.label
    return Form(
        kind=kind,
        title=title,
        year=target.year,
        unit=target.unit,
        project=target.project,
        supervisor=target.supervisor,
        implementer=target.implementer,
        budget=_budget(target),
        goals=[
            Goal(
                name=g.name,
                text=g.text,
                weight=g.weight,
                term=g.term,
                indicators=[
                    Indicator(
                        level1=i.level1,
                        level2=i.level2,
                        name=i.name,
                        weight=i.weight,
                        target=i.target,
                        level1_weight=i.level1_weight,
                        level2_weight=i.level2_weight,
                    )
                    for i in g.indicators
                ],
            )
            for g in target_goals(target)
        ],
        extra=dict(extra or {}),
    )
