"""The form page: the form as printed beside the re-computed scores, its findings and verdicts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from jixiao import store
from jixiao.model import Budget, Finding, Form, Scorecard
from jixiao.review.catalogue import fmt, fmt_pct
from jixiao.score import load_rule_set
from jixiao.vocabulary import UNCERTAIN, finding_advice, finding_rule, finding_title, severity_name
from jixiao.web import _scan
from jixiao.web.pages._common import KIND_LABELS, evaluate, num


def finding_anchor(key: str) -> str:
    """The HTML id of a finding's row, from its verdict key (code|goal|indicator): saving a verdict
    returns the reviewer to that row, not to the top of the findings. Hashed, since goal and
    indicator names hold any text."""
    return "finding-" + hashlib.sha1(key.encode()).hexdigest()[:12]


@dataclass
class FindingItem:
    key: str  # code|goal|indicator, the verdict's key
    severity: str
    severity_label: str
    code: str
    title: str
    message: str
    rule: str
    advice: str  # 整改建议: what to correct (填报单位) and check (审核人员)
    goal: str | None
    indicator: str | None
    printed: Any
    expected: Any
    verdict: str | None = None  # confirmed / rejected
    verdict_label: str | None = None
    verdict_comment: str | None = None
    verdict_by: str | None = None
    crop_url: str | None = None  # a scanned cell's crop (read.* findings)
    confidence_label: str | None = None  # 置信度 27%


@dataclass
class IndicatorLine:
    goal_index: int
    index: int
    level1: str
    level2: str
    name: str
    weight: str
    weight_inferred: bool
    target: str
    actual: str
    basis: str
    printed: str  # 得分 as printed
    computed: str  # rule score (or band)
    reason: str
    audit_score: str = ""
    audit_reason: str = ""
    audit_stale: bool = False
    uncertain: bool = False  # computed from a scanned cell still to be checked (待核对)
    level1_span: int = 1  # rows the 一级 cell spans (0: merged into the row above), as printed
    level2_span: int = 1
    findings: list[FindingItem] = field(default_factory=list)
    # the stored form prints no 分值 here (a self-evaluation made from a target table): the unit
    # types it while editing, or nothing can be scored
    weight_open: bool = False
    weight_typed: str = ""  # the 分值 of the form itself (not inferred), the field's value


def _spans(lines: list[IndicatorLine]) -> None:
    """Merge equal 一级/二级 labels of consecutive rows, as the printed form does."""
    for attr, parent in (("level1", None), ("level2", "level1")):
        start = 0
        for n in range(1, len(lines) + 1):
            same = (
                n < len(lines)
                and getattr(lines[n], attr) == getattr(lines[start], attr)
                and (parent is None or getattr(lines[n], parent) == getattr(lines[start], parent))
            )
            if not same:
                setattr(lines[start], f"{attr}_span", n - start)
                for k in range(start + 1, n):
                    setattr(lines[k], f"{attr}_span", 0)
                start = n


@dataclass
class GoalBlock:
    index: int
    name: str
    text: str
    weight: str
    printed: str
    computed: str
    findings: list[FindingItem] = field(default_factory=list)
    indicators: list[IndicatorLine] = field(default_factory=list)


@dataclass
class BudgetLine:
    weight: str
    planned: str
    executed: str
    rate: str
    printed: str
    computed: str
    findings: list[FindingItem] = field(default_factory=list)


@dataclass
class Action:
    name: str
    label: str
    needs_comment: bool = False


@dataclass
class FormPage:
    id: int
    kind: str
    kind_label: str
    title: str
    unit: str | None
    year: int | None
    project: str | None
    revision: int
    superseded: bool
    current_id: int | None  # the latest revision, when this one is superseded
    file_name: str
    imported_at: datetime
    state: str
    state_label: str
    opinion: str | None
    is_target: bool
    rule_set: str
    showing_draft: bool  # the unit's unsaved-to-revision working copy, recomputed live
    can_edit: bool
    can_review: bool
    actions: list[Action]
    budget: BudgetLine | None
    goals: list[GoalBlock]
    form_findings: list[FindingItem]
    earlier_verdicts: list[dict[str, Any]]  # verdicts whose finding is not on this version
    total_printed: str
    total_computed: str
    grade_printed: str
    grade_computed: str
    errors: int
    warnings: int
    infos: int
    deviation_reason: str
    improvement: str
    return_comment: str | None
    steps: list[dict[str, Any]]
    edits: list[dict[str, Any]]
    revisions: list[dict[str, Any]]
    # the year's rule set (admin) when this page's scores are not under it: stored forms keep
    # the rules they were scored with at import; drafts and submissions use the year's
    year_rule_set: str | None = None
    scan: bool = False  # read from a scan: the page loads the scan section (/forms/{id}/scan)
    total_uncertain: bool = False  # the recomputed total rests on a 待核对 score


def _item(f: Finding, rule: str, verdicts: dict[str, store.Verdict]) -> FindingItem:
    key = f"{f.code}|{f.goal or ''}|{f.indicator or ''}"
    v = verdicts.get(key)
    return FindingItem(
        key=key,
        severity=f.severity,
        severity_label=severity_name(f.severity),
        code=f.code,
        title=finding_title(f.code),
        message=f.message,
        rule=rule,
        advice=finding_advice(f.code),
        goal=f.goal,
        indicator=f.indicator,
        printed=f.printed,
        expected=f.expected,
        verdict=v.verdict if v else None,
        verdict_label=v.label if v else None,
        verdict_comment=v.comment if v else None,
        verdict_by=v.by if v else None,
    )


def _actions(user: store.User, state: str, superseded: bool, unit_ok: bool) -> list[Action]:
    if superseded:
        return []
    out = []
    for name, (starts, _, label) in store.ACTIONS.items():
        if state not in starts:
            continue
        if name == "submit" and user.role == "filler" and unit_ok:
            out.append(Action(name, label))
        elif name != "submit" and user.role == "reviewer":
            out.append(Action(name, label, needs_comment=name == "return"))
    return out


def build_form_page(db: store.Database, form_id: int, user: store.User) -> FormPage:
    detail = store.get_form(db, form_id)
    assert detail is not None  # the route's visible_form dependency checked it
    notes = store.review_notes(db, form_id)
    s = detail.summary
    can_edit = (
        user.role == "filler"
        and not s.superseded
        and notes.state in store.EDITABLE_STATES
        and user.sees_unit(store.form_unit(db, form_id)[1])
    )
    form, card, findings = detail.form, detail.scorecard, detail.findings
    showing_draft = False
    if can_edit and notes.has_draft:
        draft = store.get_draft(db, form_id)
        if draft is not None:
            form = draft
            card, findings = evaluate(form, s.file_name, store.rule_set_for_year(db, form.year))
            showing_draft = True
    return _page(db, detail, notes, form, card, findings, user, can_edit, showing_draft)


def _page(
    db: store.Database,
    detail: store.FormDetail,
    notes: store.ReviewNotes,
    form: Form,
    card: Scorecard | None,
    findings: list[Finding],
    user: store.User,
    can_edit: bool,
    showing_draft: bool,
) -> FormPage:
    s = detail.summary
    src = _scan.scan_source(db, s.id, detail)
    open_doubts = _scan.doubts(src, form) if src else []
    if src is not None:  # the scan's doubts as they stand on this form, wherever it was stored
        findings = [f for f in findings if not f.code.startswith("read.")] + [d.finding for d in open_doubts]
    doubtful = {
        (d.goal_index, d.indicator_index)
        for d in open_doubts
        if d.low and d.field in _scan.SCORED and d.goal_index is not None
    }
    rule_name = card.rule_set if card else (detail.rule_set or "wuhan")
    try:
        rs = load_rule_set(rule_name.split("+")[0])
        rule_title = rs.title
    except Exception:  # a rule set renamed since the import: show the name only
        rule_title = rule_name
    verdicts = {f"{v.code}|{v.goal or ''}|{v.indicator or ''}": v for v in notes.verdicts}
    audits = {(a.goal or "", a.indicator): a for a in notes.audit_scores}
    items = [_item(f, finding_rule(f.code, rule_name, form.kind), verdicts) for f in findings]
    for d in open_doubts:
        for item in items:
            if item.code == d.finding.code and item.message == d.finding.message:
                item.crop_url = _scan.crop_url(s.id, d.where)
                item.confidence_label = d.confidence_label
    placed: set[int] = set()

    def take(pred: Any) -> list[FindingItem]:
        out = []
        for n, (f, item) in enumerate(zip(findings, items, strict=True)):
            if n not in placed and pred(f):
                placed.add(n)
                out.append(item)
        return out

    budget = None
    if not form.kind.is_target and (form.budget is not None or can_edit):
        # an editable self-evaluation without a budget line (made from a target table) gets an
        # empty one, so the unit can type 预算数 and 执行数 of the 预算执行 score
        b = form.budget or Budget()
        budget = BudgetLine(
            weight=num(b.weight),
            planned=num(b.planned),
            executed=num(b.executed),
            rate=fmt_pct(b.rate, 4) if b.rate is not None else "",
            printed=num(b.score),
            computed=num(card.budget_computed) if card else "",
            findings=take(lambda f: f.code.startswith("budget.")),
        )
    scores = list(card.indicators) if card else []
    goal_scores = list(card.goals) if card else []
    goals: list[GoalBlock] = []
    n = 0
    for gi, goal in enumerate(form.goals):
        gs = goal_scores[gi] if gi < len(goal_scores) else None
        block = GoalBlock(
            index=gi,
            name=goal.name,
            text=goal.text or "",
            weight=num(goal.weight),
            printed=num(gs.printed) if gs else "",
            computed=num(gs.computed) if gs else "",
            findings=take(lambda f, g=goal.name: f.goal == g and f.indicator is None),
        )
        for ii, ind in enumerate(goal.indicators):
            sc = scores[n] if n < len(scores) else None
            n += 1
            computed = ""
            if sc is not None:
                if sc.computed is not None:
                    computed = fmt(sc.computed)
                elif sc.low is not None and sc.high is not None:
                    computed = f"{fmt(sc.low)}–{fmt(sc.high)}"
            audit = audits.get((goal.name, ind.name))
            uncertain = (gi, ii) in doubtful or bool(sc and sc.uncertain and not showing_draft)
            reason = sc.reason if sc else ""
            if uncertain and UNCERTAIN not in reason:
                reason = f"{reason}（所据扫描单元格识别置信度低，得分{UNCERTAIN}）"
            block.indicators.append(
                IndicatorLine(
                    goal_index=gi,
                    index=ii,
                    level1=ind.level1 or "",
                    level2=ind.level2 or "",
                    name=ind.name,
                    weight=num(sc.weight if sc else ind.weight),
                    weight_inferred=bool(sc and sc.weight_inferred),
                    weight_open=can_edit and _stored_weight(detail.form, gi, ii) is None,
                    weight_typed=num(ind.weight),
                    target=ind.target or "",
                    actual=ind.actual or "",
                    basis=ind.basis or "",
                    printed=num(ind.score),
                    computed=computed,
                    reason=reason,
                    uncertain=uncertain,
                    audit_score=fmt(audit.score) if audit else "",
                    audit_reason=audit.reason if audit else "",
                    audit_stale=bool(audit and audit.stale),
                    findings=take(lambda f, g=goal.name, i=ind.name: f.goal == g and f.indicator == i),
                )
            )
        _spans(block.indicators)
        goals.append(block)
    form_findings = take(lambda f: True)
    live = {i.key for i in items}
    earlier = [
        {
            "code": v.code,
            "title": finding_title(v.code),
            "goal": v.goal,
            "indicator": v.indicator,
            "verdict": v.label,
            "comment": v.comment,
            "by": v.by,
            "stale": True,
        }
        for key, v in verdicts.items()
        if key not in live
    ]
    steps = [
        {
            "form_id": st.form_id,
            "from": store.STATE_LABELS.get(st.from_state or "", "—"),
            "to": store.STATE_LABELS[st.to_state],
            "by": st.by,
            "at": st.at,
            "comment": st.comment,
        }
        for st in notes.steps
    ]
    returns = [st for st in notes.steps if st.to_state == "returned"]
    unit_ok = user.sees_unit(store.form_unit(db, s.id)[1])
    current = next((r.id for r in detail.history if not r.superseded), None)
    counts = {sev: sum(f.severity == sev for f in findings) for sev in ("error", "warning", "info")}
    return FormPage(
        id=s.id,
        kind=s.kind,
        kind_label=KIND_LABELS.get(s.kind, s.kind),
        title=form.title,
        unit=s.unit,
        year=form.year,
        project=form.project,
        revision=s.revision,
        superseded=s.superseded,
        current_id=current if s.superseded else None,
        file_name=s.file_name,
        imported_at=detail.imported_at,
        state=notes.state,
        state_label=store.STATE_LABELS[notes.state],
        opinion=notes.opinion,
        is_target=form.kind.is_target,
        rule_set=rule_title,
        year_rule_set=_other_year_rules(db, form.year, rule_name),
        showing_draft=showing_draft,
        can_edit=can_edit,
        can_review=user.role == "reviewer" and not s.superseded,
        actions=_actions(user, notes.state, s.superseded, unit_ok),
        budget=budget,
        goals=goals,
        form_findings=form_findings,
        earlier_verdicts=earlier,
        total_printed=num(form.total_score),
        total_computed=num(card.total_computed) if card else "",
        grade_printed=(card.grade_printed if card else None) or "",
        grade_computed=(card.grade_computed if card else None) or "",
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
        deviation_reason=form.deviation_reason or "",
        improvement=form.improvement or "",
        return_comment=returns[-1].comment if returns else None,
        steps=steps,
        edits=[
            {"form_id": e.form_id, "field": e.field, "old": e.old, "new": e.new, "by": e.by, "at": e.at}
            for e in notes.edits
        ],
        revisions=[
            {"id": r.id, "revision": r.revision, "superseded": r.superseded, "file_name": r.file_name}
            for r in detail.history
        ],
        scan=src is not None and bool(src.pages),
        total_uncertain=any(i.uncertain for g in goals for i in g.indicators),
    )


def _other_year_rules(db: store.Database, year: int | None, scored_with: str) -> str | None:
    """The title of the year's rule set when the page was scored under another one."""
    chosen = store.rule_set_for_year(db, year)
    if not chosen or scored_with.split("+")[0] == chosen:
        return None
    try:
        return load_rule_set(chosen).title
    except Exception:  # a rule set removed since the admin chose it: its name only
        return chosen


def _stored_weight(form: Form, goal: int, indicator: int) -> float | None:
    """The 分值 the stored form prints for an indicator (None also for one the draft added)."""
    if goal < len(form.goals) and indicator < len(form.goals[goal].indicators):
        return form.goals[goal].indicators[indicator].weight
    return None


def build_live_page(db: store.Database, form_id: int, form: Form, user: store.User) -> FormPage:
    """The form page of an edited (not yet saved) copy: recomputed by the review package."""
    detail = store.get_form(db, form_id)
    assert detail is not None
    notes = store.review_notes(db, form_id)
    card, findings = evaluate(form, detail.summary.file_name, store.rule_set_for_year(db, form.year))
    return _page(db, detail, notes, form, card, findings, user, True, True)
