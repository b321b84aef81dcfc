"""使用说明: what each role does through the year, the files read, every finding and rule set.

Everything that can change is read from where it is declared — the findings catalogue, the
rule-set files, the readers' suffixes, the workflow's state and action names — so a new finding,
rule set or reader appears here without editing the page. Only the yearly steps are prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao import store
from jixiao.read._registry import supported_suffixes
from jixiao.review.catalogue import CATALOGUE, FindingType, fmt
from jixiao.score.rules import RuleSet, load_rule_set, rule_set_names
from jixiao.vocabulary import INPUT_TYPES, KIND_NAMES, SEVERITY_ADVICE, SEVERITY_NAMES, UNCERTAIN

__all__ = ["GuidePage", "build_guide"]

_ACT = {name: label for name, (_, _, label) in store.ACTIONS.items()}
_STATE = store.STATE_LABELS
_VERDICT = store.VERDICT_LABELS


def _steps() -> dict[str, list[str]]:
    """The year of each role, in the words the pages and buttons use (labels read from the store)."""
    kinds = "、".join(KIND_NAMES.values())
    return {
        "filler": [
            "年初：在“上传文件”上传本单位的绩效目标表，或在“本单位表格”中打开并填写；系统即时检查指标值是否"
            "可衡量、指标值确定依据是否齐全、必设的指标类别是否齐备。",
            "年度结束后：在目标表页面点击“由本目标表生成自评表”，逐项填写实际完成值和得分；系统按本年度的评分"
            "规则即时重算并列出问题，离开输入框即保存，每次修改都记入修改记录。",
            f"改完后点击“{_ACT['submit']}”，表的状态由“{_STATE['draft']}”变为“{_STATE['submitted']}”，"
            "提交后不能再修改。",
            f"被“{_ACT['return']}”时：状态为“{_STATE['returned']}”，审核意见显示在对应指标旁；按意见修改后再次"
            f"“{_ACT['submit']}”。",
            "可下载规范版式表格（XLSX/DOCX/PDF）和审核报告；“单位比较”只显示本单位。",
        ],
        "reviewer": [
            f"在“审核队列”中按单位、年度、类型（{kinds}）、状态、有无错误、分差筛选，打开一张表；"
            f"点击“{_ACT['start']}”。",
            "表格页面并列显示填报得分与按规则重算的得分，审核发现列在所涉指标旁，并注明所依据的规则。",
            f"逐条作出审核结论：“{_VERDICT['confirmed']}”或“{_VERDICT['rejected']}”（可写理由）；"
            "对需要人工判断的指标填写复核得分和理由。",
            f"填写复核意见后“{_ACT['return']}”（须写退回理由）或“{_ACT['approve']}”；审核通过的表可"
            f"“{_ACT['reopen']}”。",
            "在审核队列下载问题清单（XLSX）：筛选范围内全部已确认的审核发现，逐条列明单位、表格、指标、"
            "填报值、规则值和依据。",
        ],
        "admin": [
            "在“系统管理”中添加账号：审核人员可看所有单位；填报人绑定一个或多个单位（含其下属单位）。",
            "维护单位别名：同一单位的不同写法归为一个单位，统计和比较按归并后的单位进行。",
            "为各年度指定评分规则；未指定时按表中所印内容自动识别（见下文“评分规则”）。",
            "可导入示例数据、上传文件；其他系统对接时在“我的账号”生成 API 令牌，接口说明见 API 文档。",
        ],
    }


@dataclass
class RoleGuide:
    role: str
    label: str
    steps: list[str]


@dataclass
class SeverityGuide:
    severity: str
    label: str
    advice: str


@dataclass
class FindingGuide:
    code: str
    title: str
    severity: str
    severity_label: str
    rule: str  # the 文件/条款 it checks; a rule set's own basis where the entry defers to it
    advice: str


@dataclass
class RuleSetGuide:
    name: str
    title: str
    basis: str
    rules: list[str]  # the scoring rules the file encodes, one Chinese sentence each


@dataclass
class GuidePage:
    role: str  # the reader's role: their part is shown first
    roles: list[RoleGuide]
    input_types: str
    suffixes: list[str]
    severities: list[SeverityGuide]
    findings: list[FindingGuide]
    rule_sets: list[RuleSetGuide]
    uncertain: str = ""  # what 待核对 means on a scanned form
    api_docs: bool = False  # the API documentation is linked (管理员, 审核人员)
    unknown_rule_sets: list[str] = field(default_factory=list)  # files that could not be read


_ROUNDING = {"half_up": "四舍五入", "truncate": "截尾"}


def _pct(x: float) -> str:
    return f"{fmt(x * 100)}%"


def _rule_lines(rs: RuleSet) -> list[str]:
    """The scoring rules of one rule set in Chinese, read field by field from its file."""
    lines = []
    if rs.budget.scored:
        weight = fmt(rs.budget.weight)
        lines.append(f"预算执行：{weight} 分，得分 = 分值 × 执行率（不超过 100%）；{rs.budget.basis}")
    else:
        lines.append(f"预算执行：列示但不计分；{rs.budget.basis}")
    for lay in rs.layouts:
        parts = [f"预算执行 {fmt(lay.budget)} 分"]
        if lay.overall_goal:
            parts.append(f"总体目标 {fmt(lay.overall_goal)} 分")
        parts.append(f"指标 {fmt(lay.indicators)} 分")
        line = f"分值结构“{lay.name}”：" + " + ".join(parts) + f" = {fmt(lay.total)} 分"
        if lay.level1:
            line += "（" + "、".join(f"{k} {fmt(v)} 分" for k, v in lay.level1.items()) + "）"
        if lay.per_level1:
            line += f"（每个一级指标 {fmt(lay.per_level1)} 分，按权重占比折算）"
        lines.append(line)
    q = rs.quantitative
    cap = "，不得超过该指标分值" if q.cap_at_weight else ""
    also = "（反向指标也接受 分值 × (1 − 超出目标的比例)）" if q.negative_also else ""
    formulas = f"正向 得分 = 分值 × 实际/目标，反向 得分 = 分值 × 目标/实际{also}{cap}"
    lines.append(f"定量指标：{formulas}；{q.basis}")
    b = rs.qualitative
    lines.append(
        "定性指标：达成 "
        + f"{_pct(b.met.high)}–{_pct(b.met.low)}、部分达成 {_pct(b.partly.high)}–{_pct(b.partly.low)}、"
        + f"未达成 {_pct(b.not_met.high)}–{_pct(b.not_met.low)}（占分值）；{b.basis}"
    )
    if rs.coefficient is not None:
        lines.append(f"得分系数：指标得分 = 得分系数 × 指标权重；{rs.coefficient.basis}")
    if rs.total.basis:
        lines.append(f"总分：{rs.total.basis}")
    modes = "或".join(_ROUNDING.get(m, m) for m in rs.rounding.modes)
    lines.append(f"取舍：重算得分保留 {rs.rounding.decimals} 位小数，填报数按{modes}视为一致")
    bands = sorted(rs.grades, key=lambda g: -g.min)
    grades = [f"{g.grade} ≥{fmt(g.min)} 分" for g in bands]
    if len(bands) > 1 and bands[-1].min <= 0:  # the lowest band: below the one above it
        grades[-1] = f"{bands[-1].grade} <{fmt(bands[-2].min)} 分"
    lines.append("等级：" + "、".join(grades))
    sat = "必评" if rs.satisfaction_required else "可不作为必评指标"
    lines.append(f"满意度指标：{sat}" + (f"；{rs.satisfaction_basis}" if rs.satisfaction_basis else ""))
    t = rs.target
    need = [*t.required_dimensions, *(["成本指标"] if t.cost_required else [])]
    sets = f"每个目标须设{'、'.join(need)}" if need else "不要求特定的指标类别"
    basis = "，每个指标须填写指标值确定依据" if t.basis_required else ""
    lines.append(f"绩效目标表：{sets}{basis}；{t.basis}")
    lines.append(f"汇总：{rs.aggregation.basis}")
    return lines


def _both(k: FindingType) -> str:
    """The rule of an entry as the guide states it: both readings where it reads apart for targets."""
    where = "所用评分规则的规定（见下文“评分规则”）"
    own = k.rule_text(where)
    if k.rule_target and k.rule_text(where, target=True) != own:
        return f"自评表：{own}；目标表：{k.rule_text(where, target=True)}"
    return own


def build_guide(user: store.User) -> GuidePage:
    steps = _steps()
    order = [user.role] + [r for r in store.ROLES if r != user.role]
    rule_sets: list[RuleSetGuide] = []
    unknown: list[str] = []
    for name in rule_set_names():
        try:
            rs = load_rule_set(name)
        except ValueError:
            unknown.append(name)
            continue
        rule_sets.append(RuleSetGuide(name, rs.title, rs.basis, _rule_lines(rs)))
    return GuidePage(
        role=user.role,
        roles=[RoleGuide(r, store.ROLE_LABELS[r], steps[r]) for r in order],
        input_types=INPUT_TYPES,
        suffixes=list(supported_suffixes()),
        severities=[SeverityGuide(s, SEVERITY_NAMES[s], SEVERITY_ADVICE[s]) for s in SEVERITY_NAMES],
        findings=[
            FindingGuide(
                code=k.code,
                title=k.title,
                severity=k.severity,
                severity_label=SEVERITY_NAMES[k.severity],
                rule=_both(k),
                advice=k.advice,
            )
            for k in CATALOGUE.values()
        ],
        rule_sets=rule_sets,
        uncertain=f"由扫描件读取、识别置信度低的单元格，其得分标为“{UNCERTAIN}”：对照原件截图核对或改正后再据以审核。",
        api_docs=user.role != "filler",
        unknown_rule_sets=unknown,
    )
