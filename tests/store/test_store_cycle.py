"""The store's cycle queries: a stored self-evaluation's target tables (aliases honoured), and
current forms with their verdicts for history and the 指标库."""

from __future__ import annotations

import copy
from pathlib import Path

from jixiao.cycle import link_evaluation
from jixiao.cycle.history import FormRecord, unit_history
from jixiao.store import Database, FormFilter, add_alias, import_paths, list_forms, stored_forms, targets_for

from .conftest import project_form, write_doc

BIG = "政务服务和大数据管理局"
SHORT = "政务和大数据局"


def target_of(evaluation: dict, *, unit: str, year: int | None, lower: bool = False) -> dict:
    t = copy.deepcopy(evaluation)
    t.update(
        kind="project_target", title="项目支出绩效目标表", unit=unit, year=year, budget=None, total_score=None
    )
    for ind in t["goals"][0]["indicators"]:
        ind.update(actual=None, score=None, basis="计划标准")
    return t


def test_targets_for_a_stored_evaluation(db: Database, tmp_path: Path, fake_reviewer: None) -> None:
    evaluation = project_form(unit=BIG, year=2020)
    evaluation["goals"][0]["indicators"][0]["target"] = "≥120个"  # lowered from the target table's ≥150个
    write_doc(tmp_path / "eval.txt", evaluation)
    write_doc(
        tmp_path / "targets.txt",
        target_of(project_form(), unit=SHORT, year=2020),
        target_of(project_form(), unit=SHORT, year=2019),
        target_of(project_form(), unit="统计局", year=2020),
    )
    add_alias(db, SHORT, BIG)
    assert import_paths([tmp_path / "eval.txt", tmp_path / "targets.txt"], db).failures == []
    rows, _ = list_forms(db, FormFilter(kind="project_self_evaluation"))
    stored, candidates = targets_for(db, rows[0].id)
    assert stored is not None and stored.unit == BIG
    assert [(c.unit, c.form.year) for c in candidates] == [(BIG, 2020)]  # same unit through the alias
    canon = [c.form.model_copy(update={"unit": c.unit}) for c in candidates]
    linkage = link_evaluation(stored.form.model_copy(update={"unit": stored.unit}), 0, canon)
    assert linkage is not None and linkage.match.confidence == 1.0
    [changed] = [f for f in linkage.findings if f.code == "target.changed"]
    assert (changed.indicator, changed.printed, changed.expected) == ("评审项目数量", "≥120个", "≥150个")
    assert changed.severity == "error"
    assert targets_for(db, 999_999) == (None, [])


def test_stored_forms_carry_verdicts(db: Database, tmp_path: Path, fake_reviewer: None) -> None:
    write_doc(tmp_path / "a.txt", project_form(unit=BIG, year=2020, total=99.5))
    write_doc(tmp_path / "b.txt", project_form(unit=SHORT, year=2021, total=90, scores=(10, 10)))
    add_alias(db, SHORT, BIG)
    import_paths([tmp_path / "a.txt", tmp_path / "b.txt"], db)
    forms = stored_forms(db)
    assert {(s.unit, s.form.year) for s in forms} == {(BIG, 2020), (BIG, 2021)}
    records = [
        FormRecord(s.form, s.unit, s.form.total_score, s.total_computed, s.grade, s.findings, s.errors)
        for s in forms
    ]
    rows = unit_history(records, BIG)
    assert [(r.year, r.printed_average, r.computed_average) for r in rows] == [
        (2020, 99.5, 98.5),
        (2021, 90, 89),
    ]
    assert rows[0].findings == {"form.total_mismatch": 1, "indicator.score_mismatch": 1}
    assert rows[1].findings == {"form.total_mismatch": 1}


def test_link_command_on_the_database(db: Database, tmp_path: Path, fake_reviewer: None) -> None:
    import json

    from typer.testing import CliRunner

    from jixiao.cli import app

    evaluation = project_form(unit=BIG, year=2020)
    evaluation["goals"][0]["indicators"][1]["target"] = "≤5%"  # ≥5% turned into ≤5%
    write_doc(tmp_path / "eval.txt", evaluation)
    write_doc(tmp_path / "t.txt", target_of(project_form(), unit=SHORT, year=2020))
    add_alias(db, SHORT, BIG)
    import_paths([tmp_path / "eval.txt", tmp_path / "t.txt"], db)
    [row], _ = list_forms(db, FormFilter(kind="project_self_evaluation"))
    result = CliRunner().invoke(app, ["link", "--db", db.url, "--id", str(row.id), "--format", "json"])
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.stdout)
    assert entry["confidence"] == 1.0
    [changed] = [f for f in entry["findings"] if f["code"] == "target.changed"]
    assert (changed["indicator"], changed["severity"]) == ("审减率", "error")
    missing = CliRunner().invoke(app, ["link", "--db", db.url, "--id", "999999"])
    assert missing.exit_code == 2 and "没有编号为 999999 的表" in missing.output


def test_history_command_on_the_database_through_an_alias(
    db: Database, tmp_path: Path, fake_reviewer: None
) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    write_doc(tmp_path / "a.txt", project_form(unit=BIG, year=2020, total=99.5))
    write_doc(tmp_path / "b.txt", project_form(unit=SHORT, year=2021, total=90, scores=(10, 10)))
    add_alias(db, SHORT, BIG)
    import_paths([tmp_path / "a.txt", tmp_path / "b.txt"], db)
    result = CliRunner().invoke(app, ["history", "--db", db.url, "--unit", SHORT])
    assert result.exit_code == 0, result.output
    assert BIG in result.stdout and "2020" in result.stdout and "2021" in result.stdout
    assert "98.5" in result.stdout and "89" in result.stdout  # the fake reviewer's recomputed totals
