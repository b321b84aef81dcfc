"""The four form kinds of the contract, apart from the model so the CLI can name them without
loading pydantic (``jixiao.model.FormKind`` is this class)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["FormKind"]


class FormKind(StrEnum):
    """The four form kinds of the contract (``form-v1.md``)."""

    PROJECT_SELF_EVALUATION = "project_self_evaluation"  # 项目（支出）绩效自评表
    DEPARTMENT_SELF_EVALUATION = "department_self_evaluation"  # 部门（单位）整体绩效自评表
    DEPARTMENT_TARGET = "department_target"  # 部门整体支出绩效目标表
    PROJECT_TARGET = "project_target"  # 项目支出绩效目标表

    # members are singletons: identity, not ``in`` (a StrEnum's == compares as str), since the
    # form builder asks these for every row
    @property
    def is_target(self) -> bool:
        return self is FormKind.DEPARTMENT_TARGET or self is FormKind.PROJECT_TARGET

    @property
    def is_department(self) -> bool:
        return self is FormKind.DEPARTMENT_TARGET or self is FormKind.DEPARTMENT_SELF_EVALUATION

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    FormKind.PROJECT_SELF_EVALUATION: "项目支出绩效自评表",
    FormKind.DEPARTMENT_SELF_EVALUATION: "部门整体绩效自评表",
    FormKind.DEPARTMENT_TARGET: "部门整体支出绩效目标表",
    FormKind.PROJECT_TARGET: "项目支出绩效目标表",
}
