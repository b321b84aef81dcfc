"""``stats`` as a finance bureau reads it: means weighted by funds, kinds apart, sound totals only."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao.store._import as store_import
from jixiao.model import Document, Finding
from jixiao.review import ReviewResult
from jixiao.store import Database, FormFilter, import_paths, stats

from .conftest import department_form, fake_review, project_form, write_doc

UNIT = "政务服务和大数据管理局"


def _project(name: str, planned: float, total: float) -> dict:  # type: ignore[type-arg]
    form = project_form(unit=UNIT, project=name, total=total)
    form["budget"]["planned"] = planned
    return form


def _review_marking_broken_weights(doc: Document, rules: str | None = None) -> ReviewResult:
    """The fake review, plus ``form.weight_mismatch`` on forms whose project name says so, and a
    goal-level ``goal.weight_mismatch`` warning (a sub-label) on the small project."""
    result = fake_review(doc, rules)
    for i, form in enumerate(doc.forms):
        if form.project == "小项目":
            result.findings.append(
                Finding(
                    form=i,
                    form_title=form.title,
                    code="goal.weight_mismatch",
                    severity="warning",
                    message="“产出指标/时效指标”印为 0.5 分，其下 2 项指标分值合计 1 分",
                )
            )
        if form.project and "结构不合计" in form.project:
            result.findings.append(
                Finding(
                    form=i,
                    form_title=form.title,
                    code="form.weight_mismatch",
                    severity="error",
                    message="分值合计 118.94 分，不等于 100 分",
                )
            )
    return result


@pytest.fixture
def weighted(db: Database, tmp_path: Path, fake_reader: None, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setattr(store_import, "review_document", _review_marking_broken_weights)
    doc = write_doc(
        tmp_path / "a.txt",
        _project("小项目", 100, 90),
        _project("大项目", 300, 70),
        _project("分值结构不合计项目", 600, 100),
        department_form(unit=UNIT, total=60),
    )
    assert import_paths([doc], db).failures == []
    return db


def test_means_are_weighted_by_funds_and_kinds_kept_apart(weighted: Database) -> None:
    rows = {r.kind: r for r in stats(weighted)[0]}
    assert set(rows) == {"project_self_evaluation", "department_self_evaluation"}
    p = rows["project_self_evaluation"]
    assert p.forms == 3 and p.funds == pytest.approx(1000)
    # printed: (90×100 + 70×300 + 100×600) / 1000 = 90 (the plain mean would be 86.67)
    assert p.printed_average == pytest.approx(90) and p.printed_forms == 3
    # recomputed (printed − 1 by the fake review) without the form whose weights do not add up:
    # (89×100 + 69×300) / 400 = 74; a goal's sub-label mismatch leaves the form's 100 points whole
    assert p.computed_average == pytest.approx(74) and p.computed_forms == 2 and p.unsound == 1
    d = rows["department_self_evaluation"]
    assert d.forms == 1 and (d.printed_average, d.computed_average) == pytest.approx((60, 59))
    assert p.findings["form.weight_mismatch"] == 1 and "form.weight_mismatch" not in d.findings


def test_kind_filter_keeps_one_row(weighted: Database) -> None:
    (row,), total = stats(weighted, FormFilter(kind="department_self_evaluation"))
    assert total == 1 and row.kind == "department_self_evaluation"


def test_cli_stats_reads_at_80_columns(weighted: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    result = CliRunner().invoke(app, ["stats", "--db", weighted.url], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "项目自评" in text and "部门整体自评" in text
    assert "填报总分按资金加权平均 90（3 张）" in text
    assert "重算总分按资金加权平均 74（2 张" in text and "1 张表分值结构不合计 100 分" in text
    assert "分值结构不合计 100 分 1" in text  # the finding's catalogue title, not its code
    assert "form.weight_mismatch" not in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_forms_and_show_give_no_grade_where_weights_do_not_add_up(weighted: Database) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    runner = CliRunner()
    listed = runner.invoke(app, ["forms", "--db", weighted.url], env={"COLUMNS": "80"}).stdout
    broken = next(line for line in listed.splitlines() if "分值结构不合计项目" in line)
    assert "不计" in broken and "良" not in broken  # the fake review's grade is not shown for it
    sound = next(line for line in listed.splitlines() if "大项目" in line and "结构" not in line)
    assert "69" in sound and "良" in sound
    assert all(len(line) <= 80 for line in listed.splitlines())
    form_id = broken.split()[0]
    shown = runner.invoke(app, ["show", form_id, "--db", weighted.url], env={"COLUMNS": "80"}).stdout
    assert "重算 不评（分值结构不合计）" in shown and "不可比" in shown
    assert all(len(line) <= 80 for line in shown.splitlines())  # records, not a 9-column table
