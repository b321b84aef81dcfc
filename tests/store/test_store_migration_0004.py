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
