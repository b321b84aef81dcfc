"""Several writers at once, on SQLite and PostgreSQL: revisions, tallies and units stay exact.

Each writer is a thread with its own ``Database`` (its own connections), storing documents that
revise the same forms. Afterwards every identity has one current form, its chain of revisions
runs 1…N without a gap or a repeat, and the finding tallies equal a recount — and equal what
the writers stored, counted by hand.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import func, select

from jixiao.contract import form_from_contract
from jixiao.model import Document
from jixiao.store import Database, add_alias, import_paths
from jixiao.store import _tally as tally
from jixiao.store._schema import FormRow, UnitRow
from jixiao.store._write import Prepared, store_document

from .conftest import department_form, fake_review, project_form, write_doc

WRITERS = 4
ROUNDS = 5
UNITS = ("甲单位", "乙单位", "丙单位")


def _document(writer: int, round_: int) -> Prepared:
    forms = [
        form_from_contract(project_form(unit=unit, total=90 + writer + round_ / 10, scores=(10, 9)))
        for unit in UNITS
    ]
    doc = Document(path=f"w{writer}-r{round_}.txt", reader="fake", forms=forms)
    content = f"{writer}/{round_}".encode()
    return Prepared(
        path=doc.path,
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        document=doc,
        review=fake_review(doc),
    )


def _run_writers(url: str) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(w: int) -> None:
        try:
            with Database(url) as db:
                start.wait()
                for r in range(ROUNDS):
                    with db.session() as session:
                        store_document(session, _document(w, r))
        except BaseException as e:  # reported by the test
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _chains(db: Database) -> dict[tuple[object, ...], list[tuple[int, int, bool, int | None]]]:
    with db.reader() as s:
        rows = s.execute(
            select(
                FormRow.unit_id,
                FormRow.link_year,
                FormRow.kind,
                FormRow.project_key,
                FormRow.ordinal,
                FormRow.id,
                FormRow.revision,
                FormRow.superseded,
                FormRow.superseded_by_id,
            )
        ).all()
    groups: dict[tuple[object, ...], list[tuple[int, int, bool, int | None]]] = defaultdict(list)
    for *identity, form_id, revision, superseded, by in rows:
        groups[tuple(identity)].append((form_id, revision, superseded, by))
    return groups


def _assert_consistent(groups: dict[tuple[object, ...], list[tuple[int, int, bool, int | None]]]) -> None:
    for identity, forms in groups.items():
        current = [f for f in forms if not f[2]]
        assert len(current) == 1, (identity, forms)
        # Walk back from the current form: every form once, revisions N, N-1, …, 1.
        by_successor = {by: (fid, rev) for fid, rev, _, by in forms if by is not None}
        assert len(by_successor) == len(forms) - 1
        fid, rev = current[0][0], current[0][1]
        seen = [rev]
        while fid in by_successor:
            fid, rev = by_successor[fid]
            seen.append(rev)
        assert seen == list(range(len(forms), 0, -1)), (identity, forms)


def test_concurrent_writers_keep_one_current_form_and_exact_tallies(db_url: str) -> None:
    with Database(db_url):
        pass
    errors = _run_writers(db_url)
    assert errors == []
    with Database(db_url) as db:
        groups = _chains(db)
        assert len(groups) == len(UNITS)
        assert all(len(forms) == WRITERS * ROUNDS for forms in groups.values())
        _assert_consistent(groups)
        with db.reader() as s:
            assert tally.stored(s) == tally.recount(s)
            # By hand: each current form has one error and one warning (审减率 scored 9 of 10).
            per_code = Counter()
            for (_u, _y, _k, code), n in tally.stored(s).items():
                per_code[code] += n
            assert per_code == {"form.total_mismatch": 3, "indicator.score_mismatch": 3}
            assert s.scalar(select(func.count()).select_from(UnitRow)) == len(UNITS)


def test_concurrent_first_use_creates_schema_once(db_url: str) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def opener() -> None:
        try:
            start.wait()
            with Database(db_url) as db, db.session() as session:
                store_document(session, _document(threading.get_ident() % 1000, 0))
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=opener) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Database(db_url) as db:
        _assert_consistent(_chains(db))


def test_concurrent_imports_of_revisions(db_url: str, tmp_path: Path, fake_reviewer: None) -> None:
    """Two ``import_paths`` at once, each bringing revisions of the same forms (the reported fault)."""
    folders = []
    for w in range(2):
        folder = tmp_path / f"batch{w}"
        folder.mkdir()
        for r in range(4):
            write_doc(
                folder / f"r{r}.txt",
                *(
                    project_form(unit=u, project=f"项目{p}", total=80 + w + r / 10)
                    for u in UNITS
                    for p in "AB"
                ),
            )
        folders.append(folder)
    with Database(db_url):
        pass
    failures: list[object] = []

    def run(folder: Path) -> None:
        with Database(db_url) as db:
            failures.extend(import_paths([folder], db).failures)

    threads = [threading.Thread(target=run, args=(f,)) for f in folders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with Database(db_url) as db:
        groups = _chains(db)
        assert len(groups) == 6 and all(len(v) == 8 for v in groups.values())
        _assert_consistent(groups)
        with db.reader() as s:
            assert tally.stored(s) == tally.recount(s)


def test_yearless_forms_are_never_revisions_of_each_other(db, tmp_path: Path, fake_reviewer: None) -> None:
    """Two years' 部门整体 target tables that print no year: both stay current."""
    form = department_form()
    form["year"] = None
    first = write_doc(tmp_path / "部门目标表.txt", form)
    second = write_doc(tmp_path / "部门目标表（修改）.txt", {**form, "total_score": 95})
    import_paths([first, second], db)
    with db.reader() as s:
        rows = s.execute(select(FormRow.revision, FormRow.superseded, FormRow.link_year)).all()
    assert sorted(rows) == [(1, False, None), (1, False, None)]


def test_yearless_form_linked_by_the_year_in_its_file_name(db, tmp_path: Path, fake_reviewer: None) -> None:
    form = department_form()
    form["year"] = None
    a = write_doc(tmp_path / "2021年部门目标表.txt", form)
    b = write_doc(tmp_path / "2021年部门目标表-修订.txt", {**form, "total_score": 95})
    c = write_doc(tmp_path / "2022年部门目标表.txt", {**form, "total_score": 90})
    import_paths([a, b, c], db)
    with db.reader() as s:
        rows = s.execute(
            select(FormRow.link_year, FormRow.year_source, FormRow.revision, FormRow.superseded).order_by(
                FormRow.id
            )
        ).all()
    assert rows == [
        (2021, "file_name", 1, True),
        (2021, "file_name", 2, False),
        (2022, "file_name", 1, False),
    ]


def test_alias_merge_resolves_identity_collisions(db, tmp_path: Path, fake_reviewer: None) -> None:
    """The same project's form imported under two names of one unit: after the alias, one is current."""
    old = write_doc(tmp_path / "a.txt", project_form(unit="政务和大数据局", total=90))
    new = write_doc(tmp_path / "b.txt", project_form(unit="政务服务和大数据管理局", total=95))
    import_paths([old, new], db)
    change = add_alias(db, "政务和大数据局", "政务服务和大数据管理局")
    assert change.merged_forms == 1 and change.superseded_forms == 1
    groups = _chains(db)
    assert len(groups) == 1
    _assert_consistent(groups)
    with db.reader() as s:
        current = s.execute(select(FormRow.total_score).where(FormRow.superseded.is_(False))).scalars().all()
    assert current == [95]


def test_show_says_where_the_linking_year_came_from(db, tmp_path: Path, fake_reviewer: None) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    form = department_form()
    form["year"] = None
    import_paths(
        [
            write_doc(tmp_path / "2021年部门目标表.txt", form),
            write_doc(tmp_path / "无年度.txt", {**form, "unit": "乙"}),
        ],
        db,
    )
    shown = CliRunner().invoke(app, ["show", "1", "--db", db.url])
    assert shown.exit_code == 0, shown.output
    assert "按文件名中的年度 2021" in shown.stdout
    other = CliRunner().invoke(app, ["show", "2", "--db", db.url])
    assert "不与其他表关联为修订版" in other.stdout
