"""Re-scoring a year's stored forms under the year's rule set: a new review run per form.

The scoring and the checks are the review package's (``jixiao.review.rescore``); this module
only gives it each current form with its document's context and records what it returns, one
transaction per form: the scorecard, the findings (the earlier run's no longer current), the
form's repeated totals and counts, the finding tallies and running sums, the staleness of the
reviewer's verdicts (kept, as after a new revision), and one line of the form's history saying
who re-scored it, when and under which rules. Idempotent: a form whose new review equals its
stored one is left alone, so a second run changes nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

import jixiao
from jixiao.contract import findings_to_json
from jixiao.model import Document, Finding, ReadIssue, Scorecard, Source
from jixiao.store import _children as children
from jixiao.store import _summary as summary
from jixiao.store import _tally as tally
from jixiao.store._db import Database
from jixiao.store._records import finding_from_row, form_from_rows
from jixiao.store._restore import restore
from jixiao.store._schema import (
    DocumentRow,
    FindingRow,
    FormContractRow,
    FormRow,
    ReviewRunRow,
    ScorecardRow,
)
from jixiao.store._schema_web import TransitionRow, VerdictRow, YearRuleSetRow
from jixiao.store._workflow import _state

__all__ = ["RescoreResult", "rescore_year"]

# a scanned form whose reading a person must check: its cells are not stored, so its findings
# could not be tempered again (``review.checks.read.temper``) — left as imported
_DOUBTFUL_SCAN = "read.low_confidence"


@dataclass
class RescoreResult:
    """What re-scoring a year did (every form counted once)."""

    year: int
    rule_set: str | None  # the year's; None: chosen per form from what it prints
    forms: int = 0  # current forms of the year
    rescored: int = 0  # a new review run recorded
    unchanged: int = 0  # the new review equals the stored one
    scans: int = 0  # left alone: read from a scan with doubtful cells
    gone: int = 0  # superseded by a new revision while the year was re-scored

    def message(self, title: str) -> str:
        """One Chinese line for the admin page and the CLI; ``title`` names the rules used."""
        if not self.forms:
            return f"{self.year} 年度没有已入库的表，无需重新评分"
        parts = [f"{self.year} 年度 {self.forms} 张表按{title}重新评分：{self.rescored} 张得出新的评分"]
        if self.unchanged:
            parts.append(f"{self.unchanged} 张评分未变")
        if self.scans:
            parts.append(f"{self.scans} 张扫描件表有识别存疑的单元格，保留原评分（请人工核对后重新导入）")
        if self.gone:
            parts.append(f"{self.gone} 张期间已被新版本取代")
        return "，".join(parts)


def rescore_year(
    db: Database, year: int, by: str, progress: Callable[[int, int], None] | None = None
) -> RescoreResult:
    """Re-review every current form of ``year`` under the year's rule set (``set_year_rule_set``);
    ``progress(done, total)`` after each form (the web app's background run records it)."""
    with db.reader() as session:
        rules = session.scalar(select(YearRuleSetRow.rule_set).where(YearRuleSetRow.year == year))
        ids = list(
            session.scalars(
                select(FormRow.id)
                .where(FormRow.year == year, FormRow.superseded.is_(False))
                .order_by(FormRow.id)
            )
        )
    if rules:
        from jixiao.score.rules import load_rule_set

        load_rule_set(rules)  # a rule set removed since it was chosen: RuleSetError before any form
    result = RescoreResult(year=year, rule_set=rules, forms=len(ids))
    for n, form_id in enumerate(ids, start=1):
        _rescore_one(db, form_id, rules, by, result)
        if progress is not None:
            progress(n, len(ids))
    return result


def _rescore_one(db: Database, form_id: int, rules: str | None, by: str, result: RescoreResult) -> None:
    """One form, one transaction: counted in ``result`` as re-scored, unchanged, a scan or gone."""
    from jixiao.review.rescore import rescore_form

    with db.session() as session:  # one form, one transaction
        f = session.get(FormRow, form_id)
        if f is None or f.superseded:
            result.gone += 1
            return
        old_card, old = _stored_review(session, f)
        if any(x.code == _DOUBTFUL_SCAN for x in old):
            result.scans += 1
            return
        card, found, rule_set = rescore_form(_document(session, f.document_id), f.position, rules, old)
        if (
            old_card is not None
            and _same(old_card, card)
            and findings_to_json(found) == findings_to_json(old)
        ):
            result.unchanged += 1
            return
        _record(session, f, card, found, rule_set.name, rule_set.version, rule_set.title, by)
        result.rescored += 1


def _stored_review(session: Session, f: FormRow) -> tuple[ScorecardRow | None, list[Finding]]:
    """The scorecard and findings of the form's latest review run."""
    if f.review_run_id is None:
        return None, []
    card = session.scalar(
        select(ScorecardRow).where(
            ScorecardRow.form_id == f.id, ScorecardRow.review_run_id == f.review_run_id
        )
    )
    rows = session.scalars(
        select(FindingRow)
        .where(FindingRow.form_id == f.id, FindingRow.review_run_id == f.review_run_id)
        .order_by(FindingRow.position)
    )
    found = [finding_from_row(r) for r in rows]
    return card, found


def _same(row: ScorecardRow, card: Scorecard) -> bool:
    values = children.scorecard_values(card)
    return all(getattr(row, name) == value for name, value in values.items())


_PLACE = re.compile(r"(?:表(?P<sheet>.+)|第(?P<page>\d+)页|第(?P<line>\d+)行)")


def _issue(stored: dict[str, Any]) -> ReadIssue:
    """A stored read issue with the place ``Source.where()`` wrote (file:表…:第N页:第N行:cell)."""
    where = stored.get("where")
    if not where:
        return ReadIssue(message=stored.get("message") or "")
    file, *parts = str(where).split(":")
    place: dict[str, Any] = {}
    for part in parts:
        if m := _PLACE.fullmatch(part):
            place.update({k: (v if k == "sheet" else int(v)) for k, v in m.groupdict().items() if v})
        else:
            place["cell"] = part
    return ReadIssue(message=stored.get("message") or "", source=Source(file=file, **place))


def _document(session: Session, document_id: int) -> Document:
    """The stored document as the checks see it: its forms in order and its read issues."""
    doc = session.get_one(DocumentRow, document_id)
    rows = session.execute(
        select(FormRow, FormContractRow.body)
        .join(FormContractRow, FormContractRow.form_id == FormRow.id)
        .where(FormRow.document_id == document_id)
        .order_by(FormRow.position)
    )
    pairs = [(row.id, form_from_rows(body, row)) for row, body in rows]
    restore(session, dict(pairs))
    return Document(
        path=doc.path,
        sha256=doc.sha256,
        reader=doc.reader,
        forms=[form for _, form in pairs],
        issues=[_issue(i) for i in doc.issues or [] if isinstance(i, dict)],
    )


def _record(
    session: Session,
    f: FormRow,
    card: Scorecard,
    found: list[Finding],
    rule_set: str,
    version: str,
    title: str,
    by: str,
) -> None:
    """The new review run of one form, and everything that repeats it."""
    now = datetime.now(UTC)
    before = (
        session.scalar(
            select(ScorecardRow.total_computed).where(
                ScorecardRow.review_run_id == f.review_run_id, ScorecardRow.form_id == f.id
            )
        )
        if f.review_run_id is not None
        else None
    )
    gone = tally.counts_of_forms(session, [f.id])
    summary.remove_forms(session, [f.id])
    session.execute(
        update(FindingRow)
        .where(FindingRow.form_id == f.id, FindingRow.current.is_(True))
        .values(current=False)
    )
    run_id = session.execute(
        insert(ReviewRunRow.__table__).returning(ReviewRunRow.id),
        {
            "document_id": f.document_id,
            "rule_set": rule_set,
            "rule_set_version": version,
            "ran_at": now,
            "jixiao_version": jixiao.__version__,
        },
    ).scalar_one()
    counts = Counter(x.severity for x in found)
    session.execute(
        update(FormRow)
        .where(FormRow.id == f.id)
        .values(
            review_run_id=run_id,
            total_computed=card.total_computed,
            grade=card.grade_computed or card.grade_printed,
            error_count=counts["error"],
            warning_count=counts["warning"],
            info_count=counts["info"],
        )
    )
    n = f.position + 1  # every finding and the card are of this form: each index names it
    _, keys = children.insert_review(
        session, run_id, [f.id] * n, [(f.unit_id, f.year, f.kind)] * n, 0, [card], found
    )
    delta = Counter(keys)
    delta.subtract(gone)
    tally.add(session, Counter({k: d for k, d in delta.items() if d}))
    summary.add_forms(session, [f.id])
    present = {(x.code, x.goal or "", x.indicator or "") for x in found}
    for v in session.scalars(select(VerdictRow).where(VerdictRow.form_id == f.id)):
        stale = (v.code, v.goal_key, v.indicator_key) not in present
        if v.stale != stale:
            session.execute(update(VerdictRow).where(VerdictRow.id == v.id).values(stale=stale))
    state = _state(session, f.id)
    session.execute(
        insert(TransitionRow.__table__),
        {
            "form_id": f.id,
            "from_state": state,
            "to_state": state,
            "by": by,
            "at": now,
            "comment": _note(title, before, card.total_computed, counts["error"]),
        },
    )


def _num(x: float | None) -> str:
    return "无" if x is None else f"{round(x, 2):g}"


def _note(title: str, before: float | None, after: float | None, errors: int) -> str:
    """The history line of a re-score (Chinese)."""
    return f"按“{title}”重新评分：重算总分 {_num(before)} → {_num(after)}，错误 {errors} 条"
