"""Re-scoring a year's stored forms under the year's rule set, and imports honouring it.

The examples' 2023 project self-evaluation (武汉市江夏区文化馆) prints 10 points for two 定性
indicators of weight 10: 群众文化参与度 部分达成 and 文化志愿者队伍稳定性 未达成. Checked by hand:
its quantitative indicators score 15 + 12 + 10 + 10 + 10 = 57 and its budget 20 × 171.2/186.5 =
18.36; under the Wuhan rules (部分达成 80%–50%, 未达成 50%–0%) the printed 10s are held to 8 and
5: 57 + 8 + 5 + 18.36 = 88.36. Under 财预〔2020〕10号 (部分达成 80%–60%, 未达成 60%–0%) they are
held to 8 and 6: 89.36.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from jixiao import store
from jixiao.store._schema import FormRow
from tests.store.conftest import row_counts

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CULTURE = "武汉市江夏区文化馆"


def _culture_evaluation(db: store.Database) -> int:
    with db.reader() as s:
        return s.scalar(
            select(FormRow.id).where(
                FormRow.unit_name == CULTURE,
                FormRow.kind == "project_self_evaluation",
                FormRow.superseded.is_(False),
            )
        )


def test_rescore_under_the_years_rules_keeps_review_work_and_is_idempotent(db: store.Database) -> None:
    store.import_paths([EXAMPLES], db)
    form_id = _culture_evaluation(db)
    # no rule set chosen: the stored review is what the rules chosen per form give again
    assert [store.rescore_year(db, y, "管理员").rescored for y in (2023, 2024)] == [0, 0]
    before = store.get_form(db, form_id)
    assert before is not None and before.scorecard is not None
    assert (before.rule_set, before.scorecard.total_computed) == ("wuhan", 88.36)
    short = next(f for f in before.findings if f.indicator == "培训基层文艺骨干人数")  # 240 of ≥300 人次
    store.set_verdict(db, form_id, short.code, short.goal, short.indicator, "confirmed", "属实", "审核员")

    store.set_year_rule_set(db, 2023, "national-2020")
    result = store.rescore_year(db, 2023, "管理员")
    assert (result.forms, result.rescored + result.unchanged, result.scans) == (2, 2, 0)
    assert result.rescored >= 1
    after = store.get_form(db, form_id)
    assert after is not None and after.scorecard is not None
    assert (after.rule_set, after.scorecard.total_computed) == ("national-2020", 89.36)
    assert after.summary.total_computed == 89.36 and after.summary.grade == "良"
    stability = next(s for s in after.scorecard.indicators if s.indicator == "文化志愿者队伍稳定性")
    assert (stability.low, stability.high) == (0.0, 6.0)
    # the same findings (the narrative report's kept), the verdict on one still current
    assert [f.code for f in after.findings] == [f.code for f in before.findings]
    notes = store.review_notes(db, form_id)
    [verdict] = notes.verdicts
    assert (verdict.verdict, verdict.by, verdict.stale) == ("confirmed", "审核员", False)
    # the history says who re-scored it, when, under which rules, and what the total became
    step = notes.steps[-1]
    assert step.by == "管理员" and step.from_state == step.to_state
    assert "财预〔2020〕10号" in (step.comment or "")
    assert "88.36 → 89.36" in (step.comment or "")
    # the 2024 forms are another year's: untouched
    assert store.rescore_year(db, 2024, "管理员").rescored == 0

    counts = row_counts(db)
    again = store.rescore_year(db, 2023, "管理员")
    assert (again.rescored, again.unchanged) == (0, 2)
    assert row_counts(db) == counts
    # the queue and the overview read the new grade and total
    rows, _ = store.list_queue(db, store.QueueFilter(year=2023, unit=CULTURE))
    assert [(r.id, r.computed, r.grade) for r in rows] == [(form_id, 89.36, "良")]


def test_back_to_rules_chosen_per_form_restores_the_review(db: store.Database) -> None:
    store.import_paths([EXAMPLES], db)
    form_id = _culture_evaluation(db)
    store.set_year_rule_set(db, 2023, "national-2020")
    assert store.rescore_year(db, 2023, "管理员").rescored >= 1
    store.set_year_rule_set(db, 2023, None)
    assert store.rescore_year(db, 2023, "管理员").rescored >= 1
    detail = store.get_form(db, form_id)
    assert detail is not None and detail.scorecard is not None
    assert (detail.rule_set, detail.scorecard.total_computed) == ("wuhan", 88.36)


def test_import_honours_the_years_rule_set(db: store.Database) -> None:
    store.set_year_rule_set(db, 2023, "national-2020")
    store.import_paths([EXAMPLES], db)
    detail = store.get_form(db, _culture_evaluation(db))
    assert detail is not None and detail.scorecard is not None
    assert (detail.rule_set, detail.scorecard.total_computed) == ("national-2020", 89.36)
    # a year without a choice: chosen per form from what it prints
    rows, _ = store.list_queue(db, store.QueueFilter(year=2024, unit=CULTURE))
    later = store.get_form(db, rows[0].id)
    assert later is not None and later.rule_set == "wuhan"
    # nothing to re-score: the import already used the year's rules
    assert store.rescore_year(db, 2023, "管理员").rescored == 0


def test_a_forced_rule_set_wins_over_the_years(db: store.Database) -> None:
    store.set_year_rule_set(db, 2023, "national-2020")
    store.import_paths([EXAMPLES], db, rules="wuhan")
    detail = store.get_form(db, _culture_evaluation(db))
    assert detail is not None and detail.rule_set == "wuhan"


def test_rescore_command(db_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from jixiao.cli import _common, app

    for console in (_common.out, _common.err):
        monkeypatch.setattr(console, "width", 250)
    monkeypatch.setenv("JIXIAO_USER", "财政局管理员")
    runner = CliRunner()

    def run(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [*args, "--db", db_url], catch_exceptions=False)

    assert run("import", str(EXAMPLES)).exit_code == 0
    first = run("rescore", "--year", "2023", "--rules", "national-2020")
    assert first.exit_code == 0, first.output
    assert "财预〔2020〕10号" in first.stdout and "张得出新的评分" in first.stdout
    again = run("rescore", "--year", "2023")
    assert "0 张得出新的评分，2 张评分未变" in again.stdout
    bad = run("rescore", "--year", "2023", "--rules", "no-such-rules")
    assert (
        bad.exit_code != 0 and "未知的评分规则“no-such-rules”" in bad.output and "Traceback" not in bad.output
    )
    with store.Database(db_url) as db:
        assert store.rule_set_for_year(db, 2023) == "national-2020"  # the refused name changed nothing
        form_id = _culture_evaluation(db)
        assert store.review_notes(db, form_id).steps[-1].by == "财政局管理员"
        detail = store.get_form(db, form_id)
        assert (
            detail is not None and detail.scorecard is not None and detail.scorecard.total_computed == 89.36
        )


def test_a_scan_with_doubtful_cells_keeps_its_review(
    db: store.Database, monkeypatch, fake_reader: None, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The cells behind a scanned form are not stored, so the findings resting on a doubtful one
    could not be tempered again: such a form keeps its review, and the message says so."""
    import jixiao.store._import as store_import
    from jixiao.model import Document, Finding
    from jixiao.review import ReviewResult, review_document
    from tests.store.conftest import project_form, write_doc

    def scanned(doc: Document, rules: str | None = None) -> ReviewResult:
        result = review_document(doc, rules)
        doubt = Finding(
            form=0,
            form_title=doc.forms[0].title,
            code="read.low_confidence",
            severity="warning",
            message="识别存疑",
        )
        return ReviewResult(
            result.rule_set, result.rule_set_version, result.scorecards, [*result.findings, doubt]
        )

    monkeypatch.setattr(store_import, "review_document", scanned)
    store.import_paths([write_doc(tmp_path / "scan.txt", project_form(year=2020))], db)
    store.set_year_rule_set(db, 2020, "national-2020")
    counts = row_counts(db)
    result = store.rescore_year(db, 2020, "管理员")
    assert (result.forms, result.rescored, result.scans) == (1, 0, 1)
    assert "1 张扫描件表有识别存疑的单元格，保留原评分" in result.message("“某规则”")
    assert row_counts(db) == counts
