"""The SQLite read path on ``sqlite3`` (``store.Reader``) sends what SQLAlchemy sends and answers
what it answers: every statement (SQL text and parameters) of ``list_forms``, ``get_form``,
``stats`` and ``list_units`` compared on a seeded database, then the commands' whole output."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import product
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from jixiao.cli import _common, app
from jixiao.store import (
    Database,
    FormFilter,
    Reader,
    add_alias,
    get_form,
    import_paths,
    list_forms,
    list_units,
    open_database,
    stats,
)
from jixiao.store import _lite as lite
from jixiao.store import _query as core_query
from jixiao.store import _stats as core_stats

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus" / "files"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real forms of several units and years, a revision, forms without a unit, an alias."""
    seeds = REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} not found")
    files = [seeds, *sorted(p for p in CORPUS.glob("*") if p.name.startswith(("f0", "x0", "c0")))]
    path = tmp_path_factory.mktemp("lite") / "j.db"
    with Database(path) as db:
        summary = import_paths([p for p in files if p.suffix != ".json"], db)
        assert not summary.failures and summary.revised >= 1
        units = list_units(db)
        add_alias(db, "别名单位", units[0].name)
    with Database(path, readonly=True) as db, db.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM forms WHERE unit_id IS NULL").scalar()
    return path


def _sent_by_sqlalchemy(call: Callable[[], Any]) -> tuple[Any, list[tuple[str, tuple[Any, ...]]]]:
    sent: list[tuple[str, tuple[Any, ...]]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        sent.append((statement, tuple(parameters)))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        return call(), sent
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def _sent_by_reader(
    monkeypatch: pytest.MonkeyPatch, call: Callable[[], Any]
) -> tuple[Any, list[tuple[str, tuple[Any, ...]]]]:
    sent: list[tuple[str, tuple[Any, ...]]] = []
    for name in ("execute", "columns"):
        original = getattr(Reader, name)

        def recording(self: Reader, sql: str, params: tuple[Any, ...] = (), _f: Any = original) -> Any:
            sent.append((sql, tuple(params)))
            return _f(self, sql, params)

        monkeypatch.setattr(Reader, name, recording)
    try:
        return call(), sent
    finally:
        monkeypatch.undo()


@pytest.fixture
def both(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """``both(core, lite)``: each run on a freshly opened database, statements and answers equal."""

    def check(core: Callable[[Database], Any], lite_call: Callable[[Reader], Any]) -> None:
        def run_core() -> Any:
            with Database(seeded, create=False, readonly=True) as db:
                return core(db)

        def run_lite() -> Any:
            with open_database(str(seeded), readonly=True) as db:
                assert isinstance(db, Reader)
                return lite_call(db)

        core_answer, core_sent = _sent_by_sqlalchemy(run_core)
        lite_answer, lite_sent = _sent_by_reader(monkeypatch, run_lite)
        assert lite_sent == core_sent
        assert lite_answer == core_answer

    yield check


UNITS = (None, "别名单位", "局", "武汉", "没有这个单位")


@pytest.mark.parametrize(
    ("unit", "year", "kind", "grade", "has_errors", "superseded"),
    [
        *product(UNITS, (None, 2020), (None, "project_self_evaluation"), (None,), (None,), (False,)),
        *product((None, "局"), (None,), (None,), (None, "优"), (None, True, False), (False, True)),
    ],
)
def test_list_forms_same_statements_and_rows(both, unit, year, kind, grade, has_errors, superseded) -> None:  # type: ignore[no-untyped-def]
    f = FormFilter(unit, year, kind, grade, has_errors, superseded)
    for limit, offset in ((None, 0), (3, 0), (5, 2)):
        both(
            lambda db, f=f, n=limit, o=offset: core_query.list_forms(db, f, limit=n, offset=o),
            lambda db, f=f, n=limit, o=offset: list_forms(db, f, limit=n, offset=o),
        )


@pytest.mark.parametrize(
    ("unit", "year", "kind"), list(product(UNITS, (None, 2020, 2023), (None, "project_target")))
)
def test_stats_same_statements_and_rows(both, unit, year, kind) -> None:  # type: ignore[no-untyped-def]
    f = FormFilter(unit=unit, year=year, kind=kind)
    for limit in (None, 1, 3, 50):
        both(
            lambda db, f=f, n=limit: core_stats.stats(db, f, limit=n),
            lambda db, f=f, n=limit: stats(db, f, limit=n),
        )


def test_every_form_and_units_same_statements_and_answers(both, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    with Database(seeded, readonly=True) as db:
        ids = [r.id for r in core_query.list_forms(db, FormFilter(include_superseded=True))[0]]
    assert len(ids) > 40
    for form_id in [*ids, max(ids) + 1]:
        both(lambda db, i=form_id: core_query.get_form(db, i), lambda db, i=form_id: get_form(db, i))
    both(lambda db: list_units(db), lambda db: list_units(db))


def test_commands_print_the_same_on_both_paths(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole output of the read commands through ``Reader`` and through SQLAlchemy."""
    for console in (_common.out, _common.err):
        monkeypatch.setattr(console, "width", 100)
    commands = [
        ["forms"],
        ["forms", "-n", "0", "--all-revisions"],
        ["forms", "--unit", "局", "--has-errors"],
        ["forms", "--unit", "没有这个单位"],
        ["stats"],
        ["stats", "--unit", "别名单位", "-n", "0"],
        ["stats", "--year", "2020"],
        ["aliases", "list"],
        ["show", "1"],
        ["show", "2"],
        ["show", "99999"],
        ["verify"],
    ]

    def outputs() -> list[tuple[int, str, str]]:
        runner = CliRunner()
        done = [runner.invoke(app, [*c, "--db", str(seeded)], catch_exceptions=False) for c in commands]
        return [(r.exit_code, r.stdout, r.stderr) for r in done]

    fast = outputs()
    monkeypatch.setattr(lite, "_plain_sqlite_path", lambda _url: None)  # every command on SQLAlchemy
    assert outputs() == fast
    assert any("编号" in out for _, out, _ in fast) and fast[-2][0] != 0


def test_reader_refuses_what_database_refuses(tmp_path: Path) -> None:
    """A missing file, a file that is not SQLite and an empty SQLite file: the same one-line
    Chinese message on both paths."""
    import sqlite3

    from jixiao.store import StoreError

    missing = tmp_path / "none.db"
    foreign = tmp_path / "notes.db"
    foreign.write_text("不是数据库", encoding="utf-8")
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    for path in (missing, foreign, empty):
        messages = []
        for opener in (lambda p: open_database(str(p), readonly=True), lambda p: Database(p, readonly=True)):
            with pytest.raises(StoreError) as caught:
                opener(path).close()
            messages.append(str(caught.value))
        assert messages[0] == messages[1] and str(path) in messages[0]


@pytest.mark.parametrize("width", [60, 100])
def test_show_of_every_form_prints_the_same_without_models(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """``show`` on ``Reader`` prints from the stored form-v1 object (``FormView``), not models:
    every stored form, revisions included, prints as through SQLAlchemy and the models."""
    for console in (_common.out, _common.err):
        monkeypatch.setattr(console, "width", width)
    with Database(seeded, readonly=True) as db:
        ids = [r.id for r in core_query.list_forms(db, FormFilter(include_superseded=True))[0]]

    def outputs() -> list[tuple[int, str, str]]:
        runner = CliRunner()
        done = [
            runner.invoke(app, ["show", str(i), "--db", str(seeded)], catch_exceptions=False) for i in ids
        ]
        return [(r.exit_code, r.stdout, r.stderr) for r in done]

    fast = outputs()
    monkeypatch.setattr(lite, "_plain_sqlite_path", lambda _url: None)
    assert outputs() == fast
    assert all(code == 0 for code, _, _ in fast)
    assert any("预算执行" in out and "重算得分 " in out and "审核发现（" in out for _, out, _ in fast)


def test_verify_of_an_sqlite_file_opens_no_full_database(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``verify`` recounts on ``sqlite3`` (``_lite_verify``): the file is opened once, as a
    ``Reader``, and no SQLAlchemy ``Database`` is made."""
    made: list[str] = []
    real = Database.__init__
    monkeypatch.setattr(Database, "__init__", lambda *a, **k: made.append("database") or real(*a, **k))
    done = CliRunner().invoke(app, ["verify", "--db", str(seeded)], catch_exceptions=False)
    assert done.exit_code == 0 and "数据库完好" in done.stdout
    assert made == []
