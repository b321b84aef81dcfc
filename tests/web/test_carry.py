"""Review work follows a form to its next revision, however the revision arrives."""

from __future__ import annotations

from pathlib import Path

from jixiao import store
from tests.web.conftest import CITY, EXAMPLES, form_ids

SELF_EVALUATION = "2023_江夏区城市管理执法局_部门整体自评表.txt"


def test_verdicts_carry_to_a_reimported_revision_or_ask_for_a_new_look(
    db: store.Database, tmp_path: Path
) -> None:
    store.import_paths([EXAMPLES / SELF_EVALUATION], db)
    [first] = form_ids(db, unit=CITY, kind="department_self_evaluation")
    findings = {(f.code, f.goal, f.indicator) for f in store.get_form(db, first).findings}  # type: ignore[union-attr]
    unmet = next(k for k in findings if k[0] == "indicator.full_score_unmet")
    total = next(k for k in findings if k[0] == "form.total_mismatch")
    store.set_verdict(db, first, *unmet, "confirmed", "满分不成立", "审核员")
    store.set_verdict(db, first, *total, "rejected", "四舍五入", "审核员")
    store.set_audit_score(db, first, unmet[1], unmet[2], 4.0, "按完成比例", "审核员")
    store.transition(db, first, "return", "审核员", "请更正")
    # the unit files a corrected document: 违法建设拆除面积 now meets its target (≥5万平方米)
    text = (EXAMPLES / SELF_EVALUATION).read_text(encoding="utf-8")
    assert text.count("4万平方米") == 1
    corrected = tmp_path / "更正版.txt"
    corrected.write_text(text.replace("4万平方米", "5万平方米"), encoding="utf-8")
    assert store.import_paths([corrected], db).revised == 1
    [second] = form_ids(db, unit=CITY, kind="department_self_evaluation")
    assert second != first
    assert store.carry_pending(db) == 1
    assert store.carry_pending(db) == 0  # idempotent
    notes = store.review_notes(db, second)
    verdicts = {v.code: (v.verdict, v.stale, v.carried_from) for v in notes.verdicts}
    assert verdicts["form.total_mismatch"] == ("rejected", False, first)  # still raised: carried as is
    assert verdicts["indicator.full_score_unmet"] == ("confirmed", True, first)  # gone: needs a new look
    [score] = notes.audit_scores
    assert (score.indicator, score.score, score.stale) == (
        unmet[2],
        4.0,
        False,
    )  # the indicator is still there
    assert notes.state == "returned" and notes.steps[-1].comment == "新版本导入"
