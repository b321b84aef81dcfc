"""``jixiao verify`` of an SQLite file on ``sqlite3`` (``_lite_verify``) sends SQLAlchemy's
statements and finds what ``_maintain.verify`` finds: every intermediate figure and the report
compared on a healthy database and on copies damaged one way each; on PostgreSQL the
SQLAlchemy figures of the same documents equal the lite ones of their SQLite copy."""

from __future__ import annotations

import math
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from jixiao.store import Database, Reader, add_alias, import_paths, list_units, open_database
from jixiao.store import _lite_verify as lite
from jixiao.store import _summary as summary
from jixiao.store import _tally as tally
from jixiao.store._maintain import verify
from jixiao.store._tables import DEFAULT_STATE
from tests.store.conftest import department_form, project_form, write_doc

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
CORPUS = REPO / "tests" / "corpus" / "files"


def test_tables_and_values_are_the_summarys() -> None:
    assert tuple((t.name, keys) for t, keys in summary.ROLLUPS) == lite.ROLLUPS
    assert tuple((c.name, s.name, by) for c, s, by in summary.ROW_COUNTS) == lite.ROW_COUNTS
    assert (lite.KEYS, lite.VALUES, lite.COUNTED) == (summary.KEYS, summary.VALUES, summary.COUNTED)
    assert lite.DEFAULT_STATE == DEFAULT_STATE


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real forms of several units and years (findings of weight structure among them), a revision."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not found")
    files = [SEEDS, *sorted(p for p in CORPUS.glob("[cf]0*") if p.suffix in (".txt", ".csv", ".html"))]
    path = tmp_path_factory.mktemp("liteverify") / "j.db"
    with Database(path) as db:
        summary_ = import_paths(files, db)
        assert not summary_.failures and summary_.revised >= 1
        add_alias(db, "别名单位", list_units(db)[0].name)
    with Database(path, readonly=True) as db, db.connect() as conn:
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM findings WHERE code LIKE 'form.%weight_mismatch'"
        ).scalar()
    return path


def _core_figures(conn: Any) -> dict[str, Any]:
    return {
        "tally": tally.recount(conn),
        "tally stored": tally.stored(conn),
        "codes stored": tally.stored_codes(conn),
        "sums": summary.recount(conn),
        **{f"{t.name} stored": summary.stored(conn, t) for t, _ in summary.ROLLUPS},
        "row counts": summary.stored_row_counts(conn),
        "differences": summary.differences(conn),
    }


def _lite_figures(reader: Reader) -> dict[str, Any]:
    return {
        "tally": lite.tally_recount(reader),
        "tally stored": lite.tally_stored(reader),
        "codes stored": lite.codes_stored(reader),
        "sums": lite.summary_recount(reader),
        **{f"{name} stored": lite.summary_stored(reader, name) for name, _ in lite.ROLLUPS},
        "row counts": lite.stored_row_counts(reader, "unit_year_counts"),
        "differences": lite.differences(reader),
    }


def _sent(call: Callable[[], Any], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[Any], Any, list[Any]]:
    """(SQLAlchemy's report, its statements, the Reader's report, its statements) for one file."""
    core_sent: list[Any] = []
    lite_sent: list[Any] = []

    def record(_c: Any, _cur: Any, statement: str, parameters: Any, _ctx: Any, _many: bool) -> None:
        core_sent.append((statement, tuple(parameters)))

    core, reader = call()
    event.listen(Engine, "before_cursor_execute", record)
    try:
        with core:
            core_report = verify(core)
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    original = Reader.execute

    def recording(self: Reader, sql: str, params: tuple[Any, ...] = ()) -> Any:
        lite_sent.append((sql, tuple(params)))
        return original(self, sql, params)

    monkeypatch.setattr(Reader, "execute", recording)
    with reader:
        lite_report = lite.verify(reader)
    return core_report, core_sent, lite_report, lite_sent


# one kind of damage each: what verify must find, and the lite path find alike
DAMAGE = {
    "original changed": "UPDATE document_contents SET content = X'00' || content "
    "WHERE document_id = (SELECT min(document_id) FROM document_contents)",
    "original missing": "DELETE FROM document_contents WHERE document_id = (SELECT max(id) FROM documents)",
    "two current versions": "DROP INDEX uq_forms_current; UPDATE forms SET superseded = 0",
    "a finding lost": "DELETE FROM findings WHERE id = (SELECT min(id) FROM findings WHERE current = 1)",
    "tally changed": "UPDATE finding_tallies SET count = count + 1 WHERE rowid = (SELECT min(rowid) FROM finding_tallies)",
    "code tally changed": "UPDATE code_tallies SET count = count - 1 WHERE rowid = (SELECT max(rowid) FROM code_tallies)",
    "form sum changed": "UPDATE form_summaries SET funds = funds + 0.5 "
    "WHERE rowid = (SELECT min(rowid) FROM form_summaries WHERE forms > 0)",
    "year sum cell missing": "DELETE FROM year_summaries WHERE rowid = (SELECT max(rowid) FROM year_summaries)",
    "unit count changed": "UPDATE unit_year_counts SET units = units + 1 "
    "WHERE rowid = (SELECT min(rowid) FROM unit_year_counts)",
    "a form's budget changed": "UPDATE forms SET budget_planned = budget_planned * 2 WHERE id = "
    "(SELECT min(id) FROM forms WHERE superseded = 0 AND budget_planned > 0)",
    "a form's grade changed": "UPDATE forms SET grade = 'x' WHERE id = (SELECT max(id) FROM forms WHERE superseded = 0)",
}


@pytest.mark.parametrize("damage", [None, *DAMAGE], ids=lambda d: d or "healthy")
def test_lite_verify_sends_and_finds_what_sqlalchemy_does(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str | None
) -> None:
    path = seeded
    if damage is not None:
        path = tmp_path / "damaged.db"
        shutil.copy(seeded, path)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA foreign_keys=OFF")
            *before, change = DAMAGE[damage].split("; ")
            for sql in before:
                conn.execute(sql)
            assert conn.execute(change).rowcount >= 1
    core_report, core_sent, lite_report, lite_sent = _sent(
        lambda: (Database(path, readonly=True), open_database(str(path), readonly=True)), monkeypatch
    )
    assert isinstance(lite_report, lite.VerifyReport) and lite_report == core_report
    assert lite_report.ok is (damage is None), lite_report.problems
    assert lite_sent == core_sent
    with Database(path, readonly=True) as db, db.connect() as conn:
        core = _core_figures(conn)
    with open_database(str(path), readonly=True) as reader:
        assert isinstance(reader, Reader)
        assert _lite_figures(reader) == core


def _close(a: Any, b: Any) -> bool:
    """Equal, floats within rounding (PostgreSQL may add a column in another order)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)
    return bool(a == b)


@pytest.mark.usefixtures("fake_reviewer")
def test_figures_equal_sqlalchemys_on_every_back_end(db_url: str, tmp_path: Path) -> None:
    """The same documents stored in ``db_url`` (SQLite or PostgreSQL) and in an SQLite file:
    SQLAlchemy's figures of the one are the lite figures of the other."""
    docs = [
        write_doc(tmp_path / "a.json", project_form(), department_form()),
        write_doc(tmp_path / "b.json", project_form(unit="另一单位", year=2021, total=88.5, scores=(8, 9))),
        write_doc(tmp_path / "c.json", project_form(total=97.25)),  # a revision of a.json's project form
        write_doc(tmp_path / "d.json", department_form(year=2021, total=91)),
    ]
    copy = tmp_path / "copy.db"
    for url in (db_url, str(copy)):
        with Database(url) as db:
            for doc in docs:
                assert not import_paths([doc], db).failures
    with Database(db_url, readonly=True) as db, db.connect() as conn:
        core = _core_figures(conn)
        core_report = verify(db)
    with open_database(str(copy), readonly=True) as reader:
        assert isinstance(reader, Reader)
        figures = _lite_figures(reader)
        lite_report = lite.verify(reader)
    assert core["sums"] and core["tally"]
    assert _close(figures, core), (figures, core)
    assert lite_report == core_report
