"""The catalogue of finding types: one entry per code of ``findings-v1.md``.

Each entry says once what the finding means, how severe it is by default, the rule it
enforces (文件/条款) and how its Chinese message reads. Checks only fill in the values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from jixiao.review.advice import ADVICE
from jixiao.review.figures import fmt, fmt_pair, fmt_pct

if TYPE_CHECKING:
    from jixiao.model import Finding, Form, Severity

__all__ = ["CATALOGUE", "FindingType", "fmt", "fmt_pct", "make_finding"]


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class FindingType:
    code: str
    severity: Severity  # default; a check may lower it (e.g. when a weight was inferred)
    title: str  # short Chinese title for reports
    description: str  # when it fires (English, for developers)
    rule: str  # 文件/条款 the finding enforces, in Chinese
    template: str  # Chinese message, ``str.format`` fields filled by the check
    rule_target: str = ""  # the rule as it reads on a 绩效目标表, where it differs from ``rule``
    advice: str = ""  # 整改建议: what to correct and where (填报单位), what to check (审核人员)

    def render(self, **values: object) -> str:
        """The message with the check's values; a field a caller does not give reads as empty."""
        return self.template.format_map(_Blank(values))

    def rule_text(self, basis: str, target: bool = False, target_basis: str = "") -> str:
        """The rule this finding enforces on a form of this kind (``target``: a 绩效目标表), with the
        rule set's own basis where the entry defers to it: ``{basis}`` the scoring rules' source,
        ``{target_basis}`` what they require of a target table."""
        rule = self.rule_target if target and self.rule_target else self.rule
        return rule.replace("{basis}", basis).replace("{target_basis}", target_basis or basis)


_TYPES = [
    FindingType(
        "form.recovered_value",
        "info",
        "缺失单元格已推定",
        "a cell missing from the document (lost in conversion) was recovered by the reader",
        "自评表“总分”栏（总分 = 预算执行得分 + 各指标得分）",
        "{place}在文件中缺失（多为 PDF 转换丢失），已{how}，请核对原件",
        "目标表中同名指标的指标值确定依据（缺失的一处按另一处推定）",
    ),
    FindingType(
        "budget.rate_mismatch",
        "error",
        "执行率计算错误",
        "printed 执行率 differs from 执行数/预算数 beyond rounding",
        "自评表“执行率（B/A）”栏；备注第1条",
        "执行率印为 {rate_printed}，按执行数 {executed} 万元 ÷ 预算数 {planned} 万元应为 {rate_expected}",
    ),
    FindingType(
        "budget.score_mismatch",
        "error",
        "预算执行得分错误",
        "printed execution score differs from weight × min(执行率, 100%) beyond rounding",
        "自评表“得分（分值×执行率）”栏；{basis}",
        "{detail}",
    ),
    FindingType(
        "indicator.score_exceeds_weight",
        "error",
        "指标得分超过分值",
        "an indicator's score is above its weight",
        "备注第2条：得分不得突破权重",
        "指标得分 {printed} 分超过其分值 {weight} 分{inferred}",
    ),
    FindingType(
        "indicator.score_mismatch",
        "error",
        "指标得分与计分规则不符",
        "a quantitative indicator's printed score differs from the rule-set's score beyond rounding "
        "(or a qualitative score falls outside its band)",
        "备注第2条（定量指标）/第3条（定性指标）",
        "{detail}",
    ),
    FindingType(
        "indicator.full_score_unmet",
        "error",
        "未达成目标却得满分",
        "full points although the printed actual does not meet the printed target",
        "备注第2条（定量指标按完成比例计分）/第3条（未达成、部分达成按分档计分）",
        "目标“{target}”，实际“{actual}”，却得满分 {printed} 分{why}",
    ),
    FindingType(
        "indicator.missing_score",
        "error",
        "指标未打分",
        "an indicator with a weight (or in a scored form) has no score",
        "自评表“得分”栏",
        "{detail}",
    ),
    FindingType(
        "indicator.missing_actual",
        "error",
        "未填写实际完成值",
        "a scored indicator has no actual value",
        "自评表“实际完成值（B）”栏；备注第2条（得分依据实际完成值计算）",
        "未填写实际完成值，却记 {printed} 分{why}",
    ),
    FindingType(
        "indicator.incomparable",
        "warning",
        "目标与实际无法比较",
        "target and actual cannot be compared as printed (‰ vs %, rate vs count, target restates the name)",
        "备注第2、3条（按目标值与实际完成值计分）",
        "{detail}",
    ),
    FindingType(
        "goal.weight_mismatch",
        "error",
        "目标分值与指标分值不符",
        "the indicator weights of a goal do not add up to the goal's weight",
        "自评表各目标分值",
        "{detail}",
    ),
    FindingType(
        "goal.score_exceeds_weight",
        "error",
        "目标得分超过分值",
        "the indicator scores of a goal add up to more than the goal's weight",
        "备注第2条：得分不得突破权重",
        "“{goal}”各项得分合计 {printed} 分，超过该目标分值 {weight} 分",
    ),
    FindingType(
        "form.total_mismatch",
        "error",
        "总分与各项得分合计不符",
        "the printed total differs from the sum of its printed parts",
        "自评表“总分/自评得分”",
        "总分印为 {printed} 分，而{parts}合计 {expected} 分{note}",
    ),
    FindingType(
        "form.weight_mismatch",
        "error",
        "分值结构不合计 100 分",
        "budget weight plus goal (and overall-goal) weights differ from 100",
        "{basis}",
        "{detail}",
    ),
    FindingType(
        "report.score_mismatch",
        "error",
        "自评报告得分与自评表不符",
        "a narrative report states a score other than its form's total",
        "自评结果应与自评表一致",
        "自评结果“{title}”称自评得分 {printed} 分，而对应自评表总分为 {expected} 分",
    ),
    FindingType(
        "report.figure_mismatch",
        "error",
        "自评报告数据与自评表不符",
        "a narrative report states an amount or rate other than its form's",
        "自评结果应与自评表一致",
        "自评结果“{title}”称{what} {printed_text}，而自评表印为 {expected_text}{note}",
    ),
    FindingType(
        "target.vague",
        "warning",
        "指标值不可衡量",
        "an indicator value cannot be measured (良好, 有影响, 达成 with no measure); an error when the "
        "value is the template's placeholder (≥**%, ≥X)",
        "绩效目标应细化量化、可衡量（财预〔2020〕10号；绩效目标表填报要求）",
        "指标值“{target}”{placeholder}无法据以评价是否完成",
    ),
    FindingType(
        "target.missing_value",
        "error",
        "未填写指标值",
        "a target table's indicator has no 指标值 at all: nothing to evaluate it against",
        "绩效目标应细化量化、可衡量（财预〔2020〕10号；绩效目标表“指标值”栏）",
        "未填写指标值，无法据以评价是否完成",
    ),
    FindingType(
        "target.missing_basis",
        "warning",
        "缺少指标值确定依据",
        "a target table's indicator has no 指标值确定依据",
        "绩效目标表“指标值确定依据”栏",
        "{where}未填写指标值确定依据（计划标准、行业标准或历史标准等）",
    ),
    FindingType(
        "target.missing_dimension",
        "warning",
        "缺少必设的指标类别",
        "a goal lacks a dimension the rules expect (产出, 效益, 满意度; 成本 where required)",
        "{target_basis}",
        "{where}未设{dimension}",
    ),
    FindingType(
        "form.rule_set",
        "info",
        "所用评分规则",
        "which rule set the form was re-scored under and what the form prints that chose it",
        "{basis}",
        "按“{title}”复核{why}",
        "{target_basis}",
    ),
    FindingType(
        "form.placeholder",
        "info",
        "模板占位行未填写",
        "template placeholder rows (指标1：, ……, （XX分）) were left in the form; they are not indicators",
        "绩效自评表/目标表填报要求：模板示例行应删除或填写完整",
        "表中留有模板占位行{rows}，未作为指标审核",
    ),
    FindingType(
        "form.year_mismatch",
        "warning",
        "年度与表中内容不符",
        "the year in the title contradicts the form's content (填报日期, dated targets)",
        "自评表/目标表所属年度应与填报日期、指标时限一致",
        "标题所属年度为 {year} 年，而{what}",
    ),
    FindingType(
        "budget.overspent",
        "warning",
        "执行数超过预算数",
        "执行数 is above 预算数: spending beyond the (adjusted) budget",
        "《预算法》第十三条：各级政府、各部门、各单位的支出必须以经批准的预算为依据，未列入预算的不得支出",
        "执行数 {executed} 万元超过预算数 {planned} 万元（执行率 {rate}），"
        "请核实是否超预算支出或预算数未按调整后填列",
    ),
    FindingType(
        "budget.unit_suspect",
        "warning",
        "金额疑似以元填写",
        "an amount in 万元 of 100 亿元 or more (1 万亿元 a department): typed in 元 under a 万元 header",
        "自评表“项目资金（万元）”栏：金额以万元填列",
        "{what}印为 {amount} 万元（合 {yi} 亿元），金额异常偏大，疑似按元填写（表中金额单位为万元）；"
        "若以元计则为 {wan} 万元（执行率不变），请核实金额单位",
    ),
    FindingType(
        "indicator.target_too_low",
        "warning",
        "实际远超目标，目标值可能偏低",
        "a positive quantitative target was exceeded by 30% or more: the target was set too low",
        "财预〔2020〕10号附件：超额完成目标明显的，应分析目标设定是否偏低，适度调减得分",
        "目标“{target}”，实际“{actual}”，完成比例 {ratio}，远超目标值，目标可能设定偏低",
    ),
    FindingType(
        "indicator.converted_mismatch",
        "error",
        "折算得分计算错误",
        "a printed 单项指标折算得分 differs from 单项指标得分 × 权重占比 beyond rounding",
        "{basis}：单项指标折算得分=单项指标得分×权重占比",
        "折算得分印为 {printed} 分，"
        "按单项指标得分 {score} 分 ×“{level1}”权重占比 {share}，应为 {expected} 分",
    ),
    FindingType(
        "indicator.coefficient_mismatch",
        "error",
        "指标得分与得分系数不符",
        "a printed 指标得分 differs from 得分系数 × 指标权重 beyond rounding",
        "{basis}：指标得分=得分系数×指标权重",
        "指标得分印为 {printed} 分，按得分系数 {coefficient} × 指标权重 {weight} 分，应为 {expected} 分",
    ),
    FindingType(
        "internal.check_failed",
        "warning",
        "审核规则内部错误",
        "a check crashed on this form; the other checks still ran",
        "—",
        "审核规则“{check}”处理本表时出错（{error}），本项未能审核，请人工复核",
    ),
    # --- the yearly cycle (issue 12): targets ↔ self-evaluations, 目标审核, 指标库, history ---
    FindingType(
        "target.dropped",
        "warning",
        "目标表指标未在自评表中评价",
        "an indicator of the matched target table is missing from the self-evaluation",
        "自评应对照预算申报的绩效目标表逐项评价（绩效自评表“年初目标值”栏）",
        "目标表{target_title}中的指标“{indicator}”（指标值“{target}”）未出现在自评表中{note}",
    ),
    FindingType(
        "target.added",
        "warning",
        "自评表新增了目标表没有的指标",
        "the self-evaluation scores an indicator that was never a target in the matched target table",
        "自评应对照预算申报的绩效目标表逐项评价，不得自行增设指标",
        "自评表中的指标“{indicator}”在目标表{target_title}中没有对应的绩效指标{note}",
    ),
    FindingType(
        "target.changed",
        "error",
        "年初目标值被改动",
        "a target value differs from the matched target table (lowered, comparator turned, unit changed)",
        "自评表“年初目标值”应与批复的绩效目标表一致；目标调整须经批准",
        "目标表中“{indicator}”的指标值为“{target_before}”，自评表印为“{target_after}”：{how}{note}",
    ),
    FindingType(
        "target.weight_changed",
        "warning",
        "指标分值被改动",
        "an indicator's weight differs from the matched target table",
        "自评表各指标分值应与绩效目标表一致",
        "目标表中“{indicator}”的分值为 {weight_before} 分，自评表印为 {weight_after} 分{note}",
    ),
    FindingType(
        "target.unmeasurable",
        "warning",
        "指标值缺少计量单位或评价标准",
        "a target is a bare number without a unit, or qualitative without a named standard",
        "绩效指标应可衡量：定量指标有数值和计量单位或完成时限，定性指标须写明评价标准",
        "指标值“{target}”{why}，无法据以评价是否完成",
    ),
    FindingType(
        "target.missing_subdimension",
        "warning",
        "产出指标缺少必要的二级指标",
        "a goal's 产出指标 lack a 二级 dimension (数量/质量/时效, 成本 where required)",
        "绩效目标表：产出指标一般包括数量、质量、时效（及成本）指标",
        "“{goal}”的产出指标中未设{dimension}",
    ),
    FindingType(
        "target.cost_not_bounded",
        "warning",
        "成本指标未设上限",
        "a cost indicator is not bounded above (≥, = or no comparator): cost should have a ceiling",
        "成本指标应设定上限（≤），以约束支出",
        "成本指标“{indicator}”的指标值为“{target}”，未以“≤”设定成本上限",
    ),
    FindingType(
        "target.rate_over_100",
        "warning",
        "比率指标目标值不可能超过 100%",
        "a rate that cannot exceed 100% is targeted as ≥100% (or above)",
        "目标值应合理可实现：完成率、合格率等比率不超过 100%，应写作“=100%”",
        "比率指标“{indicator}”的指标值为“{target}”，该比率不可能超过 100%，应写作“=100%”",
    ),
    FindingType(
        "target.low_satisfaction",
        "warning",
        "满意度目标偏低",
        "a satisfaction target is below the floor a reviewer accepts",
        "满意度指标目标值不应低于目标审核口径的下限",
        "满意度指标“{indicator}”的指标值为“{target}”，低于一般不低于 {floor} 的审核口径",
    ),
    FindingType(
        "target.duplicate",
        "warning",
        "指标重复设置",
        "the same indicator is set twice in one goal",
        "绩效指标应清晰、不重复",
        "“{indicator}”在“{goal}”中重复设置（另见“{other}”）",
    ),
    FindingType(
        "target.annual_inconsistent",
        "warning",
        "年度目标与长期目标不一致",
        "an annual indicator contradicts the long-term one of the same name (direction, unit, category)",
        "年度绩效目标应与长期绩效目标相衔接",
        "年度指标“{indicator}”{how}",
    ),
    FindingType(
        "target.weights_sum",
        "error",
        "目标表分值合计不符",
        "printed indicator weights of a target table do not add up (to the goal or to the layout's total)",
        "绩效目标表：各指标分值合计应等于所属目标的分值，全表合计应符合评分规则的分值结构",
        "{detail}",
    ),
    FindingType(
        "target.below_peers",
        "info",
        "目标值明显低于同类单位",
        "a positive target is far below what comparable units set for the same indicator (指标库)",
        "绩效目标应与同类单位、同类项目的标准相当（指标库比较）",
        "“{indicator}”的指标值“{target}”，低于{peers}个其他单位同一指标的中位数 {median}（{units}）",
    ),
    FindingType(
        "target.fell_budget_rose",
        "warning",
        "预算增加而目标值下降",
        "a target fell from one year to the next while the project's budget rose",
        "绩效目标应与预算资金相匹配（预算增加，产出和效益目标不应降低）",
        "“{indicator}”的目标值由 {year_before} 年的“{target_before}”降为 {year_after} 年的“{target_after}”，"
        "而预算数由 {budget_before} 万元增至 {budget_after} 万元",
    ),
    # --- scanned forms (issue 13): OCR cells a person must check ---
    FindingType(
        "read.low_confidence",
        "info",
        "扫描件识别置信度低",
        "a cell read by OCR from a scan is below the confidence threshold; its crop is kept",
        "扫描件经 OCR 识别，识别结果须与原件核对后方可作为审核依据",
        "{where}识别为“{printed}”（{field}，置信度 {confidence}），{consequence}，请对照原件截图核对",
    ),
    FindingType(
        "read.ocr_repair",
        "info",
        "扫描件识别结果已按单元格含义修正",
        "an OCR confusion was repaired because the cell's role makes it certain (templates README §6)",
        "扫描件经 OCR 识别，识别结果须与原件核对后方可作为审核依据",
        "{where}：{repair}，请对照原件截图核对",
    ),
]

# Every type carries its advice; a type added without one fails loudly here (KeyError).
CATALOGUE: dict[str, FindingType] = {t.code: replace(t, advice=ADVICE[t.code]) for t in _TYPES}


def make_finding(
    code: str,
    form: Form,
    index: int,
    *,
    goal: str | None = None,
    indicator: str | None = None,
    printed: float | str | None = None,
    expected: float | str | None = None,
    severity: Severity | None = None,
    **values: object,
) -> Finding:
    """A ``Finding`` of catalogue type ``code`` with its message rendered from ``values``."""
    from jixiao.model import Finding  # here: the titles alone (``vocabulary``) need no model

    kind = CATALOGUE[code]
    numbers = [x if isinstance(x, float | int) else None for x in (printed, expected)]
    shown = fmt_pair(numbers[0], numbers[1])  # told apart where 2 decimals read alike
    return Finding(
        form=index,
        form_title=form.title,
        code=code,
        severity=severity or kind.severity,
        goal=goal,
        indicator=indicator,
        printed=printed,
        expected=expected,
        message=kind.render(
            printed=shown[0] if isinstance(printed, float | int) else printed,
            expected=shown[1] if isinstance(expected, float | int) else expected,
            goal=goal,
            indicator=indicator,
            **values,
        ),
    )
