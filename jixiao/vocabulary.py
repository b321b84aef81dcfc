"""The one Chinese vocabulary every output uses: severities, form kinds, finding and rule-set names.

Read from data, never listed per code: a finding's name is its catalogue ``title`` and a rule
set's name is the ``title`` of its YAML file, so a new finding type or rule set is named
everywhere as soon as it is declared. The JSON contracts keep the codes; people read these words.
"""

from __future__ import annotations

from functools import cache

from jixiao.kinds import FormKind

__all__ = [
    "INPUT_TYPES",
    "KIND_NAMES",
    "SEVERITY_ADVICE",
    "SEVERITY_NAMES",
    "UNCERTAIN",
    "finding_advice",
    "finding_place",
    "finding_rule",
    "finding_title",
    "kind_choices",
    "kind_name",
    "parse_kind",
    "rule_set_title",
    "severity_name",
]

# The files the readers take, as help texts name them (a test holds it to the readers' suffixes).
INPUT_TYPES = (
    "文本（.txt/.md/.text/.csv/.tsv）、网页（.html/.htm/.xhtml/.mht/.mhtml）、"
    "表格与文档（.xlsx/.xlsm/.xls/.xml/.et/.ods/.docx/.doc/.rtf/.wps/.odt/.pdf）、"
    "邮件（.eml，正文或附件中的表）或扫描件（.png/.jpg/.jpeg/.tif/.tiff）"
)

# 错误: the form breaks a rule; 警告: needs a reviewer's attention; 提示: for information only.
SEVERITY_NAMES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

# What to do about a finding of each severity (使用说明 and the help texts say it once).
SEVERITY_ADVICE: dict[str, str] = {
    "error": "违反计分规则：填报单位按所列规则改正后重新提交；审核人员核实后确认，或写明理由不予采纳",
    "warning": "需要关注：填报单位核实并在偏差原因中说明或改正；审核人员判断是否确认",
    "info": "仅供参考：核对即可，不影响得分",
}

# A score computed from a scanned cell read with low confidence, until a person checks the cell.
UNCERTAIN = "待核对"

# The short names a finance bureau uses for the four forms (the full printed titles are
# ``FormKind.label``).
KIND_NAMES: dict[FormKind, str] = {
    FormKind.PROJECT_SELF_EVALUATION: "项目自评",
    FormKind.DEPARTMENT_SELF_EVALUATION: "部门整体自评",
    FormKind.PROJECT_TARGET: "项目目标",
    FormKind.DEPARTMENT_TARGET: "部门整体目标",
}

# Other spellings people type for a kind (accepted, never printed).
_KIND_ALIASES: dict[str, FormKind] = {
    "部门自评": FormKind.DEPARTMENT_SELF_EVALUATION,
    "部门目标": FormKind.DEPARTMENT_TARGET,
    "项目支出自评": FormKind.PROJECT_SELF_EVALUATION,
    "项目支出目标": FormKind.PROJECT_TARGET,
}


def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, severity)


def kind_name(kind: FormKind | str) -> str:
    try:
        return KIND_NAMES[FormKind(kind)]
    except ValueError:
        return str(kind)


def parse_kind(text: str) -> FormKind | None:
    """A form kind from what a user types: the Chinese short or full name, or the English code."""
    t = text.strip()
    for kind in FormKind:
        if t in (kind.value, kind.label, KIND_NAMES[kind]):
            return kind
    return _KIND_ALIASES.get(t)


def kind_choices() -> str:
    """The accepted kind names for a help text or an error: 项目自评、部门整体自评 …"""
    return "、".join(KIND_NAMES[k] for k in FormKind)


def finding_title(code: str) -> str:
    """The catalogue's Chinese title of a finding code; the code itself if it is not catalogued."""
    from jixiao.review.catalogue import CATALOGUE

    kind = CATALOGUE.get(code)
    return kind.title if kind else code


def finding_advice(code: str) -> str:
    """The catalogue's 整改建议 of a finding code; empty if it is not catalogued."""
    from jixiao.review.catalogue import CATALOGUE

    kind = CATALOGUE.get(code)
    return kind.advice if kind else ""


@cache
def rule_set_title(name: str) -> str:
    """The Chinese title a rule set's file gives itself (``title:``); the name if it cannot be read.

    A shipped rule set's title is read from its file alone (what ``jixiao show`` prints needs
    neither the scoring package nor the rule set's validation); any other name is loaded.
    """
    shipped = _shipped_title(name)
    if shipped is not None:
        return shipped
    from jixiao.score.rules import RuleSetError, load_rule_set

    try:
        return load_rule_set(name).title
    except (RuleSetError, OSError):
        return name


@cache
def _shipped_title(name: str) -> str | None:
    """``title`` of ``jixiao/score/rulesets/<name>.yaml`` when it is a text; None otherwise."""
    from pathlib import Path

    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = Path(__file__).resolve().parent / "score" / "rulesets" / f"{name}.yaml"
    if not path.is_file():
        return None
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) else None


@cache
def finding_rule(code: str, rule_set: str | None, kind: FormKind | str | None) -> str:
    """The rule a finding checks as it reads on a form of this kind (an entry may word it apart for a
    target table) under this rule set, whose ``basis`` / ``target.basis`` fill the entry's blanks."""
    from jixiao.review.catalogue import CATALOGUE
    from jixiao.score.rules import RuleSetError, load_rule_set

    entry = CATALOGUE.get(code)
    if entry is None:
        return ""
    try:
        rs = load_rule_set((rule_set or "wuhan").split("+")[0])
        basis, target_basis = rs.basis, rs.target.basis
    except (RuleSetError, OSError):  # a rule set renamed since the import: name it only
        basis = target_basis = rule_set or ""
    return entry.rule_text(basis, _is_target(kind), target_basis)


# The part of a form a finding family is about where it names no goal or indicator (the first
# word of a findings-v1 code); any other family is about the whole form.
_FAMILY_PLACES = {"budget": "预算执行", "report": "自评报告"}


def finding_place(
    kind: FormKind | str | None, goal: str | None, indicator: str | None, code: str = ""
) -> str:
    """Where a finding is, from its findings-v1 location: the form's printed kind, goal, indicator."""
    try:
        parts = [FormKind(kind).label] if kind else []
    except ValueError:
        parts = [str(kind)]
    if goal:
        parts.append(f"“{goal}”")
    if indicator:
        parts.append(f"指标“{indicator}”")
    elif not goal:
        parts.append(_FAMILY_PLACES.get(code.split(".")[0], "全表"))
    return "，".join(parts)


def _is_target(kind: FormKind | str | None) -> bool:
    try:
        return kind is not None and FormKind(kind).is_target
    except ValueError:
        return False
