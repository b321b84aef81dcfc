"""Import, re-import, revisions and failures, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

import jixiao.store._children as store_children
from jixiao.contract import form_to_contract
from jixiao.store import Database, FormFilter, export_forms, get_form, import_paths, list_forms
from jixiao.store._schema import DocumentContentRow, DocumentRow, FormRow, IndicatorRow, UnitRow

from .conftest import department_form, project_form, row_counts, write_doc

pytestmark = pytest.mark.usefixtures("fake_reader")


def test_round_trip_export_equals_parse_output(db: Database, db_url: str, tmp_path: Path) -> None:
    forms = [department_form(), project_form(), project_form(project="统计工作经费项目", total=88)]
    path = write_doc(tmp_path / "a.txt", *forms)
    summary = import_paths([path], db)
    assert [d.forms for d in summary.imported] == [3]
    exported = [form_to_contract(f) for f in export_forms(db_url)]
    assert exported == forms


def test_document_keeps_original_bytes_and_provenance(db: Database, tmp_path: Path) -> None:
    path = write_doc(tmp_path / "a.txt", project_form())
    import_paths([path], db)
    with db.reader() as s:
        doc = s.scalars(select(DocumentRow)).one()
        content = s.get_one(DocumentContentRow, doc.id).content
    assert content == path.read_bytes()
    assert doc.file_name == "a.txt"
    assert doc.size == len(path.read_bytes())
    assert doc.reader == "fake"
    assert len(doc.sha256) == 64


def test_parsed_values_beside_printed(db: Database, tmp_path: Path) -> None:
    import_paths([write_doc(tmp_path / "a.txt", project_form())], db)
    with db.reader() as s:
        rows = s.execute(select(IndicatorRow).order_by(IndicatorRow.id)).scalars().all()
        got = [(r.target, r.target_op, r.target_value, r.actual, r.actual_value) for r in rows]
        units = [(r.target_unit, r.actual_unit) for r in rows]
    assert got == [
        ("≥150个", ">=", 150, "162个", 162),
        ("≥5%", ">=", pytest.approx(0.05), "6.2%", pytest.approx(0.062)),
    ]
    assert units[1] == ("%", "%")


def test_reimport_of_same_bytes_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_doc(tmp_path / "a.txt", project_form(), department_form())
    first = import_paths([path], db)
    assert len(first.imported) == 1
    before = row_counts(db)
    again = import_paths([path], db)
    assert again.imported == [] and again.failures == []
    assert [(u.path, u.same_as) for u in again.unchanged] == [(str(path), "a.txt")]
    copy = tmp_path / "copy.txt"
    copy.write_bytes(path.read_bytes())
    renamed = import_paths([copy], db)
    assert [u.same_as for u in renamed.unchanged] == ["a.txt"]
    assert row_counts(db) == before


def test_same_bytes_twice_in_one_batch_imported_once(db: Database, tmp_path: Path) -> None:
    a = write_doc(tmp_path / "a.txt", project_form())
    b = tmp_path / "b.txt"
    b.write_bytes(a.read_bytes())
    summary = import_paths([a, b], db)
    assert len(summary.imported) == 1
    assert [u.path for u in summary.unchanged] == [str(b)]
    assert row_counts(db)["forms"] == 1


def test_corrected_document_becomes_new_revision(db: Database, tmp_path: Path) -> None:
    v1 = write_doc(tmp_path / "v1.txt", department_form(total=97), project_form(total=99.5))
    import_paths([v1], db)
    # Corrected: the project's score fixed; the department form reprinted unchanged.
    v2 = write_doc(tmp_path / "v2.txt", department_form(total=97), project_form(total=95, scores=(10, 5)))
    summary = import_paths([v2], db)
    assert [(d.forms, d.revised) for d in summary.imported] == [(2, 2)]

    current, total = list_forms(db)
    assert total == 2
    assert {(f.revision, f.superseded, f.file_name) for f in current} == {(2, False, "v2.txt")}
    project = next(f for f in current if f.project)
    assert project.total_score == 95

    everything, total_all = list_forms(db, FormFilter(include_superseded=True))
    assert total_all == 4
    old = next(f for f in everything if f.project and f.superseded)
    assert (old.revision, old.total_score, old.file_name) == (1, 99.5, "v1.txt")

    history = get_form(db, old.id).history
    assert [(h.revision, h.superseded, h.file_name) for h in history] == [
        (1, True, "v1.txt"),
        (2, False, "v2.txt"),
    ]
    assert get_form(db, project.id).history == history
    with db.reader() as s:
        assert s.get_one(FormRow, old.id).superseded_by_id == project.id


def test_third_revision_and_other_project_untouched(db: Database, tmp_path: Path) -> None:
    import_paths([write_doc(tmp_path / "1.txt", project_form(total=90))], db)
    import_paths([write_doc(tmp_path / "other.txt", project_form(project="统计工作经费项目", total=80))], db)
    import_paths([write_doc(tmp_path / "2.txt", project_form(total=91))], db)
    import_paths([write_doc(tmp_path / "3.txt", project_form(total=92))], db)
    current, _ = list_forms(db)
    assert {(f.project, f.revision, f.total_score) for f in current} == {
        ("统计工作经费项目", 1, 80),
        ("咨询评估服务经费项目", 3, 92),
    }
    # Another year of the same project is a different form, not a revision.
    import_paths([write_doc(tmp_path / "2021.txt", project_form(year=2021, total=93))], db)
    current, total = list_forms(db)
    assert total == 3
    assert {f.revision for f in current if f.year == 2021} == {1}


def test_unreadable_document_listed_others_imported(db: Database, tmp_path: Path) -> None:
    good1 = write_doc(tmp_path / "a.txt", project_form())
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01 not a form")
    good2 = write_doc(tmp_path / "c.txt", department_form())
    summary = import_paths([good1, bad, good2, tmp_path / "missing.txt"], db)
    assert [Path(d.path).name for d in summary.imported] == ["a.txt", "c.txt"]
    assert sorted((Path(f.path).name, f.reason) for f in summary.failures) == [
        ("b.txt", "不是绩效表"),
        ("missing.txt", "文件不存在"),
    ]
    with db.reader() as s:
        assert sorted(s.scalars(select(DocumentRow.file_name))) == ["a.txt", "c.txt"]


def test_failure_while_writing_leaves_no_trace(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document that fails half-way through writing is rolled back whole, units and years included."""
    import_paths([write_doc(tmp_path / "a.txt", project_form())], db)
    before = row_counts(db)

    real = store_children.insert_reports

    def exploding(session, doc_id, form_ids, doc):  # type: ignore[no-untyped-def]
        if any(f.unit == "一个新单位" for f in doc.forms):
            raise RuntimeError("模拟写入中途出错")
        return real(session, doc_id, form_ids, doc)

    monkeypatch.setattr(store_children, "insert_reports", exploding)
    bad = write_doc(tmp_path / "b.txt", project_form(unit="一个新单位", year=2031))
    good = write_doc(tmp_path / "c.txt", department_form(year=2021))
    summary = import_paths([bad, good], db)
    assert [Path(f.path).name for f in summary.failures] == ["b.txt"]
    assert "写入数据库失败" in summary.failures[0].reason
    assert [Path(d.path).name for d in summary.imported] == ["c.txt"]
    after = row_counts(db)
    assert after["documents"] == before["documents"] + 1
    assert after["forms"] == before["forms"] + 1
    with db.reader() as s:
        assert s.scalar(select(UnitRow).where(UnitRow.name == "一个新单位")) is None
        assert s.scalar(select(DocumentRow).where(DocumentRow.file_name == "b.txt")) is None
        assert 2031 not in set(s.scalars(select(FormRow.year)))
    # Once the cause is gone, the same file imports normally.
    monkeypatch.setattr(store_children, "insert_reports", real)
    assert len(import_paths([bad], db).imported) == 1


def test_folders_are_searched_recursively(db: Database, tmp_path: Path) -> None:
    (tmp_path / "2020" / "项目").mkdir(parents=True)
    write_doc(tmp_path / "2020" / "a.txt", department_form())
    write_doc(tmp_path / "2020" / "项目" / "b.txt", project_form())
    (tmp_path / "2020" / "notes.json").write_text("{}", encoding="utf-8")  # not a form type
    (tmp_path / ".hidden").mkdir()
    write_doc(tmp_path / ".hidden" / "c.txt", project_form(project="隐藏"))
    summary = import_paths([tmp_path], db)
    assert sorted(Path(d.path).name for d in summary.imported) == ["a.txt", "b.txt"]
    assert summary.failures == []


def test_reopening_keeps_data(db_url: str, tmp_path: Path) -> None:
    with Database(db_url) as first:
        import_paths([write_doc(tmp_path / "a.txt", project_form())], first)
    with Database(db_url) as second:
        assert list_forms(second)[1] == 1


def test_file_changed_during_import_is_refused(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes stored are the bytes read: a file rewritten while it is parsed is not stored."""
    import jixiao.store._import as store_import

    from .conftest import fake_read

    def read_then_edit(path: str | Path):  # type: ignore[no-untyped-def]
        doc = fake_read(path)
        Path(path).write_text(Path(path).read_text(encoding="utf-8") + " ", encoding="utf-8")
        return doc

    monkeypatch.setattr(store_import, "read", read_then_edit)
    summary = import_paths([write_doc(tmp_path / "a.txt", project_form())], db)
    assert [f.reason for f in summary.failures] == ["文件在导入过程中被改动，请重新导入"]
    assert row_counts(db)["documents"] == 0


def test_already_read_document_is_stored_without_reading_again(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jixiao.store import _import

    from .conftest import fake_read

    path = write_doc(tmp_path / "a.txt", project_form(), department_form())
    doc = fake_read(path)

    def no_read(p: str | Path) -> None:
        raise AssertionError(f"read again: {p}")

    monkeypatch.setattr(_import, "read", no_read)
    first = import_paths([path], db, documents={str(path): doc})
    assert [d.forms for d in first.imported] == [2]
    before = row_counts(db)
    again = import_paths([path], db, documents={str(path): doc})
    assert again.imported == [] and [u.same_as for u in again.unchanged] == ["a.txt"]
    assert row_counts(db) == before


def test_stats_over_all_revisions_counts_the_superseded_forms(db: Database, tmp_path: Path) -> None:
    """``stats --all-revisions`` groups the forms themselves; the current-only path reads the sums."""
    from jixiao.store import stats

    import_paths([write_doc(tmp_path / "v1.txt", project_form(total=99.5))], db)
    import_paths([write_doc(tmp_path / "v2.txt", project_form(total=95, scores=(10, 5)))], db)
    [current], _ = stats(db)
    [every], _ = stats(db, FormFilter(include_superseded=True))
    assert (current.forms, every.forms) == (1, 2)
    # both revisions print 预算数 940 万元: the funds add up, the printed totals average evenly
    assert (current.funds, every.funds) == (940, 1880)
    assert current.printed_average == pytest.approx(95)
    assert every.printed_average == pytest.approx((99.5 + 95) / 2)
    assert (current.printed_forms, every.printed_forms) == (1, 2)
