"""Migration 0004 (the partial index of the weights check) upgrades an 0003 database in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from jixiao.store import Database, FormFilter, import_paths, stats
from jixiao.store._db import _script_directory

from .conftest import SEEDS, row_counts

SEED = SEEDS / "000_c6262f2adeb9f1e7.txt"
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"{SEEDS} not found")


def _indexes(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return {i["name"] for i in inspect(conn).get_indexes("findings")}


def _to(db: Database, revision: str) -> None:
    from alembic import command

    cfg, _ = _script_directory()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def test_upgrade_from_0003_keeps_the_data_and_adds_the_index(db_url: str, tmp_path: Path) -> None:
    with Database(db_url) as db:
        assert import_paths([SEED], db).failures == []
        before = row_counts(db)
        stats_before = stats(db, FormFilter())
        assert "ix_findings_structure" in _indexes(db)
        _to(db, "0003_integrity")
        assert "ix_findings_structure" not in _indexes(db)
    with Database(db_url) as db:  # a writer opening an old database upgrades it
        assert "ix_findings_structure" in _indexes(db)
        assert row_counts(db) == before
        assert stats(db, FormFilter()) == stats_before


def test_queue_state_filter_finds_exactly_the_forms_in_that_state(db: Database) -> None:
    """The state filter reads the workflow rows for any state but the default (ix_form_workflow_state)."""
    from jixiao import store

    assert import_paths([SEEDS / "003_505f7a29082f0700.txt"], db).failures == []
    rows, total = store.list_queue(db, store.QueueFilter())
    assert total == 19  # 003 prints 19 self-evaluation titles
    returned = {rows[0].id, rows[3].id}
    for form_id in returned:
        assert store.transition(db, form_id, "return", "审核员", "请改") == "returned"
    got, n = store.list_queue(db, store.QueueFilter(state="returned"))
    assert n == 2 and {r.id for r in got} == returned and {r.state for r in got} == {"returned"}
    rest, m = store.list_queue(db, store.QueueFilter(state="submitted"), limit=100)
    assert m == 17 and not returned & {r.id for r in rest}
    assert store.list_queue(db, store.QueueFilter(state="approved"))[1] == 0
