"""Queries (forms, show, stats), unit aliases and the schema's migrations, on both back ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from jixiao.store import (
    AliasError,
    Database,
    FormFilter,
    add_alias,
    export_forms,
    get_form,
    import_paths,
    list_forms,
    list_units,
    parse_value,
    remove_alias,
    resolve_url,
    stats,
)
from jixiao.store._schema import Base

from .conftest import department_form, project_form, write_doc

BIG = "政务服务和大数据管理局"
SHORT = "政务和大数据局"
BIO = "武汉国家生物产业基地建设管理办公室"


@pytest.fixture
def loaded(db: Database, tmp_path: Path, fake_reviewer: None) -> Database:
    """Three 2020 forms of two units, reviewed by the fake reviewer (see conftest)."""
    write_doc(tmp_path / "bio.txt", department_form(unit=BIO, total=97))
    write_doc(
        tmp_path / "gov.txt",
        project_form(unit=BIG, total=99.5),
        project_form(unit=BIG, project="统计工作经费项目", total=88, scores=(10, 10)),
    )
    summary = import_paths([tmp_path / "bio.txt", tmp_path / "gov.txt"], db)
    assert summary.failures == []
    return db


def test_import_summary_counts_findings_by_severity(
    db: Database, tmp_path: Path, fake_reviewer: None
) -> None:
    path = write_doc(tmp_path / "gov.txt", project_form(), department_form())
    summary = import_paths([path], db)
    # one error per form; warnings: 9.5 of 10 (project), 0.43 of 0.5 (department)
    assert dict(summary.findings) == {"error": 2, "warning": 2}


def test_stats_per_unit_and_year(loaded: Database) -> None:
    rows = {(r.unit, r.year): r for r in stats(loaded)[0]}
    assert set(rows) == {(BIO, 2020), (BIG, 2020)}
    gov = rows[(BIG, 2020)]
    assert gov.forms == 2
    assert gov.printed_average == pytest.approx((99.5 + 88) / 2)
    assert gov.computed_average == pytest.approx((98.5 + 87) / 2)
    assert gov.findings == {"form.total_mismatch": 2, "indicator.score_mismatch": 1}
    bio = rows[(BIO, 2020)]
    assert (bio.forms, bio.printed_average, bio.computed_average) == (1, 97, 96)
    assert bio.findings == {"form.total_mismatch": 1, "indicator.score_mismatch": 1}


def test_stats_count_only_current_revisions(loaded: Database, tmp_path: Path) -> None:
    fixed = write_doc(tmp_path / "bio2.txt", department_form(unit=BIO, total=99))
    import_paths([fixed], loaded)
    bio = next(r for r in stats(loaded)[0] if r.unit == BIO)
    assert (bio.forms, bio.printed_average, bio.findings["form.total_mismatch"]) == (1, 99, 1)


def test_forms_filters(loaded: Database) -> None:
    def titles(**kw: object) -> list[str]:
        rows, total = list_forms(loaded, FormFilter(**kw))  # type: ignore[arg-type]
        assert total == len(rows)
        return sorted(r.title for r in rows)

    assert len(titles()) == 3
    assert titles(kind="department_self_evaluation") == [f"2020年度{BIO} 部门整体绩效自评表"]
    assert titles(unit="大数据") == ["2020 年度咨询评估服务经费项目自评表", "2020 年度统计工作经费项目自评表"]
    assert titles(year=2021) == []
    assert len(titles(grade="良")) == 3
    assert titles(grade="优") == []
    assert len(titles(has_errors=True)) == 3
    assert titles(has_errors=False) == []
    assert titles(unit="没有这个单位") == []


def test_forms_limit_reports_total(loaded: Database) -> None:
    rows, total = list_forms(loaded, limit=2)
    assert (len(rows), total) == (2, 3)


def test_show_form_with_scorecard_and_findings(loaded: Database) -> None:
    rows, _ = list_forms(loaded, FormFilter(kind="department_self_evaluation"))
    detail = get_form(loaded, rows[0].id)
    assert detail is not None
    assert detail.form.unit == BIO
    assert [g.name for g in detail.form.goals] == ["年度目标1"]
    assert detail.scorecard is not None
    assert (detail.scorecard.total_printed, detail.scorecard.total_computed) == (97, 96)
    assert (detail.rule_set, detail.rule_set_version) == ("test", "1")
    assert [(f.code, f.severity, f.indicator) for f in detail.findings] == [
        ("form.total_mismatch", "error", None),
        ("indicator.score_mismatch", "warning", "公务接待费用"),
    ]
    assert detail.findings[1].printed == 0.43
    assert get_form(loaded, 10_000) is None


def test_alias_links_two_names_of_one_unit(db: Database, tmp_path: Path, fake_reader: None) -> None:
    import_paths([write_doc(tmp_path / "a.txt", project_form(unit=BIG))], db)
    import_paths([write_doc(tmp_path / "b.txt", project_form(unit=SHORT, project="统计工作经费项目"))], db)
    assert {u.name for u in list_units(db)} == {BIG, SHORT}

    change = add_alias(db, SHORT, BIG)
    assert (change.unit, change.merged_forms, change.created_unit) == (BIG, 1, False)
    units = list_units(db)
    assert [(u.name, u.aliases, u.forms) for u in units] == [(BIG, [SHORT], 2)]
    assert list_forms(db, FormFilter(unit=SHORT))[1] == 2
    assert {r.unit for r in stats(db)[0]} == {BIG}

    # Later imports under the short name, or with a line break inside the name, join the unit.
    import_paths([write_doc(tmp_path / "c.txt", project_form(unit=SHORT, year=2021))], db)
    import_paths(
        [write_doc(tmp_path / "d.txt", project_form(unit="政务服务和\n大数据管理局", year=2022))], db
    )
    assert [(u.name, u.forms) for u in list_units(db)] == [(BIG, 4)]
    # The form still says what it printed.
    exported = {f.year: f.unit for f in export_forms(db.url, unit=BIG)}
    assert exported[2021] == SHORT


def test_alias_revises_across_names(db: Database, tmp_path: Path, fake_reader: None) -> None:
    add_alias(db, SHORT, BIG)
    import_paths([write_doc(tmp_path / "a.txt", project_form(unit=BIG, total=90))], db)
    summary = import_paths([write_doc(tmp_path / "b.txt", project_form(unit=SHORT, total=91))], db)
    assert summary.revised == 1


def test_alias_errors_and_removal(db: Database, tmp_path: Path, fake_reader: None) -> None:
    import_paths([write_doc(tmp_path / "a.txt", project_form(unit=BIG))], db)
    with pytest.raises(AliasError):
        add_alias(db, BIG, BIG)
    with pytest.raises(AliasError):
        add_alias(db, " ", BIG)
    add_alias(db, SHORT, BIG)
    add_alias(db, SHORT, BIG)  # again: nothing changes
    assert [u.aliases for u in list_units(db)] == [[SHORT]]
    assert remove_alias(db, SHORT) == BIG
    assert [u.aliases for u in list_units(db)] == [[]]
    with pytest.raises(AliasError):
        remove_alias(db, SHORT)


def test_export_filters_and_order(loaded: Database) -> None:
    forms = export_forms(loaded.url)
    assert [f.kind.value for f in forms] == [
        "department_self_evaluation",
        "project_self_evaluation",
        "project_self_evaluation",
    ]
    assert [f.project for f in export_forms(loaded.url, unit=SHORT)] == []
    assert len(export_forms(loaded.url, unit=BIG, has_errors=True)) == 2
    assert export_forms(loaded.url, grade="优") == []


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migrations_match_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        # The expression index is not reflected (so not compared): check that it is there.
        if conn.dialect.name == "sqlite":
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='index'")}
        else:
            names = {r[0] for r in conn.exec_driver_sql("SELECT indexname FROM pg_indexes")}
    # Alembic reports the unreflected expression index as one to add; nothing else may differ.
    assert [d for d in diff if not (d[0] == "add_index" and d[1].name == "uq_forms_current")] == []
    assert "uq_forms_current" in names


def test_export_from_missing_database_file(tmp_path: Path) -> None:
    from jixiao.store import StoreError

    with pytest.raises(StoreError, match="不存在"):
        export_forms(str(tmp_path / "nope.db"))
    assert not (tmp_path / "nope.db").exists()


def test_resolve_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_DB", raising=False)
    assert resolve_url() == "sqlite:///./jixiao.db"
    assert resolve_url("data/绩效.db") == "sqlite:///data/绩效.db"
    assert resolve_url("/srv/j.db") == "sqlite:////srv/j.db"
    monkeypatch.setenv("JIXIAO_DB", "postgresql+psycopg://u@h/db")
    assert resolve_url() == "postgresql+psycopg://u@h/db"
    assert resolve_url("x.db") == "sqlite:///x.db"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥ 85%", (">=", 0.85, "%")),
        ("=1 份", ("=", 1, "份")),
        ("100%", (None, 1.0, "%")),
        ("≤5‰", ("<=", 0.005, "‰")),
        ("达成上级确定的任务量", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_parse_value(text: str | None, expected: tuple[object, ...]) -> None:
    parsed = parse_value(text)
    assert (parsed.op, parsed.unit) == (expected[0], expected[2])
    assert parsed.value == (pytest.approx(expected[1]) if expected[1] is not None else None)


def test_stats_follow_alias_merge(db: Database, tmp_path: Path, fake_reviewer: None) -> None:
    import_paths([write_doc(tmp_path / "a.txt", project_form(unit=BIG, total=90))], db)
    import_paths(
        [write_doc(tmp_path / "b.txt", project_form(unit=SHORT, project="统计工作经费项目", total=80))], db
    )
    assert {r.unit: r.forms for r in stats(db)[0]} == {BIG: 1, SHORT: 1}
    add_alias(db, SHORT, BIG)
    (row,), total = stats(db)
    assert total == 1
    assert (row.unit, row.forms, row.printed_average) == (BIG, 2, 85)
    # each form: one total_mismatch error; one 9.5-of-10 indicator warning
    assert row.findings == {"form.total_mismatch": 2, "indicator.score_mismatch": 2}
    assert stats(db, FormFilter(unit=SHORT))[0][0].findings == row.findings
    assert stats(db, FormFilter(has_errors=True))[0][0].findings == row.findings


def test_stats_pages_in_unit_order(db: Database, tmp_path: Path, fake_reviewer: None) -> None:
    """A page of unit-year rows: by unit name, newest year first; findings counted for the page."""
    for year in (2020, 2021):
        write_doc(tmp_path / f"gov{year}.txt", project_form(unit=BIG, year=year, total=90))
        write_doc(tmp_path / f"bio{year}.txt", department_form(unit=BIO, year=year, total=97))
    import_paths([tmp_path], db)
    everything, total = stats(db)
    assert total == 4
    order = [(r.unit, r.year) for r in everything]
    assert order == sorted(order, key=lambda k: (k[0], -k[1]))
    page, total = stats(db, limit=2, offset=1)
    assert total == 4
    assert [(r.unit, r.year) for r in page] == order[1:3]
    assert [r.findings for r in page] == [r.findings for r in everything[1:3]]
    assert all(r.findings["form.total_mismatch"] == 1 for r in page)
    graded, _ = stats(db, FormFilter(grade="良"), limit=1)
    assert graded[0].findings == everything[0].findings
