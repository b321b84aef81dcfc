"""Page models: one plain dataclass per page, rendered as HTML and returned as the /api/ JSON twin.

Everything here is read from the store or computed by the review package
(``review_document``); the web layer only arranges it (datasette's documented template context).
"""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from jixiao import store
from jixiao.model import Document, Finding, Form, FormKind, Scorecard
from jixiao.review import CATALOGUE, review_document
from jixiao.review.catalogue import fmt, fmt_pct
from jixiao.score import load_rule_set
from jixiao.vocabulary import UNCERTAIN, finding_title, kind_name, severity_name
from jixiao.web import _scan

__all__ = [
    "KIND_LABELS",
    "FindingItem",
    "FormPage",
    "OverviewPage",
    "QueuePage",
    "build_form_page",
    "build_overview",
    "build_queue",
    "evaluate",
    "to_json",
]

KIND_LABELS = {k.value: kind_name(k) for k in FormKind}  # the one vocabulary (jixiao.vocabulary)


def to_json(page: Any) -> Any:
    """A page model as JSON-ready data (dataclasses, datetimes and NaN handled)."""
    if dataclasses.is_dataclass(page) and not isinstance(page, type):
        return {f.name: to_json(getattr(page, f.name)) for f in dataclasses.fields(page)}
    if isinstance(page, dict):
        return {str(k): to_json(v) for k, v in page.items()}
    if isinstance(page, list | tuple):
        return [to_json(v) for v in page]
    if isinstance(page, datetime):
        return page.isoformat()
    if isinstance(page, float) and math.isnan(page):
        return None
    return page


def _num(value: float | None) -> str:
    return "" if value is None else fmt(value)


def evaluate(form: Form, name: str, rules: str | None = None) -> tuple[Scorecard | None, list[Finding]]:
    """Score and review one form exactly as an import would (the review package's one door)."""
    result = review_document(Document(path=name, forms=[form]), rules)
    return (result.scorecards[0] if result.scorecards else None), result.findings


# ---------------------------------------------------------------- form page


@dataclass
class FindingItem:
    key: str  # code|goal|indicator, the verdict's key
    severity: str
    severity_label: str
    code: str
    title: str
    message: str
    rule: str
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
    scan: bool = False  # read from a scan: the page loads the scan section (/forms/{id}/scan)
    total_uncertain: bool = False  # the recomputed total rests on a 待核对 score


def _item(f: Finding, basis: str, verdicts: dict[str, store.Verdict]) -> FindingItem:
    kind = CATALOGUE.get(f.code)
    key = f"{f.code}|{f.goal or ''}|{f.indicator or ''}"
    v = verdicts.get(key)
    return FindingItem(
        key=key,
        severity=f.severity,
        severity_label=severity_name(f.severity),
        code=f.code,
        title=finding_title(f.code),
        message=f.message,
        rule=kind.rule_text(basis) if kind else "",
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
        basis, rule_title = rs.basis, rs.title
    except Exception:  # a rule set renamed since the import: show the name only
        basis, rule_title = "", rule_name
    verdicts = {f"{v.code}|{v.goal or ''}|{v.indicator or ''}": v for v in notes.verdicts}
    audits = {(a.goal or "", a.indicator): a for a in notes.audit_scores}
    items = [_item(f, basis, verdicts) for f in findings]
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
    if form.budget is not None and not form.kind.is_target:
        b = form.budget
        budget = BudgetLine(
            weight=_num(b.weight),
            planned=_num(b.planned),
            executed=_num(b.executed),
            rate=fmt_pct(b.rate, 4) if b.rate is not None else "",
            printed=_num(b.score),
            computed=_num(card.budget_computed) if card else "",
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
            weight=_num(goal.weight),
            printed=_num(gs.printed) if gs else "",
            computed=_num(gs.computed) if gs else "",
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
                    weight=_num(sc.weight if sc else ind.weight),
                    weight_inferred=bool(sc and sc.weight_inferred),
                    target=ind.target or "",
                    actual=ind.actual or "",
                    basis=ind.basis or "",
                    printed=_num(ind.score),
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
        showing_draft=showing_draft,
        can_edit=can_edit,
        can_review=user.role == "reviewer" and not s.superseded,
        actions=_actions(user, notes.state, s.superseded, unit_ok),
        budget=budget,
        goals=goals,
        form_findings=form_findings,
        earlier_verdicts=earlier,
        total_printed=_num(form.total_score),
        total_computed=_num(card.total_computed) if card else "",
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


def build_live_page(db: store.Database, form_id: int, form: Form, user: store.User) -> FormPage:
    """The form page of an edited (not yet saved) copy: recomputed by the review package."""
    detail = store.get_form(db, form_id)
    assert detail is not None
    notes = store.review_notes(db, form_id)
    card, findings = evaluate(form, detail.summary.file_name, store.rule_set_for_year(db, form.year))
    return _page(db, detail, notes, form, card, findings, user, True, True)


# ---------------------------------------------------------------- queue and overview


@dataclass
class QueuePage:
    filters: dict[str, Any]
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int
    states: dict[str, str]
    kinds: dict[str, str]
    # keyset cursors of the neighbouring pages (``?after=`` / ``?before=``), None at an end
    next_after: str | None = None
    prev_before: str | None = None


PAGE_SIZE = 50


def encode_key(key: store.QueueKey) -> str:
    """A queue cursor as text for a link: ``year.unit.id``, an empty field for none."""
    return ".".join("" if v is None else str(v) for v in key)


def decode_key(text: str) -> store.QueueKey:
    """The cursor of ``encode_key``; ValueError when it is not one."""
    year, unit, form_id = text.split(".")
    return (int(year) if year else None, int(unit) if unit else None, int(form_id))


_CARRIED: dict[int, float] = {}
CARRY_EVERY_S = 5.0


def carry_now_and_then(db: store.Database) -> None:
    """Carry review work to revisions imported outside the web (CLI), at most every few seconds.

    Web uploads and submissions carry their own forms at once; this catches the rest cheaply.
    """
    now = time.monotonic()
    if now - _CARRIED.get(id(db), -CARRY_EVERY_S) >= CARRY_EVERY_S:
        _CARRIED[id(db)] = now
        store.carry_pending(db)


def build_queue(
    db: store.Database,
    flt: store.QueueFilter,
    page: int,
    *,
    after: store.QueueKey | None = None,
    before: store.QueueKey | None = None,
) -> QueuePage:
    """Page ``page`` of the queue; with a cursor, the page right after or before that row."""
    carry_now_and_then(db)
    rows, total = store.list_queue(
        db, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, after=after, before=before
    )
    pages = max(1, -(-total // PAGE_SIZE))
    return QueuePage(
        filters={k: v for k, v in dataclasses.asdict(flt).items() if k != "unit_ids"},
        rows=[
            {
                "id": r.id,
                "kind": r.kind,
                "kind_label": KIND_LABELS.get(r.kind, r.kind),
                "title": r.title,
                "unit": r.unit,
                "year": r.year,
                "project": r.project,
                "printed": r.printed,
                "computed": r.computed,
                "inflation": r.inflation,
                "grade": r.grade,
                "errors": r.errors,
                "warnings": r.warnings,
                "revision": r.revision,
                "state": r.state,
                "state_label": r.state_label,
            }
            for r in rows
        ],
        total=total,
        page=page,
        pages=pages,
        states=dict(store.STATE_LABELS),
        kinds=KIND_LABELS,
        next_after=encode_key(rows[-1].key) if rows and page < pages else None,
        prev_before=encode_key(rows[0].key) if rows and page > 1 else None,
    )


@dataclass
class OverviewPage:
    forms: int
    empty_database: bool
    by_state: list[dict[str, Any]]
    by_year: dict[int, int]
    by_unit: list[tuple[str, int]]
    scatter: list[tuple[float, float, int]]
    findings_by_code: list[dict[str, Any]]
    inflation_by_unit: list[tuple[str, float, int]]
    grades_by_year: dict[int, dict[str, int]]


def build_overview(db: store.Database, user: store.User) -> OverviewPage:
    carry_now_and_then(db)
    unit_ids = user.unit_ids if user.role == "filler" else None
    o = store.overview(db, unit_ids)
    everything = o if unit_ids is None else store.overview(db, None)
    return OverviewPage(
        forms=o.forms,
        empty_database=everything.forms == 0,
        by_state=[
            {"state": s, "label": store.STATE_LABELS[s], "forms": o.by_state.get(s, 0)} for s in store.STATES
        ],
        by_year=o.by_year,
        by_unit=o.by_unit,
        scatter=o.scatter,
        findings_by_code=[{"code": c, "title": finding_title(c), "count": n} for c, n in o.findings_by_code],
        inflation_by_unit=o.inflation_by_unit,
        grades_by_year=o.grades_by_year,
    )


# ---------------------------------------------------------------- scanned pages


@dataclass
class ScanCheck:
    """One cell of a scan a person checks: its crop, what was read, how sure, and what it fills."""

    n: int
    page: int
    where: str
    text: str  # the value the form was built from
    read_as: str | None  # what the recogniser read, when a repair changed it
    repair: str | None
    confidence: float
    confidence_label: str  # 置信度 27%
    low: bool
    box: list[int]
    crop_url: str | None
    goal: str | None = None
    indicator: str | None = None
    field_label: str = "单元格"
    edit_name: str | None = None  # the edit path's field (i.{goal}.{indicator}.{attr})
    value: str = ""  # the field's value on the form now
    still_open: bool = True  # False: a person has since corrected the value
    finding: FindingItem | None = None


@dataclass
class ScanPageView:
    page: int
    width: int
    height: int
    image_url: str
    cells: list[dict[str, Any]]  # every recognised cell: box, text, confidence, flagged
    checks: list[ScanCheck]


@dataclass
class ScanView:
    form_id: int
    source_form_id: int  # the revision read from the scan
    source_revision: int
    file_name: str
    threshold_label: str
    pages: list[ScanPageView]
    error: str | None = None


def _pct(x: float) -> str:
    return f"置信度 {round(x * 100)}%"


def build_scan_view(db: store.Database, root: Any, form_id: int, page: FormPage) -> ScanView | None:
    """The scan section of a form page (None: the form was not read from a scan)."""
    from jixiao.read._ocr import LOW_CONFIDENCE

    src = _scan.scan_source(db, form_id)
    if src is None or not src.pages:
        return None
    form = store.get_draft(db, form_id) if page.showing_draft else None
    form = form or store.get_form(db, form_id).form  # type: ignore[union-attr]
    known = {d.where: d for d in _scan.doubts(src, form, closed=True)}
    items = [f for g in page.goals for i in g.indicators for f in i.findings]
    items += [f for g in page.goals for f in g.findings] + page.form_findings
    if page.budget:
        items += page.budget.findings
    view = ScanView(
        form_id=form_id,
        source_form_id=src.form_id,
        source_revision=src.revision,
        file_name=src.file_name,
        threshold_label=_pct(LOW_CONFIDENCE).replace("置信度 ", ""),
        pages=[],
    )
    for p in src.pages:
        try:
            data = _scan.page_view(db, root, src, p)
        except _scan.ScanError as e:
            view.error = f"第 {p} 页无法显示：{e}"
            continue
        checks: list[ScanCheck] = []
        for c in data["check"]:
            s = c.get("source") or {}
            where = f"第{s.get('page')}页表{s.get('sheet')}{s.get('cell')}"
            d = known.get(where)
            item = next(
                (f for f in items if f.code.startswith("read.") and f.message.startswith(where)),
                None,
            )
            checks.append(
                ScanCheck(
                    n=c["n"],
                    page=p,
                    where=where,
                    text=c["text"],
                    read_as=c.get("read_as"),
                    repair=c.get("repair"),
                    confidence=c["confidence"],
                    confidence_label=_pct(c["confidence"]),
                    low=c["confidence"] < LOW_CONFIDENCE,
                    box=list(c["box"] or (0, 0, 0, 0)),
                    crop_url=_scan.crop_url(form_id, where) if c["has_crop"] else None,
                    goal=d.finding.goal if d else None,
                    indicator=d.finding.indicator if d else None,
                    field_label=_scan.FIELDS.get(d.field or "", "单元格") if d else "单元格",
                    edit_name=d.edit_name if d else None,
                    value=d.value if d else "",
                    still_open=d.still_open if d else True,
                    finding=item,
                )
            )
        flagged = {tuple(c.box) for c in checks}
        cells = [
            {
                "box": c["box"],
                "text": c["text"],
                "confidence": c["confidence"],
                "flagged": tuple(c["box"]) in flagged,
                "check": next((k.n for k in checks if tuple(k.box) == tuple(c["box"])), None),
            }
            for c in data["cells"]
        ]
        view.pages.append(
            ScanPageView(
                page=p,
                width=data["width"],
                height=data["height"],
                image_url=f"/forms/{form_id}/scan/{p}.png",
                cells=cells,
                checks=checks,
            )
        )
    return view
