"""Database commands start fast: the migration check is one query, Alembic only when due."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

from jixiao.store import Database
from jixiao.store._db import shipped_heads


def test_shipped_heads_are_alembics_heads() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("jixiao.store") / "migrations"))
    assert shipped_heads() == frozenset(ScriptDirectory.from_config(cfg).get_heads())


def test_up_to_date_database_opens_without_alembic(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    Database(db).close()  # created and migrated
    code = (
        "import sys\n"
        "from jixiao.store import Database\n"
        f"Database({str(db)!r}, create=False).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'jixiao') "
        "and m.startswith(('alembic', 'jixiao.read', 'jixiao.review'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_database_without_version_table_is_migrated(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "old.db"
    sqlite3.connect(db).close()  # an empty SQLite file: no alembic_version table yet
    from jixiao.store._db import schema_state

    with Database(db, create=False) as database, database.engine.connect() as conn:
        assert schema_state(conn) == ("current", ",".join(sorted(shipped_heads())))
