"""Target checks: measurable indicator values, their basis, and the dimensions a goal must cover."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from jixiao.model import Document, Finding, Form, Indicator, Scorecard
from jixiao.review.catalogue import make_finding
from jixiao.score.rules import RuleSet
from jixiao.score.values import ValueKind, parse_value

# Words that state a direction or a feeling but no measure.
_VAGUE = re.compile(
    r"^(?:有|较|明显|显著|逐步|逐年|不断|进一步|持续|大幅|稳步|全面)?(?:显著|明显|较大|一定|积极)?"
    r"(?:影响|作用|促进作用|推动作用|优化|提升|提高|改善|加强|增强|促进|良好|较好|好|优|达成|达标|达到|有效|成效|效果|"
    r"满意|降低|减少|完善|健全|规范)$"
)
_DIMENSIONS = {"产出指标": "产出", "效益指标": "效益", "满意度指标": "满意", "成本指标": "成本"}
# The few traditional forms (產出指標, 滿意度指標) a converted page prints for these keys.
_SIMPLIFIED = str.maketrans({"產": "产", "滿": "满", "標": "标", "數": "数", "質": "质", "時": "时"})


# A template placeholder where the figure should be: ≥**%, ≥X, XX个, ≤＊.
_PLACEHOLDER_VALUE = re.compile(
    r"^[≥≤＞＜><=≧≦═﹦]?\s*(?:[*＊]+|[Xx×]{1,3})\s*[%‰\u4e00-\u9fff]*$"
    r"|^[≥≤＞＜><≧≦═﹦]\s*[%‰]$"  # the figure left out altogether: "≥%"
)


def placeholder_value(text: str | None) -> bool:
    """A value left as the template's placeholder (``≥**%``, typed in full width ``≥＊＊％``): it
    sets no target at all. Compared after NFKC, as the contract compares text."""
    return bool(text) and bool(
        _PLACEHOLDER_VALUE.match(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")))
    )


def _vague(text: str | None, descriptions_too: bool = False) -> bool:
    """A value with no measure: a bare direction or feeling (有影响, 良好, 明显提升), or — in a
    target table, where the value is the measure to be met — a description with no figure at
    all (通过党建引领，发动群众，强化共建共治力度)."""
    if not text:
        return False
    v = parse_value(text)
    if v.kind not in (ValueKind.LEVEL, ValueKind.TEXT):
        return False
    s = re.sub(r"\s+", "", text)
    if re.search(r"[\d%‰]", s):
        return False
    if re.search(r"《[^》]+》", s):  # names the standard it is judged by (目标审核: 定性指标写明标准)
        return False
    if len(s) > 12:
        return (
            descriptions_too
            and v.kind is ValueKind.TEXT
            and not re.search(r"[一二三四五六七八九十百千万亿两]", s)
        )
    return bool(_VAGUE.match(s)) or v.kind is ValueKind.LEVEL


def check_vague(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """Target tables: warning; self-evaluation forms: info (the target was set in an earlier year).

    A value left as the template's placeholder (``≥**%``) — or, in a target table, left blank —
    sets no target at all: an error.
    """
    severity = "warning" if form.kind.is_target else "info"
    for goal, ind in form.indicators():
        if form.kind.is_target and not (ind.target or "").strip():
            # A target table is where the value is set: a blank one sets no target at all.
            yield make_finding(
                "target.missing_value", form, index, goal=goal.name, indicator=ind.name, printed=None
            )
        elif placeholder_value(ind.target):
            yield make_finding(
                "target.vague",
                form,
                index,
                goal=goal.name,
                indicator=ind.name,
                printed=ind.target,
                expected=None,
                target=re.sub(r"\s+", "", ind.target or ""),
                severity="error",  # the template's placeholder left in: no target was set at all
                placeholder="是模板占位符，未填写具体数值，",
            )
        elif _vague(ind.target, descriptions_too=form.kind.is_target):
            yield make_finding(
                "target.vague",
                form,
                index,
                goal=goal.name,
                indicator=ind.name,
                printed=ind.target,
                expected=None,
                target=re.sub(r"\s+", "", ind.target or ""),
                severity=severity,
                placeholder="没有可衡量的标准，",
            )


def check_basis(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """Only where the template has a 指标值确定依据 column: the rules say so, or some row fills it.

    A column left blank on every row is one omission, reported once for the form.
    """
    if not form.kind.is_target:
        return
    rows = list(form.indicators())
    missing = [(g, i) for g, i in rows if not (i.basis or "").strip()]
    if not missing or not (rules.target.basis_required or len(missing) < len(rows)):
        return
    if len(missing) == len(rows) and len(rows) >= 3:
        yield make_finding(
            "target.missing_basis",
            form,
            index,
            printed=None,
            expected=None,
            where=f"本表 {len(rows)} 项指标均",
        )
        return
    for goal, ind in missing:
        yield make_finding(
            "target.missing_basis",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            printed=None,
            expected=None,
            where="",
        )


def _has(indicators: list[Indicator], dimension: str) -> bool:
    key = _DIMENSIONS.get(dimension, dimension)
    return any(
        key in (i.level1 or "").translate(_SIMPLIFIED)
        or (key == "满意" and "满意" in (i.level2 or "").translate(_SIMPLIFIED))
        for i in indicators
    )


def check_dimensions(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Target tables per goal; self-evaluation forms for the form as a whole."""
    required = list(rules.target.required_dimensions)
    if rules.satisfaction_required and "满意度指标" not in required:
        required.append("满意度指标")
    if rules.target.cost_required and "成本指标" not in required:
        required.append("成本指标")
    basis = rules.target.basis
    severity = "warning" if form.kind.is_target else "info"  # a self-evaluation reports targets set earlier
    if form.kind.is_target:
        groups = [(g.name, g.indicators) for g in form.goals if g.indicators]
    else:
        all_inds = [i for _, i in form.indicators()]
        groups = [("本表", all_inds)] if all_inds else []
    for name, inds in groups:
        if not any(i.level1 for i in inds):
            continue  # the form prints no 一级指标 column: nothing to judge by
        for dim in required:
            if not _has(inds, dim):
                yield make_finding(
                    "target.missing_dimension",
                    form,
                    index,
                    goal=None if name == "本表" else name,
                    printed=None,
                    expected=dim,
                    dimension=dim,
                    basis=basis,
                    where="本表各目标均" if name == "本表" else f"“{name}”",
                    severity="warning" if dim == "满意度指标" and rules.satisfaction_required else severity,
                )


CHECKS = [check_vague, check_basis, check_dimensions]
